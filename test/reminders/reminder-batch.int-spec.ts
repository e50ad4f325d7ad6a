import type { JobsOptions } from 'bullmq';
import { caseStreamId } from '@app/appointment';
import {
  type Deadline,
  type FireResult,
  openDeadlines,
  ReminderFiring,
  reminderId,
  type WebhookJobData,
} from '@app/reminders';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, WEBHOOK_SECRET } from './support/reminders-harness';
import { WebhookReceiver } from './support/webhook-receiver';

/** A week-old case: its initiation has been awaiting approval past due, so that reminder fires at once. */
const OPENED_AT = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();

interface Queued {
  reminderId: string;
  inboxRows: number;
  issuedEvents: number;
  outcome: string | null;
}

/**
 * Watches the (real) webhooks queue: at the moment a webhook job is handed to Redis, notes what
 * PostgreSQL already holds for its reminder (committed inbox rows, ReminderIssued, the outcome).
 */
function watchQueueing(h: RemindersHarness): { queued: Queued[]; bulkSizes: number[] } {
  const queued: Queued[] = [];
  const bulkSizes: number[] = [];
  const note = async (id: string): Promise<void> => {
    const { rows } = await h.pool.query<{ outcome: string }>(
      `SELECT outcome FROM reminder_outcomes WHERE reminder_id = $1`,
      [id],
    );
    const caseId = (
      await h.pool.query<{ case_id: string }>(`SELECT case_id FROM inbox WHERE reminder_id = $1`, [id])
    ).rows[0]?.case_id;
    const issued = caseId ? await h.reminderIssuedEvents(caseId) : [];
    queued.push({
      reminderId: id,
      inboxRows: (await h.inbox.forReminder(id)).length,
      issuedEvents: issued.filter((e) => e.reminderId === id).length,
      outcome: rows[0]?.outcome ?? null,
    });
  };
  const webhooks = h.webhooks;
  const addBulk = webhooks.addBulk.bind(webhooks);
  const add = webhooks.add.bind(webhooks);
  jest
    .spyOn(webhooks, 'addBulk')
    .mockImplementation(async (jobs: Array<{ name: string; data: WebhookJobData; opts?: JobsOptions }>) => {
      bulkSizes.push(jobs.length);
      for (const job of jobs) await note(job.data.reminderId);
      return addBulk(jobs);
    });
  jest
    .spyOn(webhooks, 'add')
    .mockImplementation(async (name: string, data: WebhookJobData, opts?: JobsOptions) => {
      bulkSizes.push(1);
      await note(data.reminderId);
      return add(name, data, opts);
    });
  return { queued, bulkSizes };
}

async function openCases(h: RemindersHarness, count: number): Promise<CaseDriver[]> {
  const cases = Array.from({ length: count }, () => new CaseDriver(h.store, h.decider));
  for (const c of cases) await c.open(OPENED_AT);
  return cases;
}

async function dueOf(h: RemindersHarness, cases: CaseDriver[]): Promise<Deadline[]> {
  const due: Deadline[] = [];
  for (const c of cases) due.push(...openDeadlines(await c.state(), h.policy));
  return due;
}

const values = (results: Array<PromiseSettledResult<FireResult>>): FireResult[] =>
  results.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });

