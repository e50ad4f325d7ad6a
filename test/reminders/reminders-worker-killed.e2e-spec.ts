import { Client } from 'pg';
import { type Deadline, openDeadlines, reminderId } from '@app/reminders';
import { ThrowawayRedis } from '../fault/support/redis-server';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, sleep, WEBHOOK_SECRET } from './support/reminders-harness';
import { WebhookReceiver } from './support/webhook-receiver';
import { ensureWorkerBuilt, processExists, type WorkerEnv, WorkerProcess } from './support/worker-process';

/** Weeks before the test runs: every reminder of the case is already due when the worker sees it. */
const OPENED_WEEKS_AGO = '2026-03-02T09:00:00+08:00';
/** The worker's BullMQ prefix: the default, as in production. */
const WORKER_PREFIX = 'bull';
const BLOCKED_INBOX_INSERTS = `SELECT pid FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO inbox%'`;
/**
 * Of those, the reminders' deliveries: while the calendar's last year is ending (DOMAIN.md §9) the
 * reconciler's notice to the admins is an inbox insert too, blocked alike; its case_id is ''.
 */
const BLOCKED_REMINDER_INSERTS = `${BLOCKED_INBOX_INSERTS} AND query NOT LIKE '%VALUES ($1, $2, $3, $4, '''',%'`;

/**
 * The compiled worker (node dist/apps/worker/src/main.js) killed with SIGKILL in the middle of a
 * reminder, then a second worker process: the reminder is recorded, delivered to the inbox and
 * accepted by the webhook exactly once. The worker finds the deadlines itself: its deadlines
 * projection reads the case events appended here and schedules the jobs.
 */
