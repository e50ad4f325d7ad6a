import { getQueueToken } from '@nestjs/bullmq';
import type { DynamicModule } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { type AppointmentDecider, CASE_STREAM_PREFIX } from '@app/appointment';
import { EVENT_STORE, type EventStore, EventStoreModule, PG_POOL } from '@app/event-store';
import { type AppConfig, CLOCK, type Clock, loadConfig, PlatformModule } from '@app/platform';
import {
  CASE_STATES_DDL,
  DEADLINE_SINK,
  type DeadlineSink,
  DeadlinesProjection,
  foldStored,
  liveTableNames,
  saveFolded,
} from '@app/projections';
import {
  DEADLINE_POLICY,
  type DeadlinePolicyDeps,
  InboxRepository,
  ReminderReconciler,
  REMINDER_WEBHOOKS_QUEUE,
  REMINDERS_DECIDER,
  REMINDERS_QUEUE,
  RemindersModule,
  ReminderScheduler,
} from '@app/reminders';
import { RemindersWorkerModule } from '../../../apps/worker/src/reminders/reminders-worker.module';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../../setup/test-db';

export const WEBHOOK_SECRET = 'test-webhook-secret';

export interface HarnessOptions {
  /** Run the processors (the worker); false: queues only. */
  worker?: boolean;
  webhookUrl?: string;
  clock?: Clock;
  /** Reuse an existing database and prefix (a second process of the same deployment). */
  databaseUrl?: string;
  prefix?: string;
  /** Defaults to the test Redis database (db 15 of the shared server). */
  redisUrl?: string;
  /** False: leave the deadlines table to a worker process, and never call `project()`. */
  deadlinesProjection?: boolean;
  /** REMINDER_BACKFILL_GRACE; `0s` unless given, so the suites that fire past-due deadlines at once keep doing so. */
  backfillGrace?: string;
}

/**
 * The reminders as the worker runs them, on a fresh PostgreSQL test database and the test Redis
 * database under a key prefix of its own. `project()` runs the deadlines projection over new events
 * and tells DEADLINE_SINK, as the worker's projection runner does.
 */
export class RemindersHarness {
  private position: string | null = null;
  readonly sinkErrors: unknown[] = [];
  private projection!: DeadlinesProjection;

  private constructor(
    readonly module: TestingModule,
    readonly config: AppConfig,
    readonly databaseUrl: string,
    readonly prefix: string,
    readonly redisUrl: string,
    private readonly ownsDatabase: boolean,
  ) {}

  static async start(label: string, options: HarnessOptions = {}): Promise<RemindersHarness> {
    const databaseUrl = options.databaseUrl ?? (await freshTestDatabase(label));
    const prefix = options.prefix ?? `test-reminders-${label}-${process.pid}`;
    const redisUrl = options.redisUrl ?? testRedisUrl();
    const config = loadConfig({
      NODE_ENV: 'test',
      EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'silent',
      REMINDER_WEBHOOK_URL: options.webhookUrl,
      REMINDER_WEBHOOK_SECRET: WEBHOOK_SECRET,
      REMINDER_BACKFILL_GRACE: options.backfillGrace ?? '0s',
    });
    const reminders: DynamicModule =
      options.worker === false
        ? RemindersModule.forRoot({ prefix, webhookBackoffMs: 100 })
        : RemindersWorkerModule.forRoot({ prefix, webhookBackoffMs: 100 });
    let builder = Test.createTestingModule({
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule.forRoot({ kind: 'postgres', databaseUrl }),
        reminders,
      ],
    });
    if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock);
    const module = await builder.compile();
    await module.init();
    const harness = new RemindersHarness(
      module,
      config,
      databaseUrl,
      prefix,
      redisUrl,
      options.databaseUrl === undefined,
    );
    if (options.deadlinesProjection !== false) await harness.createDeadlinesTable(options.worker !== false);
    return harness;
  }

  get store(): EventStore {
    return this.module.get(EVENT_STORE);
  }
  get pool(): Pool {
    return this.module.get(PG_POOL);
  }
  get decider(): AppointmentDecider {
    return this.module.get(REMINDERS_DECIDER);
  }
  get policy(): DeadlinePolicyDeps {
    return this.module.get(DEADLINE_POLICY);
  }
  get scheduler(): ReminderScheduler {
    return this.module.get(ReminderScheduler);
  }
  get reconciler(): ReminderReconciler {
    return this.module.get(ReminderReconciler);
  }
  get inbox(): InboxRepository {
    return this.module.get(InboxRepository);
  }
  get reminders(): Queue {
    return this.module.get(getQueueToken(REMINDERS_QUEUE));
  }
  get webhooks(): Queue {
    return this.module.get(getQueueToken(REMINDER_WEBHOOKS_QUEUE));
  }

  private async createDeadlinesTable(worker: boolean): Promise<void> {
    const sink = worker ? this.module.get<DeadlineSink>(DEADLINE_SINK) : this.scheduler;
    this.projection = new DeadlinesProjection(
      this.policy,
      () => sink,
      (err) => this.sinkErrors.push(err),
    );
    await this.pool.query(CASE_STATES_DDL);
    for (const sql of this.projection.createTables(liveTableNames(this.projection)))
      await this.pool.query(sql);
  }

  /** Applies every new case event to the deadlines projection, then tells the sink. */
  async project(): Promise<void> {
    for (;;) {
      const { events, lastPosition, pending } = await this.store.readAll({
        fromPosition: this.position,
        limit: 500,
        streamPrefix: CASE_STREAM_PREFIX,
      });
      if (events.length === 0) {
        // Committed events wait behind a transaction still in flight somewhere on the server.
        if (!pending) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const client = await this.pool.connect();
      let afterCommit: (() => Promise<void>) | void;
      try {
        await client.query('BEGIN');
        const folded = await foldStored(client, this.store, events);
        afterCommit = await this.projection.apply(client, events, liveTableNames(this.projection), {
          live: true,
          folded,
        });
        await saveFolded(client, folded);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
      this.position = lastPosition;
      if (afterCommit) await afterCommit();
    }
  }

  async reminderIssuedEvents(caseId: string): Promise<Array<{ reminderId: string }>> {
    const events = await this.store.read(`${CASE_STREAM_PREFIX}${caseId}`);
    return events.filter((e) => e.type === 'ReminderIssued').map((e) => e.data as { reminderId: string });
  }

  /** Every key under this harness's prefix: what losing Redis loses. */
  async wipeRedis(): Promise<number> {
    const redis = new Redis(this.redisUrl);
    try {
      let removed = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) removed += await redis.del(...keys);
      } while (cursor !== '0');
      return removed;
    } finally {
      redis.disconnect();
    }
  }

  async close(options: { keepData?: boolean } = {}): Promise<void> {
    await this.module.close();
    if (options.keepData) return;
    await this.wipeRedis();
    if (this.ownsDatabase) await dropTestDatabase(this.databaseUrl);
  }
}

/** Real time moved by an offset: `set(at)` makes it `at` now, and it runs on from there. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(at: number): void {
    this.offsetMs = at - Date.now();
  }

  /** The instant of this clock at a real one (e.g. a job's processedOn). */
  at(realMs: number): number {
    return realMs + this.offsetMs;
  }
}

export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
