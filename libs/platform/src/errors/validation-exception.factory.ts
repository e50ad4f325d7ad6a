import type { ValidationError } from 'class-validator';
import { type FieldError, RequestValidationError } from './platform.errors';

/** For ValidationPipe's `exceptionFactory`: one entry per bad field, nested paths as `votes[0].ballots[1].vote`. */
export function validationExceptionFactory(errors: ValidationError[]): RequestValidationError {
  return new RequestValidationError(flattenValidationErrors(errors));
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {});
    const nested = flattenValidationErrors(error.children ?? [], field);
    return own.length > 0 ? [{ field, messages: own }, ...nested] : nested;
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}
