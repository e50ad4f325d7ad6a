import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Lang } from './error-catalogue';
import { describeError, describeReason, negotiateLanguage, type Params, statusTitle } from './error-messages';
import { fieldLabel, requestBodyOf } from './field-labels';
import type { ErrorCategory, FieldError, FieldProblem } from './platform.errors';

/** One bad field as the client reads it: the path, its label and why, in the client's language. */
export interface ProblemFieldError {
  field: string;
  label: string;
  messages: string[];
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  rule?: string;
  errors?: ProblemFieldError[];
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

export interface ProblemRequest {
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
}

/** What an error is, before it is put into the client's words. */
interface Described {
  status: number;
  code: string;
  /** The template parameters; `message` is the thrower's own (English) text. */
  params: Params;
  rule?: string;
  fieldErrors?: FieldError[];
  details?: Record<string, unknown>;
  headers: Record<string, string>;
  internal: boolean;
}

/**
 * Maps anything thrown while serving a request to RFC 7807 problem details, written in the
 * language the request's Accept-Language prefers (Chinese by default); `code` never changes.
 */
export function toProblemResponse(exception: unknown, request?: ProblemRequest): ProblemResponse {
  const described = describe(exception, request);
  const lang = negotiateLanguage(request?.headers?.['accept-language']);
  const problem = localize(described, lang);
  const instance = request?.url?.split('?')[0];
  if (instance !== undefined) problem.instance = instance;
  return {
    problem,
    headers: {
      ...described.headers,
      'Content-Language': lang === 'zh' ? 'zh-CN' : 'en',
      Vary: 'Accept-Language',
    },
    internal: described.internal,
  };
}

function localize(described: Described, lang: Lang): ProblemDetails {
  const { status, code, params } = described;
  const errors = described.fieldErrors?.map((error) => localizeField(error, lang));
  const fields = errors?.map((error) => (lang === 'zh' ? error.label : error.field));
  const detailParams =
    fields === undefined ? params : { ...params, fields: fields.join(lang === 'zh' ? '、' : ', ') };
  const fallback =
    typeof params.message === 'string' && params.message !== '' ? params.message : statusTitle(status, lang);
  const result: ProblemDetails = {
    type: `urn:problem:${code.toLowerCase()}`,
    title: statusTitle(status, lang),
    status,
    code,
    detail: describeError(code, detailParams, lang, fallback),
  };
  if (described.rule !== undefined) result.rule = described.rule;
  if (errors !== undefined) result.errors = errors;
  if (described.details !== undefined) result.details = described.details;
  return result;
}

function localizeField(error: FieldError, lang: Lang): ProblemFieldError {
  const label = fieldLabel(error.field, error.scope, error.root);
  const problems =
    error.problems === undefined || error.problems.length === 0
      ? error.messages.map((message) => problemOfMessage(message, lang))
      : error.problems;
  const messages = problems.map((p) => describeReason(p.reason, p.params ?? {}, lang));
  return { field: error.field, label, messages };
}

/**
 * A field error with only its log line (no reason key): the line itself where it is in the answer's
 * language (a Chinese sentence in Chinese, an English one in English), else general words.
 */
function problemOfMessage(message: string, lang: Lang): FieldProblem {
  const chinese = /[\u3400-\u9fff]/.test(message);
  return chinese || lang === 'en' ? { reason: message } : { reason: 'invalid' };
}

function describe(exception: unknown, request?: ProblemRequest): Described {
  const categorized = asCategorized(exception);
  if (categorized) return fromCategorized(categorized);

  if (exception instanceof ThrottlerException) {
    return plain(HttpStatus.TOO_MANY_REQUESTS, 'HTTP.RATE_LIMITED');
  }
  const bodyParserType = property(exception, 'type');
  if (bodyParserType === 'entity.too.large') {
    return plain(HttpStatus.PAYLOAD_TOO_LARGE, 'HTTP.PAYLOAD_TOO_LARGE');
  }
  if (bodyParserType === 'entity.parse.failed' || isConvertedJsonSyntaxError(exception, request)) {
    return plain(HttpStatus.BAD_REQUEST, 'HTTP.MALFORMED_JSON');
  }
  if (exception instanceof NotFoundException) {
    const message = httpExceptionDetail(exception);
    const route = /^Cannot (\S+) (.*)$/.exec(message);
    return plain(HttpStatus.NOT_FOUND, 'HTTP.NOT_FOUND', {
      message,
      method: route?.[1] ?? request?.method,
      path: route?.[2] ?? request?.url?.split('?')[0],
    });
  }
  if (exception instanceof HttpException) {
    return fromHttpException(exception, request);
  }
  const exposedStatus = bodyParserStatus(exception);
  if (exposedStatus !== undefined) {
    return plain(exposedStatus, httpCode(exposedStatus), { message: String(property(exception, 'message')) });
  }
  if (isConnectionError(exception)) {
    return {
      ...plain(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE.UNAVAILABLE'),
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
    };
  }
  return internalError();
}

function fromHttpException(exception: HttpException, request?: ProblemRequest): Described {
  const status = exception.getStatus();
  const code = httpCode(status);
  const params = { message: httpExceptionDetail(exception), method: request?.method };
  if (status === HttpStatus.SERVICE_UNAVAILABLE) {
    // e.g. @nestjs/terminus reporting which dependency is down: keep its report
    const report = exception.getResponse();
    const result: Described = {
      ...plain(status, code, params),
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
    };
    if (typeof report === 'object' && report !== null) result.details = report as Record<string, unknown>;
    return result;
  }
  if (status >= 500) return internalError(status, code);
  return plain(status, code, params);
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

function fromCategorized(error: Categorized): Described {
  const status = CATEGORY_STATUS[error.category];
  const code = typeof error.code === 'string' && error.code !== '' ? error.code : httpCode(status);
  const details =
    typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details)
      ? (error.details as Record<string, unknown>)
      : undefined;
  const params: Params = {
    ...ownScalars(error),
    ...details,
    message: typeof error.message === 'string' ? error.message : undefined,
  };
  const result = plain(status, code, params);
  if (typeof error.rule === 'string') result.rule = error.rule;
  if (Array.isArray(error.errors)) result.fieldErrors = error.errors as FieldError[];
  else if (status === HttpStatus.BAD_REQUEST && details !== undefined && typeof details.field === 'string') {
    // a domain validation error names its field: list it like the request's own checks
    result.fieldErrors = [domainFieldError(code, details.field, params)];
  }
  if (details !== undefined) result.details = details;
  if (status === HttpStatus.SERVICE_UNAVAILABLE) result.headers = { 'Retry-After': RETRY_AFTER_SECONDS };
  return result;
}

/**
 * The message of a domain field error: the reason alone, since the label stands beside it. The
 * command it refused (`details.command`) labels the field as that command's request body does.
 */
function domainFieldError(code: string, field: string, params: Params): FieldError {
  const reason =
    code === 'APPOINTMENT.INVALID_INPUT' && typeof params.reason === 'string' ? params.reason : undefined;
  const error: FieldError = {
    field,
    messages: [String(params.message ?? code)],
    problems: reason === undefined ? [{ reason: code, params }] : [{ reason, params }],
    scope: code,
  };
  const root = requestBodyOf(params.command);
  if (root !== undefined) error.root = root;
  return error;
}

/** Fields an error class keeps of its own (an event-store error's `expected`, `actual`). */
function ownScalars(error: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(error).filter(
      ([key, value]) => key !== 'message' && key !== 'stack' && ['string', 'number'].includes(typeof value),
    ),
  );
}

/**
 * A request Node's HTTP parser could not read (headers too large, a bad header, too slow): no
 * route, filter or header ever sees it, so it is answered in the default language.
 */
export function unreadableRequestProblem(parserCode: string | undefined): ProblemDetails {
  const [status, code] =
    parserCode === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HTTP.HEADERS_TOO_LARGE']
      : parserCode === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'HTTP.REQUEST_TIMEOUT']
        : [400, 'HTTP.MALFORMED_REQUEST'];
  return localize(plain(status, code), negotiateLanguage(undefined));
}

