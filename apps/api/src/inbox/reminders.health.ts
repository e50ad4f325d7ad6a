import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { REMINDERS_QUEUE } from '@app/reminders';

const PROBE_TIMEOUT_MS = 2_000;

/** Readiness of the reminder queue: its Redis answers; depth and failures are reported alongside. */
@Injectable()
export class RemindersHealth {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue,
  ) {}

  async queues(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('reminderQueues');
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the reminder queue did not answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      });
      const counts = await Promise.race([
        this.queue.getJobCounts('delayed', 'waiting', 'active', 'failed'),
        timeout,
      ]);
      return indicator.up(counts);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
