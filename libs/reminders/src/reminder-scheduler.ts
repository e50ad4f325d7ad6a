import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '@app/platform';
import type { Deadline } from './deadline-policy';
import { REMINDERS_QUEUE, type ReminderJobData, reminderId, reminderJob } from './reminder-jobs';

/**
 * Keeps one delayed job per open deadline. It is the deadlines projection's DEADLINE_SINK: called
 * after each committed batch with the deadlines that appeared and those that went away or moved.
 */
@Injectable()
export class ReminderScheduler {
  constructor(
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue<ReminderJobData>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deadlinesChanged(added: Deadline[], removed: Deadline[]): Promise<void> {
    const kept = new Set(added.map(reminderId));
    // A job already running (locked) is not removed; the processor's re-check drops it instead.
    await Promise.all(
      removed.filter((d) => !kept.has(reminderId(d))).map((d) => this.queue.remove(reminderId(d))),
    );
    await this.schedule(added);
  }

  /** Adds the jobs; an id that already exists in Redis is left as it is. Past-due ones wait the backfill grace. */
  async schedule(deadlines: readonly Deadline[]): Promise<void> {
    if (deadlines.length === 0) return;
    const now = this.clock.now().getTime();
    const grace = this.config.reminderBackfillGraceMs;
    await this.queue.addBulk(deadlines.map((d) => reminderJob(d, now, grace)));
  }
}
