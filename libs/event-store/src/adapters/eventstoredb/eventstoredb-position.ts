import type { Position } from '@eventstore/db-client';
import { EventStoreArgumentError } from '../../event-store.errors';

const MAX = 2n ** 64n - 1n;
/** Above every u64, so prepare fits below it. */
const SHIFT = 10n ** 20n;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * An EventStoreDB $all position { commit, prepare } as the decimal string of commit·10²⁰ + prepare.
 * It round-trips, and BigInt order equals log order, like the other adapters' positions.
 */
export function encodePosition(position: Position): string {
  return (checked(position.commit, 'commit') * SHIFT + checked(position.prepare, 'prepare')).toString();
}

export function decodePosition(encoded: string): Position {
  if (!DECIMAL.test(encoded)) {
    throw new EventStoreArgumentError(`not an EventStoreDB position: ${JSON.stringify(encoded)}`);
  }
  const value = BigInt(encoded);
  const position = { commit: value / SHIFT, prepare: value % SHIFT };
  if (position.commit > MAX || position.prepare > MAX) {
    throw new EventStoreArgumentError(`not an EventStoreDB position: ${encoded} is out of range`);
  }
  return position;
}

/** Negative when a precedes b in $all. */
export function comparePositions(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

function checked(value: bigint, name: string): bigint {
  if (value < 0n || value > MAX) {
    throw new EventStoreArgumentError(`EventStoreDB ${name} position out of range: ${value}`);
  }
  return value;
}
