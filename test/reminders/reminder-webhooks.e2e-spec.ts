import { register } from 'prom-client';
import { openDeadlines, REMINDER_WEBHOOK_CALLS, reminderId } from '@app/reminders';
import { CaseDriver } from './support/case-driver';
import { eventually, RemindersHarness, sleep, WEBHOOK_SECRET } from './support/reminders-harness';
import { WebhookReceiver } from './support/webhook-receiver';

describe('the reminder webhook (a local HTTP receiver)', () => {
  const flaky = new Set<string>();
  let receiver: WebhookReceiver;
  let h: RemindersHarness;

  beforeAll(async () => {
    // Fails the first three calls of a flaky reminder, accepts everything else.
    receiver = new WebhookReceiver(WEBHOOK_SECRET, (id, attempt) =>
      flaky.has(id) && attempt <= 3 ? 503 : 204,
    );
    h = await RemindersHarness.start('reminder_webhooks', { webhookUrl: await receiver.start() });
  });

  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
  });

  it('gets one correctly signed call per reminder, naming it in X-Reminder-Id and the body', async () => {
    const c = new CaseDriver(h.store, h.decider);
    await c.open('2026-03-02T09:00:00+08:00');
    await h.project();
    const ids = openDeadlines(await c.state(), h.policy).map(reminderId);
    await eventually(
      async () => ids.every((id) => receiver.callsFor(id).length === 1),
      20_000,
      'one call per reminder',
    );
    await sleep(1000);
    for (const id of ids) {
      const [call] = receiver.callsFor(id);
      expect(receiver.callsFor(id)).toHaveLength(1);
      expect(call.signatureValid).toBe(true);
      expect(call.body).toMatchObject({ reminderId: id, caseId: c.caseId });
    }
  });

  it('retries a receiver that fails three times with backoff, and it accepts exactly one delivery', async () => {
    const c = new CaseDriver(h.store, h.decider);
    await c.open('2026-03-02T09:00:00+08:00');
    for (const d of openDeadlines(await c.state(), h.policy)) flaky.add(reminderId(d));
    await h.project();
    const ids = [...flaky];
    await eventually(
      async () => ids.every((id) => receiver.accepted(id) === 1),
      20_000,
      'accepted deliveries',
    );
    await sleep(1500);
    for (const id of ids) {
      expect(receiver.callsFor(id).map((call) => call.status)).toEqual([503, 503, 503, 204]);
      expect(receiver.callsFor(id).every((call) => call.signatureValid)).toBe(true);
      const ledger = await h.pool.query(
        'SELECT attempts, accepted_at FROM reminder_webhooks WHERE reminder_id = $1',
        [id],
      );
      expect(ledger.rows[0]).toMatchObject({ attempts: 4, accepted_at: expect.any(Date) });
    }
    expect(await h.webhooks.getJobCounts('failed', 'completed')).toMatchObject({ failed: 0 });
  });

  it('leaves a webhook that never succeeds in the failed set, and counts it', async () => {
    const job = await h.webhooks.add(
      'deliver',
      { reminderId: 'never-accepted', body: '{}' },
      { jobId: 'never-accepted', attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    );
    flaky.add('never-accepted');
    await h.pool.query(
      `INSERT INTO reminder_webhooks (reminder_id, body, created_at) VALUES ('never-accepted', '{}', now())`,
    );
    await eventually(async () => (await job.getState()) === 'failed', 10_000, 'the failed webhook job');
    expect(receiver.callsFor('never-accepted').map((call) => call.status)).toEqual([503, 503]);
    const calls = await register.getSingleMetric(REMINDER_WEBHOOK_CALLS)?.get();
    expect(calls?.values.find((v) => v.labels.result === 'gave-up')?.value).toBeGreaterThanOrEqual(1);
  });
});
