import { Logger } from '@nestjs/common';
import { START, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import type { AllStreamSubscription, EventStoreDBClient, Filter } from '@eventstore/db-client';
import type {
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../event-store.port';
import { backoffMs, toRecordedEvent } from './eventstoredb-mapping';
import { comparePositions, decodePosition } from './eventstoredb-position';

/**
 * A catch-up subscription to $all that delivers one event at a time and, when the connection drops
 * or the handler throws, resubscribes from the last delivered position after a backoff. The handler
 * therefore sees every matching event at least once and, barring a handler failure, exactly once.
 */
export class EventStoreDbSubscription implements Subscription {
  private readonly logger = new Logger(EventStoreDbSubscription.name);
  private lastPosition: string | null;
  private stopped = false;
  private current: AllStreamSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeAllOptions,
    private readonly handler: SubscriptionHandler,
  ) {
    if (options.fromCheckpoint !== null) decodePosition(options.fromCheckpoint);
    this.lastPosition = options.fromCheckpoint;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.unsubscribe().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const subscription = this.client.subscribeToAll({
        fromPosition: this.lastPosition === null ? START : decodePosition(this.lastPosition),
        filter: this.filter(),
        resolveLinkTos: false,
      });
      this.current = subscription;
      try {
        for await (const resolved of subscription) {
          if (this.stopped) break;
          const event = toRecordedEvent(resolved);
          if (!event || !this.isNew(event)) continue;
          await this.handler(event);
          this.lastPosition = event.globalPosition;
          failures = 0;
        }
        if (!this.stopped)
          this.logger.warn(`subscription to $all ended after ${this.lastPosition ?? 'start'}; resubscribing`);
      } catch (error) {
        if (!this.stopped) {
          this.logger.warn(
            `subscription to $all failed after ${this.lastPosition ?? 'start'}: ${describe(error)}; resubscribing`,
          );
        }
      } finally {
        this.current = undefined;
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (!this.stopped) await this.sleep(backoffMs(failures++));
    }
  }

  private filter(): Filter {
    const prefix = this.options.streamPrefix;
    return prefix ? streamNameFilter({ prefixes: [prefix] }) : excludeSystemEvents();
  }

  /** fromPosition is exclusive on the server; this also drops anything replayed after a resubscribe. */
  private isNew(event: RecordedEvent): boolean {
    const prefix = this.options.streamPrefix;
    if (prefix && !event.streamId.startsWith(prefix)) return false;
    return this.lastPosition === null || comparePositions(event.globalPosition, this.lastPosition) > 0;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
