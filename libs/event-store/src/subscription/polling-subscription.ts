import { Logger } from '@nestjs/common';
import type {
  ReadAllOptions,
  ReadAllResult,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';

/**
 * How soon to read again when committed events wait behind a transaction still in flight, or when the
 * last page brought events (more are likely on their way). Waiting for the next NOTIFY instead had
 * the worker read every 42 ms under load (the appending process sends its NOTIFY through a pool that
 * its appends keep busy): projection lag under 32 connections went from a p99 of ~100 ms to ~75 ms,
 * for a worker that reads and commits more often (its CPU per command rose by about a third).
 */
const SOON_POLL_MS = 20;

/** Wakes pollers early when something was appended; the poll interval is the fallback. */
export class WakeSignal {
  private generation = 0;
  private waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify (or at once if one happened since `since`), or after `ms`. */
  wait(ms: number, since: number): Promise<void> {
    if (this.generation !== since) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}

export interface PollingSubscriptionSettings {
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  signal: WakeSignal;
  batchSize: number;
  /** Longest wait between polls when nothing woke the subscription. */
  idleMs: number;
  /** First wait after a failed read or handler call; doubles up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
  logger: Logger;
}

/**
 * Catch-up then live, by polling readAll from the last delivered position. A failed read (dropped
 * connection) or a failed handler call waits and retries from that same position, so an event is
 * never skipped and, once its handler call has resolved, never delivered again.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private checkpoint: string | null;
  private readonly stopSignal = new WakeSignal();
  private readonly done: Promise<void>;

  constructor(
    private readonly options: SubscribeAllOptions,
    private readonly handler: SubscriptionHandler,
    private readonly settings: PollingSubscriptionSettings,
    onStopped: () => void = () => undefined,
  ) {
    this.checkpoint = options.fromCheckpoint;
    this.done = this.run().finally(onStopped);
  }

  /** Position of the last event whose handler call resolved. */
  get position(): string | null {
    return this.checkpoint;
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.stopSignal.notify();
    this.settings.signal.notify();
    return this.done;
  }

  private async run(): Promise<void> {
    const { signal, batchSize, idleMs } = this.settings;
    let failures = 0;
    while (!this.stopped) {
      const seen = signal.current;
      let page: ReadAllResult;
      try {
        page = await this.settings.readAll({
          fromPosition: this.checkpoint,
          limit: batchSize,
          streamPrefix: this.options.streamPrefix,
        });
        failures = 0;
      } catch (err) {
        failures += 1;
        this.settings.logger.warn(
          `subscription read failed (attempt ${failures}), retrying: ${describe(err)}`,
        );
        await this.pause(failures);
        continue;
      }
      for (const event of page.events) {
        if (!(await this.deliver(event))) return;
        this.checkpoint = event.globalPosition;
      }
      if (page.events.length < batchSize && !this.stopped) {
        const soon = page.pending === true || page.events.length > 0;
        await signal.wait(soon ? Math.min(idleMs, SOON_POLL_MS) : idleMs, seen);
      }
    }
  }

  private async deliver(event: Parameters<SubscriptionHandler>[0]): Promise<boolean> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.handler(event);
        return true;
      } catch (err) {
        failures += 1;
        this.settings.logger.error(
          `subscription handler failed on ${event.streamId}@${event.revision} (position ${event.globalPosition}, attempt ${failures}): ${describe(err)}`,
        );
        await this.pause(failures);
      }
    }
    return false;
  }

  private pause(failures: number): Promise<void> {
    const { retryMs, maxRetryMs } = this.settings;
    const ms = Math.min(maxRetryMs, retryMs * 2 ** Math.min(failures - 1, 16));
    return this.stopSignal.wait(ms, this.stopSignal.current);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
