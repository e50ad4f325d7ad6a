import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/event-store';
import { FieldError, fieldError, RequestValidationError } from '@app/platform';
import type { HttpRequest } from './http.types';

/** What a write request says about itself in its headers and body, beyond the command. */
export interface WriteContext {
  /** From `Idempotency-Key`, lowercased; with the sender and the case it makes the commandId. */
  idempotencyKey?: string;
  /** From `If-Match`. */
  expectedRevision?: string;
  /** From `X-Correlation-Id`; the service makes one when absent. */
  correlationId?: string;
  /** sha256 of method, path and canonical body: the same key with another request is refused. */
  requestHash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IF_MATCH = /^(?:W\/)?"?(\d{1,19})"?$/;
const CORRELATION_ID = /^[\w.:-]{1,128}$/;

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? {})}`)
    .digest('hex');
}

/** A UUID (version 8, RFC 9562) made from SHA-256 of its parts. */
function uuidFrom(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\n')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The case a `POST /cases` with an Idempotency-Key opens, so a retry lands on the same stream. */
export function caseIdFor(personId: string, idempotencyKey: string): string {
  return uuidFrom('case', personId, idempotencyKey.toLowerCase());
}

/**
 * The commandId of a keyed write: a key belongs to the person who sent it and to the case, so the
 * same key from someone else is a new command and never replays another's, while the same key on
 * another request of the same case finds the first one and is refused (422, the request differs).
 */
export function commandIdFor(personId: string, caseId: string, idempotencyKey: string): string {
  return uuidFrom('command', personId, caseId, idempotencyKey.toLowerCase());
}

const header = (request: HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export function parseWriteContext(request: HttpRequest): WriteContext {
  const errors: FieldError[] = [];
  const key = header(request, 'idempotency-key')?.trim();
  if (key !== undefined && !UUID.test(key)) {
    errors.push(fieldError('Idempotency-Key', 'isUuid'));
  }
  const ifMatch = header(request, 'if-match')?.trim();
  const revision = ifMatch === undefined ? undefined : IF_MATCH.exec(ifMatch)?.[1];
  if (ifMatch !== undefined && revision === undefined) {
    errors.push(fieldError('If-Match', 'revision'));
  }
  const correlationId = header(request, 'x-correlation-id')?.trim();
  if (correlationId !== undefined && !CORRELATION_ID.test(correlationId)) {
    errors.push(fieldError('X-Correlation-Id', 'correlationId'));
  }
  if (errors.length > 0) {
    throw new RequestValidationError(errors);
  }
  return {
    idempotencyKey: key?.toLowerCase(),
    expectedRevision: revision === undefined ? undefined : String(BigInt(revision)),
    correlationId,
    requestHash: requestHash(request.method, request.path, request.body),
  };
}

/** `@Write() write: WriteContext` — the headers of a command request, validated (400 when malformed). */
export const Write = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext =>
  parseWriteContext(context.switchToHttp().getRequest<HttpRequest>()),
);
