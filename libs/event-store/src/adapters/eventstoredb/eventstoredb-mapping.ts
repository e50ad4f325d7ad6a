import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  CurrentRevision,
  JSONType,
  ResolvedEvent,
} from '@eventstore/db-client';
import {
  EventStoreArgumentError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors';
import type { EventMetadata, ExpectedRevision, RecordedEvent } from '../../event-store.port';
import { isRevision } from '../../event-store.revisions';
import { encodePosition } from './eventstoredb-position';

export function parseRevision(revision: string, name = 'revision'): bigint {
  if (!isRevision(revision))
    throw new EventStoreArgumentError(
      `${name} must be a non-negative integer string, got ${JSON.stringify(revision)}`,
    );
  return BigInt(revision);
}

export function toAppendExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return parseRevision(expected, 'expectedRevision');
}

/** The port's spelling of a client revision: 'no-stream', 'any', 'stream-exists' or the decimal revision. */
export function formatRevision(revision: AppendExpectedRevision | CurrentRevision): string {
  if (revision === NO_STREAM) return 'no-stream';
  if (revision === ANY) return 'any';
  if (revision === STREAM_EXISTS) return 'stream-exists';
  return revision.toString();
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    (error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message))
  );
}

/**
 * Client errors become the port's errors; anything else is returned unchanged for the caller to throw.
 * `expected` is the caller's own expectedRevision, which is what a conflict should report.
 */
export function toEventStoreError(error: unknown, streamId?: string, expected?: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      streamId ?? error.streamName,
      expected ?? formatRevision(error.expectedVersion),
      formatRevision(error.actualVersion),
    );
  }
  if (isTransient(error)) {
    const message = error instanceof Error && error.message ? error.message : 'EventStoreDB unreachable';
    return new EventStoreUnavailableError(message, { cause: error });
  }
  return error;
}

export function isEventMetadata(value: unknown): value is EventMetadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array)
    return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.hash === 'string' &&
    typeof record.prevHash === 'string' &&
    typeof record.recordedAt === 'string'
  );
}

/** System streams and events ($-prefixed) and link events are EventStoreDB's own. */
export function isSystemName(name: string): boolean {
  return name.startsWith('$');
}

/**
 * A resolved client event as the port's RecordedEvent, or null for what is not one of ours:
 * no event (checkpoint/link only), system streams and types, binary events, foreign metadata.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson || isSystemName(event.streamId) || isSystemName(event.type)) return null;
  if (!isEventMetadata(event.metadata)) return null;
  if (!event.position) {
    throw new Error(
      `EventStoreDB returned ${event.streamId}@${event.revision} without a log position; server 22.6 or later is required`,
    );
  }
  return {
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    revision: event.revision.toString(),
    globalPosition: encodePosition(event.position),
  };
}

/** Values from sealEvents are already plain JSON; the client only needs them typed as such. */
export function asJson(value: unknown): JSONType {
  return value as JSONType;
}

/** Resubscription delay after the n-th consecutive failure: 250 ms doubling, capped at 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(failures, 10));
}
