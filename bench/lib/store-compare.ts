import { randomUUID } from 'node:crypto';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { GENESIS_HASH, PostgresEventStore, type AppendContext } from '@app/event-store';
import { phase } from './progress';
import { round, summarise, throughput, type LatencySummary } from './stats';

/**
 * Side by side on one workload: `events` single-event appends with an exact expected revision over
 * `streams` streams, by 1 and by 8 writers: a raw INSERT with UNIQUE(stream_id, revision), this
 * project's PostgreSQL store and Emmett's. A catch-up reader runs beside the 8 writers of each and
 * pages through what is being written; afterwards its reads are compared with the stored events.
 */

export interface StoreRun {
  store: 'raw INSERT' | 'this store' | 'Emmett';
  writers: number;
  events: number;
  perSecond: number;
  latency: LatencySummary;
  /** Retries after a concurrent writer took the expected revision first. */
  conflicts: number;
  ratioToRaw?: number;
  p99RatioToRaw?: number;
  ratioToEmmett?: number;
  catchUp?: CatchUp;
}

export interface CatchUp {
  stored: number;
  read: number;
  duplicates: number;
  missing: number;
  exact: boolean;
}

interface Subject {
  name: StoreRun['store'];
  /** Appends one event at `expected` (-1: no stream); returns false on a revision conflict. */
  append(stream: string, expected: number, i: number): Promise<boolean>;
  /** The stream's current last revision (-1: none), after a conflict. */
  head(stream: string): Promise<number>;
  /**
   * One catch-up page after `cursor` (null: the start): the event ids, the next cursor, and whether
   * committed events wait behind a transaction still in flight (only this store can tell).
   */
  page(cursor: string | null): Promise<{ ids: string[]; cursor: string | null; pending?: boolean }>;
  stored(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

const PAGE = 500;

function context(): AppendContext {
  const id = randomUUID();
  return {
    actor: { id: 'bench', name: '压测', role: 'handler', orgUnit: '市委组织部' },
    commandId: id,
    correlationId: id,
    causationId: id,
    occurredAt: '2025-01-01T00:00:00.000Z',
  };
}

const payload = (i: number) => ({ i, kind: 'talk', eligible: 30, participants: 25 });

async function rawSubject(url: string): Promise<Subject> {
  const pool = new Pool({ connectionString: url, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS raw_events (
    id bigserial PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL, revision bigint NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, UNIQUE (stream_id, revision))`);
  return {
    name: 'raw INSERT',
    async append(stream, expected, i) {
      try {
        await pool.query(
          'INSERT INTO raw_events (event_id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
          [
            randomUUID(),
            stream,
            expected + 1,
            'Tallied',
            JSON.stringify(payload(i)),
            JSON.stringify(context()),
          ],
        );
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === '23505') return false;
        throw err;
      }
    },
    async head(stream) {
      const { rows } = await pool.query<{ r: string | null }>(
        'SELECT max(revision)::text AS r FROM raw_events WHERE stream_id = $1',
        [stream],
      );
      return rows[0].r === null ? -1 : Number(rows[0].r);
    },
    // The naive reader: by id alone, as a table without the store's ordering would be read. (Ordered
    // by the column, not by the text `id` of the select list, which would sort '10' before '9'.)
    async page(cursor) {
      const { rows } = await pool.query<{ id: string; event_id: string }>(
        'SELECT id::text, event_id::text FROM raw_events WHERE id > $1 ORDER BY raw_events.id LIMIT $2',
        [cursor ?? '0', PAGE],
      );
      return { ids: rows.map((r) => r.event_id), cursor: rows.at(-1)?.id ?? cursor };
    },
    async stored(prefix) {
      const { rows } = await pool.query<{ event_id: string }>(
        'SELECT event_id::text FROM raw_events WHERE starts_with(stream_id, $1)',
        [prefix],
      );
      return rows.map((r) => r.event_id);
    },
    close: () => pool.end(),
  };
}

async function storeSubject(url: string): Promise<Subject> {
  const store = new PostgresEventStore({ connectionString: url, poolSize: 10 });
  await store.migrate();
  // As handleCommand does, a writer passes the head's hash it knows, so an append is one statement.
  const hashes = new Map<string, { revision: number; hash: string }>();
  return {
    name: 'this store',
    async append(stream, expected, i) {
      const known = hashes.get(stream);
      try {
        const result = await store.append(stream, [{ type: 'Tallied', data: payload(i) }], {
          expectedRevision: expected < 0 ? 'no-stream' : String(expected),
          expectedHash: expected < 0 ? GENESIS_HASH : known?.revision === expected ? known.hash : undefined,
          context: context(),
        });
        hashes.set(stream, { revision: Number(result.revision), hash: result.events[0].metadata.hash });
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'EVENT_STORE.WRONG_EXPECTED_REVISION') return false;
        throw err;
      }
    },
    async head(stream) {
      const events = await store.read(stream);
      return events.length - 1;
    },
    async page(cursor) {
      const page = await store.readAll({ fromPosition: cursor, limit: PAGE });
      return { ids: page.events.map((e) => e.eventId), cursor: page.lastPosition, pending: page.pending };
    },
    async stored(prefix) {
      const ids: string[] = [];
      let from: string | null = null;
      for (;;) {
        const page = await store.readAll({ fromPosition: from, limit: 5000, streamPrefix: prefix });
        if (page.events.length === 0) return ids;
        ids.push(...page.events.map((e) => e.eventId));
        from = page.lastPosition;
      }
    },
    close: () => store.close(),
  };
}

async function emmettSubject(url: string): Promise<Subject> {
  const pool = dumbo({ connectionString: url });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  const raw = new Pool({ connectionString: url, max: 2 });
  return {
    name: 'Emmett',
    async append(stream, expected, i) {
      try {
        await store.appendToStream(stream, [{ type: 'Tallied', data: payload(i), metadata: context() }], {
          expectedStreamVersion: expected < 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(expected + 1),
        });
        return true;
      } catch (err) {
        if ((err as Error).name === 'ExpectedVersionConflictError') return false;
        throw err;
      }
    },
    async head(stream) {
      const { rows } = await raw.query<{ v: string | null }>(
        'SELECT max(stream_position)::text AS v FROM emt_messages WHERE stream_id = $1',
        [stream],
      );
      return rows[0].v === null ? -1 : Number(rows[0].v) - 1;
    },
    // Emmett's own catch-up reader, as its consumers page.
    async page(cursor) {
      const batch = await readMessagesBatch(pool.execute, {
        ...(cursor === null ? { from: 0n } : { after: BigInt(cursor) }),
        batchSize: PAGE,
      });
      const ids = batch.messages.map((m) => String((m.metadata as { messageId: string }).messageId));
      return { ids, cursor: batch.messages.length > 0 ? String(batch.currentGlobalPosition) : cursor };
    },
    async stored(prefix) {
      const { rows } = await raw.query<{ message_id: string }>(
        'SELECT message_id FROM emt_messages WHERE starts_with(stream_id, $1)',
        [prefix],
      );
      return rows.map((r) => r.message_id);
    },
    async close() {
      await store.close();
      await raw.end();
    },
  };
}

/**
 * Reads pages until stopped and then until a page comes back empty with nothing pending (or 30 s
 * have passed: a transaction of another database on the server can hold the oldest-in-flight bound
 * back); returns every id read.
 */
function catchUpReader(subject: Subject): { stop(): Promise<string[]> } {
  const ids: string[] = [];
  let stopping = 0;
  const loop = (async () => {
    let cursor: string | null = null;
    for (;;) {
      const page = await subject.page(cursor);
      ids.push(...page.ids);
      cursor = page.cursor;
      if (page.ids.length === 0) {
        if (stopping > 0 && (!page.pending || Date.now() - stopping > 30_000)) return;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  })();
  return {
    async stop() {
      // Let in-flight transactions settle before the last empty page counts.
      await new Promise((r) => setTimeout(r, 200));
      stopping = Date.now();
      await loop;
      return ids;
    },
  };
}

async function run(subject: Subject, writers: number, events: number, streams: number): Promise<StoreRun> {
  const prefix = `w${writers}-${randomUUID().slice(0, 6)}-`;
  const known = new Map<string, number>();
  let conflicts = 0;
  const reader = writers > 1 ? catchUpReader(subject) : undefined;
  const result = await phase(`${subject.name} ×${writers}`, events, 'events', (tick) =>
    throughput(
      events,
      writers,
      async (i) => {
        const stream = `${prefix}${i % streams}`;
        for (;;) {
          const expected = known.get(stream) ?? -1;
          if (await subject.append(stream, expected, i)) {
            known.set(stream, Math.max(known.get(stream) ?? -1, expected + 1));
            return;
          }
          conflicts += 1;
          known.set(stream, await subject.head(stream));
        }
      },
      tick,
    ),
  );
  const row: StoreRun = {
    store: subject.name,
    writers,
    events,
    perSecond: round(result.perSecond, 0),
    latency: summarise(result.latencies),
    conflicts,
  };
  if (reader) {
    const read = (await reader.stop()).filter((id) => id !== undefined);
    const stored = await subject.stored(prefix);
    const storedSet = new Set(stored);
    const ours = read.filter((id) => storedSet.has(id));
    const seen = new Set(ours);
    const missing = stored.filter((id) => !seen.has(id)).length;
    const duplicates = ours.length - seen.size;
    row.catchUp = {
      stored: stored.length,
      read: ours.length,
      duplicates,
      missing,
      exact: duplicates === 0 && missing === 0,
    };
  }
  return row;
}

/**
 * Writes out what earlier sections left in shared buffers before a run starts: the section runs after
 * the rebuilds of a million events, and a checkpoint falling inside one store's run and not another's
 * had moved its p99 by half. Needs the right to CHECKPOINT (superuser or pg_checkpoint); without it the
 * runs go ahead as they are.
 */
async function settle(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await pool.end();
  }
}

/** Each store in its own fresh schema of `url` (a database whose name contains `bench`). */
export async function compareStores(
  url: string,
  options: { events: number; streams: number; levels: number[] },
): Promise<StoreRun[]> {
  if (!new URL(url).pathname.includes('bench'))
    throw new Error('the store comparison needs a bench database');
  const rows: StoreRun[] = [];
  for (const make of [rawSubject, storeSubject, emmettSubject]) {
    const subject = await make(url);
    try {
      for (const writers of options.levels) {
        await settle(url);
        rows.push(await run(subject, writers, options.events, options.streams));
      }
    } finally {
      await subject.close();
    }
  }
  for (const row of rows) {
    const raw = rows.find((r) => r.store === 'raw INSERT' && r.writers === row.writers);
    const emmett = rows.find((r) => r.store === 'Emmett' && r.writers === row.writers);
    if (raw) {
      row.ratioToRaw = round(row.perSecond / raw.perSecond, 2);
      row.p99RatioToRaw = round(row.latency.p99 / raw.latency.p99, 2);
    }
    if (emmett) row.ratioToEmmett = round(row.perSecond / emmett.perSecond, 2);
  }
  return rows;
}

export function storeTable(rows: readonly StoreRun[]): Array<[string, string]> {
  return rows.map((r) => [
    `${r.store}, ${r.writers} writer(s)`,
    `${r.perSecond} events/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ×${r.ratioToRaw} of raw (p99 ×${r.p99RatioToRaw})  ×${r.ratioToEmmett} of Emmett  ${r.conflicts} conflicts` +
      (r.catchUp
        ? `; catch-up read ${r.catchUp.read}/${r.catchUp.stored}, ${r.catchUp.duplicates} duplicates, ${r.catchUp.missing} missing${r.catchUp.exact ? ' (exact)' : ''}`
        : ''),
  ]);
}
