import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ChinaWorkingCalendar } from '@app/calendar';
import { caseStreamId } from '@app/appointment/appointment.streams';
import { PostgresEventStore, type RecordedEvent } from '@app/event-store';
import { dropTestDatabase, freshTestDatabase } from '../../../test/setup/test-db';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './projection-rebuild';
import type { Projection } from './projection.types';
import { liveTableNames, shadowTableNames } from './projection.types';
import { createProjections } from './projections.registry';
import { CASE_TIMELINE } from './writers/case-timeline.writer';
import { migrateProjections } from './projections.schema';
import { foldStored } from './writers/case-states';
import { caseEvents, contextFor, seedCases } from './testing/case-events.fixture';
import { checkpointOf, dumpProjection, headPosition, waitFor } from './testing/projection-tables';
import type { Deadline } from '@app/reminders/deadline-policy';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const calendar = new ChinaWorkingCalendar();

async function inTx(pool: Pool, fn: (client: import('pg').PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await fn(client);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

describe('projections on PostgreSQL (int)', () => {
  let url: string;
  let pool: Pool;
  let store: PostgresEventStore;
  let projections: Projection[];
  const sinkCalls: Array<{ added: Deadline[]; removed: Deadline[] }> = [];

  beforeAll(async () => {
    url = await freshTestDatabase('projections');
    pool = new Pool({ connectionString: url, max: 8 });
    store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
    await store.migrate();
    projections = createProjections({
      policy: { calendar },
      deadlineSink: () => ({
        deadlinesChanged: async (added, removed) => {
          sinkCalls.push({ added, removed });
        },
      }),
    });
    await migrateProjections(pool, projections);
    await migrateProjections(pool, projections);
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    if (url) await dropTestDatabase(url);
  });

  it('applies every event twice with the same result as once (idempotent writers)', async () => {
    const { caseIds } = await seedCases(store, 12);
    const events: RecordedEvent[] = (
      await Promise.all(caseIds.map((id) => store.read(caseStreamId(id))))
    ).flat();
    for (const projection of projections) {
      const once = shadowTableNames(projection);
      await inTx(pool, async (client) => {
        for (const table of Object.values(once)) await client.query(`DROP TABLE IF EXISTS ${table}`);
        for (const statement of projection.createTables(once)) await client.query(statement);
        await projection.apply(client, events, once, {
          live: false,
          folded: await foldStored(client, store, events),
        });
      });
      for (const event of events) {
        for (let twice = 0; twice < 2; twice++) {
          await inTx(pool, async (client) =>
            projection.apply(client, [event], liveTableNames(projection), {
              live: false,
              folded: await foldStored(client, store, [event]),
            }),
          );
        }
      }
      await inTx(pool, async (client) =>
        projection.apply(client, events, liveTableNames(projection), {
          live: false,
          folded: await foldStored(client, store, events),
        }),
      );
      const twice = await dumpProjection(pool, projection);
      expect(twice).toEqual(await dumpProjection(pool, projection, once));
      expect(Object.values(twice).every((rows) => rows.length > 0)).toBe(true);
      await inTx(pool, async (client) => {
        for (const table of [...Object.values(once), ...projection.tables])
          await client.query(`TRUNCATE ${table}`);
      });
    }
  });

  it('writes one 纪实 entry per event, and the open deadlines of the state after the last one', async () => {
    const runners = [new ProjectionRunner({ pool, store, projections, batchMs: 20, logger: quiet })];
    runners.forEach((r) => r.start());
    try {
      const caseId = '0b9d7f3e-1c1a-4f43-9d36-5b0d2b7c0a01';
      const events = caseEvents(caseId, 3, 7);
      await store.append(caseStreamId(caseId), events.slice(0, 6), {
        expectedRevision: 'any',
        context: contextFor({ id: 'h-001', name: '王经办', role: 'handler' }),
      });
      const head = await headPosition(pool);
      await waitFor(
        async () =>
          (await Promise.all(projections.map((p) => checkpointOf(pool, p.name)))).every((c) => c === head),
        20_000,
        'catch-up',
      );
      const timeline = await pool.query(
        'SELECT entry FROM case_timeline WHERE case_id = $1 ORDER BY revision',
        [caseId],
      );
      expect(timeline.rows.map((r) => r.entry.type)).toEqual(events.slice(0, 6).map((e) => e.type));
      expect(timeline.rows[1].entry).toMatchObject({
        stage: 'initiation-approved',
        actor: { id: 'h-001', name: '王经办', role: 'handler' },
      });
      const deadlines = await pool.query(
        'SELECT kind, subject FROM case_deadlines WHERE case_id = $1 ORDER BY deadline_id',
        [caseId],
      );
      expect(deadlines.rows.filter((r) => r.kind === 'check-outstanding')).toHaveLength(8);
      const list = await pool.query(
        'SELECT stage, revision::text, candidate_names FROM case_list WHERE case_id = $1',
        [caseId],
      );
      expect(list.rows[0]).toEqual({
        stage: 'inspection-targets',
        revision: '5',
        candidate_names: ['张三', '李四'],
      });
      expect(
        sinkCalls.flatMap((c) => c.added).some((d) => d.caseId === caseId && d.kind === 'check-outstanding'),
      ).toBe(true);

      await store.append(caseStreamId(caseId), events.slice(6, 7), {
        expectedRevision: '5',
        context: contextFor({ id: 'h-001', name: '王经办', role: 'handler' }),
      });
      const head2 = await headPosition(pool);
      await waitFor(async () => (await checkpointOf(pool, 'deadlines')) === head2, 20_000, 'deadlines');
      expect(runners[0].statuses().find((s) => s.name === 'deadlines')).toMatchObject({
        leader: true,
        checkpoint: head2,
      });
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  });

  it('lets only one runner per projection hold the lease', async () => {
    const projection = projections[0];
    const a = new ProjectionRunner({ pool, store, projection, leaseRetryMs: 100, logger: quiet });
    const b = new ProjectionRunner({ pool, store, projection, leaseRetryMs: 100, logger: quiet });
    a.start();
    await waitFor(async () => a.status().leader, 5000, 'a to lead');
    b.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.status().leader).toBe(false);
    await a.stop();
    await waitFor(async () => b.status().leader, 5000, 'b to take over');
    await b.stop();
  });

  it('rebuilds into the same rows as the live projection, while the live runner keeps writing', async () => {
    const runners = [new ProjectionRunner({ pool, store, projections, batchMs: 20, logger: quiet })];
    runners.forEach((r) => r.start());
    try {
      await seedCases(store, 30);
      const writing = seedCases(store, 30);
      const progress: number[] = [];
      await Promise.all(
        projections.map((p) =>
          rebuildProjection(p.name, {
            pool,
            store,
            projections,
            pageSize: 100,
            onProgress: (x) => progress.push(x.processed),
          }),
        ),
      );
      await writing;
      const head = await headPosition(pool);
      await waitFor(
        async () =>
          (await Promise.all(projections.map((p) => checkpointOf(pool, p.name)))).every((c) => c === head),
        30_000,
        'catch-up',
      );
      await Promise.all(runners.map((r) => r.whenIdle()));
      const live = await Promise.all(projections.map((p) => dumpProjection(pool, p)));
      expect(progress.length).toBeGreaterThan(3);
      for (const p of projections) await rebuildProjection(p.name, { pool, store, projections });
      expect(await Promise.all(projections.map((p) => dumpProjection(pool, p)))).toEqual(live);
      const status = await pool.query(
        "SELECT rebuild_status FROM projection_checkpoints WHERE name = 'case-list'",
      );
      expect(status.rows[0].rebuild_status).toBe('done');
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  });
  it('rebuilds the timeline through its keyless bulk load into the rows the live projection wrote, whatever the text holds', async () => {
    const timeline = projections.find((p) => p.name === CASE_TIMELINE) as Projection;
    const awkward = '张"三" \'引号\' 反斜杠\\ 制表\t换行\n回车\r \\N \\. 末尾\\';
    const caseId = '5f0e7a52-8c1d-4b7e-9a41-0c6f3d2e9b11';
    const events = caseEvents(caseId, 7).map((event) => {
      if (event.type === 'CaseOpened')
        return {
          ...event,
          data: { ...event.data, grounds: awkward, post: { ...event.data.post, title: awkward } },
        };
      if (event.type === 'CandidateNominated')
        return {
          ...event,
          data: { ...event.data, reason: awkward, person: { ...event.data.person, name: awkward } },
        };
      return event;
    });
    const runner = new ProjectionRunner({ pool, store, projections: [timeline], batchMs: 20, logger: quiet });
    runner.start();
    try {
      await store.append(caseStreamId(caseId), events, {
        expectedRevision: 'no-stream',
        context: contextFor({ id: 'h-001', name: `王经办${awkward}`, role: 'handler' }),
      });
      const head = await headPosition(pool);
      await waitFor(async () => (await checkpointOf(pool, CASE_TIMELINE)) === head, 20_000, 'catch-up');
    } finally {
      await runner.stop();
    }
    const live = await dumpProjection(pool, timeline);
    const schema = async () =>
      (
        await pool.query<{ indexdef: string }>(
          "SELECT indexdef FROM pg_indexes WHERE tablename = 'case_timeline' ORDER BY indexname",
        )
      ).rows.map((r) => r.indexdef);
    const liveSchema = await schema();
    // What a rebuild that died half-way leaves: a shadow without its key, holding part of the replay.
    await pool.query('DROP TABLE IF EXISTS case_timeline__rebuild');
    for (const statement of timeline.bulkLoad?.createTables(shadowTableNames(timeline)) ?? [])
      await pool.query(statement);
    await pool.query('INSERT INTO case_timeline__rebuild SELECT * FROM case_timeline LIMIT 3');

    await rebuildProjection(CASE_TIMELINE, { pool, store, projections, pageSize: 100 });

    expect(await dumpProjection(pool, timeline)).toEqual(live);
    expect(await schema()).toEqual(liveSchema);
    expect(liveSchema).toEqual([
      'CREATE UNIQUE INDEX case_timeline_pkey ON public.case_timeline USING btree (case_id, revision, seq)',
    ]);
    const titles = await pool.query<{ title: string; grounds: string; actor: string }>(
      `SELECT title, entry->>'grounds' AS grounds, entry->'actor'->>'name' AS actor FROM case_timeline
       WHERE case_id = $1 AND revision < 4 ORDER BY revision`,
      [caseId],
    );
    expect(titles.rows[0]).toEqual({
      title: `动议：市财政局${awkward}`,
      grounds: awkward,
      actor: `王经办${awkward}`,
    });
    expect(titles.rows[3].title).toContain(`提名：${awkward}（`);
  });
});

describe('a projection worker killed with SIGKILL during catch-up (int)', () => {
  let url: string;
  let pool: Pool;
  let store: PostgresEventStore;
  let projections: Projection[];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await freshTestDatabase('projections_crash');
    pool = new Pool({ connectionString: url, max: 6 });
    store = new PostgresEventStore({ pool });
    await store.migrate();
    projections = createProjections({ policy: { calendar } });
    await migrateProjections(pool, projections);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await store?.close();
    await pool?.end();
    if (url) await dropTestDatabase(url);
  });

  function startWorker(): Promise<ChildProcess> {
    // One node process with tsx as a loader: the tsx CLI would run the script in a grandchild that SIGKILL misses.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'testing/projections-child.ts')],
      {
        env: { ...process.env, DATABASE_URL: url, BATCH_SIZE: '250' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    });
  }

  it('ends with exactly the rows of an uninterrupted run', async () => {
    let events = 0;
    while (events < 20_000) events += (await seedCases(store, 100)).events;
    const head = await headPosition(pool);

    const first = await startWorker();
    await waitFor(
      async () => BigInt((await checkpointOf(pool, 'case-timeline')) ?? '0') > 2000n,
      120_000,
      'some progress',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await Promise.all(projections.map((p) => checkpointOf(pool, p.name)));
    expect(atKill.some((c) => c !== head)).toBe(true);

    const second = await startWorker();
    await waitFor(
      async () =>
        (await Promise.all(projections.map((p) => checkpointOf(pool, p.name)))).every((c) => c === head),
      240_000,
      'catch-up after restart',
    );
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));

    const resumed = await Promise.all(projections.map((p) => dumpProjection(pool, p)));
    for (const p of projections)
      await rebuildProjection(p.name, { pool, store, projections, pageSize: 2000 });
    expect(await Promise.all(projections.map((p) => dumpProjection(pool, p)))).toEqual(resumed);
    expect(resumed[1].case_timeline).toHaveLength(events);
  }, 600_000);
});
