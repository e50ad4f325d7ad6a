import { UnsupportedMediaTypeException } from '@nestjs/common';

/** The one media type a request body may have (API.md: the API speaks JSON); `+json` types are not it. */
export const JSON_MEDIA_TYPE = 'application/json';

interface BodyRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** A body follows the headers: a positive Content-Length, or any Transfer-Encoding. */
export function carriesBody(headers: BodyRequest['headers']): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return typeof length === 'string' && Number(length) > 0;
}

/** `text/plain; charset=utf-8` → `text/plain`; absent or empty → undefined. */
export function mediaTypeOf(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  const type = value?.split(';')[0].trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/**
 * Express middleware before the JSON parser: a body of any other media type (or of none) would be
 * skipped by the parser and the request served as if it had no body, so a command would run without
 * the fields the client sent. 415 instead; a request without a body (Content-Length: 0) passes.
 * The charset of a JSON body is the parser's to check (415 as well).
 */
export function refuseNonJsonBody(
  request: BodyRequest,
  _response: unknown,
  next: (error?: unknown) => void,
): void {
  if (!carriesBody(request.headers)) return next();
  const type = mediaTypeOf(request.headers['content-type']);
  if (type === JSON_MEDIA_TYPE) return next();
  next(
    new UnsupportedMediaTypeException(
      `the request body is ${type ?? 'of no stated type'}; send ${JSON_MEDIA_TYPE}`,
    ),
  );
}
