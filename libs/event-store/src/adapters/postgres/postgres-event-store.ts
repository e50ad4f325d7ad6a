import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Client, Pool, type PoolClient, type QueryConfig } from 'pg';
import {
  EventStoreArgumentError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadForCommandOptions,
  ReadForCommandResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
  SubscriptionHandler,
} from '../../event-store.port';
import { assertExpectedRevision, assertOptionalRevision, revisionMatches } from '../../event-store.revisions';
import { GENESIS_HASH, sealEvents, type SealedEvent } from '../../hash-chain';
import { PollingSubscription, WakeSignal } from '../../subscription/polling-subscription';
import { isConnectionError, isUniqueViolation, toStoreError } from './postgres-errors';
import { APPENDED_CHANNEL, MIGRATION_LOCK_KEY, MIGRATIONS } from './postgres-event-store.schema';
import { decodePosition, encodePosition } from './postgres-positions';
import { CUSTOM_PLANS, prepared } from './prepared-statement';

export interface PostgresEventStoreOptions {
  /** Used as is and left open on close(); otherwise a pool is created from connectionString. */
  pool?: Pool;
  connectionString?: string;
  poolSize?: number;
  /** Longest a subscription waits between polls when no NOTIFY arrives. */
  pollIntervalMs?: number;
  batchSize?: number;
  /** First wait after a connection error; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => Date;
}

interface EventRow {
  transaction_text: string;
  global_position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

interface InsertRow {
  head_revision: string | null;
  head_hash: string | null;
  transaction_id: string | null;
  positions: string[] | null;
}

interface Head {
  revision: string | null;
  hash: string;
}

/**
 * Under steady appends a NOTIFY per round trip was a third of the store's queries; other processes'
 * subscribers can wait this long for their wake-up.
 */
const ANNOUNCE_GAP_MS = 5;

/*
 * The transaction id comes out as text under its own name: `ORDER BY transaction_id` would otherwise
 * sort by the text column of the select list ('10' before '9'), and a page could then end past rows
 * it never returned.
 */
const COLUMNS =
  'transaction_id::text AS transaction_text, global_position, stream_id, revision, event_id, type, data, metadata';

/*
 * One statement, so one round trip and its own transaction: event_store_append (see the schema)
 * inserts only if the stream's head is still at the expected revision with the expected hash (a
 * concurrent append to the same stream that got in first makes it insert nothing, or fail on
 * UNIQUE(stream_id, revision) if it commits while this one runs). Appends to different streams do
 * not wait for each other: the global order comes from transaction ids (see the schema). No NOTIFY
 * inside the append: PostgreSQL serialises the commits of notifying transactions, which would queue
 * every append on one lock again; announce() sends it afterwards, coalesced.
 */
const APPEND = prepared(
  'event_store_append',
  `SELECT head_revision, head_hash, transaction_id, positions
   FROM event_store_append($1, $2::bigint, $3::timestamptz, $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text, $9::text)`,
);

/*
 * Only transactions below the oldest one in flight are read: a transaction that commits later has a
 * larger id than everything returned, so paging by (transaction id, sequence) never skips it.
 * `pending` comes with the page, from the same snapshot: whether committed events wait behind a
 * transaction still in flight (then the reader should look again soon). It is asked from the newest
 * end of the transaction index: as EXISTS, before autovacuum had analysed a growing table, the
 * planner chose a sequential scan that read the whole table on every poll (a fifth of the worker's
 * PostgreSQL CPU under load). The one row with a null position that an empty page leaves is not an
 * event. `$5`, when not null, names the metadata keys to return (ReadAllOptions.metadataKeys).
 */
export const READ_ALL = prepared(
  'event_store_read_all',
  `
  WITH page AS (
    SELECT transaction_id AS transaction_order, ${COLUMNS} FROM events
    WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      AND ($3::text IS NULL OR starts_with(stream_id, $3::text))
    ORDER BY events.transaction_id, events.global_position
    LIMIT $4
  )
  SELECT page.transaction_text, page.global_position, page.stream_id, page.revision, page.event_id, page.type,
         page.data,
         CASE WHEN $5::text[] IS NULL THEN page.metadata
              ELSE (SELECT coalesce(jsonb_object_agg(key, page.metadata -> key), '{}')
                    FROM unnest($5::text[]) AS key WHERE page.metadata ? key) END AS metadata,
         horizon.pending
  FROM (SELECT (
    SELECT transaction_id FROM events
    WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
      AND ($3::text IS NULL OR starts_with(stream_id, $3::text))
    ORDER BY transaction_id DESC LIMIT 1
  ) IS NOT NULL AS pending) AS horizon
  LEFT JOIN page ON true
  ORDER BY page.transaction_order, page.global_position`,
);

const READ_STREAM = prepared(
  'event_store_read_stream',
  `SELECT ${COLUMNS} FROM events
   WHERE stream_id = $1 AND revision >= $2::bigint
     AND ($3::bigint IS NULL OR revision <= $3::bigint)
     AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
   ORDER BY revision`,
);

/** The stream from a revision on, and any earlier event of the same command (idempotency). */
const READ_FOR_COMMAND = prepared(
  'event_store_read_for_command',
  `SELECT ${COLUMNS}, false AS earlier FROM events WHERE stream_id = $1 AND revision >= $2::bigint
   UNION ALL
   SELECT ${COLUMNS}, true AS earlier FROM events
   WHERE stream_id = $1 AND metadata->>'commandId' = $3 AND revision < $2::bigint
   ORDER BY revision`,
);

const HEAD = prepared(
  'event_store_head',
  `SELECT revision, metadata->>'hash' AS hash FROM events
   WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
);

export class PostgresEventStore implements EventStore {
  readonly checksCommandOnAppend = true;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly logger = new Logger(PostgresEventStore.name);
  private readonly settings: Required<
    Omit<PostgresEventStoreOptions, 'pool' | 'connectionString' | 'poolSize' | 'now'>
  >;
  private listener: Client | undefined;
  private listenerStarting = false;
  private listenerRetry: NodeJS.Timeout | undefined;
  private closed = false;
  private announcing = false;
  private announceAgain = false;
  private readonly onPoolError = (err: Error): void => {
    this.logger.warn(`idle PostgreSQL connection failed: ${err.message}`);
  };

  constructor(private readonly options: PostgresEventStoreOptions) {
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else if (options.connectionString) {
      this.pool = new Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: 5000,
        options: CUSTOM_PLANS,
      });
      this.ownsPool = true;
    } else {
      throw new EventStoreArgumentError('PostgresEventStore needs a pool or a connectionString');
    }
    this.pool.on('error', this.onPoolError);
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 500,
      batchSize: options.batchSize ?? 500,
      retryMs: options.retryMs ?? 100,
      maxRetryMs: options.maxRetryMs ?? 5000,
    };
  }

  /** Creates the schema; idempotent and safe to run from several processes at once. */
  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      for (const statement of MIGRATIONS) await client.query(statement);
    });
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertExpectedRevision(options.expectedRevision);
    if (events.length === 0) throw new EventStoreArgumentError('append needs at least one event');
    const { expectedRevision, expectedHash } = options;
    if (options.onlyIfCommandNew && expectedRevision === 'any')
      throw new EventStoreArgumentError('onlyIfCommandNew needs an explicit expectedRevision');
    const newCommand = options.onlyIfCommandNew ? options.context.commandId : null;
    let known: Head | undefined =
      expectedHash !== undefined && expectedRevision !== 'any'
        ? { revision: expectedRevision === 'no-stream' ? null : expectedRevision, hash: expectedHash }
        : undefined;
    for (;;) {
      const head = known ?? (await this.head(streamId));
      known = undefined;
      if (!revisionMatches(expectedRevision, head.revision)) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, head.revision ?? 'no-stream');
      }
      const recordedAt = (this.options.now?.() ?? new Date()).toISOString();
      const sealed = sealEvents(events, options.context, head.hash, recordedAt);
      const ids = sealed.map(() => randomUUID());
      const row = await this.insert(streamId, head, recordedAt, ids, sealed, newCommand);
      if (row.positions !== null && row.transaction_id !== null) {
        const first = BigInt(head.revision ?? -1) + 1n;
        const transactionId = row.transaction_id;
        const positions = row.positions;
        const recorded = sealed.map((event, i): RecordedEvent => ({
          eventId: ids[i],
          streamId,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          revision: String(first + BigInt(i)),
          globalPosition: encodePosition(transactionId, positions[i]),
        }));
        this.announce();
        const tail = recorded[recorded.length - 1];
        return { revision: tail.revision, position: tail.globalPosition, events: recorded };
      }
      // The head moved since it was read (or is not what the caller said).
      if (
        expectedRevision !== 'any' ||
        (row.head_revision === head.revision && row.head_hash !== head.hash)
      ) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, row.head_revision ?? 'no-stream');
      }
    }
  }

  async read(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertOptionalRevision('fromRevision', options.fromRevision);
    assertOptionalRevision('toRevision', options.toRevision);
    if (options.until !== undefined && Number.isNaN(Date.parse(options.until))) {
      throw new EventStoreArgumentError(`until is not a time: ${options.until}`);
    }
    const rows = await this.query<EventRow>(
      READ_STREAM([streamId, options.fromRevision ?? '0', options.toRevision ?? null, options.until ?? null]),
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    this.assertOpen();
    const from = decodePosition(options.fromPosition);
    const prefix = options.streamPrefix ?? null;
    const rows = await this.query<EventRow & { pending: boolean }>(
      READ_ALL([from.transactionId, from.sequence, prefix, options.limit, options.metadataKeys ?? null]),
    );
    const events = rows.filter((row) => row.global_position !== null).map(toRecorded);
    const lastPosition = events.at(-1)?.globalPosition ?? options.fromPosition ?? null;
    if (events.length >= options.limit) return { events, lastPosition };
    return { events, lastPosition, pending: rows[0].pending };
  }

  async readForCommand(streamId: string, options: ReadForCommandOptions): Promise<ReadForCommandResult> {
    this.assertOpen();
    assertOptionalRevision('fromRevision', options.fromRevision);
    const rows = await this.query<EventRow & { earlier: boolean }>(
      READ_FOR_COMMAND([streamId, options.fromRevision, options.commandId]),
    );
    const events: RecordedEvent[] = [];
    const earlier: RecordedEvent[] = [];
    for (const row of rows) (row.earlier ? earlier : events).push(toRecorded(row));
    return { events, earlier };
  }

  subscribeAll(options: SubscribeAllOptions, handler: SubscriptionHandler): Subscription {
    this.assertOpen();
    this.startListener();
    const subscription: PollingSubscription = new PollingSubscription(
      options,
      handler,
      {
        readAll: (page) => this.readAll(page),
        signal: this.signal,
        batchSize: this.settings.batchSize,
        idleMs: this.settings.pollIntervalMs,
        retryMs: this.settings.retryMs,
        maxRetryMs: this.settings.maxRetryMs,
        logger: this.logger,
      },
      () => {
        this.subscriptions.delete(subscription);
        if (this.subscriptions.size === 0) this.stopListener();
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.query({ text: 'SELECT 1' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
    this.stopListener();
    this.pool.off('error', this.onPoolError);
    if (this.ownsPool) await this.pool.end();
  }

  private async head(streamId: string): Promise<Head> {
    const rows = await this.query<{ revision: string; hash: string }>(HEAD([streamId]));
    return rows.length === 0 ? { revision: null, hash: GENESIS_HASH } : rows[0];
  }

  private async insert(
    streamId: string,
    head: Head,
    recordedAt: string,
    ids: string[],
    sealed: SealedEvent[],
    newCommand: string | null,
  ): Promise<InsertRow> {
    try {
      const rows = await this.query<InsertRow>(
        APPEND([
          streamId,
          head.revision ?? '-1',
          recordedAt,
          ids,
          sealed.map((event) => event.type),
          sealed.map((event) => JSON.stringify(event.data)),
          sealed.map((event) => JSON.stringify(event.metadata)),
          head.hash,
          newCommand,
        ]),
      );
      return rows[0];
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const now = await this.head(streamId);
      throw new WrongExpectedRevisionError(
        streamId,
        head.revision ?? 'no-stream',
        now.revision ?? 'no-stream',
      );
    }
  }

  /**
   * Wakes this process's subscriptions at once and the others' by NOTIFY, outside the append's
   * transaction; appends made while a NOTIFY is on its way, or within ANNOUNCE_GAP_MS after it,
   * share the next one. Polling covers a lost NOTIFY.
   */
  private announce(): void {
    this.signal.notify();
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    void (async () => {
      do {
        this.announceAgain = false;
        if (this.closed) break;
        await this.pool.query(`NOTIFY ${APPENDED_CHANNEL}`).catch(() => undefined);
        if (this.announceAgain) await delay(ANNOUNCE_GAP_MS);
      } while (this.announceAgain);
      this.announcing = false;
    })();
  }

  private transaction(fn: (client: PoolClient) => Promise<void>): Promise<void> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      await fn(client);
      await client.query('COMMIT');
    });
  }

  /**
   * Runs fn on a checked-out connection. A failure rolls back an open transaction; a broken
   * connection (also one that failed while idle in our hands) is destroyed, not returned to the pool.
   */
  private async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    const onError = (err: Error): void => {
      broken = err;
    };
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (err) {
      broken ??= await abort(client, err);
      throw toStoreError(err);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  private async query<R extends object>(query: QueryConfig): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(query);
      return result.rows;
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** One LISTEN connection per store wakes every subscription early; polling covers its outages. */
  private startListener(): void {
    if (this.listener || this.listenerStarting || this.closed) return;
    this.listenerStarting = true;
    void this.connectListener().finally(() => {
      this.listenerStarting = false;
    });
  }

  private async connectListener(): Promise<void> {
    const client = new Client(this.pool.options);
    client.on('error', (err) => this.dropListener(client, err));
    client.on('notification', () => this.signal.notify());
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
      this.logger.warn(`LISTEN connection failed, subscriptions keep polling: ${(err as Error).message}`);
      this.scheduleListener();
      return;
    }
    if (this.closed || this.subscriptions.size === 0) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // Appends made while no listener was connected were not announced.
    this.signal.notify();
  }

  private dropListener(client: Client, err: Error): void {
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.listener !== client) return;
    this.listener = undefined;
    this.logger.warn(`LISTEN connection lost, reconnecting: ${err.message}`);
    this.scheduleListener();
  }

  private scheduleListener(): void {
    if (this.closed || this.subscriptions.size === 0 || this.listenerRetry) return;
    this.listenerRetry = setTimeout(() => {
      this.listenerRetry = undefined;
      this.startListener();
    }, this.settings.retryMs);
  }

  private stopListener(): void {
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    this.listenerRetry = undefined;
    const client = this.listener;
    this.listener = undefined;
    if (client) {
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the PostgreSQL event store is closed');
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    globalPosition: encodePosition(row.transaction_text, row.global_position),
    eventId: row.event_id,
    streamId: row.stream_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    revision: row.revision,
  };
}

/** Rolls back after a failure; returns the error to destroy the connection with, if it is unusable. */
async function abort(client: PoolClient, err: unknown): Promise<Error | undefined> {
  if (isConnectionError(err)) return err as Error;
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (rollbackError) {
    return rollbackError as Error;
  }
}
