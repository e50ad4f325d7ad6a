import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CLOCK, type Clock } from '@app/platform';
import type { Deadline } from './deadline-policy';
import { OPEN_DEADLINE_SOURCE, type OpenDeadlineSource } from './open-deadline.source';
import { REMINDERS_QUEUE, type ReminderJobData, reminderId } from './reminder-jobs';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { ReminderScheduler } from './reminder-scheduler';

export interface ReconcileReport {
  /** Open deadlines read from the deadlines projection. */
  open: number;
  /** Their reminders already delivered: nothing to do. */
  delivered: number;
  /** Jobs that were in Redis already. */
  present: number;
  /** Jobs re-created. */
  created: number;
  /** Of those, already past due: they fire at once. */
  pastDue: number;
  tookMs: number;
}

const PAGE_SIZE = 1000;

/** Re-creates the job of every open deadline that Redis lost (ARCHITECTURE.md: losing Redis loses nothing). */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);

  constructor(
    @Inject(OPEN_DEADLINE_SOURCE) private readonly source: OpenDeadlineSource,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue<ReminderJobData>,
    private readonly scheduler: ReminderScheduler,
    private readonly ledger: ReminderLedgerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const started = Date.now();
    const report: ReconcileReport = { open: 0, delivered: 0, present: 0, created: 0, pastDue: 0, tookMs: 0 };
    for await (const page of this.source.pages(PAGE_SIZE)) {
      report.open += page.length;
      const delivered = await this.ledger.delivered(page.map(reminderId));
      const pending = page.filter((d) => !delivered.has(reminderId(d)));
      report.delivered += page.length - pending.length;
      const missing = await this.missingJobs(pending);
      report.present += pending.length - missing.length;
      const now = this.clock.now().getTime();
      report.pastDue += missing.filter((d) => Date.parse(d.dueAt) <= now).length;
      await this.scheduler.schedule(missing);
      report.created += missing.length;
    }
    report.tookMs = Date.now() - started;
    if (report.created > 0) this.logger.log(`reconciled reminders: ${JSON.stringify(report)}`);
    return report;
  }

  private async missingJobs(deadlines: Deadline[]): Promise<Deadline[]> {
    if (deadlines.length === 0) return [];
    const client = (await this.queue.client) as unknown as Redis;
    const pipeline = client.pipeline();
    for (const d of deadlines) pipeline.exists(this.queue.toKey(reminderId(d)));
    const answers = (await pipeline.exec()) ?? [];
    return deadlines.filter((_, i) => {
      const [err, exists] = answers[i] ?? [null, 0];
      if (err) throw err;
      return exists === 0;
    });
  }
}