describe('firing reminders in batches (real PostgreSQL and Redis)', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('through the worker', () => {
    let receiver: WebhookReceiver;
    let h: RemindersHarness;

    beforeAll(async () => {
      receiver = new WebhookReceiver(WEBHOOK_SECRET);
      h = await RemindersHarness.start('reminder_batch_worker', { webhookUrl: await receiver.start() });
    });

    afterAll(async () => {
      await h?.close();
      await receiver?.stop();
    });

    it('queues no webhook before the inbox rows of its reminder are committed, for every reminder of a batch', async () => {
      const watch = watchQueueing(h);
      const cases = await openCases(h, 12);
      const due = (await dueOf(h, cases)).filter((d) => Date.parse(d.dueAt) <= Date.now());
      expect(due).toHaveLength(12);

      await h.project();
      for (const d of due)
        await eventually(async () => receiver.accepted(reminderId(d)) === 1, 20_000, `${reminderId(d)} sent`);

      expect(Math.max(...watch.bulkSizes)).toBeGreaterThan(1);
      expect(watch.queued.map((q) => q.reminderId).sort()).toEqual(due.map(reminderId).sort());
      for (const q of watch.queued) {
        expect(q).toMatchObject({ issuedEvents: 1, outcome: null });
        expect(q.inboxRows).toBeGreaterThan(0);
      }
      const outcomes = await h.pool.query<{ outcome: string }>(
        `SELECT outcome FROM reminder_outcomes WHERE reminder_id = ANY($1::text[])`,
        [due.map(reminderId)],
      );
      expect(outcomes.rows.map((r) => r.outcome)).toEqual(due.map(() => 'delivered'));
    });
  });

  describe('a batch of ReminderFiring.fire', () => {
    let h: RemindersHarness;
    let firing: ReminderFiring;

    beforeAll(async () => {
      // Queues only: the webhook jobs stay in the queue where the test can count them.
      h = await RemindersHarness.start('reminder_batch_fire', {
        worker: false,
        webhookUrl: 'http://127.0.0.1:9/never-called',
      });
      firing = h.module.get(ReminderFiring);
    });

    afterAll(async () => {
      await h?.close();
    });

    const inboxRows = async (due: Deadline[]): Promise<number> =>
      Number(
        (
          await h.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM inbox WHERE reminder_id = ANY($1::text[])`,
            [due.map(reminderId)],
          )
        ).rows[0].n,
      );

    it('delivers once when the same batch is fired twice', async () => {
      const due = await dueOf(h, await openCases(h, 4));

      const first = values(await firing.fire(due));
      const rowsAfterFirst = await inboxRows(due);
      const second = values(await firing.fire(due));

      expect(first.every((r) => r.outcome === 'delivered' && r.appended && r.newInboxRows > 0)).toBe(true);
      expect(second).toEqual(
        first.map((r) => ({ ...r, appended: false, newInboxRows: 0, webhookQueued: true })),
      );
      expect(await inboxRows(due)).toBe(rowsAfterFirst);
      for (const d of due) {
        const issued = await h.reminderIssuedEvents(d.caseId);
        expect(issued.filter((e) => e.reminderId === reminderId(d))).toHaveLength(1);
        expect(await (await h.webhooks.getJob(reminderId(d)))?.getState()).toBe('waiting');
      }
      expect(await h.webhooks.getJobCountByTypes('waiting')).toBe(due.length);
    });

    it('drops a reminder whose reason no longer holds, and one that fails fails alone; the others of the batch are delivered', async () => {
      const [approved, ...open] = await openCases(h, 3);
      const due = await dueOf(h, [approved, ...open]);
      await approved.approve(new Date().toISOString());
      // A case id PostgreSQL cannot store: reading its stream fails, for this reminder only.
      const broken: Deadline = { ...due[due.length - 1], caseId: 'broken\u0000case', deadlineId: 'broken' };
      const watch = watchQueueing(h);

      const results = await firing.fire([...due, broken]);

      const byCase = (caseId: string) =>
        results
          .filter((_, i) => [...due, broken][i].caseId === caseId)
          .map((r) => r.status === 'fulfilled' && r.value);
      expect(byCase(approved.caseId)).toEqual(
        due
          .filter((d) => d.caseId === approved.caseId)
          .map((d) => ({ outcome: 'dropped', reminderId: reminderId(d), why: 'no-longer-holds' })),
      );
      for (const c of open)
        for (const r of byCase(c.caseId)) expect(r).toMatchObject({ outcome: 'delivered', appended: true });
      expect(results.at(-1)).toMatchObject({ status: 'rejected' });

      expect(await h.reminderIssuedEvents(approved.caseId)).toEqual([]);
      expect(await h.inbox.forCase(approved.caseId)).toEqual([]);
      expect(watch.queued.map((q) => q.reminderId).sort()).toEqual(
        due
          .filter((d) => d.caseId !== approved.caseId)
          .map(reminderId)
          .sort(),
      );
      const outcomes = await h.pool.query<{ case_id: string; outcome: string }>(
        `SELECT case_id, outcome FROM reminder_outcomes WHERE reminder_id = ANY($1::text[])`,
        [[...due, broken].map(reminderId)],
      );
      expect(outcomes.rows).toHaveLength(due.length);
      for (const row of outcomes.rows)
        expect(row.outcome).toBe(row.case_id === approved.caseId ? 'dropped' : 'delivered');
      expect(await h.store.read(caseStreamId(approved.caseId))).not.toHaveLength(0);
    });

    it('fails every reminder of a batch whose inbox insert fails, queues no webhook, and delivers once on the retry', async () => {
      const due = await dueOf(h, await openCases(h, 3));
      const watch = watchQueueing(h);
      await h.pool.query(`ALTER TABLE inbox ADD CONSTRAINT inbox_refuses_test CHECK (false) NOT VALID`);
      try {
        await expect(firing.fire(due)).rejects.toThrow(/inbox_refuses_test/);
      } finally {
        await h.pool.query(`ALTER TABLE inbox DROP CONSTRAINT inbox_refuses_test`);
      }
      expect(watch.queued).toEqual([]);
      for (const d of due) {
        expect(await h.webhooks.getJob(reminderId(d))).toBeUndefined();
        expect((await h.reminderIssuedEvents(d.caseId)).map((e) => e.reminderId)).toContain(reminderId(d));
      }
      expect(
        (
          await h.pool.query(`SELECT 1 FROM reminder_outcomes WHERE reminder_id = ANY($1::text[])`, [
            due.map(reminderId),
          ])
        ).rowCount,
      ).toBe(0);

      const retried = values(await firing.fire(due));

      for (const r of retried) expect(r).toMatchObject({ outcome: 'delivered', appended: false });
      expect(retried.every((r) => r.outcome === 'delivered' && r.newInboxRows > 0)).toBe(true);
      for (const q of watch.queued) expect(q.inboxRows).toBeGreaterThan(0);
      expect(watch.queued.map((q) => q.reminderId).sort()).toEqual(due.map(reminderId).sort());
    });
  });
});
