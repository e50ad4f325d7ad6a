import { type AppointmentDecider, CASE_STREAM_PREFIX, caseStreamId } from '@app/appointment';
import { inTransaction, type EventStore } from '@app/event-store';
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { CASE_TIMELINE, REBUILD_PAGE_SIZE } from '@app/projections';
import type { Pool } from 'pg';
import { seedCases } from '../../libs/projections/src/testing/case-events.fixture';
import { appendGrownCase } from '../../test/fault/support/grown-case';
import { cpuAvailable, PostgresCpuWatch } from './cpu-usage';
import { phase } from './progress';
import { round, summarise, type LatencySummary } from './stats';

export interface FoldResult {
  events: number;
  readMs: LatencySummary;
  foldMs: LatencySummary;
  eventsPerSecond: number;
}

/** Reading and folding one case of `events` events, `times` times. */
export async function foldBench(
  store: EventStore,
  decider: AppointmentDecider,
  events: number,
  times: number,
): Promise<FoldResult> {
  const { caseId } = await appendGrownCase(store, decider, events);
  const reads: number[] = [];
  const folds: number[] = [];
  await phase(`fold a ${events}-event case`, times, 'folds', async (tick) => {
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      const history = await store.read(caseStreamId(caseId));
      const t1 = performance.now();
      history.reduce((state, event) => decider.evolve(state, event), decider.initialState());
      folds.push(performance.now() - t1);
      reads.push(t1 - t0);
      tick();
    }
  });
  const foldMs = summarise(folds);
  return {
    events,
    readMs: summarise(reads),
    foldMs,
    eventsPerSecond: round(events / (foldMs.p50 / 1000), 0),
  };
}

/**
 * Grows the store to `target` events: real case sequences appended through the store, then copied
 * in SQL under new case ids (each copy a distinct, complete case) until there are enough. Appending
 * a million events one case at a time would take longer than the rest of the bench together.
 */
export async function growStore(pool: Pool, store: EventStore, target: number): Promise<number> {
  const count = async () =>
    Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0].n);
  let have = await count();
  return phase('grow the store', target, 'events', async (_tick, set) => {
    set(Math.min(have, target));
    const seedTarget = Math.min(target, 20_000);
    while (have < seedTarget) {
      await Promise.all(Array.from({ length: 4 }, () => seedCases(store, 25)));
      have = await count();
      set(Math.min(have, target));
    }
    for (let copy = 1; have < target; copy++) {
      const take = Math.min(have, target - have);
      // Positions come from the store's sequence, in the order of the copied events.
      await pool.query(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         SELECT 'appointment-' || c.id, revision, gen_random_uuid(), type,
                CASE WHEN data ? 'caseId' THEN jsonb_set(data, '{caseId}', to_jsonb(c.id)) ELSE data END, metadata, recorded_at
           FROM (SELECT e.*, md5(e.stream_id || ':' || $1::text)::uuid::text AS id FROM events e
                 ORDER BY transaction_id, global_position LIMIT $2) AS c
          ORDER BY c.transaction_id, c.global_position`,
        [`copy-${copy}`, take],
      );
      have = await count();
      set(Math.min(have, target));
    }
    // Bulk copies outrun autovacuum: with statistics of a 20 000-event table the planner reads each
    // page of readAll by a sequential scan, and the rebuild measured would be the planner's mistake.
    await pool.query('ANALYZE events');
    return have;
  });
}

export interface SideBySide {
  /** Cases whose events the reordered store interleaves at any one time. */
  activeCases: number;
  /** Distinct cases in a page of the rebuild's replay, on average. */
  casesPerPage: number;
}

/**
 * Reorders the grown store so that `activeCases` cases run side by side, as in a real store where
 * cases last months: the events of each group of that many cases come round-robin by revision (every
 * case's first event, then every second one …), each case's own order kept. The copies growStore
 * makes run one case after another, which a store with many open cases never does.
 */
export async function interleaveStore(pool: Pool, activeCases: number): Promise<SideBySide> {
  return phase(`reorder: ${activeCases} cases side by side`, 3, 'steps', async (tick) => {
    await inTransaction(pool, async (client) => {
      await client.query(
        `CREATE TEMP TABLE reordered ON COMMIT DROP AS
         SELECT e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata, e.recorded_at, r.rank
         FROM events e
         JOIN (SELECT stream_id, row_number() OVER (ORDER BY md5(stream_id)) AS rank
               FROM (SELECT DISTINCT stream_id FROM events) AS s) AS r USING (stream_id)`,
      );
      tick();
      await client.query('TRUNCATE events');
      await client.query(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         SELECT stream_id, revision, event_id, type, data, metadata, recorded_at FROM reordered
         ORDER BY rank / $1, revision, rank`,
        [activeCases],
      );
      tick();
    });
    await pool.query('VACUUM ANALYZE events');
    const { rows } = await pool.query<{ n: string }>(
      `SELECT round(avg(n))::text AS n FROM (
         SELECT count(DISTINCT stream_id) AS n FROM (
           SELECT (row_number() OVER (ORDER BY transaction_id, global_position) - 1) / $1 AS page, stream_id
           FROM events WHERE starts_with(stream_id, $2)) AS q
         GROUP BY page) AS pages`,
      [REBUILD_PAGE_SIZE, CASE_STREAM_PREFIX],
    );
    tick();
    return { activeCases, casesPerPage: Number(rows[0].n) };
  });
}

