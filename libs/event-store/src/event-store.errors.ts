export type ErrorCategory =
  | 'validation'
  | 'forbidden'
  | 'not-found'
  | 'rule'
  | 'concurrency'
  | 'precondition'
  | 'idempotency'
  | 'unavailable';

/** Base of every error the event store raises; `code` is stable, `category` maps to HTTP in one place. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  abstract readonly category: ErrorCategory;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream is not at the revision the writer expected (optimistic concurrency). */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  readonly category = 'concurrency' as const;

  constructor(
    readonly streamId: string,
    readonly expected: string,
    /** The stream's current revision, or 'no-stream'. */
    readonly actual: string,
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual}`);
  }
}

/** If-Match named a revision the stream has moved past; never retried. */
export class PreconditionFailedError extends EventStoreError {
  readonly code = 'EVENT_STORE.PRECONDITION_FAILED';
  readonly category = 'precondition' as const;

  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${streamId}: If-Match ${expected} but the stream is at ${actual}`);
  }
}

/** The same commandId (Idempotency-Key) arrived again with a different request. */
export class IdempotencyConflictError extends EventStoreError {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED';
  readonly category = 'idempotency' as const;

  constructor(
    readonly streamId: string,
    readonly commandId: string,
  ) {
    super(`command ${commandId} was already handled on stream ${streamId} with a different request`);
  }
}

/** The backing store cannot be reached; the caller may retry later. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  readonly category = 'unavailable' as const;

  constructor(message: string, options?: ErrorOptions) {
    super(`event store unavailable: ${message}`, options);
  }
}

/** A caller passed something the port does not accept (empty append, malformed revision). */
export class EventStoreArgumentError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_ARGUMENT';
  readonly category = 'validation' as const;
}
