import { EventStoreArgumentError } from '../../event-store.errors';

/**
 * A PostgreSQL position is the pair (transaction id, sequence number), written at the port as one
 * decimal: transaction id × 10^19 + sequence number (a bigint sequence stays below 10^19). Decimal
 * order is then the pair's order, and a position from before transaction ids were recorded (a plain
 * sequence number) is the pair (0, that number): old checkpoints resume where they were.
 */
const SCALE = 10_000_000_000_000_000_000n;

export interface PgPosition {
  transactionId: string;
  sequence: string;
}

export function encodePosition(transactionId: string, sequence: string): string {
  return String(BigInt(transactionId) * SCALE + BigInt(sequence));
}

export function decodePosition(position: string | null | undefined): PgPosition {
  if (position === null || position === undefined) return { transactionId: '0', sequence: '0' };
  if (!/^(0|[1-9][0-9]*)$/.test(position)) {
    throw new EventStoreArgumentError(`a position must be a non-negative decimal string, got '${position}'`);
  }
  const value = BigInt(position);
  return { transactionId: String(value / SCALE), sequence: String(value % SCALE) };
}

/** SQL for the position of a row of `events` (alias e), as text: for read models and benches. */
export const POSITION_SQL = `((e.transaction_id::text::numeric * ${SCALE}) + e.global_position)::text`;

/** SQL for the position of the last event in global order (no row: none), as `head`. */
export const HEAD_POSITION_SQL = `SELECT ${POSITION_SQL} AS head FROM events e
  ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`;
