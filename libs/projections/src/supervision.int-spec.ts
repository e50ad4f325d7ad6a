import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { caseStreamId } from '@app/appointment/appointment.streams';
import { recommenderStreamId } from '@app/appointment/recommender.decider';
import { actors, C1, cmd } from '@app/appointment/testing/case-fixture';
import { testCalendar } from '@app/appointment/testing/test-calendar';
import { type NewEvent, PostgresEventStore } from '@app/event-store';
import { dropTestDatabase, freshTestDatabase } from '../../../test/setup/test-db';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './projection-rebuild';
import { MemoryFold } from './writers/case-states';
import { liveTableNames } from './projection.types';
import { migrateProjections } from './projections.schema';
import { contextFor } from './testing/case-events.fixture';
import { History } from './testing/supervision-history';
import { waitFor } from './testing/projection-tables';
import { RecommenderAccountabilityProcess } from './writers/recommender-accountability.process';
import { SupervisionProjection } from './writers/supervision.writer';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('supervision read model and the R27 process on PostgreSQL (int)', () => {
  let url: string;
  let pool: Pool;
  let store: PostgresEventStore;
  let now = new Date('2025-03-03T10:00:00+08:00');
  const supervision = new SupervisionProjection({ policy: { calendar: testCalendar }, now: () => now });
  const process = () => new RecommenderAccountabilityProcess({ store, suspensionMonths: 24 });

  beforeAll(async () => {
    url = await freshTestDatabase('supervision');
    pool = new Pool({ connectionString: url, max: 6 });
    store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
    await store.migrate();
    await migrateProjections(pool, [supervision, process()]);
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    if (url) await dropTestDatabase(url);
  });

  async function append(h: History): Promise<void> {
    await store.append(
      caseStreamId(h.caseId),
      h.events.map((e) => ({ type: e.type, data: e.data }) as NewEvent),
      { expectedRevision: 'no-stream', context: contextFor(actors.handler) },
    );
  }

  async function run<T>(
    projection: SupervisionProjection | RecommenderAccountabilityProcess,
    fn: () => Promise<T>,
  ) {
    const runner = new ProjectionRunner({ pool, store, projection, batchMs: 10, logger: quiet });
    runner.start();
    try {
      return await fn();
    } finally {
      await runner.stop();
    }
  }

  const projected = (caseId: string) =>
    run(supervision, () =>
      waitFor(
        async () =>
          (await pool.query('SELECT 1 FROM supervision_cases WHERE case_id = $1', [caseId])).rowCount === 1,
        10_000,
        'the case in the supervision model',
      ),
    );

  const findingsOf = async (caseId: string) =>
    (
      await pool.query<{ code: string; closed_at: Date | null }>(
        'SELECT code, closed_at FROM supervision_findings WHERE case_id = $1 ORDER BY code',
        [caseId],
      )
    ).rows;

  it('a deadline passing with nothing recorded becomes a finding at the next sweep, with no new event', async () => {
    const h = new History(randomUUID()).run(cmd.openCase());
    await append(h);
    await projected(h.caseId);
    expect(await findingsOf(h.caseId)).toEqual([]);
    const { rows } = await pool.query<{ next: Date }>(
      'SELECT next_check_at AS next FROM supervision_cases WHERE case_id = $1',
      [h.caseId],
    );
    expect(rows[0].next.toISOString()).toBe('2025-03-06T01:00:00.000Z');

    now = new Date('2025-03-06T08:59:00+08:00');
    expect(await supervision.sweep(pool, liveTableNames(supervision))).toBe(0);
    now = new Date('2025-03-06T09:00:30+08:00');
    expect(await supervision.sweep(pool, liveTableNames(supervision))).toBeGreaterThanOrEqual(1);
    expect(await findingsOf(h.caseId)).toEqual([{ code: 'LATE_APPROVAL', closed_at: null }]);
    expect(await supervision.sweep(pool, liveTableNames(supervision))).toBe(0);
  });

  it('R27: holds the recommender accountable once, however often the case events are replayed or rebuilt', async () => {
    const h = new History(randomUUID()).run(
      cmd.openCase(),
      cmd.approveInitiation(),
      cmd.round(),
      cmd.nominate(C1, { recommendedBy: { id: 'r-int', name: '钱推荐', role: '党组成员' } }),
      cmd.eligibility(C1),
      cmd.targets([C1]),
      cmd.team(),
      cmd.notice(),
    );
    h.run(
      cmd.talk(C1),
      cmd.assessment(C1),
      cmd.report(C1),
      cmd.check(C1, 'dossier', 'verified'),
      cmd.check(C1, 'personal-matters', 'consistent'),
      cmd.check(C1, 'petitions', 'none'),
      cmd.draft(C1, 'political', 'qualified'),
      cmd.sign(C1, 'political', actors.leader),
      cmd.sign(C1, 'political', actors.unitSecretaryA),
      cmd.draft(C1, 'integrity', 'no-objection'),
      cmd.sign(C1, 'integrity', actors.unitSecretaryA),
      cmd.sign(C1, 'integrity', actors.disciplineSecretaryA),
      cmd.meeting([
        {
          candidateId: C1,
          ballots: ['m2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm1'].map((memberId) => ({
            memberId,
            vote: 'agree' as const,
          })),
        },
      ]),
      cmd.publicNotice(C1),
      cmd.appoint(C1, '2025-04-16', true),
      cmd.appointmentTalk(C1),
      cmd.review(C1, 'incompetent', '2025-10-10T10:00:00+08:00'),
    );
    await append(h);
    const stream = recommenderStreamId('r-int');
    await run(process(), () =>
      waitFor(async () => (await store.read(stream)).length === 1, 10_000, 'the recommender stream'),
    );
    const [held] = await store.read(stream);
    expect(held.type).toBe('RecommenderHeldAccountable');
    expect(held.data).toMatchObject({
      caseId: h.caseId,
      cause: 'probation-incompetent',
      suspendedUntil: '2027-10-10',
    });

    await rebuildProjection('recommender-accountability', {
      pool,
      store,
      projections: [supervision, process()],
    });
    const client = await pool.connect();
    try {
      const events = await store.read(caseStreamId(h.caseId));
      await process().apply(client, events, liveTableNames(process()), {
        live: true,
        folded: new MemoryFold().fold(events),
      });
    } finally {
      client.release();
    }
    expect(await store.read(stream)).toHaveLength(1);
  });

  it('stores no copy of the case state, and a sweep folds the case from its events when case_states is not at its revision', async () => {
    now = new Date('2025-03-03T10:00:00+08:00');
    const h = new History(randomUUID()).run(cmd.openCase());
    await append(h);
    await projected(h.caseId);
    const { rows } = await pool.query<{ keys: string[] }>(
      'SELECT array(SELECT jsonb_object_keys(state)) AS keys FROM supervision_cases WHERE case_id = $1',
      [h.caseId],
    );
    expect(rows[0].keys).toContain('episodes');
    expect(rows[0].keys).not.toContain('state');

    // As after a new fold version: the shared state is not there to judge the case on.
    await pool.query('DELETE FROM case_states WHERE case_id = $1', [h.caseId]);
    now = new Date('2025-03-06T09:00:30+08:00');
    await expect(supervision.sweep(pool, liveTableNames(supervision))).rejects.toThrow(
      `no state of case ${h.caseId}`,
    );
    expect(await findingsOf(h.caseId)).toEqual([]);
    const withStore = new SupervisionProjection({
      policy: { calendar: testCalendar },
      now: () => now,
      store,
    });
    expect(await withStore.sweep(pool, liveTableNames(withStore))).toBeGreaterThanOrEqual(1);
    expect(await findingsOf(h.caseId)).toEqual([{ code: 'LATE_APPROVAL', closed_at: null }]);
  });
});
