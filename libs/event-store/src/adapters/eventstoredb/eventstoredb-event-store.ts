import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendExpectedRevision,
  AppendResult as ClientAppendResult,
  JSONEventData,
  ReadStreamOptions as ClientReadStreamOptions,
} from '@eventstore/db-client';
import {
  EventStoreArgumentError,
  EventStoreError,
  EventStoreUnavailableError,
} from '../../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../event-store.port';
import { pickMetadata } from '../../event-store.port';
import { GENESIS_HASH, sealEvents } from '../../hash-chain';
import type { SealedEvent } from '../../hash-chain';
import {
  asJson,
  isEventMetadata,
  parseRevision,
  toAppendExpectedRevision,
  toEventStoreError,
  toRecordedEvent,
} from './eventstoredb-mapping';
import { comparePositions, decodePosition, encodePosition } from './eventstoredb-position';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

/** An 'any' append re-reads the chain head and retries this often when another writer got in first. */
const ANY_APPEND_ATTEMPTS = 5;
const READ_ALL_PAGE = 256;
const PING_DEADLINE_MS = 2_000;

interface StreamHead {
  revision: bigint;
  hash: string;
}

/**
 * The EventStore port on EventStoreDB (gRPC client v6, server 22.6 or later). Case streams are
 * never given max-age, max-count or truncate-before: the history is the record.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0)
      throw new EventStoreArgumentError(`append to ${streamId} needs at least one event`);
    // EventStoreDB cannot make an append conditional on a command id (no checksCommandOnAppend).
    if (options.onlyIfCommandNew)
      throw new EventStoreArgumentError('EventStoreDB cannot append on condition that a command is new');
    const requested = toAppendExpectedRevision(options.expectedRevision);
    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(streamId);
      // The chain needs the hash of the event we append after, so 'any' is pinned to the head just read.
      const expected: AppendExpectedRevision =
        requested === ANY ? (head ? head.revision : NO_STREAM) : requested;
      const sealed = sealEvents(
        events,
        options.context,
        head?.hash ?? GENESIS_HASH,
        new Date().toISOString(),
      );
      const data: JSONEventData[] = sealed.map((event) => ({
        id: randomUUID(),
        contentType: 'application/json',
        type: event.type,
        data: asJson(event.data),
        metadata: asJson(event.metadata),
      }));
      try {
        const result = await this.client.appendToStream(streamId, data, { expectedRevision: expected });
        return await this.recorded(streamId, data, sealed, result);
      } catch (error) {
        if (requested === ANY && error instanceof WrongExpectedVersionError && attempt < ANY_APPEND_ATTEMPTS)
          continue;
        throw toEventStoreError(error, streamId, options.expectedRevision);
      }
    }
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from =
      options.fromRevision === undefined ? 0n : parseRevision(options.fromRevision, 'fromRevision');
    const to = options.toRevision === undefined ? undefined : parseRevision(options.toRevision, 'toRevision');
    const until = options.until === undefined ? undefined : parseTime(options.until);
    if (to !== undefined && to < from) return [];
    const readOptions: ClientReadStreamOptions = {
      direction: FORWARDS,
      fromRevision: from === 0n ? START : from,
    };
    if (to !== undefined) readOptions.maxCount = to - from + 1n;
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, readOptions)) {
        const event = toRecordedEvent(resolved);
        if (!event) continue;
        if (until === undefined || Date.parse(event.metadata.recordedAt) <= until) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toEventStoreError(error, streamId);
    }
    return events;
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const start = options.fromPosition ?? null;
    if (start !== null) decodePosition(start);
    const events: RecordedEvent[] = [];
    let cursor = start;
    try {
      while (events.length < options.limit) {
        let seen = 0;
        // fromPosition is inclusive for reads; the port's is exclusive, so the cursor's own event is skipped.
        const page = this.client.readAll({
          direction: FORWARDS,
          fromPosition: cursor === null ? START : decodePosition(cursor),
          maxCount: READ_ALL_PAGE,
          resolveLinkTos: false,
        });
        for await (const resolved of page) {
          seen++;
          if (!resolved.event) continue;
          const position = encodePosition(resolved.event.position);
          if (cursor !== null && comparePositions(position, cursor) <= 0) continue;
          cursor = position;
          const event = toRecordedEvent(resolved);
          if (!event || (options.streamPrefix && !event.streamId.startsWith(options.streamPrefix))) continue;
          events.push({ ...event, metadata: pickMetadata(event.metadata, options.metadataKeys) });
          if (events.length === options.limit) {
            await page.cancel();
            break;
          }
        }
        if (seen < READ_ALL_PAGE) break;
      }
    } catch (error) {
      throw toEventStoreError(error);
    }
    return { events, lastPosition: events.at(-1)?.globalPosition ?? start };
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new EventStoreDbSubscription(this.client, options, handler);
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ping(): Promise<void> {
    try {
      const iterator = this.client
        .readAll({ maxCount: 1, fromPosition: START, deadline: PING_DEADLINE_MS })
        [Symbol.asyncIterator]();
      await iterator.next();
      await iterator.return?.();
    } catch (error) {
      const mapped = toEventStoreError(error);
      if (mapped instanceof EventStoreError) throw mapped;
      throw new EventStoreUnavailableError(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    const running = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(running.map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** The last event of the stream (revision and hash), or null when the stream does not exist. */
  private async readHead(streamId: string): Promise<StreamHead | null> {
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (!resolved.event) continue;
        const metadata = resolved.event.metadata;
        return {
          revision: resolved.event.revision,
          hash: isEventMetadata(metadata) ? metadata.hash : GENESIS_HASH,
        };
      }
      return null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw toEventStoreError(error, streamId);
    }
  }

  /**
   * The append answers with one position for the whole write, so the new revisions are read back for
   * each event's own; if that read fails the append still stands and the events carry the answered one.
   */
  private async recorded(
    streamId: string,
    data: JSONEventData[],
    sealed: SealedEvent[],
    result: ClientAppendResult,
  ): Promise<AppendResult> {
    const last = result.nextExpectedRevision;
    const first = last - BigInt(data.length) + 1n;
    const positions = new Map<string, string>();
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: first,
        maxCount: data.length,
      })) {
        if (resolved.event?.position)
          positions.set(resolved.event.id, encodePosition(resolved.event.position));
      }
    } catch {
      positions.clear();
    }
    const lastPosition =
      positions.get(data[data.length - 1].id) ?? (result.position && encodePosition(result.position));
    if (lastPosition === undefined)
      throw new EventStoreUnavailableError(`append to ${streamId} returned no position`);
    const events: RecordedEvent[] = sealed.map((event, index) => ({
      eventId: data[index].id,
      streamId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      revision: (first + BigInt(index)).toString(),
      globalPosition: positions.get(data[index].id) ?? lastPosition,
    }));
    return { revision: last.toString(), position: events[events.length - 1].globalPosition, events };
  }
}

function parseTime(value: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new EventStoreArgumentError(`until must be an ISO-8601 time, got ${JSON.stringify(value)}`);
  return time;
}
