import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { STAGES } from '@app/appointment/appointment.state';
import { type FieldError, type FieldProblem, RequestValidationError } from './platform.errors';

/** For ValidationPipe's `exceptionFactory`: one entry per bad field, nested paths as `votes[0].ballots[1].vote`. */
/**
 * The api's one ValidationPipe: a field or parameter a DTO does not declare is refused, values are
 * converted to their types, and refusals are RequestValidationErrors (problem details, each field named).
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
    // the errors' targets name the request body a field belongs to (field labels); they are never sent
    validationError: { target: true },
  });
}

export function validationExceptionFactory(errors: ValidationError[]): RequestValidationError {
  return new RequestValidationError(flattenValidationErrors(errors));
}

export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
  root: string | undefined = undefined,
): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const body = parent === '' ? scopeOf(error) : root;
    const constraints = requiredFirst(error.value, Object.entries(error.constraints ?? {}));
    const nested = flattenValidationErrors(error.children ?? [], field, body);
    if (constraints.length === 0) return nested;
    const own: FieldError = {
      field,
      messages: constraints.map(([, message]) => message),
      problems: constraints.map(([constraint, message]) => problemOf(constraint, message, field)),
    };
    const scope = scopeOf(error);
    if (scope !== undefined) own.scope = scope;
    if (body !== undefined && body !== scope) own.root = body;
    return [own, ...nested];
  });
}

/** Checks of a value's type: when one fails, the checks of its size say nothing true of it. */
const TYPE_CHECKS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject']);
const SIZE_CHECKS = new Set(['min', 'max', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize']);

/**
 * A missing or empty field is told it is required, not also every rule its value would have to
 * meet (`candidateId=` is not also told the form of a UUID); a value of the wrong type
 * (`limit=abc`) is told its type, not also `不能大于 100` and `不能小于 1`.
 */
function requiredFirst(value: unknown, constraints: [string, string][]): [string, string][] {
  if (value === undefined || value === null || value === '') {
    const required = constraints.filter(([name]) => name === 'isNotEmpty' || name === 'isDefined');
    return required.length > 0 ? required : constraints;
  }
  if (!constraints.some(([name]) => TYPE_CHECKS.has(name))) return constraints;
  return constraints.filter(([name]) => !SIZE_CHECKS.has(name));
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/** The request body class a field belongs to (its target), unless it is a plain object. */
function scopeOf(error: ValidationError): string | undefined {
  const name = (error.target as object | undefined)?.constructor?.name;
  return name === undefined || name === 'Object' || name === 'Array' ? undefined : name;
}

/**
 * class-validator reports a constraint's arguments only inside its English message; the numbers
 * and allowed values are read back from there, so the answer can be written in any language.
 */
function problemOf(constraint: string, message: string, field: string): FieldProblem {
  const number = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(message);
    return match ? Number(match[1]) : undefined;
  };
  switch (constraint) {
    case 'maxLength':
      return { reason: constraint, params: { max: number(/(\d+) characters/) } };
    case 'minLength':
      return { reason: constraint, params: { min: number(/(\d+) characters/) } };
    case 'min':
      return { reason: constraint, params: { min: number(/less than (-?[\d.]+)/) } };
    case 'max':
      return { reason: constraint, params: { max: number(/greater than (-?[\d.]+)/) } };
    case 'arrayMinSize':
      return { reason: constraint, params: { min: number(/at least (\d+)/) } };
    case 'arrayMaxSize':
      return { reason: constraint, params: { max: number(/no more than (\d+)/) } };
    case 'isStage':
      return { reason: constraint, params: { allowed: STAGES } };
    case 'isIn':
    case 'isEnum': {
      const allowed = /one of(?: the following values)?:\s*(.*)$/.exec(message)?.[1];
      return { reason: 'isIn', params: { allowed: allowed?.split(/,\s*/).filter((v) => v !== '') ?? [] } };
    }
    case 'matches': {
      const name = field.split(/[.[]/).pop() ?? field;
      return { reason: ['digest', 'cursor', 'asOf'].includes(name) ? name : 'matches' };
    }
    default:
      return { reason: constraint };
  }
}
