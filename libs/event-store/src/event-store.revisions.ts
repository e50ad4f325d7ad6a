import { EventStoreArgumentError } from './event-store.errors';
import type { ExpectedRevision } from './event-store.port';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

export function isRevision(value: string): boolean {
  return DECIMAL.test(value);
}

export function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected !== 'no-stream' && expected !== 'any' && !isRevision(expected)) {
    throw new EventStoreArgumentError(
      `expectedRevision must be 'no-stream', 'any' or a revision, got '${expected}'`,
    );
  }
}

export function assertOptionalRevision(name: string, value: string | null | undefined): void {
  if (value !== undefined && value !== null && !isRevision(value)) {
    throw new EventStoreArgumentError(`${name} must be a non-negative decimal string, got '${value}'`);
  }
}

/** Whether a stream whose last revision is `current` (null: no stream) satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, current: string | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === null;
  return current !== null && BigInt(current) === BigInt(expected);
}
