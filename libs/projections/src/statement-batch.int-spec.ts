import { Pool, type PoolClient } from 'pg';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { dropTestDatabase, freshTestDatabase } from '../../../test/setup/test-db';
import { ProjectionRunner } from './projection-runner';
import { createProjections } from './projections.registry';
import { migrateProjections } from './projections.schema';
import { StatementBatch } from './statement-batch';
import { seedCases } from './testing/case-events.fixture';
import { checkpointOf, headPosition, waitFor } from './testing/projection-tables';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

const awkward = [
  "单引号 ' 与 '' 两个",
  "反斜杠 \\ 和 \\\\ 以及 \\' 与末尾\\",
  '美元符号 $1 $2 $$ 不是参数',
  '换行\n回车\r制表\t',
  "\\N \\. E'x' 表情 🙂",
  '',
];

describe('StatementBatch on PostgreSQL (int)', () => {
  let url: string;
  let pool: Pool;

  beforeAll(async () => {
    url = await freshTestDatabase('statement_batch');
    pool = new Pool({ connectionString: url, max: 8 });
  });

  afterAll(async () => {
    await pool?.end();
    if (url) await dropTestDatabase(url);
  });

  it.each(['on', 'off'])(
    'brings every text back unchanged as a literal, with standard_conforming_strings %s',
    async (conforming) => {
      const client = await pool.connect();
      try {
        await client.query(`SET standard_conforming_strings = ${conforming}`);
        const batch = new StatementBatch();
        for (const text of awkward) batch.add('SELECT $1::text AS v', [text]);
        batch.add('SELECT $1::text[] AS v', [awkward]);
        batch.add('SELECT $1::jsonb AS v', [JSON.stringify({ awkward })]);
        batch.add('SELECT $1::int AS n, $2::text AS t, $3::bool AS b', [42, null, true]);
        const results = await batch.run(client);
        expect(results.slice(0, awkward.length).map((r) => r.rows[0].v)).toEqual(awkward);
        expect(results[awkward.length].rows[0].v).toEqual(awkward);
        expect(results[awkward.length + 1].rows[0].v).toEqual({ awkward });
        expect(results[awkward.length + 2].rows[0]).toEqual({ n: 42, t: null, b: true });
      } finally {
        await client.query('RESET standard_conforming_strings');
        client.release();
      }
    },
  );

  it('stops at the first failing statement, and ROLLBACK leaves nothing of the batch', async () => {
    await pool.query('CREATE TABLE batch_rows (id int PRIMARY KEY)');
    const client = await pool.connect();
    try {
      const batch = new StatementBatch();
      batch.add('BEGIN');
      batch.add('INSERT INTO batch_rows VALUES ($1)', [1]);
      batch.add('INSERT INTO batch_rows VALUES ($1)', [1]);
      batch.add('INSERT INTO batch_rows VALUES ($1)', [2]);
      batch.add('COMMIT');
      await expect(batch.run(client)).rejects.toThrow(/duplicate key/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM batch_rows')).rows[0].n).toBe(0);
  });

  it('refuses a value it cannot write as a literal, and a statement that names a missing value', () => {
    expect(() => new StatementBatch().add('SELECT $1::text', ['空字符\0在中间'])).toThrow(/NUL/);
    expect(() => new StatementBatch().add('SELECT $1::float', [Number.NaN])).toThrow(/finite/);
    expect(() => new StatementBatch().add('SELECT $2::text', ['只有一个'])).toThrow(/\$2/);
    expect(() => new StatementBatch().add('SELECT $1::jsonb', [{ an: 'object' }])).toThrow(/literal/);
  });

  it('lets the projection runner write a batch of every projection in two round trips', async () => {
    const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
    await store.migrate();
    const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
    await migrateProjections(pool, projections);
    // Counts the statements sent on connections the runner takes from the pool for its batches.
    const sent: string[] = [];
    const counting = new Pool({ connectionString: url, max: 2 });
    const connect = counting.connect.bind(counting) as () => Promise<PoolClient>;
    const wrapped = new WeakSet<PoolClient>();
    counting.connect = (async (callback?: unknown) => {
      if (typeof callback === 'function')
        return (Pool.prototype.connect as (cb: unknown) => void).call(counting, callback);
      const client = await connect();
      if (!wrapped.has(client)) {
        wrapped.add(client);
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((...args: unknown[]) => {
          sent.push(typeof args[0] === 'string' ? args[0] : 'config');
          return query(...args);
        }) as typeof client.query;
      }
      return client;
    }) as typeof counting.connect;
    await seedCases(store, 5);
    const runner = new ProjectionRunner({
      pool: counting,
      store,
      projections,
      batchSize: 10_000,
      batchMs: 200,
      logger: quiet,
    });
    runner.start();
    try {
      const head = await headPosition(pool);
      await waitFor(async () => (await checkpointOf(pool, 'case-list')) === head, 20_000, 'catch-up');
    } finally {
      await runner.stop();
      await counting.end();
      await store.close();
    }
    const batches = sent.filter((text) => text.startsWith('BEGIN'));
    expect(batches.length).toBeGreaterThanOrEqual(1);
    // Each batch: one text of reads that begins the transaction, one of writes that commits it.
    expect(sent.length).toBe(2 * batches.length);
    expect(sent.filter((text) => text.trimEnd().endsWith('COMMIT'))).toHaveLength(batches.length);
  });

  it('lets the projection runner find a checkpoint moved under it in the commit, and restart from the row', async () => {
    const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
    const [caseList] = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
    await migrateProjections(pool, [caseList]);
    const warnings: string[] = [];
    const runner = new ProjectionRunner({
      pool,
      store,
      projection: caseList,
      batchMs: 20,
      logger: { ...quiet, warn: (message) => warnings.push(message) },
    });
    runner.start();
    try {
      await seedCases(store, 2);
      await waitFor(
        async () => (await checkpointOf(pool, caseList.name)) === (await headPosition(pool)),
        20_000,
        'catch-up',
      );
      // As a rebuild's swap would: the row is somewhere the runner did not put it.
      await pool.query('UPDATE projection_checkpoints SET position = NULL WHERE name = $1', [caseList.name]);
      await seedCases(store, 2);
      await waitFor(async () => warnings.some((w) => w.includes('checkpoint moved')), 20_000, 'the warning');
      await waitFor(
        async () => (await checkpointOf(pool, caseList.name)) === (await headPosition(pool)),
        20_000,
        'catch-up from the moved checkpoint',
      );
    } finally {
      await runner.stop();
      await store.close();
    }
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM case_list');
    expect(rows[0].n).toBe(
      (await pool.query<{ n: number }>('SELECT count(DISTINCT stream_id)::int AS n FROM events')).rows[0].n,
    );
  });
});
