import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FieldError, fieldError, RequestValidationError } from '@app/platform';
import type { HttpRequest } from './http.types';

/** What a write request says about itself in its headers and body, beyond the command. */
export interface WriteContext {
  /** From `Idempotency-Key`; becomes the commandId. */
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

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? {})}`)
    .digest('hex');
}

/**
 * The case a `POST /cases` with an Idempotency-Key opens: a UUID (version 8, RFC 9562) made from
 * SHA-256 of the person and the key, so a retry lands on the same stream and is replayed there.
 */
export function caseIdFor(personId: string, idempotencyKey: string): string {
  const bytes = createHash('sha256')
    .update(`case\n${personId}\n${idempotencyKey.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
