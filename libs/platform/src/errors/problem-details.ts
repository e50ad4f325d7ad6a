import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorCategory, FieldError } from './platform.errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  rule?: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** Set when the cause is ours, not the client's: the filter logs it with its stack. */
  internal: boolean;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const RETRY_AFTER_SECONDS = '5';

const CATEGORY_STATUS: Record<ErrorCategory, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  rule: HttpStatus.CONFLICT,
  concurrency: HttpStatus.CONFLICT,
  precondition: HttpStatus.PRECONDITION_FAILED,
  idempotency: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

const CONNECTION_ERROR_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection is closed',
  "Stream isn't writeable",
  'Reached the max retries per request limit',
];

/** ioredis and @eventstore/db-client name their connection failures. */
const CONNECTION_ERROR_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'UnavailableError',
  'DeadlineExceededError',
]);

/** Maps anything thrown while serving a request to RFC 7807 problem details. */
export function toProblemResponse(
  exception: unknown,
  request?: { url?: string; headers?: Record<string, unknown> },
): ProblemResponse {
  const response = describe(exception, request);
  const instance = request?.url?.split('?')[0];
  if (instance !== undefined) response.problem.instance = instance;
  return response;
}

function describe(exception: unknown, request?: { headers?: Record<string, unknown> }): ProblemResponse {
  const categorized = asCategorized(exception);
  if (categorized) return fromCategorized(categorized);

  if (exception instanceof ThrottlerException) {
    return plain(
      HttpStatus.TOO_MANY_REQUESTS,
      'HTTP.RATE_LIMITED',
      'too many requests; slow down and retry later',
    );
  }
  const bodyParserType = property(exception, 'type');
  if (bodyParserType === 'entity.too.large') {
    return plain(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'HTTP.PAYLOAD_TOO_LARGE',
      'the request body is larger than the service accepts',
    );
  }
  if (bodyParserType === 'entity.parse.failed' || isConvertedJsonSyntaxError(exception, request)) {
    return plain(HttpStatus.BAD_REQUEST, 'HTTP.MALFORMED_JSON', 'the request body is not valid JSON');
  }
  if (exception instanceof NotFoundException) {
    return plain(HttpStatus.NOT_FOUND, 'HTTP.NOT_FOUND', httpExceptionDetail(exception));
  }
  if (exception instanceof HttpException) {
    return fromHttpException(exception);
  }
  const exposedStatus = bodyParserStatus(exception);
  if (exposedStatus !== undefined) {
    return plain(
      exposedStatus,
      `HTTP.${httpCodeName(exposedStatus)}`,
      String(property(exception, 'message')),
    );
  }
  if (isConnectionError(exception)) {
    return {
      problem: problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SERVICE.UNAVAILABLE',
        'a backing service is unavailable; retry later',
      ),
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
      internal: false,
    };
  }
  return internalError();
}

function fromHttpException(exception: HttpException): ProblemResponse {
  const status = exception.getStatus();
  const code = `HTTP.${httpCodeName(status)}`;
  if (status === HttpStatus.SERVICE_UNAVAILABLE) {
    // e.g. @nestjs/terminus reporting which dependency is down: keep its report
    const report = exception.getResponse();
    const result = problem(status, code, httpExceptionDetail(exception));
    if (typeof report === 'object' && report !== null) result.details = report as Record<string, unknown>;
    return { problem: result, headers: { 'Retry-After': RETRY_AFTER_SECONDS }, internal: false };
  }
  if (status >= 500)
    return {
      problem: problem(status, code, 'an unexpected error occurred; it has been logged'),
      headers: {},
      internal: true,
    };
  return plain(status, code, httpExceptionDetail(exception));
}

interface Categorized {
  category: ErrorCategory;
  code?: unknown;
  message?: unknown;
  rule?: unknown;
  errors?: unknown;
  details?: unknown;
}

function asCategorized(exception: unknown): Categorized | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const category = (exception as { category?: unknown }).category;
  return typeof category === 'string' && category in CATEGORY_STATUS ? (exception as Categorized) : undefined;
}

function fromCategorized(error: Categorized): ProblemResponse {
  const status = CATEGORY_STATUS[error.category];
  const code =
    typeof error.code === 'string' && error.code !== '' ? error.code : `HTTP.${httpCodeName(status)}`;
  const detail = typeof error.message === 'string' && error.message !== '' ? error.message : titleOf(status);
  const result = problem(status, code, detail);
  if (typeof error.rule === 'string') result.rule = error.rule;
  if (Array.isArray(error.errors)) result.errors = error.errors as FieldError[];
  if (typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details)) {
    result.details = error.details as Record<string, unknown>;
  }
  const headers: Record<string, string> =
    status === HttpStatus.SERVICE_UNAVAILABLE ? { 'Retry-After': RETRY_AFTER_SECONDS } : {};
  return { problem: result, headers, internal: false };
}

function plain(status: number, code: string, detail: string): ProblemResponse {
  return { problem: problem(status, code, detail), headers: {}, internal: false };
}

function internalError(): ProblemResponse {
  return {
    problem: problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'INTERNAL',
      'an unexpected error occurred; it has been logged',
    ),
    headers: {},
    internal: true,
  };
}

function problem(status: number, code: string, detail: string): ProblemDetails {
  return { type: `urn:problem:${code.toLowerCase()}`, title: titleOf(status), status, code, detail };
}

function titleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

function httpCodeName(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ?? `STATUS_${status}`;
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Nest turns body-parser's JSON SyntaxError into a plain BadRequestException carrying only the
 * parser's message (RoutesResolver.mapExternalException), so that is all there is to recognise.
 */
function isConvertedJsonSyntaxError(
  exception: unknown,
  request?: { headers?: Record<string, unknown> },
): boolean {
  if (!(exception instanceof BadRequestException) || exception.cause !== undefined) return false;
  const contentType = request?.headers?.['content-type'];
  const jsonRequest = typeof contentType === 'string' && /json/i.test(contentType);
  return (
    jsonRequest && typeof exception.getResponse() === 'object' && /JSON/.test(httpExceptionDetail(exception))
  );
}

/** body-parser and http-errors mark client errors that are safe to show with `expose` and a 4xx status. */
function bodyParserStatus(exception: unknown): number | undefined {
  if (property(exception, 'expose') !== true) return undefined;
  const status = property(exception, 'status') ?? property(exception, 'statusCode');
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function isConnectionError(exception: unknown, depth = 0): boolean {
  if (typeof exception !== 'object' || exception === null || depth > 3) return false;
  const code = property(exception, 'code');
  const name = property(exception, 'name');
  const message = property(exception, 'message');
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
    return true;
  if (typeof name === 'string' && CONNECTION_ERROR_NAMES.has(name)) return true;
  if (typeof message === 'string' && CONNECTION_ERROR_MESSAGES.some((m) => message.includes(m))) return true;
  const nested = property(exception, 'errors');
  if (Array.isArray(nested) && nested.some((e) => isConnectionError(e, depth + 1))) return true;
  return isConnectionError(property(exception, 'cause'), depth + 1);
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
