import { type FieldError, fieldError } from '../errors/platform.errors';
import { isAcceptedText, printable } from './accepted-text';

/** Deeper than any request of the API (the decision meeting's ballots are four levels down). */
export const MAX_JSON_DEPTH = 32;
/** Enough to name every bad field of a real request without echoing a flood back. */
const MAX_REPORTED = 20;
/** Keys that address an object's prototype: never a field of this API. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const joinKey = (parent: string, key: string): string => {
  const name = printable(key);
  return parent === '' ? name : `${parent}.${name}`;
};

/**
 * Every problem of parsed JSON (a body or the query) that no field validation may see: refused
 * text in values and keys, prototype keys, non-finite numbers and nesting deeper than
 * MAX_JSON_DEPTH. Walks with an explicit stack, so a hostile depth costs no call stack.
 * Paths read like the validation errors: `votes[0].ballots[1].vote`.
 */
export function inspectJsonInput(input: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const report = (field: string, reason: string, params?: Record<string, unknown>) => {
    if (errors.length < MAX_REPORTED) errors.push(fieldError(field === '' ? 'body' : field, reason, params));
  };
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: root, depth: 0 },
  ];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isAcceptedText(value)) report(path, 'refused-text');
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) report(path, 'number-out-of-range');
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        report(path, 'too-deep', { max: MAX_JSON_DEPTH });
        continue;
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          stack.push({ value: value[i] as unknown, path: `${path}[${i}]`, depth: depth + 1 });
        }
        continue;
      }
      const children: Array<{ value: unknown; path: string; depth: number }> = [];
      for (const key of Object.keys(value)) {
        const field = joinKey(path, key);
        if (!isAcceptedText(key)) report(field, 'refused-key-text');
        else if (PROTOTYPE_KEYS.has(key)) report(field, 'prototype-key');
        else children.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
      }
      stack.push(...children.reverse());
    }
  }
  return errors;
}
