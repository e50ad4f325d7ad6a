import { type FieldError, fieldError, RequestValidationError } from '../errors/platform.errors';
import { isAcceptedText } from './accepted-text';
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
      return [fieldError('path', 'url-encoding')];
    }
    if (!isAcceptedText(decoded)) return [fieldError('path', 'refused-text')];
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
