import { type AppointmentDecider, createAppointmentDecider } from '@app/appointment';
import {
  type Deadline,
  type FireResult,
  openDeadlines,
  REMINDER_WAKE_EARLY_MS,
  ReminderFiring,
  reminderId,
  reminderJob,
} from '@app/reminders';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, ShiftedClock } from './support/reminders-harness';

/** How long before its due time the service's clock is set when a reminder is scheduled. */
const LEAD_MS = 3000;

const outcomeOf = async (h: RemindersHarness, id: string): Promise<string | undefined> =>
  (
    await h.pool.query<{ outcome: string }>(`SELECT outcome FROM reminder_outcomes WHERE reminder_id = $1`, [
      id,
    ])
  ).rows[0]?.outcome;

/**
 * Cases written as the api writes them: with a decider of their own, so the reminders' fold cache
 * learns of a change only by reading the case.
 */
const apiDecider = (h: RemindersHarness): AppointmentDecider =>
  createAppointmentDecider({ calendar: h.policy.calendar, rules: h.policy.rules });

describe('reminders woken early (real PostgreSQL and Redis, the worker)', () => {
  const clock = new ShiftedClock();
  let h: RemindersHarness;
  let firing: ReminderFiring;

  beforeAll(async () => {
    h = await RemindersHarness.start('reminders_wake_early', { clock });
    firing = h.module.get(ReminderFiring);
  });

  afterAll(async () => {
    await h?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  /** A case opened at `openedAt`, its initiation-approval deadline, and the clock set LEAD_MS before it is due. */
  async function dueSoon(openedAt: string): Promise<{ c: CaseDriver; deadline: Deadline; dueMs: number }> {
    const c = new CaseDriver(h.store, apiDecider(h));
    await c.open(openedAt);
    const [deadline] = openDeadlines(await c.state(), h.policy).filter(
      (d) => d.kind === 'initiation-approval',
    );
    const dueMs = Date.parse(deadline.dueAt);
    clock.set(dueMs - LEAD_MS);
    return { c, deadline, dueMs };
  }

  it('takes the job before it is due, reads the case ahead, and fires it no sooner than due with one append and no read', async () => {
    const { c, deadline, dueMs } = await dueSoon('2026-03-02T09:00:00+08:00');
    const prepared: number[] = [];
    const prepare = firing.prepare.bind(firing);
    jest.spyOn(firing, 'prepare').mockImplementation(async (d) => {
      await prepare(d);
      prepared.push(clock.now().getTime());
    });
    const readsAfterDue: string[] = [];
    const read = h.store.read.bind(h.store);
    jest.spyOn(h.store, 'read').mockImplementation((streamId, options) => {
      if (clock.now().getTime() >= dueMs) readsAfterDue.push(streamId);
      return read(streamId, options);
    });

    await h.scheduler.schedule([deadline]);
    const job = await h.reminders.getJob(reminderId(deadline));
    expect(job?.data.fireAt).toBe(new Date(dueMs).toISOString());
    const rows = await eventually(
      async () => {
        const found = await h.inbox.forReminder(reminderId(deadline));
        return found.length > 0 ? found : undefined;
      },
      20_000,
      'the reminder in the inbox',
    );
    jest.restoreAllMocks();

    const done = await h.reminders.getJob(reminderId(deadline));
    expect(clock.at(done!.processedOn!)).toBeLessThan(dueMs - LEAD_MS / 2);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toBeLessThan(dueMs);
    const [issued] = (await h.store.read(`appointment-${c.caseId}`))
      .filter((e) => e.type === 'ReminderIssued')
      .map((e) => e.data as { reminderId: string; issuedAt: string });
    expect(issued.reminderId).toBe(reminderId(deadline));
    expect(Date.parse(issued.issuedAt)).toBeGreaterThanOrEqual(dueMs);
    for (const row of rows) expect(Date.parse(row.deliveredAt)).toBeGreaterThanOrEqual(dueMs);
    expect(readsAfterDue).toEqual([]);
    expect(await outcomeOf(h, reminderId(deadline))).toBe('delivered');
  });

  it('drops a reminder whose case moved on after it was read ahead, and delivers nothing for it', async () => {
    const { c, deadline, dueMs } = await dueSoon('2026-03-09T09:00:00+08:00');
    let preparedCase!: () => void;
    const prepared = new Promise<void>((resolve) => (preparedCase = resolve));
    const prepare = firing.prepare.bind(firing);
    jest.spyOn(firing, 'prepare').mockImplementation(async (d) => {
      await prepare(d);
      preparedCase();
    });

    await h.scheduler.schedule([deadline]);
    await prepared;
    expect(clock.now().getTime()).toBeLessThan(dueMs - 1000);
    await c.approve('2026-03-10T10:00:00+08:00');

    await eventually(
      async () => (await outcomeOf(h, reminderId(deadline))) === 'dropped',
      20_000,
      'the reminder dropped',
    );
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(dueMs);
    expect(await h.inbox.forReminder(reminderId(deadline))).toEqual([]);
    expect(await h.reminderIssuedEvents(c.caseId)).toEqual([]);
  });

  it('puts a job that arrives well before its wake-early back until then', async () => {
    clock.set(Date.now());
    const c = new CaseDriver(h.store, apiDecider(h));
    await c.open(new Date().toISOString());
    const [deadline] = openDeadlines(await c.state(), h.policy).filter(
      (d) => d.kind === 'initiation-approval',
    );
    const dueMs = Date.parse(deadline.dueAt);
    // Queued by a host whose clock ran a second short of the due time: no delay at all.
    const job = reminderJob(deadline, dueMs - 1000);
    expect(job.opts.delay).toBe(0);
    await h.reminders.add(job.name, job.data, job.opts);

    await eventually(
      async () => (await (await h.reminders.getJob(reminderId(deadline)))?.getState()) === 'delayed',
      20_000,
      'the job put back',
    );
    const redis = await h.reminders.client;
    const score = Number(await redis.zscore(h.reminders.toKey('delayed'), reminderId(deadline)));
    expect(Math.abs(Math.floor(score / 0x1000) - (dueMs - REMINDER_WAKE_EARLY_MS))).toBeLessThan(2);
    expect(await h.inbox.forReminder(reminderId(deadline))).toEqual([]);
    await h.reminders.remove(reminderId(deadline));
  });
});

describe('two workers firing the same reminders at once (real PostgreSQL and Redis)', () => {
  let first: RemindersHarness;
  let second: RemindersHarness;

  beforeAll(async () => {
    first = await RemindersHarness.start('reminders_twice_at_once', {
      worker: false,
      webhookUrl: 'http://127.0.0.1:9/never-called',
    });
    second = await RemindersHarness.start('reminders_twice_at_once', {
      worker: false,
      webhookUrl: 'http://127.0.0.1:9/never-called',
      databaseUrl: first.databaseUrl,
      prefix: first.prefix,
      deadlinesProjection: false,
    });
  });

  afterAll(async () => {
    await second?.close({ keepData: true });
    await first?.close();
  });

  it('records, delivers and queues each reminder once, each worker firing from the case it read ahead', async () => {
    const cases = Array.from({ length: 6 }, () => new CaseDriver(first.store, apiDecider(first)));
    for (const c of cases) await c.open('2026-03-02T09:00:00+08:00');
    const due: Deadline[] = [];
    for (const c of cases) due.push(...openDeadlines(await c.state(), first.policy));
    const firings = [first, second].map((h) => h.module.get(ReminderFiring));
    for (const firing of firings) await Promise.all(due.map((d) => firing.prepare(d)));

    const [a, b] = await Promise.all(firings.map((firing) => firing.fire(due)));

    const values = (results: Array<PromiseSettledResult<FireResult>>): FireResult[] =>
      results.map((r) => {
        if (r.status === 'rejected') throw r.reason;
        return r.value;
      });
    const [fromA, fromB] = [values(a), values(b)];
    for (const [i, d] of due.entries()) {
      const id = reminderId(d);
      const [ra, rb] = [fromA[i], fromB[i]];
      expect([ra.outcome, rb.outcome]).toEqual(['delivered', 'delivered']);
      if (ra.outcome !== 'delivered' || rb.outcome !== 'delivered') continue;
      expect([ra.appended, rb.appended].filter(Boolean)).toHaveLength(1);
      const rows = await first.inbox.forReminder(id);
      expect(rows).toHaveLength(ra.recipients.length);
      expect(ra.newInboxRows + rb.newInboxRows).toBe(rows.length);
      expect((await first.reminderIssuedEvents(d.caseId)).filter((e) => e.reminderId === id)).toHaveLength(1);
      expect(await outcomeOf(first, id)).toBe('delivered');
      expect(await (await first.webhooks.getJob(id))?.getState()).toBe('waiting');
    }
    expect(await first.webhooks.getJobCountByTypes('waiting')).toBe(due.length);
  });
});
