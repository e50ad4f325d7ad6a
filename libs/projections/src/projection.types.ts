import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import type { StatementBatch } from './statement-batch';
import type { FoldedCase } from './writers/case-states';

/** Base table name → the name to use: the live table, or its shadow during a rebuild. */
export type TableNames = Readonly<Record<string, string>>;

/** Work to do once the batch's transaction has committed (e.g. telling the reminder scheduler). */
export type AfterCommit = () => Promise<void>;

export interface ApplyOptions {
  /** False during a rebuild: a replay must not reschedule anything. */
  live: boolean;
  /**
   * The batch's cases folded once for every projection: each case's steps (state before and after
   * each event) from the state just before its first event in the batch.
   */
  folded: readonly FoldedCase[];
  /**
   * Where the runner collects the batch's writes, to send them with its commit in one round trip.
   * A writer puts there what it does not read back (`write`); without it, the writer runs them.
   */
  batch?: StatementBatch;
  /** The rows of the projection's `prefetch` query for this batch, read by the runner with the case states. */
  prefetched?: readonly Record<string, unknown>[];
}

/**
 * A projection = pure functions + a PostgreSQL writer. `apply` runs inside the batch transaction
 * that also moves the checkpoint, and must be idempotent: an event applied twice changes nothing.
 */
export interface Projection {
  readonly name: string;
  readonly tables: readonly string[];
  /**
   * Each event only adds rows of its own (nothing is updated), so a rebuild may write pages in any
   * order, several at once.
   */
  readonly appendOnly?: boolean;
  /**
   * The query of the rows `apply` reads for a batch (`$1`: the batch's case ids, text[]). The runner
   * sends it in the batch's first round trip and hands the rows over as `prefetched`.
   */
  prefetch?(names: TableNames): string;
  /** Idempotent DDL creating the tables under the given names. */
  createTables(names: TableNames): string[];
  /** A faster way for a rebuild to fill its fresh tables than page after page of `apply`. */
  readonly bulkLoad?: BulkLoad;
  /**
   * The only keys of an event's metadata that `apply` and `bulkLoad` read: a rebuild then replays the
   * events with just these (ReadAllOptions.metadataKeys). Omit it when the projection reads others.
   */
  readonly metadataKeys?: readonly string[];
  apply(
    client: PoolClient,
    events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<AfterCommit | void>;
}

export function liveTableNames(projection: Projection): TableNames {
  return Object.fromEntries(projection.tables.map((table) => [table, table]));
}

export function shadowTableNames(projection: Projection): TableNames {
  return Object.fromEntries(projection.tables.map((table) => [table, `${table}__rebuild`]));
}

/**
 * A rebuild's replay brings each event exactly once, into tables nobody else writes: its pages need
 * no check for rows already there, and the tables' keys and indexes can be built once at the end
 * instead of row by row. After `finish` the tables are as `createTables` makes them, and `apply`
 * takes over (the catch-up before the swap).
 */
export interface BulkLoad<Page = unknown> {
  /** The tables without their keys and indexes; they do not exist yet. */
  createTables(names: TableNames): string[];
  /**
   * One page of the replay made into what `load` writes, at once, so that the page's events and
   * folded states need not be kept while the page waits for its turn to be written.
   */
  prepare(folded: readonly FoldedCase[]): Page;
  /** Writes one prepared page. */
  load(client: PoolClient, names: TableNames, page: Page): Promise<void>;
  /** The keys and indexes that `createTables` of the projection would have made. */
  finish(names: TableNames): string[];
}
