import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { addDays } from '@app/calendar';
import { COVERAGE_WARNING_DAYS, WorkingCalendarService } from '@app/calendar-store';
import { CLOCK, type Clock } from '@app/platform';
import { CALENDAR_COVERAGE_KIND, InboxRepository } from './inbox.repository';
import { OPEN_DEADLINE_SOURCE, type OpenDeadlineSource } from './open-deadline.source';
import {
  DELIVER_WEBHOOK_JOB,
  REMINDER_WEBHOOKS_QUEUE,
  REMINDERS_QUEUE,
  type ReminderJobData,
  reminderId,
  type WebhookJobData,
  webhookJobOptions,
} from './reminder-jobs';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { ReminderScheduler } from './reminder-scheduler';
import { REMINDERS_OPTIONS, type ResolvedRemindersOptions } from './reminders.options';

export interface ReconcileReport {
  /** Open deadlines read from the deadlines projection. */
  open: number;
  /** Their reminders already delivered: nothing to do. */
  delivered: number;
  /** Jobs that were in Redis already. */
  present: number;
  /** Jobs re-created. */
  created: number;
  /** Of those, already past due: they wait the backfill grace, then fire if their reason still holds. */
  pastDue: number;
  /** Webhook calls of delivered reminders, neither accepted nor given up, whose job Redis lost: re-created. */
  webhooks: number;
  /** 1 when this run told the admins that the calendar's last year is ending (once per year, DOMAIN.md §9). */
  calendarNotice: number;
  tookMs: number;
}

const PAGE_SIZE = 1000;

/**
 * Re-creates the job of every open deadline that Redis lost, and of every webhook call still owed
 * (ARCHITECTURE.md: losing Redis loses nothing).
 */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);

  constructor(
    @Inject(OPEN_DEADLINE_SOURCE) private readonly source: OpenDeadlineSource,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue<ReminderJobData>,
    private readonly scheduler: ReminderScheduler,
    private readonly ledger: ReminderLedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectQueue(REMINDER_WEBHOOKS_QUEUE) private readonly webhooks: Queue<WebhookJobData>,
    @Inject(REMINDERS_OPTIONS) private readonly options: ResolvedRemindersOptions,
    private readonly inbox: InboxRepository,
    @Optional() private readonly calendar?: WorkingCalendarService,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const started = Date.now();
    const report: ReconcileReport = {
      open: 0,
      delivered: 0,
      present: 0,
      created: 0,
      pastDue: 0,
      webhooks: 0,
      calendarNotice: 0,
      tookMs: 0,
    };
    for await (const page of this.source.pages(PAGE_SIZE)) {
      report.open += page.length;
      const delivered = await this.ledger.delivered(page.map(reminderId));
      const pending = page.filter((d) => !delivered.has(reminderId(d)));
      report.delivered += page.length - pending.length;
      const missing = await this.missing(this.queue, pending, reminderId);
      report.present += pending.length - missing.length;
      const now = this.clock.now().getTime();
      report.pastDue += missing.filter((d) => Date.parse(d.dueAt) <= now).length;
      await this.scheduler.schedule(missing);
      report.created += missing.length;
    }
    report.webhooks = await this.requeueWebhooks();
    report.calendarNotice = await this.noticeCalendarCoverage();
    report.tookMs = Date.now() - started;
    if (report.created > 0 || report.webhooks > 0 || report.calendarNotice > 0)
      this.logger.log(`reconciled reminders: ${JSON.stringify(report)}`);
    return report;
  }

  /**
   * From 60 days before the calendar's last covered day, one inbox entry for the admins: its id names
   * the year, so running every 5 minutes on every worker still delivers it once.
   */
  async noticeCalendarCoverage(): Promise<number> {
    if (this.calendar === undefined) return 0;
    const now = this.clock.now();
    const warning = this.calendar.coverageWarning(now);
    if (warning === undefined) return 0;
    const year = warning.nextYear - 1;
    return this.inbox.deliverNotice(
      {
        reminderId: `calendar-coverage-${year}`,
        recipientRole: 'admin',
        kind: CALENDAR_COVERAGE_KIND,
        subject: String(year),
        reason: warning.message,
        dueAt: `${addDays(warning.lastCoveredDay, -COVERAGE_WARNING_DAYS)}T09:00:00+08:00`,
      },
      now,
    );
  }

  /** A delivered reminder records its webhook body before queueing the call: the job can be re-created from it. */
  private async requeueWebhooks(): Promise<number> {
    const { webhookBackoffMs, webhookAttempts } = this.options;
    let requeued = 0;
    let after = '';
    for (;;) {
      const page = await this.ledger.pendingWebhooks(after, PAGE_SIZE, webhookAttempts);
      const missing = await this.missing(this.webhooks, page, (w) => w.reminderId);
      if (missing.length > 0) {
        await this.webhooks.addBulk(
          missing.map((data) => ({
            name: DELIVER_WEBHOOK_JOB,
            data,
            opts: webhookJobOptions(data.reminderId, webhookBackoffMs, webhookAttempts),
          })),
        );
      }
      requeued += missing.length;
      if (page.length < PAGE_SIZE) return requeued;
      after = page[page.length - 1].reminderId;
    }
  }

  private async missing<T>(queue: Queue, items: T[], jobId: (item: T) => string): Promise<T[]> {
    if (items.length === 0) return [];
    const client = (await queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const item of items) pipeline.exists(queue.toKey(jobId(item)));
    const answers = (await pipeline.exec()) ?? [];
    return items.filter((_, i) => {
      const [err, exists] = answers[i] ?? [null, 0];
      if (err) throw err;
      return exists === 0;
    });
  }
}
