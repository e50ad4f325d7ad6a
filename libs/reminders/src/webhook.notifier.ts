import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '@app/platform';
import type { WebhookJobData } from './reminder-jobs';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { REMINDERS_OPTIONS, type ResolvedRemindersOptions } from './reminders.options';
import { REMINDER_ID_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

export class WebhookDeliveryError extends Error {
  constructor(
    readonly reminderId: string,
    message: string,
  ) {
    super(`webhook for reminder ${reminderId} failed: ${message}`);
    this.name = 'WebhookDeliveryError';
  }
}

export type WebhookResult = 'accepted' | 'already-accepted' | 'not-configured';

/** POSTs a reminder to REMINDER_WEBHOOK_URL, HMAC-signed; a 2xx answer is accepted once and never sent again. */
@Injectable()
export class WebhookNotifier {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly options: ResolvedRemindersOptions,
    private readonly ledger: ReminderLedgerRepository,
  ) {}

  async send(job: WebhookJobData): Promise<WebhookResult> {
    const url = this.config.reminderWebhookUrl;
    if (url === undefined) return 'not-configured';
    if (await this.ledger.webhookAccepted(job.reminderId)) return 'already-accepted';
    let failure: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          [SIGNATURE_HEADER]: signWebhookBody(job.body, this.config.reminderWebhookSecret),
          [REMINDER_ID_HEADER]: job.reminderId,
        },
        body: job.body,
        signal: AbortSignal.timeout(this.options.webhookTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    await this.ledger.webhookAttempt(job.reminderId, failure, this.clock.now());
    if (failure !== null) throw new WebhookDeliveryError(job.reminderId, failure);
    return 'accepted';
  }
}
