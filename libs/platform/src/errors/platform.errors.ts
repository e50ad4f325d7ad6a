import { describeReason } from './error-messages';

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

/** Why one field was refused: a FIELD_REASONS key of the error catalogue and its parameters. */
export interface FieldProblem {
  reason: string;
  params?: Record<string, unknown>;
}

export interface FieldError {
  field: string;
  /** What a log reads (English); the answer is written from `problems` in the client's language. */
  messages: string[];
  problems?: FieldProblem[];
  /** The request body class the field belongs to, for labels particular to one request. */
  scope?: string;
  /** The class of the whole request body, for the label of the path's first segment (`members[0].name`). */
  root?: string;
}

/** One bad field for a RequestValidationError, e.g. `fieldError('cursor', 'cursor')`. */
export function fieldError(field: string, reason: string, params?: Record<string, unknown>): FieldError {
  return {
    field,
    messages: [`${field} ${describeReason(reason, params ?? {}, 'en')}`],
    problems: [{ reason, params }],
  };
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
