import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  RECONCILE_EVERY_MS,
  RECONCILE_JOB,
  RECONCILE_SCHEDULER_ID,
  ReminderReconciler,
  REMINDERS_MAINTENANCE_QUEUE,
} from '@app/reminders';

/**
 * At worker start: reconcile once, and keep the 5-minute reconcile scheduler in place. Neither is
 * awaited by the start: Nest runs the modules' start hooks one after another, so a reconcile held up
 * (Redis away, the inbox locked by the calendar notice's insert) would keep the projections from
 * starting, and with them every new reminder.
 */
@Injectable()
export class RemindersStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger(RemindersStartup.name);

  constructor(
    private readonly reconciler: ReminderReconciler,
    @InjectQueue(REMINDERS_MAINTENANCE_QUEUE) private readonly maintenance: Queue,
  ) {}

  onApplicationBootstrap(): void {
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      await this.maintenance.upsertJobScheduler(
        RECONCILE_SCHEDULER_ID,
        { every: RECONCILE_EVERY_MS },
        { name: RECONCILE_JOB, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
      );
      const report = await this.reconciler.reconcile();
      this.logger.log(
        `reminders reconciled at start: ${report.created} jobs re-created of ${report.open} open deadlines`,
      );
    } catch (err) {
      // The scheduled run retries in 5 minutes; the worker keeps firing what Redis still holds.
      this.logger.error(`reconcile at start failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