function plain(status: number, code: string, params: Params = {}): Described {
  return { status, code, params, headers: {}, internal: false };
}

function internalError(status: number = HttpStatus.INTERNAL_SERVER_ERROR, code = 'INTERNAL'): Described {
  return { status, code, params: {}, headers: {}, internal: true };
}

/** Every code this mapping itself answers with (the error classes carry the others). */
export const PROBLEM_CODES = [
  'HTTP.INVALID_REQUEST',
  'HTTP.MALFORMED_JSON',
  'HTTP.BAD_REQUEST',
  'HTTP.UNAUTHORIZED',
  'HTTP.FORBIDDEN',
  'HTTP.NOT_FOUND',
  'HTTP.METHOD_NOT_ALLOWED',
  'HTTP.NOT_ACCEPTABLE',
  'HTTP.CONFLICT',
  'HTTP.PAYLOAD_TOO_LARGE',
  'HTTP.UNSUPPORTED_MEDIA_TYPE',
  'HTTP.RATE_LIMITED',
  'HTTP.CLIENT_ERROR',
  'HTTP.MALFORMED_REQUEST',
  'HTTP.REQUEST_TIMEOUT',
  'HTTP.HEADERS_TOO_LARGE',
  'HTTP.SERVICE_UNAVAILABLE',
  'INTERNAL',
  'SERVICE.UNAVAILABLE',
] as const;

/** `HTTP.<STATUS_NAME>` for the statuses named above, else the generic client or server error. */
function httpCode(status: number): string {
  const code = `HTTP.${httpCodeName(status)}`;
  if ((PROBLEM_CODES as readonly string[]).includes(code)) return code;
  return status >= 500 ? 'INTERNAL' : 'HTTP.CLIENT_ERROR';
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
