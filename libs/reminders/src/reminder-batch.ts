import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/platform';
import type { Deadline } from './deadline-policy';
import { type FireResult, ReminderFiring } from './reminder-firing.service';
import { REMINDER_FIRING_BATCH } from './reminder-jobs';

export interface MicroBatchOptions {
  /** How long the first item of a batch waits for others to join it. */
  windowMs: number;
  /** A batch this full goes at once. */
  maxSize: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (reason: unknown) => void;
}

/**
 * Gathers the items handed in within a short window and runs them together, while each caller
 * still gets its own item's result. `run` answers one settled result per item, in order: a rejected
 * one fails only its own caller. If `run` itself fails, every caller of the batch fails with it.
 */
export class MicroBatch<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: T[]) => Promise<Array<PromiseSettledResult<R>>>,
    private readonly options: MicroBatchOptions,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    void this.settle(batch);
  }

  private async settle(batch: Array<Waiting<T, R>>): Promise<void> {
    let results: Array<PromiseSettledResult<R>>;
    try {
      results = await this.run(batch.map((w) => w.item));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => {
      const result = results[i];
      if (result === undefined) w.reject(new Error(`the batch returned no result for item ${i}`));
      else if (result.status === 'fulfilled') w.resolve(result.value);
      else w.reject(result.reason);
    });
  }
}

/**
 * The reminders processor hands each job here, up to REMINDER_WAKE_EARLY_MS before it fires: its
 * case is read ahead of time, the job waits until it fires, then the jobs in flight on the worker
 * are fired in batches (ReminderFiring.fire), and each job's promise settles with its own
 * reminder's result, so BullMQ retries a failed reminder as it would a job run alone.
 */
@Injectable()
export class ReminderBatch {
  private readonly batch: MicroBatch<Deadline, FireResult>;

  constructor(
    private readonly firing: ReminderFiring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.batch = new MicroBatch((due) => firing.fire(due), REMINDER_FIRING_BATCH);
  }

  /** Fires `due` at `atMs` (at once if omitted or past), never before; the re-check against the case happens then. */
  async fire(due: Deadline, atMs?: number): Promise<FireResult> {
    if (atMs !== undefined && atMs > this.clock.now().getTime()) {
      await this.firing.prepare(due);
      // A timer may run a little early (the event loop's cached time): wait again until the clock says so.
      for (let wait = atMs - this.clock.now().getTime(); wait > 0; wait = atMs - this.clock.now().getTime())
        await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return this.batch.add(due);
  }
}
