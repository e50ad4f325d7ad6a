/**
 * The event store port (ARCHITECTURE.md). Revisions and positions are strings at every
 * boundary so that bigint values survive JSON and every adapter.
 */

export interface Actor {
  id: string;
  name: string;
  role: string;
  orgUnit: string;
}

/** What the caller supplies for every event of one append. */
export interface AppendContext {
  actor: Actor;
  /** Idempotency: the same commandId never appends twice (see handleCommand). */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** When the fact happened in the world (from the command). */
  occurredAt: string;
  /** Anything else worth keeping with the events (e.g. requestHash for Idempotency-Key). */
  extra?: Record<string, unknown>;
}

/** Metadata as stored: the context plus what the store adds. */
export interface EventMetadata extends AppendContext {
  recordedAt: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

export interface NewEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
  /** Defaults to 1; bump with an upcaster when an event's shape changes. */
  schemaVersion?: number;
}

export interface RecordedEvent<T extends string = string, D = unknown> {
  eventId: string;
  streamId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
  /** 0-based revision within the stream. */
  revision: string;
  /** Opaque, adapter-specific, totally ordered in $all. */
  globalPosition: string;
}

/** The metadata with only the given keys (those it has); the whole metadata when keys is undefined. */
export function pickMetadata(metadata: EventMetadata, keys: readonly string[] | undefined): EventMetadata {
  if (keys === undefined) return metadata;
  const picked: Record<string, unknown> = {};
  for (const key of keys)
    if (Object.hasOwn(metadata, key)) picked[key] = metadata[key as keyof EventMetadata];
  return picked as unknown as EventMetadata;
}

export type ExpectedRevision = 'no-stream' | 'any' | string;

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  context: AppendContext;
  /**
   * The hash of the event at expectedRevision (GENESIS_HASH with 'no-stream'), when the caller has
   * just read it: the adapter then need not read the stream's head again. An append whose
   * expectedHash does not match the stored head fails with WrongExpectedRevisionError.
   */
  expectedHash?: string;
  /**
   * Append only if no event of the stream carries context.commandId yet; otherwise append nothing
   * and fail with WrongExpectedRevisionError, as if the head had moved. Needs an explicit
   * expectedRevision, and a store that says it can (`checksCommandOnAppend`).
   */
  onlyIfCommandNew?: boolean;
}

export interface AppendResult {
  /** Revision of the last event appended. */
  revision: string;
  /** Global position of the last event appended. */
  position: string;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  fromRevision?: string;
  /** Inclusive. */
  toRevision?: string;
  /** Inclusive upper bound on metadata.recordedAt (ISO-8601). */
  until?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit or null for the start. */
  fromPosition?: string | null;
  limit: number;
  /** Only streams whose id starts with this prefix (e.g. "appointment-"). */
  streamPrefix?: string;
  /**
   * Only these keys of each event's metadata are needed (a replay that reads the actor and times,
   * say): the events come with the other keys left out, and need less to read and to parse. The
   * metadata of an event so read is not the stored one, so it must not be checked against the hash
   * chain. Omit it for the whole metadata.
   */
  metadataKeys?: readonly string[];
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Position of the last event returned, or the input position when none. */
  lastPosition: string | null;
  /**
   * More events are committed but not yet readable (an older transaction is still in flight):
   * poll again soon rather than waiting for the next append to be announced.
   */
  pending?: boolean;
}

export interface ReadForCommandOptions {
  /** Inclusive: the events from this revision on are returned in `events`. */
  fromRevision: string;
  commandId: string;
}

export interface ReadForCommandResult {
  /** The stream from fromRevision on, in revision order. */
  events: RecordedEvent[];
  /** Events before fromRevision recorded under commandId (an earlier run of the same command). */
  earlier: RecordedEvent[];
}

export interface SubscribeAllOptions {
  /** Exclusive checkpoint: delivery starts after it. Null for the start. */
  fromCheckpoint: string | null;
  streamPrefix?: string;
}

/** Events are delivered one at a time, in global order; the next waits for the handler. */
export type SubscriptionHandler = (event: RecordedEvent) => Promise<void>;

export interface Subscription {
  /** Resolves once the subscription has stopped and no handler call is running. */
  stop(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The store honours AppendOptions.onlyIfCommandNew in the append itself. */
  readonly checksCommandOnAppend?: boolean;
  /** Events of one stream in revision order; [] when the stream does not exist. */
  read(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /**
   * What a command needs in one read: the stream's tail from a revision the caller has folded up to,
   * and any earlier events of the same command id (idempotency), found by an index where the
   * adapter has one. Optional: without it handleCommand reads the whole stream.
   */
  readForCommand?(streamId: string, options: ReadForCommandOptions): Promise<ReadForCommandResult>;
  /** Catch-up then live; resumes from the last delivered position after a dropped connection. */
  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription;
  /** Readiness probe for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** DI token for the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
