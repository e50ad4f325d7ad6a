import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  EventStoreArgumentError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadForCommandOptions,
  ReadForCommandResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../event-store.port';
import { pickMetadata } from '../../event-store.port';
import { assertExpectedRevision, assertOptionalRevision, revisionMatches } from '../../event-store.revisions';
import { GENESIS_HASH, sealEvents } from '../../hash-chain';
import { PollingSubscription, WakeSignal } from '../../subscription/polling-subscription';

export interface MemoryEventStoreOptions {
  /** Source of recordedAt; defaults to the system clock. */
  now?: () => Date;
}

/** The whole contract in process memory, for unit tests. Positions start at 1. */
export class MemoryEventStore implements EventStore {
  readonly checksCommandOnAppend = true;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly logger = new Logger(MemoryEventStore.name);
  private closed = false;

  constructor(private readonly options: MemoryEventStoreOptions = {}) {}

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertExpectedRevision(options.expectedRevision);
    if (events.length === 0) throw new EventStoreArgumentError('append needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const last = stream.at(-1);
    const current = last?.revision ?? null;
    const hashMoved =
      options.expectedHash !== undefined && options.expectedHash !== (last?.metadata.hash ?? GENESIS_HASH);
    if (options.onlyIfCommandNew && options.expectedRevision === 'any')
      throw new EventStoreArgumentError('onlyIfCommandNew needs an explicit expectedRevision');
    const commandRecorded =
      options.onlyIfCommandNew === true &&
      stream.some((event) => event.metadata.commandId === options.context.commandId);
    if (!revisionMatches(options.expectedRevision, current) || hashMoved || commandRecorded) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, current ?? 'no-stream');
    }
    const recordedAt = (this.options.now?.() ?? new Date()).toISOString();
    const sealed = sealEvents(events, options.context, last?.metadata.hash ?? GENESIS_HASH, recordedAt);
    const firstRevision = stream.length;
    const recorded = sealed.map((event, i): RecordedEvent => ({
      eventId: randomUUID(),
      streamId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      revision: String(firstRevision + i),
      globalPosition: String(this.log.length + i + 1),
    }));
    this.log.push(...recorded);
    this.streams.set(streamId, [...stream, ...recorded]);
    this.signal.notify();
    const tail = recorded[recorded.length - 1];
    return { revision: tail.revision, position: tail.globalPosition, events: recorded.map(copy) };
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertOptionalRevision('fromRevision', options.fromRevision);
    assertOptionalRevision('toRevision', options.toRevision);
    const from = BigInt(options.fromRevision ?? 0);
    const to = options.toRevision === undefined ? undefined : BigInt(options.toRevision);
    const until = options.until === undefined ? undefined : Date.parse(options.until);
    if (until !== undefined && Number.isNaN(until))
      throw new EventStoreArgumentError(`until is not a time: ${options.until}`);
    return (this.streams.get(streamId) ?? [])
      .filter((event) => {
        const revision = BigInt(event.revision);
        if (revision < from || (to !== undefined && revision > to)) return false;
        return until === undefined || Date.parse(event.metadata.recordedAt) <= until;
      })
      .map(copy);
  }

  async readForCommand(streamId: string, options: ReadForCommandOptions): Promise<ReadForCommandResult> {
    this.assertOpen();
    assertOptionalRevision('fromRevision', options.fromRevision);
    const from = BigInt(options.fromRevision);
    const stream = this.streams.get(streamId) ?? [];
    return {
      events: stream.filter((event) => BigInt(event.revision) >= from).map(copy),
      earlier: stream
        .filter((event) => BigInt(event.revision) < from && event.metadata.commandId === options.commandId)
        .map(copy),
    };
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    this.assertOpen();
    assertOptionalRevision('fromPosition', options.fromPosition);
    const start = Number(options.fromPosition ?? 0);
    const events: RecordedEvent[] = [];
    for (let i = start; i < this.log.length && events.length < options.limit; i++) {
      const event = this.log[i];
      if (options.streamPrefix === undefined || event.streamId.startsWith(options.streamPrefix))
        events.push(copy({ ...event, metadata: pickMetadata(event.metadata, options.metadataKeys) }));
    }
    return { events, lastPosition: events.at(-1)?.globalPosition ?? options.fromPosition ?? null };
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    this.assertOpen();
    const subscription: PollingSubscription = new PollingSubscription(
      options,
      handler,
      {
        readAll: (page) => this.readAll(page),
        signal: this.signal,
        batchSize: 500,
        idleMs: 1000,
        retryMs: 50,
        maxRetryMs: 1000,
        logger: this.logger,
      },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the memory event store is closed');
  }
}

/** Callers get their own copies, as they would from a database. */
function copy(event: RecordedEvent): RecordedEvent {
  return structuredClone(event);
}
