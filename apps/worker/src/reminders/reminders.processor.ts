import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { CLOCK, type Clock } from '@app/platform';
import {
  type FireResult,
  REMINDER_FIRING_CONCURRENCY,
  ReminderFiring,
  REMINDERS_QUEUE,
  type ReminderJobData,
} from '@app/reminders';

/** Early by more than this (clock skew between Redis and the service): put back until due. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * Fires due reminders. Jobs are short; a 15 s lock renewed every 7.5 s lets a crashed worker's job
 * be taken over within seconds (stalled check every 5 s), and the firing is idempotent.
 */
@Processor(REMINDERS_QUEUE, {
  concurrency: REMINDER_FIRING_CONCURRENCY,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
})
export class RemindersProcessor extends WorkerHost {
  constructor(
    private readonly firing: ReminderFiring,
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
    return this.firing.fire(job.data);
  }
}