describe('a worker process killed mid-job delivers exactly once', () => {
  let redis: ThrowawayRedis;
  let receiver: WebhookReceiver;
  let webhookUrl: string;
  let holdFirstCalls = false;

  beforeAll(async () => {
    await ensureWorkerBuilt();
    redis = await ThrowawayRedis.start();
    receiver = new WebhookReceiver(WEBHOOK_SECRET, (_id, attempt) =>
      holdFirstCalls && attempt === 1 ? 'hold' : 204,
    );
    webhookUrl = await receiver.start();
  }, 180_000);

  afterAll(async () => {
    const alive = await WorkerProcess.killAll();
    const redisPid = redis?.pid;
    await redis?.kill();
    await receiver?.stop();
    expect(alive).toEqual([]);
    if (redisPid !== undefined) expect(processExists(redisPid)).toBe(false);
  });

  function workerEnv(h: RemindersHarness): WorkerEnv {
    return {
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: h.redisUrl,
      REMINDER_WEBHOOK_URL: webhookUrl,
      REMINDER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
  }

  async function openOverdueCase(
    h: RemindersHarness,
  ): Promise<{ c: CaseDriver; deadlines: Deadline[]; ids: string[] }> {
    const c = new CaseDriver(h.store, h.decider);
    await c.open(OPENED_WEEKS_AGO);
    const deadlines = openDeadlines(await c.state(), h.policy);
    expect(deadlines.length).toBeGreaterThan(0);
    for (const d of deadlines) expect(Date.parse(d.dueAt)).toBeLessThan(Date.now());
    return { c, deadlines, ids: deadlines.map(reminderId) };
  }

  /** `eventually`, with what the worker wrote when it times out. */
  async function waitFor<T>(
    worker: WorkerProcess,
    probe: () => Promise<T | undefined | false>,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    try {
      return await eventually(probe, timeoutMs, what);
    } catch (err) {
      throw new Error(
        `${(err as Error).message}; worker ${worker.alive ? 'alive' : 'exited'}: ${worker.log.slice(-2000)}`,
      );
    }
  }

  async function expectDeliveredOnce(
    h: RemindersHarness,
    c: CaseDriver,
    ids: string[],
    webhookCalls: number,
  ): Promise<void> {
    const issued = await h.reminderIssuedEvents(c.caseId);
    expect(issued.map((e) => e.reminderId).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const rows = await h.inbox.forReminder(id);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => `${r.recipientRole}@${r.recipientOrgUnit}`)).size).toBe(rows.length);
      expect(receiver.accepted(id)).toBe(1);
      expect(receiver.callsFor(id)).toHaveLength(webhookCalls);
      expect(receiver.callsFor(id).every((call) => call.signatureValid)).toBe(true);
    }
  }

  it('while its webhook call is in flight: a second process sends it again, accepted once', async () => {
    holdFirstCalls = true;
    const h = await RemindersHarness.start('reminders_proc_webhook', {
      worker: false,
      deadlinesProjection: false,
      webhookUrl,
      redisUrl: redis.dbUrl(1),
      prefix: WORKER_PREFIX,
    });
    try {
      const { c, ids } = await openOverdueCase(h);
      const first = WorkerProcess.start(workerEnv(h));
      await waitFor(
        first,
        async () => ids.every((id) => receiver.heldFor(id) === 1),
        20_000,
        'webhook calls held open',
      );
      expect(await h.webhooks.getJobCounts('active')).toEqual({ active: ids.length });
      const inboxBefore = await Promise.all(ids.map(async (id) => (await h.inbox.forReminder(id)).length));
      expect(inboxBefore.every((n) => n > 0)).toBe(true);

      await first.kill();
      holdFirstCalls = false;
      const second = WorkerProcess.start(workerEnv(h));
      await waitFor(
        second,
        async () => ids.every((id) => receiver.accepted(id) === 1),
        30_000,
        'webhooks accepted after the takeover',
      );
      await sleep(1500);

      await expectDeliveredOnce(h, c, ids, 2);
      for (const [i, id] of ids.entries()) expect(await h.inbox.forReminder(id)).toHaveLength(inboxBefore[i]);
      expect(second.alive).toBe(true);
      await second.kill();
    } finally {
      await WorkerProcess.killAll();
      await h.close();
    }
  }, 60_000);

  it('between recording ReminderIssued and writing the inbox: a second process delivers what was recorded, once', async () => {
    const h = await RemindersHarness.start('reminders_proc_inbox', {
      worker: false,
      deadlinesProjection: false,
      webhookUrl,
      redisUrl: redis.dbUrl(2),
      prefix: WORKER_PREFIX,
    });
    // SHARE mode blocks the worker's INSERT into the inbox, not reads.
    const lock = new Client({ connectionString: h.databaseUrl });
    await lock.connect();
    let locked = false;
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE inbox IN SHARE MODE');
      locked = true;
      const { c, ids } = await openOverdueCase(h);
      const first = WorkerProcess.start(workerEnv(h));
      // One inbox insert per batch: the reminders may be in one batch or several.
      await waitFor(
        first,
        async () =>
          (await h.reminderIssuedEvents(c.caseId)).length === ids.length &&
          ((await h.pool.query(BLOCKED_REMINDER_INSERTS)).rowCount ?? 0) > 0,
        20_000,
        'ReminderIssued recorded and the inbox writes blocked',
      );

      await first.kill();
      // PostgreSQL notices a dead client only when it next talks to it: end its blocked statements as a crash would.
      await h.pool.query(`SELECT pg_terminate_backend(pid) FROM (${BLOCKED_INBOX_INSERTS}) AS blocked`);
      await lock.query('ROLLBACK');
      locked = false;
      for (const id of ids) expect(await h.inbox.forReminder(id)).toEqual([]);
      expect(receiver.calls.filter((call) => ids.includes(call.reminderId))).toEqual([]);
      expect(await h.reminders.getJobCounts('active')).toEqual({ active: ids.length });

      const second = WorkerProcess.start(workerEnv(h));
      await waitFor(
        second,
        async () => {
          const inbox = await Promise.all(ids.map((id) => h.inbox.forReminder(id)));
          return inbox.every((rows) => rows.length > 0) && ids.every((id) => receiver.accepted(id) === 1);
        },
        35_000,
        'inbox rows and webhooks after the takeover',
      );
      await sleep(1500);

      await expectDeliveredOnce(h, c, ids, 1);
      expect(second.alive).toBe(true);
      await second.kill();
    } finally {
      if (locked) await lock.query('ROLLBACK').catch(() => undefined);
      await lock.end();
      await WorkerProcess.killAll();
      await h.close();
    }
  }, 60_000);
});
