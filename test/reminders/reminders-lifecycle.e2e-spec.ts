import { randomUUID } from 'node:crypto';
import { FixedClock } from '@app/platform';
import { type Deadline, openDeadlines, REMINDER_WAKE_EARLY_MS, reminderId } from '@app/reminders';
import { CANDIDATE_UNIT, DEPARTMENT } from '../support/people';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness } from './support/reminders-harness';

const DAY_MS = 24 * 3600_000;

describe('reminders from deadline to inbox (real PostgreSQL and Redis)', () => {
  let h: RemindersHarness;

  beforeAll(async () => {
    h = await RemindersHarness.start('reminders_lifecycle');
  });

  afterAll(async () => {
    await h?.close();
  });

  async function deadlinesOf(c: CaseDriver): Promise<Deadline[]> {
    return openDeadlines(await c.state(), h.policy);
  }

  async function recipientsOf(d: Deadline): Promise<string[]> {
    const rows = await eventually(
      async () => {
        const found = await h.inbox.forReminder(reminderId(d));
        return found.length > 0 ? found : undefined;
      },
      20_000,
      `the ${d.kind} reminder in the inbox`,
    );
    return rows.map((r) => `${r.recipientRole}@${r.recipientOrgUnit}`).sort();
  }

  /** The due deadlines of these kinds fire: kind/subject → its recipients. */
  async function fired(c: CaseDriver, kinds: string[]): Promise<Record<string, string[]>> {
    const due = (await deadlinesOf(c)).filter(
      (d) => kinds.includes(d.kind) && Date.parse(d.dueAt) <= Date.now(),
    );
    const result: Record<string, string[]> = {};
    for (const d of due) result[`${d.kind}/${d.subject.replace(c.candidateId, 'C')}`] = await recipientsOf(d);
    return result;
  }

  async function stateOfJob(d: Deadline): Promise<string | undefined> {
    const job = await h.reminders.getJob(reminderId(d));
    return job ? job.getState() : undefined;
  }

  it('fires each reminder kind of DOMAIN.md §3 for the right recipients, and cancels those the case moved past', async () => {
    const c = new CaseDriver(h.store, h.decider);
    const handler = `handler@${DEPARTMENT}`;
    const supervisor = `supervisor@${DEPARTMENT}`;

    await c.open('2026-03-02T09:00:00+08:00');
    await h.project();
    expect(await fired(c, ['initiation-approval', 'initiation-approval-escalation'])).toEqual({
      'initiation-approval/case': [`committee-secretary@${DEPARTMENT}`],
      'initiation-approval-escalation/case': [supervisor],
    });

    await c.approve('2026-03-20T10:00:00+08:00');
    await c.recommend('2026-03-25T10:00:00+08:00', '2026-03-25T12:00:00+08:00');
    await h.project();
    const [expiry] = (await deadlinesOf(c)).filter((d) => d.kind === 'recommendation-expiry');
    expect(expiry.dueAt).toBe('2027-02-25T09:00:00+08:00');
    expect(await stateOfJob(expiry)).toBe('delayed');
    const expiryJob = await h.reminders.getJob(reminderId(expiry));
    expect(expiryJob?.data.fireAt).toBe(new Date(expiry.dueAt).toISOString());
    expect(
      Math.abs(
        (expiryJob?.timestamp ?? 0) +
          (expiryJob?.opts.delay ?? 0) +
          REMINDER_WAKE_EARLY_MS -
          Date.parse(expiry.dueAt),
      ),
    ).toBeLessThan(1000);

    await c.determineTargets('2026-04-01T10:00:00+08:00');
    await h.project();
    expect(await stateOfJob(expiry)).toBeUndefined();
    expect(await fired(c, ['check-outstanding', 'check-outstanding-escalation'])).toEqual({
      'check-outstanding/C-dossier': [handler],
      'check-outstanding/C-personal-matters': [handler],
      'check-outstanding/C-discipline-opinion': [`discipline-secretary@${CANDIDATE_UNIT}`],
      'check-outstanding/C-petitions': [handler],
      'check-outstanding-escalation/C-dossier': [supervisor],
      'check-outstanding-escalation/C-personal-matters': [supervisor],
      'check-outstanding-escalation/C-discipline-opinion': [supervisor],
      'check-outstanding-escalation/C-petitions': [supervisor],
    });

    await c.inspect('2026-04-02T10:00:00+08:00');
    await c.draftPolitical('2026-04-03T10:00:00+08:00');
    await h.project();
    expect(await fired(c, ['signature-outstanding', 'signature-outstanding-escalation'])).toEqual({
      'signature-outstanding/C-political': [`inspector@${DEPARTMENT}`, `unit-secretary@${CANDIDATE_UNIT}`],
      'signature-outstanding-escalation/C-political': [supervisor],
    });

    await c.completeOpinionsAndChecks('2026-04-10T10:00:00+08:00');
    await c.decide('2026-04-20T15:00:00+08:00');
    await c.startNotice('2026-04-27', '2026-04-27T09:00:00+08:00');
    await h.project();
    expect(await fired(c, ['notice-ends'])).toEqual({ 'notice-ends/C': [handler] });

    await c.objectAndHold('2026-05-08T10:00:00+08:00');
    await h.project();
    const holds = await fired(c, ['hold-too-long']);
    expect(holds).toEqual({ [`hold-too-long/${c.objectionId}`]: [supervisor] });

    await c.resolveUnfounded('2026-05-11T10:00:00+08:00');
    await c.appoint('2026-05-20', '2026-05-20T10:00:00+08:00');
    await h.project();
    expect(await fired(c, ['appointment-talk-missing'])).toEqual({ 'appointment-talk-missing/C': [handler] });
    const probation = (await deadlinesOf(c)).filter(
      (d) => d.kind === 'probation-ending' || d.kind === 'probation-ends',
    );
    expect(probation.map((d) => d.dueAt).sort()).toEqual([
      '2027-04-20T09:00:00+08:00',
      '2027-05-20T09:00:00+08:00',
    ]);
    for (const d of probation) expect(await stateOfJob(d)).toBe('delayed');

    await c.talk('2026-05-21T10:00:00+08:00');
    await h.project();
    expect((await deadlinesOf(c)).map((d) => d.kind).sort()).toEqual(['probation-ending', 'probation-ends']);
    for (const d of probation) expect(await stateOfJob(d)).toBe('delayed');

    // 全程纪实: every reminder that fired is in the case history, once.
    const issued = await h.reminderIssuedEvents(c.caseId);
    expect(issued).toHaveLength(15);
    expect(new Set(issued.map((e) => e.reminderId)).size).toBe(15);
    expect(h.sinkErrors).toEqual([]);
  });

  it('drops a timer whose reason no longer holds, or whose due time moved, and delivers nothing for it', async () => {
    const c = new CaseDriver(h.store, h.decider);
    await c.open(new Date(Date.now() - 60_000).toISOString());
    await h.project();
    const [pending] = (await deadlinesOf(c)).filter((d) => d.kind === 'initiation-approval');
    expect(await stateOfJob(pending)).toBe('delayed');

    const moved: Deadline = { ...pending, dueAt: new Date(Date.now() - DAY_MS).toISOString() };
    await h.scheduler.schedule([moved]);
    await eventually(
      async () => (await outcomeOf(reminderId(moved))) === 'dropped',
      20_000,
      'the moved timer dropped',
    );

    await c.approve(new Date().toISOString());
    await h.project();
    expect(await stateOfJob(pending)).toBeUndefined();

    const stale: Deadline = { ...pending, dueAt: new Date(Date.now() - 2 * DAY_MS).toISOString() };
    await h.scheduler.schedule([stale]);
    await eventually(
      async () => (await outcomeOf(reminderId(stale))) === 'dropped',
      20_000,
      'the stale timer dropped',
    );

    expect(await h.inbox.forReminder(reminderId(moved))).toEqual([]);
    expect(await h.inbox.forReminder(reminderId(stale))).toEqual([]);
    expect(await h.reminderIssuedEvents(c.caseId)).toEqual([]);
  });

  async function outcomeOf(id: string): Promise<string | undefined> {
    const result = await h.pool.query<{ outcome: string }>(
      'SELECT outcome FROM reminder_outcomes WHERE reminder_id = $1',
      [id],
    );
    return result.rows[0]?.outcome;
  }
});

