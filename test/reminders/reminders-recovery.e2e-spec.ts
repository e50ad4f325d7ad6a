import { Worker } from 'bullmq';
import { type Deadline, openDeadlines, ReminderFiring, REMINDERS_QUEUE, type ReminderJobData, reminderId } from '@app/reminders';
import { RemindersProcessor } from '../../apps/worker/src/reminders/reminders.processor';
import { testRedisUrl } from '../setup/test-db';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, sleep, WEBHOOK_SECRET } from './support/reminders-harness';
import { WebhookReceiver } from './support/webhook-receiver';

const HOUR_MS = 3600_000;

describe('reminders survive losing Redis and a dying worker', () => {
  let receiver: WebhookReceiver;
  let webhookUrl: string;

  beforeAll(async () => {
    receiver = new WebhookReceiver(WEBHOOK_SECRET);
    webhookUrl = await receiver.start();
  });

  afterAll(async () => {
    await receiver?.stop();
  });

  async function deadlinesOf(h: RemindersHarness, c: CaseDriver): Promise<Deadline[]> {
    return openDeadlines(await c.state(), h.policy);
  }

  async function delivered(h: RemindersHarness, d: Deadline): Promise<void> {
    await eventually(async () => (await h.inbox.forReminder(reminderId(d))).length > 0 && receiver.accepted(reminderId(d)) === 1, 20_000, `${d.kind} delivered`);
  }

  it('re-creates every pending job after Redis is wiped, and delivers nothing twice', async () => {
    const h = await RemindersHarness.start('reminders_reconcile', { webhookUrl });
    try {
      const done = new CaseDriver(h.store, h.decider);
      await done.open('2026-03-02T09:00:00+08:00');
      const pending = new CaseDriver(h.store, h.decider);
      await pending.open(new Date(Date.now() - HOUR_MS).toISOString());
      await h.project();
      const fired = await deadlinesOf(h, done);
      for (const d of fired) await delivered(h, d);
      const waiting = await deadlinesOf(h, pending);
      expect(waiting).toHaveLength(2);

      // A third case whose timers are lost before they could fire: the worker is paused meanwhile.
      const processor = h.module.get(RemindersProcessor);
      await processor.worker.pause();
      const lost = new CaseDriver(h.store, h.decider);
      await lost.open('2026-06-01T09:00:00+08:00');
      await h.project();
      expect(await h.reminders.getJobCounts('waiting')).toMatchObject({ waiting: 2 });

      expect(await h.wipeRedis()).toBeGreaterThan(0);
      for (const d of [...waiting, ...(await deadlinesOf(h, lost))]) expect(await h.reminders.getJob(reminderId(d))).toBeUndefined();
      processor.worker.resume();

      const report = await h.reconciler.reconcile();
      expect(report).toMatchObject({ open: 6, delivered: 2, present: 0, created: 4, pastDue: 2 });
      for (const d of waiting) expect(await (await h.reminders.getJob(reminderId(d)))?.getState()).toBe('delayed');
      for (const d of await deadlinesOf(h, lost)) await delivered(h, d);

      expect(await h.reconciler.reconcile()).toMatchObject({ open: 6, delivered: 4, present: 2, created: 0 });
      await sleep(1500);
      for (const c of [done, lost]) {
        for (const d of await deadlinesOf(h, c)) {
          expect(await h.inbox.forReminder(reminderId(d))).toHaveLength(1);
          expect(receiver.callsFor(reminderId(d))).toHaveLength(1);
        }
        expect(await h.reminderIssuedEvents(c.caseId)).toHaveLength(2);
      }
      expect(await h.reminderIssuedEvents(pending.caseId)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('delivers exactly once when the worker dies after recording the reminder and before delivering it', async () => {
    const first = await RemindersHarness.start('reminders_killed', { webhookUrl, worker: false });
    const firing = first.module.get(ReminderFiring);
    let issued!: () => void;
    const issuedOnce = new Promise<void>((resolve) => (issued = resolve));
    // skipStalledCheck: its default 30 s interval would hold the queue's shared stalled-check throttle key.
    const doomed = new Worker<ReminderJobData>(
      REMINDERS_QUEUE,
      async (job) => {
        await firing.issue(job.data);
        issued();
        await new Promise(() => undefined);
      },
      { connection: { url: testRedisUrl(), maxRetriesPerRequest: null }, prefix: first.prefix, concurrency: 1, lockDuration: 1000, skipStalledCheck: true },
    );
    let second: RemindersHarness | undefined;
    try {
      const c = new CaseDriver(first.store, first.decider);
      await c.open('2026-03-02T09:00:00+08:00');
      await first.project();
      await issuedOnce;
      await doomed.close(true);
      const deadlines = await deadlinesOf(first, c);
      const [victim] = await first.reminderIssuedEvents(c.caseId);
      expect(await first.inbox.forReminder(victim.reminderId)).toEqual([]);

      second = await RemindersHarness.start('reminders_killed', { webhookUrl, databaseUrl: first.databaseUrl, prefix: first.prefix });
      for (const d of deadlines) await delivered(second, d);
      await sleep(1000);

      const issuedEvents = await second.reminderIssuedEvents(c.caseId);
      expect(issuedEvents.map((e) => e.reminderId).sort()).toEqual(deadlines.map(reminderId).sort());
      for (const d of deadlines) {
        expect(await second.inbox.forReminder(reminderId(d))).toHaveLength(1);
        expect(receiver.callsFor(reminderId(d))).toHaveLength(1);
      }
    } finally {
      await doomed.close(true).catch(() => undefined);
      await second?.close({ keepData: true });
      await first.close();
    }
  });
});