export interface ReadFloor {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * The rebuild's floor in the same run: the case events read alone, page by page through the store
 * as the rebuild reads them (same page size, no fold, nothing written). The machine's speed moves
 * from run to run; the rebuild's ratio to this tells a slower machine from a slower rebuild.
 */
export async function readFloor(
  store: EventStore,
  total: number,
  pageSize = REBUILD_PAGE_SIZE,
): Promise<ReadFloor> {
  return phase('read the events alone', total, 'events', async (tick) => {
    const started = performance.now();
    let events = 0;
    let from: string | null = null;
    for (;;) {
      const page = await store.readAll({
        fromPosition: from,
        limit: pageSize,
        streamPrefix: CASE_STREAM_PREFIX,
      });
      if (page.events.length === 0) break;
      events += page.events.length;
      from = page.events[page.events.length - 1].globalPosition;
      tick(page.events.length);
      if (page.events.length < pageSize) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds: round(seconds, 1), eventsPerSecond: round(events / seconds, 0) };
  });
}

export interface RebuildResult {
  projection: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Peak resident memory of the rebuild's own process. */
  peakRssMb: number;
  /**
   * CPU seconds of the rebuild's process (its own count) and of PostgreSQL's processes while it ran,
   * and how busy that kept the machine's cores: a rebuild that keeps every core busy is bound by
   * CPU, one that does not waits on something (null where /proc cannot be read).
   */
  cpu: { rebuildSeconds: number; postgresSeconds: number; busyShare: number } | null;
}

/**
 * The timeline rebuilt by the operators' command as the image runs it, compiled
 * (`node dist/scripts/projections-rebuild.js case-timeline`; `npm run projections:rebuild` runs the
 * same file from source through tsx, about a tenth slower), as a process of its own on the bench
 * database: its speed and its peak memory are the rebuild's alone, not the bench's.
 */
export async function rebuildBench(
  root: string,
  script: string,
  databaseUrl: string,
): Promise<RebuildResult> {
  const postgres = cpuAvailable() ? new PostgresCpuWatch() : undefined;
  const output = await new Promise<string>((resolve, reject) => {
    const chunks: string[] = [];
    const child = spawn(process.execPath, [script, CASE_TIMELINE], {
      cwd: root,
      // NODE_PATH lets a build placed outside the repository (--rebuild-script) find its packages.
      env: {
        ...process.env,
        NODE_PATH: `${root}/node_modules`,
        DATABASE_URL: databaseUrl,
        EVENT_STORE: 'postgres',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk.toString());
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(chunks.join('')) : reject(new Error(`projections:rebuild exited with ${code}`)),
    );
  }).finally(() => postgres?.stop());
  const line = new RegExp(
    `${CASE_TIMELINE}: (\\d+) events in ([\\d.]+) s \\((\\d+) events/s\\), peak memory (\\d+) MB, CPU ([\\d.]+) s`,
  ).exec(output);
  if (!line) throw new Error(`no result line from projections:rebuild: ${output.slice(-300)}`);
  const seconds = Number(line[2]);
  const rebuildSeconds = Number(line[5]);
  const postgresSeconds = postgres ? postgres.seconds() : null;
  return {
    projection: CASE_TIMELINE,
    events: Number(line[1]),
    seconds,
    eventsPerSecond: Number(line[3]),
    peakRssMb: Number(line[4]),
    cpu:
      postgresSeconds === null
        ? null
        : {
            rebuildSeconds,
            postgresSeconds: round(postgresSeconds, 1),
            busyShare: round((rebuildSeconds + postgresSeconds) / (seconds * cpus().length), 2),
          },
  };
}
