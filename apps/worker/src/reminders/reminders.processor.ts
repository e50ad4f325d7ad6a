import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { CLOCK, type Clock } from '@app/platform';
import {
  firesAt,
  type FireResult,
  REMINDER_FIRING_WORKER,
  REMINDER_WAKE_EARLY_MS,
  ReminderBatch,
  REMINDERS_QUEUE,
  type ReminderJobData,
  scheduledDeadline,
} from '@app/reminders';

/** Earlier than the wake-early by more than this (clock skew between hosts): put back until then. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * Fires reminders. A job arrives up to REMINDER_WAKE_EARLY_MS before it fires and waits in
 * ReminderBatch, then joins the batch being gathered and settles with its own reminder's result,
 * so a failed reminder is retried on its own and the others complete.
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
    const at = firesAt(job.data);
    const early = at - this.clock.now().getTime();
    if (early > REMINDER_WAKE_EARLY_MS + EARLY_TOLERANCE_MS && token !== undefined) {
      await job.moveToDelayed(at - REMINDER_WAKE_EARLY_MS, token);
      throw new DelayedError();
    }
    return this.batch.fire(scheduledDeadline(job.data), at);
  }
}
