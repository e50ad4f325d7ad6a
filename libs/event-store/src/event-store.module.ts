import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { Pool } from 'pg';
import { MemoryEventStore } from './adapters/memory/memory-event-store';
import { PostgresEventStore } from './adapters/postgres/postgres-event-store';
import { CUSTOM_PLANS } from './adapters/postgres/prepared-statement';
import { EventStoreArgumentError } from './event-store.errors';
import { EVENT_STORE, type EventStore } from './event-store.port';

/** DI token for the pg.Pool on DATABASE_URL; read models use it whatever the event store kind. */
export const PG_POOL = Symbol('PG_POOL');
const poolLogger = new Logger('PgPool');

export type EventStoreKind = 'postgres' | 'eventstoredb' | 'memory';

export interface EventStoreModuleOptions {
  kind: EventStoreKind;
  databaseUrl?: string;
  eventstoreConnectionString?: string;
}

type EventStoreDbAdapterModule = { EventStoreDbEventStore: new (connectionString: string) => EventStore };

async function createEventStore(options: EventStoreModuleOptions, pool: Pool): Promise<EventStore> {
  switch (options.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'postgres': {
      const store = new PostgresEventStore({ pool });
      await store.migrate();
      return store;
    }
    case 'eventstoredb': {
      if (!options.eventstoreConnectionString) {
        throw new EventStoreArgumentError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
      }
      // Loaded lazily so the other modes never load the EventStoreDB client.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const adapter = require('./adapters/eventstoredb') as EventStoreDbAdapterModule;
      return new adapter.EventStoreDbEventStore(options.eventstoreConnectionString);
    }
  }
}

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** From the service config (AppConfig has these fields): the api and the worker wire it the same way. */
  static fromConfig(config: {
    eventStore: EventStoreKind;
    databaseUrl: string;
    eventstoreConnectionString?: string;
  }): DynamicModule {
    return EventStoreModule.forRoot({
      kind: config.eventStore,
      databaseUrl: config.databaseUrl,
      eventstoreConnectionString: config.eventstoreConnectionString,
    });
  }

  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    if (options.kind === 'postgres' && !options.databaseUrl) {
      throw new EventStoreArgumentError('EVENT_STORE=postgres needs DATABASE_URL');
    }
    const providers: Provider[] = [
      {
        provide: PG_POOL,
        // Lazy: a pool connects on first use, so memory mode without a database never connects.
        useFactory: () => {
          const pool = new Pool({
            connectionString: options.databaseUrl,
            connectionTimeoutMillis: 5000,
            options: CUSTOM_PLANS,
          });
          // An idle client whose backend dies emits 'error' on the pool; unheard, it would end the process.
          pool.on('error', (err) => poolLogger.warn(`idle PostgreSQL connection lost: ${err.message}`));
          return pool;
        },
      },
      {
        provide: EVENT_STORE,
        useFactory: (pool: Pool) => createEventStore(options, pool),
        inject: [PG_POOL],
      },
    ];
    return { module: EventStoreModule, global: true, providers, exports: [EVENT_STORE, PG_POOL] };
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
    } catch (err) {
      this.logger.warn(`closing the event store failed: ${(err as Error).message}`);
    }
    await this.pool
      .end()
      .catch((err: Error) => this.logger.warn(`closing the PostgreSQL pool failed: ${err.message}`));
  }
}
