import {
  IdempotencyConflictError,
  PreconditionFailedError,
  WrongExpectedRevisionError,
} from './event-store.errors';
import type {
  AppendContext,
  EventStore,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
} from './event-store.port';

export interface Decider<S, C, E extends { type: string; data: unknown }> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export interface HandleCommandOptions {
  context: AppendContext;
  /** If-Match: the revision the caller last saw; a mismatch fails instead of retrying. */
  expectedRevision?: string;
  /** Retries after a concurrent write when no expectedRevision was given (default 5). */
  maxRetries?: number;
}

export interface CommandResult {
  streamId: string;
  /** Revision of the last event this command recorded, or the stream's revision ('-1' when empty) if it recorded none. */
  revision: string;
  events: Array<{ type: string; revision: string }>;
  /** True when the commandId had already been handled and nothing was appended. */
  replayed: boolean;
  recorded: RecordedEvent[];
}

const DEFAULT_MAX_RETRIES = 5;
const NO_STREAM_REVISION = '-1';

/**
 * Load, decide, append: the generic command handler. Idempotent on context.commandId, conditional
 * on options.expectedRevision (If-Match), and retried on a concurrent write otherwise.
 * The stream's RecordedEvents are passed to evolve as E.
 */
export async function handleCommand<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  command: C,
  options: HandleCommandOptions,
): Promise<CommandResult> {
  const { context, expectedRevision } = options;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (let attempt = 0; ; attempt++) {
    const history = await store.read(streamId);
    const replay = history.filter((event) => event.metadata.commandId === context.commandId);
    if (replay.length > 0) return replayed(streamId, replay, context);

    const current = history.at(-1)?.revision ?? null;
    if (
      expectedRevision !== undefined &&
      expectedRevision !== 'any' &&
      !sameRevision(expectedRevision, current)
    ) {
      throw new PreconditionFailedError(streamId, expectedRevision, current ?? 'no-stream');
    }

    const state = history.reduce(
      (acc, event) => decider.evolve(acc, event as unknown as E),
      decider.initialState(),
    );
    const decided = decider.decide(command, state);
    if (decided.length === 0) {
      return { streamId, revision: current ?? NO_STREAM_REVISION, events: [], replayed: false, recorded: [] };
    }

    try {
      const result = await store.append(streamId, decided.map(toNewEvent), {
        expectedRevision: current ?? 'no-stream',
        context,
      });
      return {
        streamId,
        revision: result.revision,
        events: result.events.map(summary),
        replayed: false,
        recorded: result.events,
      };
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
      if (expectedRevision !== undefined && expectedRevision !== 'any') {
        throw new PreconditionFailedError(streamId, expectedRevision, err.actual);
      }
      if (attempt >= maxRetries) throw err;
      await backoff(attempt);
    }
  }
}

/** The state of a stream folded from its events (optionally up to a revision or a time). */
export async function aggregateStream<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  opts?: ReadStreamOptions,
): Promise<{ state: S; revision: string | null }> {
  const events = await store.read(streamId, opts);
  const state = events.reduce(
    (acc, event) => decider.evolve(acc, event as unknown as E),
    decider.initialState(),
  );
  return { state, revision: events.at(-1)?.revision ?? null };
}

function replayed(streamId: string, events: RecordedEvent[], context: AppendContext): CommandResult {
  const requested = context.extra?.requestHash;
  if (requested !== undefined && events[0].metadata.extra?.requestHash !== requested) {
    throw new IdempotencyConflictError(streamId, context.commandId);
  }
  return {
    streamId,
    revision: events[events.length - 1].revision,
    events: events.map(summary),
    replayed: true,
    recorded: events,
  };
}

function sameRevision(expected: string, current: string | null): boolean {
  if (expected === 'no-stream') return current === null;
  return current !== null && expected === current;
}

function toNewEvent(event: { type: string; data: unknown }): NewEvent {
  const schemaVersion = (event as { schemaVersion?: unknown }).schemaVersion;
  return typeof schemaVersion === 'number'
    ? { type: event.type, data: event.data, schemaVersion }
    : { type: event.type, data: event.data };
}

function summary(event: RecordedEvent): { type: string; revision: string } {
  return { type: event.type, revision: event.revision };
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
