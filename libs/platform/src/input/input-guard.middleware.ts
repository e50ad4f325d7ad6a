import { type FieldError, RequestValidationError } from '../errors/platform.errors';
import { isAcceptedText, REFUSED_TEXT_MESSAGE } from './accepted-text';
import { inspectJsonInput } from './json-input';

interface GuardedRequest {
  path: string;
  query?: unknown;
  body?: unknown;
}

function inspectPath(path: string): FieldError[] {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return [{ field: 'path', messages: ['path 不是有效的 URL 编码'] }];
    }
    if (!isAcceptedText(decoded)) return [{ field: 'path', messages: [`path ${REFUSED_TEXT_MESSAGE}`] }];
  }
  return [];
}

/**
 * Express middleware right after the JSON parser: the path, the query and the body are checked
 * against the service's text policy, prototype keys and nesting depth before anything walks them
 * recursively (class-transformer, validation, the idempotency fingerprint). 400 naming each field.
 */
export function refuseUnsafeInput(
  request: GuardedRequest,
  _response: unknown,
  next: (error?: unknown) => void,
): void {
  const errors = [
    ...inspectPath(request.path),
    ...inspectJsonInput(request.query),
    ...inspectJsonInput(request.body),
  ];
  next(errors.length > 0 ? new RequestValidationError(errors) : undefined);
}
