import { Logger } from '@nestjs/common';
import { Client, type Pool, type PoolClient } from 'pg';
import { CASE_STREAM_PREFIX } from '@app/appointment/appointment.streams';
import type { EventStore, RecordedEvent, Subscription } from '@app/event-store';
import { projectionMetrics } from './projection.metrics';
import type { Projection } from './projection.types';
import { liveTableNames } from './projection.types';
import { PROJECTION_LOCK_CLASS } from './projections.schema';

export interface LoggerLike {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  /** Most events applied in one transaction. */
  batchSize?: number;
  /** Longest an event waits in the buffer before its batch is written. */
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

/** The checkpoint row moved under the runner: another writer (a rebuild's swap) got in; restart from the row. */
class CheckpointMovedError extends Error {}

export function leaseKey(name: string): string {
  return `projection:${name}`;
}

/**
 * Runs one projection from its checkpoint. Events are applied in batches (≤ batchSize events or
 * batchMs), each in ONE transaction with the checkpoint row, so a crash replays at most the last
 * batch and the idempotent writers absorb it. Only the holder of the lease (a session advisory lock
 * on a dedicated connection) runs; a lost connection releases the lock, and the runner goes back
 * to trying to take it.
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
  private lastEventRecordedAt: string | null = null;
  private processed = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.logger = options.logger ?? new Logger(`Projection:${options.projection.name}`);
    this.batchSize = options.batchSize ?? 500;
    this.batchMs = options.batchMs ?? 50;
    this.leaseRetryMs = options.leaseRetryMs ?? 3000;
  }

  get name(): string {
    return this.options.projection.name;
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
    const { rows } = await this.options.pool.query<{ position: string | null }>(
      'SELECT position FROM projection_checkpoints WHERE name = $1',
      [this.name],
    );
    this.checkpoint = rows[0]?.position ?? null;
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

  private async commit(batch: RecordedEvent[]): Promise<void> {
    const { pool, projection } = this.options;
    const client: PoolClient = await pool.connect();
    let afterCommit: (() => Promise<void>) | void;
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Taken first, before any table is touched: a rebuild's swap holds this row while it renames tables.
      const { rows } = await client.query<{ position: string | null }>(
        'SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
        [projection.name],
      );
      if ((rows[0]?.position ?? null) !== this.checkpoint) throw new CheckpointMovedError();
      afterCommit = await projection.apply(client, batch, liveTableNames(projection), { live: true });
      const last = batch[batch.length - 1];
      await client.query(
        'UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1',
        [projection.name, last.globalPosition],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw err;
    } finally {
      client.release(broken);
    }
    const last = batch[batch.length - 1];
    this.checkpoint = last.globalPosition;
    this.lastEventRecordedAt = last.metadata.recordedAt;
    this.processed += batch.length;
    this.metrics.processed.inc({ projection: projection.name }, batch.length);
    if (afterCommit) await afterCommit();
  }

  /** Resolves once nothing is buffered (tests and benches wait on it). */
  whenIdle(): Promise<void> {
    if (this.buffer.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
