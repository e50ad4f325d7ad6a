/** The categories the problem-details filter maps to HTTP; every typed error of the service carries one. */
export type ErrorCategory =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rule'
  | 'concurrency'
  | 'precondition'
  | 'idempotency'
  | 'unavailable';

export interface FieldError {
  field: string;
  messages: string[];
}

export abstract class PlatformError extends Error {
  abstract readonly category: ErrorCategory;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends PlatformError {
  readonly category = 'unauthorized' as const;
}

export class ForbiddenError extends PlatformError {
  readonly category = 'forbidden' as const;
}

export class UnavailableError extends PlatformError {
  readonly category = 'unavailable' as const;
}

export class RequestValidationError extends PlatformError {
  readonly category = 'validation' as const;

  constructor(
    readonly errors: FieldError[],
    message = `invalid request: ${errors.map((e) => e.field).join(', ')}`,
  ) {
    super('HTTP.INVALID_REQUEST', message);
  }
}
