import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type ReconcileReport, ReminderReconciler, REMINDERS_MAINTENANCE_QUEUE } from '@app/reminders';

/** Runs the reconciler when the job scheduler says so (every 5 minutes, on one worker at a time). */
@Processor(REMINDERS_MAINTENANCE_QUEUE, { concurrency: 1 })
export class RemindersMaintenanceProcessor extends WorkerHost {
  constructor(private readonly reconciler: ReminderReconciler) {
    super();
  }

  process(_job: Job): Promise<ReconcileReport> {
    return this.reconciler.reconcile();
  }
}
