import { Worker } from 'bullmq';
import Redis from 'ioredis';
import {
  type Deadline,
  openDeadlines,
  ReminderFiring,
  REMINDERS_QUEUE,
  type ReminderJobData,
  reminderId,
} from '@app/reminders';
import { RemindersProcessor } from '../../apps/worker/src/reminders/reminders.processor';
import { ThrowawayRedis } from '../fault/support/redis-server';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, sleep, WEBHOOK_SECRET } from './support/reminders-harness';
import { WebhookReceiver } from './support/webhook-receiver';
import { processExists } from './support/worker-process';

const HOUR_MS = 3600_000;

/** On a private redis-server: FLUSHALL and killing the server touch nothing but this file's keys. */
describe('reminders survive losing Redis and a dying worker', () => {
  let redis: ThrowawayRedis;
  let receiver: WebhookReceiver;
  let webhookUrl: string;
  let refuseWebhooks = false;

  beforeAll(async () => {
    redis = await ThrowawayRedis.start();
    receiver = new WebhookReceiver(WEBHOOK_SECRET, () => (refuseWebhooks ? 503 : 204));
    webhookUrl = await receiver.start();
  });

  afterAll(async () => {
    const pid = redis?.pid;
    await redis?.kill();
    await receiver?.stop();
    if (pid !== undefined) expect(processExists(pid)).toBe(false);
  });

  async function withRedis<T>(use: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      return await use(client);
    } finally {
      client.disconnect();
    }
  }

  async function flushAll(): Promise<void> {
    await withRedis(async (client) => {
      expect(await client.dbsize()).toBeGreaterThan(0);
      expect(await client.flushall()).toBe('OK');
      expect(await client.dbsize()).toBe(0);
    });
  }

  const dbSize = (): Promise<number> => withRedis((client) => client.dbsize());

  async function deadlinesOf(h: RemindersHarness, c: CaseDriver): Promise<Deadline[]> {
    return openDeadlines(await c.state(), h.policy);
  }

  async function delivered(h: RemindersHarness, d: Deadline): Promise<void> {
    const id = reminderId(d);
    try {
      await eventually(
        async () => (await h.inbox.forReminder(id)).length > 0 && receiver.accepted(id) === 1,
        20_000,
        `${d.kind} delivered`,
      );
    } catch (err) {
      const statuses = receiver.callsFor(id).map((c) => c.status);
      throw new Error(
        `${(err as Error).message}: ${id} has ${(await h.inbox.forReminder(id)).length} inbox rows, webhook answers ${JSON.stringify(statuses)}`,
      );
    }
  }

  it('re-creates every pending job after a real FLUSHALL, and delivers nothing twice', async () => {
    const h = await RemindersHarness.start('reminders_flushall', { webhookUrl, redisUrl: redis.url });
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

      // A case delivered to the inbox whose webhook calls are refused: their retries live only in Redis.
      refuseWebhooks = true;
      const hooked = new CaseDriver(h.store, h.decider);
      await hooked.open('2026-04-01T09:00:00+08:00');
      await h.project();
      const refused = await deadlinesOf(h, hooked);
      await eventually(
        async () =>
          (
            await Promise.all(
              refused.map(
                async (d) =>
                  (await h.inbox.forReminder(reminderId(d))).length > 0 &&
                  receiver.callsFor(reminderId(d)).length > 0,
              ),
            )
          ).every(Boolean),
        20_000,
        'hooked reminders in the inbox, webhooks refused',
      );

      // A case whose timers are lost before they could fire: the worker is paused meanwhile.
      const processor = h.module.get(RemindersProcessor);
      await processor.worker.pause();
      const lost = new CaseDriver(h.store, h.decider);
      await lost.open('2026-06-01T09:00:00+08:00');
      await h.project();
      expect(await h.reminders.getJobCounts('waiting')).toMatchObject({ waiting: 2 });

      await flushAll();
      for (const d of [...waiting, ...(await deadlinesOf(h, lost))])
        expect(await h.reminders.getJob(reminderId(d))).toBeUndefined();
      for (const d of refused) expect(await h.webhooks.getJob(reminderId(d))).toBeUndefined();
      refuseWebhooks = false;
      processor.worker.resume();

      const report = await h.reconciler.reconcile();
      expect(report).toMatchObject({
        open: 8,
        delivered: 4,
        present: 0,
        created: 4,
        pastDue: 2,
        webhooks: 2,
      });
      for (const d of waiting)
        expect(await (await h.reminders.getJob(reminderId(d)))?.getState()).toBe('delayed');
      for (const d of [...(await deadlinesOf(h, lost)), ...refused]) await delivered(h, d);

      expect(await h.reconciler.reconcile()).toMatchObject({
        open: 8,
        delivered: 6,
        present: 2,
        created: 0,
        webhooks: 0,
      });
      await sleep(1500);
      for (const c of [done, lost, hooked]) {
        for (const d of await deadlinesOf(h, c)) {
          expect(await h.inbox.forReminder(reminderId(d))).toHaveLength(1);
          expect(receiver.accepted(reminderId(d))).toBe(1);
        }
        expect(await h.reminderIssuedEvents(c.caseId)).toHaveLength(2);
      }
      for (const c of [done, lost])
        for (const d of await deadlinesOf(h, c)) expect(receiver.callsFor(reminderId(d))).toHaveLength(1);
      expect(await h.reminderIssuedEvents(pending.caseId)).toEqual([]);
    } finally {
      refuseWebhooks = false;
      await h.close();
    }
  });

  it('delivers every due reminder exactly once after Redis is killed and comes back empty', async () => {
    const h = await RemindersHarness.start('reminders_redis_killed', { webhookUrl, redisUrl: redis.url });
    try {
      const before = new CaseDriver(h.store, h.decider);
      await before.open('2026-03-02T09:00:00+08:00');
      await h.project();
      for (const d of await deadlinesOf(h, before)) await delivered(h, d);

      const processor = h.module.get(RemindersProcessor);
      await processor.worker.pause();
      const due = new CaseDriver(h.store, h.decider);
      await due.open('2026-06-01T09:00:00+08:00');
      const pending = new CaseDriver(h.store, h.decider);
      await pending.open(new Date(Date.now() - HOUR_MS).toISOString());
      await h.project();
      expect(await h.reminders.getJobCounts('waiting', 'delayed')).toMatchObject({ waiting: 2, delayed: 2 });

      await redis.kill();
      await redis.restart();
      expect(await dbSize()).toBe(0);
      processor.worker.resume();

      expect(await h.reconciler.reconcile()).toMatchObject({
        open: 6,
        delivered: 2,
        present: 0,
        created: 4,
        pastDue: 2,
        webhooks: 0,
      });
      for (const d of await deadlinesOf(h, due)) await delivered(h, d);
      for (const d of await deadlinesOf(h, pending))
        expect(await (await h.reminders.getJob(reminderId(d)))?.getState()).toBe('delayed');
      await sleep(1500);

      for (const c of [before, due]) {
        const deadlines = await deadlinesOf(h, c);
        expect((await h.reminderIssuedEvents(c.caseId)).map((e) => e.reminderId).sort()).toEqual(
          deadlines.map(reminderId).sort(),
        );
        for (const d of deadlines) {
          expect(await h.inbox.forReminder(reminderId(d))).toHaveLength(1);
          expect(receiver.callsFor(reminderId(d))).toHaveLength(1);
          expect(receiver.accepted(reminderId(d))).toBe(1);
        }
      }
      expect(await h.reminderIssuedEvents(pending.caseId)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('delivers exactly once when the worker dies after recording the reminder and before delivering it', async () => {
    const first = await RemindersHarness.start('reminders_killed', {
      webhookUrl,
      worker: false,
      redisUrl: redis.url,
    });
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
      {
        connection: { url: redis.url, maxRetriesPerRequest: null },
        prefix: first.prefix,
        concurrency: 1,
        lockDuration: 1000,
        skipStalledCheck: true,
      },
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

      second = await RemindersHarness.start('reminders_killed', {
        webhookUrl,
        databaseUrl: first.databaseUrl,
        prefix: first.prefix,
        redisUrl: redis.url,
      });
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
