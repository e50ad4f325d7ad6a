import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { CLOCK, type Clock } from '@app/platform';
import {
  type FireResult,
  REMINDER_FIRING_WORKER,
  ReminderBatch,
  REMINDERS_QUEUE,
  type ReminderJobData,
} from '@app/reminders';

/** Early by more than this (clock skew between Redis and the service): put back until due. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * Fires due reminders. Each job joins the batch being gathered (ReminderBatch) and settles with
 * its own reminder's result, so a failed reminder is retried on its own and the others complete.
 */
@Processor(REMINDERS_QUEUE, REMINDER_FIRING_WORKER)
export class RemindersProcessor extends WorkerHost {
  constructor(
    private readonly batch: ReminderBatch,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<ReminderJobData>, token?: string): Promise<FireResult> {
    const due = Date.parse(job.data.dueAt);
    if (due - this.clock.now().getTime() > EARLY_TOLERANCE_MS && token !== undefined) {
      await job.moveToDelayed(due, token);
      throw new DelayedError();
    }
    return this.batch.fire(job.data);
  }
}
