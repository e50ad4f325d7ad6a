import {
  IdempotencyConflictError,
  PreconditionFailedError,
  WrongExpectedRevisionError,
} from './event-store.errors';
import type {
  AppendContext,
  AppendResult,
  EventStore,
  NewEvent,
  ReadForCommandResult,
  ReadStreamOptions,
  RecordedEvent,
} from './event-store.port';
import { type FoldCache, type FoldedStream, foldCacheFor } from './fold-cache';
import { GENESIS_HASH } from './hash-chain';

export interface Decider<S, C, E extends { type: string; data: unknown }> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
  /**
   * Names the fold (initialState + evolve); change it whenever the fold changes. A decider with a
   * version has its folded states cached per stream (fold-cache.ts), one without is folded from
   * the first event every time.
   */
  foldVersion?: string;
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
  const cache = foldCacheFor<S>(decider);
  const quick = await appendOnCachedState(store, streamId, decider, command, options, cache);
  if (quick) return quick;
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadForCommand(store, streamId, decider, cache, context.commandId);
    if (loaded.replay.length > 0) return replayed(streamId, loaded.replay, context);

    const current = loaded.revision;
    if (
      expectedRevision !== undefined &&
      expectedRevision !== 'any' &&
      !sameRevision(expectedRevision, current)
    ) {
      throw new PreconditionFailedError(streamId, expectedRevision, current ?? 'no-stream');
    }

    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) {
      return { streamId, revision: current ?? NO_STREAM_REVISION, events: [], replayed: false, recorded: [] };
    }

    try {
      const result = await store.append(streamId, decided.map(toNewEvent), {
        expectedRevision: current ?? 'no-stream',
        expectedHash: loaded.hash,
        context,
      });
      return appended(streamId, decider, cache, loaded.state, result);
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

/**
 * One round trip for a command on a stream this process has folded: decide on the cached state and
 * append on condition that the stream is still at that revision and hash and holds no event of the
 * command id. Anything else goes the full way (read, then decide), which then decides alone: no
 * cached state, a store that cannot check the command id, an If-Match other than the cached
 * revision, a cached state that refuses the command or decides nothing, the head moved, the command
 * already recorded.
 */
async function appendOnCachedState<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  command: C,
  options: HandleCommandOptions,
  cache: FoldCache<S> | undefined,
): Promise<CommandResult | undefined> {
  const cached = store.checksCommandOnAppend ? cache?.get(streamId) : undefined;
  if (cached === undefined) return undefined;
  const { expectedRevision } = options;
  if (expectedRevision !== undefined && expectedRevision !== 'any' && expectedRevision !== cached.revision)
    return undefined;
  let decided: E[];
  try {
    decided = decider.decide(command, cached.state);
  } catch {
    return undefined;
  }
  if (decided.length === 0) return undefined;
  try {
    const result = await store.append(streamId, decided.map(toNewEvent), {
      expectedRevision: cached.revision,
      expectedHash: cached.hash,
      context: options.context,
      onlyIfCommandNew: true,
    });
    return appended(streamId, decider, cache, cached.state, result);
  } catch (err) {
    if (err instanceof WrongExpectedRevisionError) return undefined;
    throw err;
  }
}

/** The result of an append, with the state after it cached for the next command. */
function appended<S, C, E extends { type: string; data: unknown }>(
  streamId: string,
  decider: Decider<S, C, E>,
  cache: FoldCache<S> | undefined,
  before: S,
  result: AppendResult,
): CommandResult {
  if (cache) {
    const state = result.events.reduce((acc, event) => decider.evolve(acc, event as unknown as E), before);
    cache.set(streamId, { state, revision: result.revision, hash: result.events.at(-1)!.metadata.hash });
  }
  return {
    streamId,
    revision: result.revision,
    events: result.events.map(summary),
    replayed: false,
    recorded: result.events,
  };
}

/** The state of a stream folded from its events (optionally up to a revision or a time). */
export async function aggregateStream<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  opts?: ReadStreamOptions,
): Promise<{ state: S; revision: string | null }> {
  const cache = opts === undefined ? foldCacheFor<S>(decider) : undefined;
  if (cache === undefined) {
    const events = await store.read(streamId, opts);
    return {
      state: fold(decider, decider.initialState(), events),
      revision: events.at(-1)?.revision ?? null,
    };
  }
  const cached = cache.get(streamId);
  let start = decider.initialState();
  let revision: string | null = null;
  let events = await store.read(streamId, cached ? { fromRevision: cached.revision } : undefined);
  if (cached) {
    if (continues(cached, events[0])) {
      start = cached.state;
      revision = cached.revision;
      events = events.slice(1);
    } else {
      cache.delete(streamId);
      events = await store.read(streamId);
    }
  }
  const last = events.at(-1);
  if (last === undefined) return { state: start, revision };
  const state = fold(decider, start, events);
  cache.set(streamId, { state, revision: last.revision, hash: last.metadata.hash });
  return { state, revision: last.revision };
}

interface Loaded<S> {
  state: S;
  /** The stream's head (null: no stream) and its hash, which the append chains to. */
  revision: string | null;
  hash: string;
  /** Events already recorded under the command's id. */
  replay: RecordedEvent[];
}

/**
 * One read for a command: the events after the cached state (or all of them) and any earlier
 * events of the same command id. A cached state is used only if the event at its revision is still
 * the one it was folded from (same hash); otherwise the stream is folded from the start.
 */
async function loadForCommand<S, C, E extends { type: string; data: unknown }>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  cache: FoldCache<S> | undefined,
  commandId: string,
): Promise<Loaded<S>> {
  const cached = cache?.get(streamId);
  let read = await readForCommand(store, streamId, cached?.revision ?? '0', commandId);
  let start = decider.initialState();
  let toFold = read.events;
  let head: { revision: string | null; hash: string } = { revision: null, hash: GENESIS_HASH };
  if (cached) {
    if (continues(cached, read.events[0])) {
      start = cached.state;
      toFold = read.events.slice(1);
      head = { revision: cached.revision, hash: cached.hash };
    } else {
      cache?.delete(streamId);
      read = await readForCommand(store, streamId, '0', commandId);
      toFold = read.events;
    }
  }
  const state = fold(decider, start, toFold);
  const last = toFold.at(-1);
  if (last) head = { revision: last.revision, hash: last.metadata.hash };
  if (cache && head.revision !== null)
    cache.set(streamId, { state, revision: head.revision, hash: head.hash });
  const replay = [...read.earlier, ...read.events.filter((event) => event.metadata.commandId === commandId)];
  return { state, revision: head.revision, hash: head.hash, replay };
}

async function readForCommand(
  store: EventStore,
  streamId: string,
  fromRevision: string,
  commandId: string,
): Promise<ReadForCommandResult> {
  if (store.readForCommand) return store.readForCommand(streamId, { fromRevision, commandId });
  const all = await store.read(streamId);
  const from = BigInt(fromRevision);
  return {
    events: all.filter((event) => BigInt(event.revision) >= from),
    earlier: all.filter((event) => BigInt(event.revision) < from && event.metadata.commandId === commandId),
  };
}

function continues<S>(cached: FoldedStream<S>, event: RecordedEvent | undefined): boolean {
  return event !== undefined && event.revision === cached.revision && event.metadata.hash === cached.hash;
}

function fold<S, C, E extends { type: string; data: unknown }>(
  decider: Decider<S, C, E>,
  start: S,
  events: readonly RecordedEvent[],
): S {
  return events.reduce((acc, event) => decider.evolve(acc, event as unknown as E), start);
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
