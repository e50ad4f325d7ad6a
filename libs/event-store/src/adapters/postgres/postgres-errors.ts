import { EventStoreUnavailableError } from '../../event-store.errors';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect now,
// 53300 too many connections; class 08 is "connection exception".
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

const CLIENT_MESSAGES =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|client was closed|cannot use a pool after calling end/i;

// Duck-typed: errors raised by node's net module come from another realm under Jest, so instanceof fails.
function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
    ? (err as { message: string }).message
    : String(err);
}

export function isConnectionError(err: unknown): boolean {
  const code = codeOf(err);
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  return typeof err === 'object' && err !== null && CLIENT_MESSAGES.test(messageOf(err));
}

export function isUniqueViolation(err: unknown): boolean {
  return codeOf(err) === '23505';
}

/** Connection failures become EventStoreUnavailableError; anything else is returned as is. */
export function toStoreError(err: unknown): unknown {
  if (isConnectionError(err)) return new EventStoreUnavailableError(messageOf(err), { cause: err });
  return err;
}
