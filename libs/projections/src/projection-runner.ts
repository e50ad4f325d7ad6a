import { Logger } from '@nestjs/common';
import { Client, type Pool, type PoolClient } from 'pg';
import { APPOINTMENT_FOLD_VERSION } from '@app/appointment/appointment.evolve';
import { CASE_STREAM_PREFIX } from '@app/appointment/appointment.streams';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { projectionMetrics } from './projection.metrics';
import type { AfterCommit, ApplyOptions, Projection, TableNames } from './projection.types';
import { liveTableNames } from './projection.types';
import { StatementBatch } from './statement-batch';
import {
  caseIdsOf,
  type FoldedCase,
  foldOnto,
  saveFolded,
  STORED_STATES_SQL,
  RecentFolds,
  type StoredState,
} from './writers/case-states';
import { PROJECTION_LOCK_CLASS } from './projections.schema';

export interface LoggerLike {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  pool: Pool;
  store: EventStore;
  /** One projection, or (projections) all of them fed by one subscription: give one of the two. */
  projection?: Projection;
  projections?: readonly Projection[];
  /** Most events applied in one transaction. */
  batchSize?: number;
  /**
   * Longest an event waits in the buffer before its batch is written (default 1 ms: a batch is the
   * page the subscription just delivered plus what arrived while the last batch was being written, so
   * under load batches grow by themselves; at 15 ms the timeline's lag under 32 connections had a
   * p50 of 83 ms, at 1 ms 63 ms).
   */
  batchMs?: number;
  /** How often a runner without the lease tries to take it. */
  leaseRetryMs?: number;
  logger?: LoggerLike;
}

export interface ProjectionRunnerStatus {
  name: string;
  /** This process holds the lease and applies events. */
  leader: boolean;
  checkpoint: string | null;
  lastEventRecordedAt: string | null;
  processed: number;
}

/** Batches whose after-commit work may wait behind the batch being written. */
const MAX_AFTER_COMMITS = 8;

const CHECKPOINT_MOVED = 'projection checkpoint moved';

/** Fails the batch's transaction if a checkpoint ($1: names) is not at the position the runner holds ($2). */
const CHECKPOINTS_UNMOVED = `DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS held(name, position)
             LEFT JOIN projection_checkpoints stored USING (name)
             WHERE stored.position IS DISTINCT FROM held.position) THEN
    RAISE EXCEPTION '${CHECKPOINT_MOVED}';
  END IF;
END $$`;

/** The checkpoint row moved under the runner: another writer (a rebuild's swap) got in; restart from the row. */
class CheckpointMovedError extends Error {}

export function leaseKey(name: string): string {
  return `projection:${name}`;
}

/**
 * Runs projections from their checkpoints with one subscription. Events are applied in batches
 * (≤ batchSize events or batchMs), each in ONE transaction with every projection's writes, the
 * shared case states and the checkpoint rows, so a crash replays at most the last batch and the
 * idempotent writers absorb it. Each case of a batch is folded once (case_states) and the steps
 * handed to every projection. Only the holder of the lease (a session advisory lock on a dedicated
 * connection) runs; a lost connection releases the lock, and the runner goes back to trying to take
 * it. Run all projections in one runner: case_states moves with their checkpoints.
 */
