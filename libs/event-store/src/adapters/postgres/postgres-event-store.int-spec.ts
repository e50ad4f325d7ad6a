import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropTestDatabase, freshTestDatabase } from '../../../../../test/setup/test-db';
import { EventStoreUnavailableError } from '../../event-store.errors';
import type { AppendContext, RecordedEvent } from '../../event-store.port';
import { handleCommand, type Decider } from '../../handle-command';
import { GENESIS_HASH, verifyChain } from '../../hash-chain';
import { PostgresEventStore, READ_ALL } from './postgres-event-store';

const TIMEOUT = 60_000;

const context = (commandId: string): AppendContext => ({
  actor: { id: 'u1', name: 'Handler', role: 'handler', orgUnit: 'org-1' },
  commandId,
  correlationId: commandId,
  causationId: commandId,
  occurredAt: '2024-05-06T09:30:00+08:00',
});

type Step = { type: 'Stepped'; data: { writer: number; seq: number } };
const stepper: Decider<null, Step['data'], Step> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [{ type: 'Stepped', data: command }],
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresEventStore', () => {
  let url: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    url = await freshTestDatabase('pg_event_store');
    store = new PostgresEventStore({
      connectionString: url,
      pollIntervalMs: 100,
      retryMs: 50,
      maxRetryMs: 400,
    });
    await store.migrate();
  }, TIMEOUT);

  afterAll(async () => {
    await store?.close();
    if (url) await dropTestDatabase(url);
  }, TIMEOUT);

  it(
    'reads a catch-up page and its horizon through the transaction index, even on a table without statistics',
    async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        // A temporary table stands in for `events` in this session; autovacuum never analyses one.
        await client.query('CREATE TEMP TABLE events (LIKE public.events INCLUDING ALL)');
        await client.query(
          `INSERT INTO events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at, transaction_id)
           SELECT i, 'case-' || (i % 500), i / 500, gen_random_uuid(), 'Stepped', '{}', '{}', now(), (i / 4)::text::xid8
           FROM generate_series(1, 20000) AS i`,
        );
        const { text } = READ_ALL([]);
        await client.query(`PREPARE read_all_plan AS ${text}`);
        const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
          "EXPLAIN (FORMAT JSON) EXECUTE read_all_plan('4000', 16000, 'case-', 100, NULL)",
        );
        const plan = JSON.stringify(rows[0]['QUERY PLAN']);
        expect(plan).toContain('events_transaction_id_global_position_idx');
        expect(plan).not.toContain('Seq Scan');
      } finally {
        await client.end();
      }
    },
    TIMEOUT,
  );

  it(
    'appends through a plan made once per connection, which finds the head by index even on an empty table',
    async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      const plans: string[] = [];
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      try {
        // A temporary table without statistics stands in for `events` in this session; auto_explain
        // (loaded as the test server's superuser) reports the plan of the statement inside the function.
        await client.query('CREATE TEMP TABLE events (LIKE public.events INCLUDING ALL)');
        await client.query("LOAD 'auto_explain'");
        await client.query(
          "SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = 'notice'",
        );
        const append = (revision: number, hash: string) =>
          client.query(
            `SELECT * FROM event_store_append('plan-1', $1, now(), ARRAY[gen_random_uuid()], ARRAY['Stepped'],
                     ARRAY['{}'::jsonb], ARRAY[jsonb_build_object('hash', $2::text)], $3, NULL)`,
            [revision, `h${revision + 1}`, hash],
          );
        await append(-1, GENESIS_HASH);
        await append(0, 'h0');
        const inner = plans.filter((plan) => plan.includes('INSERT INTO events'));
        expect(inner).toHaveLength(2);
        for (const plan of inner) {
          expect(plan).toMatch(/Index Scan Backward using \S+ on events e/);
          expect(plan).toMatch(/Index Scan using \S+ on events c/);
          expect(plan).not.toContain('Seq Scan');
        }
        // Made for any parameters (a generic plan), not for this stream's name.
        expect(inner[1]).toMatch(/stream_id = \$\d+/);
        expect(inner[1]).not.toContain("'plan-1'");
        expect((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(2);
      } finally {
        await client.end();
      }
    },
    TIMEOUT,
  );

  it(
    'migrates idempotently, also from several processes at once',
    async () => {
      const others = [1, 2, 3].map(() => new PostgresEventStore({ connectionString: url }));
      try {
        await Promise.all([store.migrate(), ...others.map((other) => other.migrate())]);
      } finally {
        await Promise.all(others.map((other) => other.close()));
      }
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
        );
        expect(rows.map((row) => row.column_name)).toEqual([
          'global_position',
          'stream_id',
          'revision',
          'event_id',
          'type',
          'data',
          'metadata',
          'recorded_at',
          'transaction_id',
        ]);
      } finally {
        await admin.end();
      }
    },
    TIMEOUT,
  );

  it(
    'orders revisions numerically past 9 when finding the stream head',
    async () => {
      const stream = `head-${randomUUID()}`;
      for (let i = 0; i < 12; i++) {
        await store.append(stream, [{ type: 'E', data: { i } }], {
          expectedRevision: i === 0 ? 'no-stream' : String(i - 1),
          context: context(randomUUID()),
        });
      }
      const events = await store.read(stream);
      expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
      expect(verifyChain(events).intact).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'pages the global order by transaction id as a number, also where its digits grow (9, 10, 100)',
    async () => {
      // Rows as if written by transactions 9, 10, 99 and 100 of a young cluster: all long committed.
      // Sorted as text ('10' < '100' < '9' < '99') a page of one would skip and repeat events.
      const prefix = `digits-${randomUUID().slice(0, 8)}-`;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      try {
        for (const [i, transactionId] of ['9', '10', '99', '100'].entries()) {
          await admin.query(
            `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, transaction_id)
             VALUES ($1, 0, $2, 'E', $3, '{}', now(), $4::xid8)`,
            [`${prefix}${i}`, randomUUID(), JSON.stringify({ i }), transactionId],
          );
        }
      } finally {
        await admin.end();
      }
      const read: unknown[] = [];
      let from: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.readAll({ fromPosition: from, limit: 1, streamPrefix: prefix });
        if (page.events.length === 0) break;
        read.push(...page.events.map((event) => event.data));
        from = page.lastPosition;
      }
      expect(read).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
    },
    TIMEOUT,
  );

  it(
    'reports an unreachable server as EventStoreUnavailableError',
    async () => {
      const down = new PostgresEventStore({
        connectionString: 'postgres://postgres@127.0.0.1:1/cadre_test_nowhere',
      });
      try {
        await expect(down.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await expect(down.read('any')).rejects.toMatchObject({
          code: 'EVENT_STORE.UNAVAILABLE',
          category: 'unavailable',
        });
        await expect(
          down.append('any', [{ type: 'E', data: {} }], {
            expectedRevision: 'any',
            context: context(randomUUID()),
          }),
        ).rejects.toBeInstanceOf(EventStoreUnavailableError);
      } finally {
        await down.close();
      }
    },
    TIMEOUT,
  );

  it(
    'keeps a subscription going across terminated backends, without loss or duplicates',
    async () => {
      const prefix = `kill-${randomUUID().slice(0, 8)}-`;
      const writers = 4;
      const perWriter = 150;
      const total = writers * perWriter;
      const delivered: RecordedEvent[] = [];
      const subscription = store.subscribeAll(
        { fromCheckpoint: null, streamPrefix: prefix },
        async (event) => {
          delivered.push(event);
          if (delivered.length % 50 === 0) await sleep(5);
        },
      );

      const write = async (writer: number): Promise<void> => {
        for (let seq = 0; seq < perWriter; seq++) {
          // The same commandId on every retry: an append whose COMMIT was cut off is not repeated.
          const commandId = randomUUID();
          for (;;) {
            try {
              await handleCommand(
                store,
                `${prefix}${(writer + seq) % 10}`,
                stepper,
                { writer, seq },
                { context: context(commandId), maxRetries: 100 },
              );
              break;
            } catch (err) {
              if (!(err instanceof EventStoreUnavailableError)) throw err;
              await sleep(20);
            }
          }
        }
      };

      const terminated: number[] = [];
      const killer = async (): Promise<void> => {
        const admin = new Client({ connectionString: url });
        await admin.connect();
        try {
          for (const threshold of [total / 4, total / 2, (3 * total) / 4]) {
            while (delivered.length < threshold) await sleep(10);
            const { rows } = await admin.query<{ killed: number }>(
              `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS killed
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
            );
            terminated.push(rows[0].killed);
          }
        } finally {
          await admin.end();
        }
      };

      try {
        await Promise.all([...Array.from({ length: writers }, (_, writer) => write(writer)), killer()]);
        const deadline = Date.now() + 20_000;
        while (delivered.length < total && Date.now() < deadline) await sleep(20);
        await sleep(500);
      } finally {
        await subscription.stop();
      }

      expect(terminated).toHaveLength(3);
      expect(terminated.every((killed) => killed > 0)).toBe(true);
      expect(delivered).toHaveLength(total);
      const positions = delivered.map((event) => BigInt(event.globalPosition));
      for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
      const pairs = new Set(delivered.map((event) => JSON.stringify(event.data)));
      expect(pairs.size).toBe(total);
      const stored = await store.readAll({ fromPosition: null, limit: 10_000, streamPrefix: prefix });
      expect(stored.events.map((event) => event.eventId)).toEqual(delivered.map((event) => event.eventId));
    },
    TIMEOUT,
  );
});