describe('due times of the timers (queues only, a fixed clock)', () => {
  const clock = new FixedClock('2026-09-25T12:00:00+08:00');
  let h: RemindersHarness;

  beforeAll(async () => {
    h = await RemindersHarness.start('reminders_due_times', { worker: false, clock });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reminds of a public notice started before the National Day holiday on its fifth working day (R21)', async () => {
    const c = new CaseDriver(h.store, h.decider);
    await c.open('2026-08-03T09:00:00+08:00');
    await c.approve('2026-08-04T09:00:00+08:00');
    await c.recommend('2026-08-05T09:00:00+08:00', '2026-08-05T12:00:00+08:00');
    await c.determineTargets('2026-08-10T10:00:00+08:00');
    await c.inspect('2026-08-11T10:00:00+08:00');
    await c.draftPolitical('2026-08-12T10:00:00+08:00');
    await c.completeOpinionsAndChecks('2026-08-13T10:00:00+08:00');
    await c.decide('2026-09-24T15:00:00+08:00');
    // 2026-09-28 (Mon) 1, 09-29 2, 09-30 3, 10-01…10-07 holiday, 10-08 4, 10-09 5.
    await c.startNotice('2026-09-28', '2026-09-28T08:30:00+08:00');
    await h.project();

    const [notice] = openDeadlines(await c.state(), h.policy).filter((d) => d.kind === 'notice-ends');
    expect(notice.dueAt).toBe('2026-10-09T09:00:00+08:00');
    const job = await h.reminders.getJob(reminderId(notice));
    expect(job?.data.dueAt).toBe('2026-10-09T09:00:00+08:00');
    expect(job?.data.fireAt).toBe('2026-10-09T01:00:00.000Z');
    expect(job?.opts.delay).toBe(
      Date.parse('2026-10-09T09:00:00+08:00') - clock.now().getTime() - REMINDER_WAKE_EARLY_MS,
    );
    expect(await job?.getState()).toBe('delayed');
  });

  it('keeps a timer due more than a year ahead', async () => {
    const dueAt = new Date(clock.now().getTime() + 400 * DAY_MS).toISOString();
    const far: Deadline = {
      deadlineId: `${randomUUID()}-probation-ends-x`,
      caseId: randomUUID(),
      kind: 'probation-ends',
      subject: 'x',
      dueAt,
      recipientRoles: ['handler'],
      reason: 'far ahead',
      escalationLevel: 0,
    };
    await h.scheduler.schedule([far]);
    const job = await h.reminders.getJob(reminderId(far));
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(400 * DAY_MS - REMINDER_WAKE_EARLY_MS);
  });
});