export class ProjectionRunner {
  private readonly logger: LoggerLike;
  private readonly batchSize: number;
  private readonly batchMs: number;
  private readonly leaseRetryMs: number;
  private readonly metrics = projectionMetrics();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeStop: () => void = () => undefined;
  private leaseClient: Client | undefined;
  private subscription: Subscription | undefined;
  private buffer: RecordedEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private active = false;
  private endTerm: () => void = () => undefined;
  private checkpoint: string | null = null;
  private checkpoints = new Map<string, string | null>();
  private readonly projections: readonly Projection[];
  private readonly folds = new RecentFolds();
  private afterCommits: Promise<void> = Promise.resolve();
  private afterCommitsPending = 0;
  private lastEventRecordedAt: string | null = null;
  private processed = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.projections = options.projections ?? (options.projection ? [options.projection] : []);
    if (this.projections.length === 0) throw new Error('ProjectionRunner needs at least one projection');
    this.logger = options.logger ?? new Logger(`Projection:${this.name}`);
    this.batchSize = options.batchSize ?? 500;
    this.batchMs = options.batchMs ?? 1;
    this.leaseRetryMs = options.leaseRetryMs ?? 3000;
  }

  get name(): string {
    return this.projections.map((projection) => projection.name).join('+');
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops after writing what is buffered, and releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeStop();
    this.endTerm();
    await this.loop;
    this.loop = undefined;
  }

  status(): ProjectionRunnerStatus {
    return {
      name: this.name,
      leader: this.active,
      checkpoint: this.checkpoint,
      lastEventRecordedAt: this.lastEventRecordedAt,
      processed: this.processed,
    };
  }

  /** One status per projection of the runner. */
  statuses(): ProjectionRunnerStatus[] {
    return this.projections.map((projection) => ({
      ...this.status(),
      name: projection.name,
      checkpoint: this.checkpoints.get(projection.name) ?? this.checkpoint,
    }));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let lease: Client | undefined;
      try {
        lease = await this.takeLease();
      } catch (err) {
        this.logger.warn(`lease attempt failed: ${describe(err)}`);
      }
      if (lease === undefined) {
        await this.pause(this.leaseRetryMs);
        continue;
      }
      try {
        await this.term(lease);
      } catch (err) {
        this.logger.error(`runner failed, restarting from the checkpoint: ${describe(err)}`);
        await this.pause(this.leaseRetryMs);
      } finally {
        await this.releaseLease(lease);
      }
    }
  }

  private async takeLease(): Promise<Client | undefined> {
    const client = new Client(this.options.pool.options);
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
      [PROJECTION_LOCK_CLASS, leaseKey(this.name)],
    );
    if (!rows[0].ok) {
      await client.end().catch(() => undefined);
      return undefined;
    }
    return client;
  }

  private async releaseLease(client: Client): Promise<void> {
    this.leaseClient = undefined;
    // Ending the session releases its advisory locks.
    await client.end().catch(() => undefined);
  }

  /** One leadership term: from the stored checkpoint until the lease is lost, the checkpoint moves, or stop. */
  private async term(lease: Client): Promise<void> {
    this.leaseClient = lease;
    const ended = new Promise<void>((resolve) => {
      this.endTerm = resolve;
    });
    const lost = (err?: Error): void => {
      if (!this.active) return;
      this.logger.warn(`lease connection lost${err ? `: ${err.message}` : ''}; stepping down`);
      this.active = false;
      this.endTerm();
    };
    lease.on('error', lost);
    lease.on('end', () => lost());
    const { rows } = await this.options.pool.query<{ name: string; position: string | null }>(
      'SELECT name, position FROM projection_checkpoints WHERE name = ANY($1::text[])',
      [this.projections.map((projection) => projection.name)],
    );
    const stored = new Map(rows.map((row) => [row.name, row.position]));
    this.checkpoints = new Map(this.projections.map((p) => [p.name, stored.get(p.name) ?? null]));
    this.checkpoint = earliest([...this.checkpoints.values()]);
    this.buffer = [];
    this.active = true;
    this.logger.log(`took the lease; applying events after position ${this.checkpoint ?? 'start'}`);
    this.subscription = this.options.store.subscribeAll(
      { fromCheckpoint: this.checkpoint, streamPrefix: CASE_STREAM_PREFIX },
      (event) => this.onEvent(event),
    );
    if (this.stopped) this.endTerm();
    await ended;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription.stop();
    if (this.active) await this.flush();
    this.active = false;
    this.clearTimer();
    this.buffer = [];
    await this.afterCommits;
    this.notifyIdle();
  }

  private async onEvent(event: RecordedEvent): Promise<void> {
    if (!this.active) return;
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) await this.flush();
    else this.armTimer();
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.batchMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): Promise<void> {
    this.chain = this.chain.then(() => this.flushNow());
    return this.chain;
  }

  private async flushNow(): Promise<void> {
    this.clearTimer();
    let failures = 0;
    while (this.active && this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.commit(batch);
        this.buffer.splice(0, batch.length);
        failures = 0;
      } catch (err) {
        if (err instanceof CheckpointMovedError) {
          this.logger.warn(
            'the checkpoint moved under this runner (a rebuild was swapped in); restarting from it',
          );
          this.active = false;
          this.endTerm();
          return;
        }
        failures += 1;
        if (this.stopped && failures >= 3) {
          this.logger.warn(
            `giving up on ${this.buffer.length} buffered events at stop; they are replayed from the checkpoint`,
          );
          this.active = false;
          return;
        }
        this.logger.error(
          `writing a batch of ${batch.length} failed (attempt ${failures}), retrying: ${describe(err)}`,
        );
        await this.pause(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    if (this.buffer.length === 0) this.notifyIdle();
  }

  /**
   * Two round trips per batch. The first only reads (the batch's case states and each projection's
   * `prefetch`) and takes no lock, so it holds no transaction id. The second takes the checkpoint
   * rows first (a rebuild's swap holds them while it renames tables), checks they are where this
   * runner left them, and carries every write, the case states, the checkpoints and COMMIT. Readers of
   * the store see nothing committed after the oldest transaction still in flight: a batch that took
   * its locks in the first round trip held every new event back from every subscriber, its own
   * included, for the whole batch.
   */
  private async commit(batch: RecordedEvent[]): Promise<void> {
    const { pool, store } = this.options;
    const names = this.projections.map((projection) => projection.name);
    const last = batch[batch.length - 1];
    const caseIds = caseIdsOf(batch);
    const known = this.folds.startsOf(batch);
    const prefetching = this.projections.filter((projection) => projection.prefetch);
    const reads = new StatementBatch();
    reads.add(STORED_STATES_SQL, [caseIds.filter((id) => !known.has(id)), APPOINTMENT_FOLD_VERSION]);
    for (const projection of prefetching)
      reads.add((projection.prefetch as (names: TableNames) => string)(liveTableNames(projection)), [
        caseIds,
      ]);
    const client: PoolClient = await pool.connect();
    const afterCommit: AfterCommit[] = [];
    let broken: Error | undefined;
    try {
      const [states, ...prefetched] = await reads.run(client);
      const folded = await foldOnto(store, batch, [...(states.rows as StoredState[]), ...known.values()]);
      this.folds.keep(folded);
      const writes = new StatementBatch();
      writes.add('BEGIN');
      writes.add(
        'SELECT name FROM projection_checkpoints WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE',
        [names],
      );
      writes.add(CHECKPOINTS_UNMOVED, [names, names.map((name) => this.checkpoints.get(name) ?? null)]);
      for (const projection of this.projections) {
        const after = this.checkpoints.get(projection.name) ?? null;
        const mine = after === null ? batch : batch.filter((e) => BigInt(e.globalPosition) > BigInt(after));
        if (mine.length === 0) continue;
        const options: ApplyOptions = {
          live: true,
          folded: mine === batch ? folded : onlySteps(folded, mine),
          batch: writes,
          prefetched: projection.prefetch ? prefetched[prefetching.indexOf(projection)].rows : undefined,
        };
        const done = await projection.apply(client, mine, liveTableNames(projection), options);
        if (done) afterCommit.push(done);
      }
      await saveFolded(client, folded, writes);
      writes.add(
        'UPDATE projection_checkpoints SET position = $1, updated_at = now() WHERE name = ANY($2::text[])',
        [last.globalPosition, names],
      );
      writes.add('COMMIT');
      await writes.run(client);
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      if (err instanceof Error && err.message === CHECKPOINT_MOVED) throw new CheckpointMovedError();
      throw err;
    } finally {
      client.release(broken);
    }
    this.checkpoint = last.globalPosition;
    for (const name of names) this.checkpoints.set(name, last.globalPosition);
    this.lastEventRecordedAt = last.metadata.recordedAt;
    this.processed += batch.length;
    for (const name of names) this.metrics.processed.inc({ projection: name }, batch.length);
    if (afterCommit.length > 0) await this.afterCommitted(afterCommit);
  }

  /**
   * The work a batch leaves for after its commit (telling the reminder scheduler which deadlines
   * moved) runs in order, one batch after the other, but beside the next batch instead of before it:
   * awaited in line it held each batch back by 2 ms on average and 13 ms at the 99th percentile.
   * More than MAX_AFTER_COMMITS batches behind, the runner waits for it.
   */
  private async afterCommitted(work: readonly AfterCommit[]): Promise<void> {
    this.afterCommitsPending += 1;
    this.afterCommits = this.afterCommits.then(async () => {
      try {
        for (const done of work) await done();
      } catch (err) {
        this.logger.error(`work after a batch's commit failed: ${describe(err)}`);
      } finally {
        this.afterCommitsPending -= 1;
      }
    });
    if (this.afterCommitsPending > MAX_AFTER_COMMITS) await this.afterCommits;
  }

  /** Resolves once nothing is buffered and the work after each commit is done (tests and benches wait on it). */
  async whenIdle(): Promise<void> {
    if (this.buffer.length > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.afterCommits;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeStop = done;
    });
  }
}

function earliest(positions: ReadonlyArray<string | null>): string | null {
  let min: string | undefined;
  for (const position of positions) {
    if (position === null) return null;
    if (min === undefined || BigInt(position) < BigInt(min)) min = position;
  }
  return min ?? null;
}

/** The steps of the given events only, for a projection whose checkpoint is ahead of the batch's start. */
function onlySteps(folded: readonly FoldedCase[], events: readonly RecordedEvent[]): FoldedCase[] {
  const wanted = new Set(events);
  return folded.map((c) => {
    const steps = c.steps.filter((step) => wanted.has(step.event));
    return {
      ...c,
      steps,
      initial: steps[0]?.before ?? c.final,
      revision: steps.at(-1)?.event.revision ?? null,
    };
  });
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
