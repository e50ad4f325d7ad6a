import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError, RequestValidationError } from '../errors/platform.errors';

/** Enough to name every stray field of a real request without echoing a flood back. */
const MAX_REPORTED = 20;

/**
 * For the body of a write that takes no fields (`@Body(NoFieldsPipe) _body: unknown`): no body or
 * `{}` passes; every field is refused as the ValidationPipe refuses one a body DTO does not declare,
 * and a body that is not an object (an array) as the ValidationPipe refuses it for a DTO with rules.
 */
@Injectable()
export class NoFieldsPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new RequestValidationError([fieldError('body', 'isObject')]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw new RequestValidationError(
        fields.slice(0, MAX_REPORTED).map((field) => fieldError(field, 'whitelistValidation')),
      );
    }
    return {};
  }
}
