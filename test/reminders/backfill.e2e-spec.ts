import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { testRedisUrl } from '../setup/test-db';
import { CaseClient, expectStatus } from '../support/case-client';
import { DATES_2025, DatedCase } from '../support/dated-case';
import { type E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';
import { eventually, sleep } from './support/reminders-harness';
import { ensureWorkerBuilt, WorkerProcess } from './support/worker-process';

const GRACE_MS = 2000;
/** Past the grace, the job's run, and the deadlines projection's next poll. */
const SETTLE_MS = GRACE_MS + 3000;
const RECIPIENTS: Actor[] = [
  people.handler,
  people.supervisor,
  people.committeeSecretary,
  people.teamLeader,
  people.unitSecretary,
  people.disciplineSecretary,
];

/**
 * DOMAIN.md §6 backfill: a clerk enters last year's case step by step. Every deadline of it was
 * already past due when it became known, so each waits REMINDER_BACKFILL_GRACE (2 s here) and is
 * removed or dropped when the next step arrives: nobody is reminded. The worker is the real one
 * (`node dist/apps/worker/src/main.js`): projections, scheduler, processors, all running.
 */
describe('backfilling a case without a reminder storm (e2e, real worker)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let worker: WorkerProcess;
  let pool: Pool;

  beforeAll(async () => {
    await ensureWorkerBuilt();
    e2e = await startE2eApp('reminders_backfill');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 2 });
    worker = WorkerProcess.start({
      DATABASE_URL: e2e.databaseUrl,
      REDIS_URL: testRedisUrl(),
      REMINDER_WEBHOOK_URL: '',
      REMINDER_WEBHOOK_SECRET: 'test-webhook-secret',
      REMINDER_BACKFILL_GRACE: `${GRACE_MS}ms`,
    });
    // The worker is up once its deadlines projection has applied a probe case.
    const probe = new DatedCase(client, DATES_2025, '探测用职位');
    await probe.enter('opened');
    await eventually(
      async () =>
        (
          await pool.query(
            `SELECT 1 FROM projection_checkpoints WHERE name = 'deadlines' AND position IS NOT NULL`,
          )
        ).rows.length > 0,
      90_000,
      `the worker to start (${worker.log})`,
    );
  }, 240_000);

  afterAll(async () => {
    await WorkerProcess.killAll();
    await pool?.end();
    await e2e?.close();
  });

  const inboxOf = async (caseId: string): Promise<Array<Record<string, unknown>>> => {
    const seen: Array<Record<string, unknown>> = [];
    for (const actor of RECIPIENTS) {
      const entries = expectStatus(await client.get(actor, '/inbox'), 200).body.entries as Array<
        Record<string, unknown>
      >;
      seen.push(...entries.filter((e) => e.caseId === caseId));
    }
    return seen;
  };

  const reminderEvents = async (caseId: string): Promise<string[]> => {
    const history = expectStatus(await client.get(people.auditor, `/cases/${caseId}/history`), 200).body;
    return history.events
      .filter((e: { type: string }) => e.type === 'ReminderIssued')
      .map((e: { data: { kind: string } }) => e.data.kind);
  };

  const outcomes = async (caseId: string): Promise<Record<string, number>> => {
    const { rows } = await pool.query<{ outcome: string; n: string }>(
      `SELECT outcome, count(*) AS n FROM reminder_outcomes WHERE case_id = $1 GROUP BY outcome`,
      [caseId],
    );
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  };

  it('enters a full case of 2025 step by step in under a minute, and afterwards nobody has a reminder for it', async () => {
    const started = Date.now();
    const dated = new DatedCase(client, DATES_2025);
    await dated.enter('closed');
    const enteredMs = Date.now() - started;
    expect(enteredMs).toBeLessThan(60_000);
    const state = expectStatus(await client.get(people.handler, `/cases/${dated.caseId}`), 200).body;
    expect(state).toMatchObject({ status: 'closed', outcome: 'confirmed' });

    // Wait past the grace: any timer that survived would fire now.
    await sleep(SETTLE_MS);
    expect(await inboxOf(dated.caseId)).toEqual([]);
    expect(await reminderEvents(dated.caseId)).toEqual([]);
    expect((await outcomes(dated.caseId)).delivered ?? 0).toBe(0);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM inbox WHERE case_id = $1`, [
      dated.caseId,
    ]);
    expect(rows[0].n).toBe(0);
    process.stdout.write(
      `backfill: ${dated.stepTimes.length} requests in ${enteredMs} ms (longest gap ${dated.longestGapMs} ms), ` +
        `grace ${GRACE_MS} ms, inbox entries 0, outcomes ${JSON.stringify(await outcomes(dated.caseId))}\n`,
    );
  }, 120_000);

  it('still fires a reminder that is genuinely due once the grace has passed, and says when it no longer applies', async () => {
    const dated = new DatedCase(client, DATES_2025, '市财政局副局长');
    await dated.enter('recommended');
    const knownAt = Date.now();
    // The round of 2025-03-05 has been valid for 11 months without targets: the expiry reminder is due.
    const entries = await eventually(
      async () => {
        const found = await inboxOf(dated.caseId);
        return found.length >= 2 ? found : undefined;
      },
      20_000,
      'the recommendation-expiry reminder',
    );
    const firedAfterMs = Date.now() - knownAt;
    expect(firedAfterMs).toBeGreaterThanOrEqual(GRACE_MS);
    expect(entries.map((e) => e.recipientRole).sort()).toEqual(['handler', 'supervisor']);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        kind: 'recommendation-expiry',
        stillApplies: true,
        postTitle: '市财政局副局长',
        link: `/cases/${dated.caseId}`,
        dueAt: '2026-02-05T09:00:00.000+08:00',
        issuedAt: expect.stringMatching(/\+08:00$/),
        deliveredAt: expect.stringMatching(/\+08:00$/),
      });
      expect(Date.parse(entry.deliveredAt as string) - knownAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    }
    expect(await reminderEvents(dated.caseId)).toEqual(['recommendation-expiry']);

    // The clerk goes on: the reason is gone, the entry stays but no longer applies.
    await client.post(people.handler, `/cases/${dated.caseId}/inspection-targets`, {
      candidateIds: [dated.candidateId],
      decidedAt: DATES_2025.targets,
      basis: '部务会研究确定考察对象',
    });
    await eventually(
      async () => (await inboxOf(dated.caseId)).every((e) => e.stillApplies === false),
      10_000,
      'the entries to stop applying',
    );
    process.stdout.write(
      `due reminder: fired ${firedAfterMs} ms after its deadline became known (grace ${GRACE_MS} ms)\n`,
    );
  }, 60_000);
});
