import {
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, JSONRecordedEvent, ResolvedEvent } from '@eventstore/db-client';
import {
  EventStoreArgumentError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors';
import type { EventMetadata } from '../../event-store.port';
import { GENESIS_HASH, sealEvents, verifyChain } from '../../hash-chain';
import {
  backoffMs,
  formatRevision,
  parseRevision,
  toAppendExpectedRevision,
  toEventStoreError,
  toRecordedEvent,
} from './eventstoredb-mapping';
import { encodePosition } from './eventstoredb-position';

const metadata: EventMetadata = {
  actor: { id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' },
  commandId: 'c-1',
  correlationId: 'corr-1',
  causationId: 'c-1',
  occurredAt: '2025-03-03T09:00:00+08:00',
  recordedAt: '2025-03-03T01:00:00.123Z',
  schemaVersion: 1,
  prevHash: GENESIS_HASH,
  hash: 'f'.repeat(64),
};

/** Shaped like the client's ResolvedEvent; overrides model what other writers and the server put in $all. */
function resolved(overrides: Record<string, unknown> = {}): ResolvedEvent {
  const event: JSONRecordedEvent = {
    streamId: 'appointment-42',
    id: '8f2d3c1e-2b7a-4c55-9a0e-0c7f6f1d2e3a',
    isJson: true,
    revision: 3n,
    type: 'CaseOpened',
    created: new Date('2025-03-03T01:00:00.123Z'),
    data: { caseId: '42', post: { title: '副局长' } },
    metadata: { ...metadata },
    position: { commit: 5000n, prepare: 5000n },
  };
  return { event: { ...event, ...overrides } } as ResolvedEvent;
}

describe('toRecordedEvent', () => {
  it('maps a resolved JSON event to the port shape with string revision and encoded position', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      eventId: '8f2d3c1e-2b7a-4c55-9a0e-0c7f6f1d2e3a',
      streamId: 'appointment-42',
      type: 'CaseOpened',
      data: { caseId: '42', post: { title: '副局长' } },
      metadata,
      revision: '3',
      globalPosition: encodePosition({ commit: 5000n, prepare: 5000n }),
    });
  });

  it('maps events read from $all the same way', () => {
    const fromAll: AllStreamResolvedEvent = {
      ...resolved(),
      commitPosition: 5000n,
    } as AllStreamResolvedEvent;
    expect(toRecordedEvent(fromAll)?.globalPosition).toBe('500000000000000000005000');
  });

  it.each([
    ['a checkpoint-only message', {} as ResolvedEvent],
    ['a system stream', resolved({ streamId: '$stats-127.0.0.1:2113' })],
    ['a system event type', resolved({ streamId: 'appointment-42', type: '$metadata' })],
    ['a link event', resolved({ type: '$>', isJson: false, data: new Uint8Array([48, 64, 97]) })],
    ['a binary event', resolved({ isJson: false, data: new Uint8Array([1, 2, 3]) })],
    ['an event without our metadata', resolved({ metadata: { $correlationId: 'x' } })],
    ['an event without metadata', resolved({ metadata: undefined })],
  ])('skips %s', (_name, input) => {
    expect(toRecordedEvent(input)).toBeNull();
  });

  it('refuses an event without a log position (server older than 22.6)', () => {
    expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(/22\.6/);
  });

  it('keeps what sealEvents stored, so the hash chain verifies after the round trip', () => {
    const { actor, commandId, correlationId, causationId, occurredAt } = metadata;
    const sealed = sealEvents(
      [
        { type: 'CaseOpened', data: { caseId: '42' } },
        { type: 'InitiationApproved', data: { caseId: '42' } },
      ],
      { actor, commandId, correlationId, causationId, occurredAt },
      GENESIS_HASH,
      '2025-03-03T01:00:00.123Z',
    );
    const events = sealed.map((event, index) =>
      toRecordedEvent(
        resolved({
          ...event,
          revision: BigInt(index),
          position: { commit: 7000n, prepare: 7000n + BigInt(index) },
        }),
      ),
    );
    const recorded = events.filter((event) => event !== null);
    expect(recorded).toHaveLength(2);
    expect(verifyChain(recorded)).toEqual({ intact: true, events: 2 });
    const tampered = recorded.map((event, index) =>
      index === 1 ? { ...event, data: { caseId: '43' } } : event,
    );
    expect(verifyChain(tampered)).toEqual({ intact: false, events: 2, brokenAt: '1' });
  });
});

describe('expected revisions', () => {
  it('maps the port spelling to the client one', () => {
    expect(toAppendExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toAppendExpectedRevision('any')).toBe(ANY);
    expect(toAppendExpectedRevision('17')).toBe(17n);
    expect(toAppendExpectedRevision('18446744073709551615')).toBe(18446744073709551615n);
  });

  it.each(['-1', '1.5', 'abc', '', ' 3', '007'])('refuses %j', (bad) => {
    expect(() => toAppendExpectedRevision(bad)).toThrow(EventStoreArgumentError);
    expect(() => parseRevision(bad)).toThrow(EventStoreArgumentError);
  });

  it('formats client revisions back to the port spelling', () => {
    expect(formatRevision(NO_STREAM)).toBe('no-stream');
    expect(formatRevision(ANY)).toBe('any');
    expect(formatRevision('stream_exists')).toBe('stream-exists');
    expect(formatRevision(41n)).toBe('41');
  });
});

describe('toEventStoreError', () => {
  it('turns a wrong expected version into WrongExpectedRevisionError with the caller’s expectation', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'appointment-42',
      expected: 2n,
      current: 5n,
    });
    const mapped = toEventStoreError(error, 'appointment-42', '2');
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({
      streamId: 'appointment-42',
      expected: '2',
      actual: '5',
      category: 'concurrency',
    });
  });

  it('reports a missing stream as actual no-stream', () => {
    const error = new WrongExpectedVersionError(undefined, {
      streamName: 'appointment-9',
      expected: 0n,
      current: NO_STREAM,
    });
    expect(toEventStoreError(error)).toMatchObject({
      streamId: 'appointment-9',
      expected: '0',
      actual: 'no-stream',
    });
  });

  it.each([
    ['UnavailableError', new UnavailableError(undefined, 'No connection established')],
    ['DeadlineExceededError', new DeadlineExceededError(undefined, 'Deadline exceeded')],
    ['discovery failure', new Error('Failed to discover after 10 attempts.')],
  ])('turns %s into EventStoreUnavailableError', (_name, error) => {
    const mapped = toEventStoreError(error);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as EventStoreUnavailableError).cause).toBe(error);
  });

  it('leaves other errors alone', () => {
    const notFound = new StreamNotFoundError(undefined, 'appointment-1');
    const bug = new TypeError('boom');
    expect(toEventStoreError(notFound)).toBe(notFound);
    expect(toEventStoreError(bug)).toBe(bug);
  });
});

describe('backoffMs', () => {
  it('doubles from 250 ms and stops at 30 s', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map(backoffMs)).toEqual([250, 500, 1000, 2000, 16000, 30000, 30000]);
  });
});
