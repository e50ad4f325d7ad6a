import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type Counter, InjectMetric } from '@app/platform';
import {
  REMINDER_WEBHOOK_CALLS,
  REMINDER_WEBHOOKS_QUEUE,
  type WebhookJobData,
  WebhookNotifier,
  type WebhookResult,
} from '@app/reminders';

/**
 * Sends reminder webhooks; a failed call is retried with exponential backoff, then stays in the failed set.
 * Lock and stalled check as in the reminders processor: with BullMQ's defaults a call cut short by a
 * crashed worker went out again only after up to 90 s, and a second crash failed it for good.
 */
@Processor(REMINDER_WEBHOOKS_QUEUE, {
  concurrency: 8,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
})
export class ReminderWebhooksProcessor extends WorkerHost {
  private readonly logger = new Logger(ReminderWebhooksProcessor.name);

  constructor(
    private readonly notifier: WebhookNotifier,
    @InjectMetric(REMINDER_WEBHOOK_CALLS) private readonly calls: Counter<'result'>,
  ) {
    super();
  }

  async process(job: Job<WebhookJobData>): Promise<WebhookResult> {
    const result = await this.notifier.send(job.data);
    if (result === 'accepted') this.calls.inc({ result: 'accepted' });
    return result;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<WebhookJobData> | undefined, error: Error): void {
    if (job === undefined) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.calls.inc({ result: final ? 'gave-up' : 'failed' });
    if (final)
      this.logger.warn(
        `reminder webhook ${job.data.reminderId} gave up after ${job.attemptsMade} attempts: ${error.message}`,
      );
  }
}
