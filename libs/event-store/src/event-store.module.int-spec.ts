import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import { dropTestDatabase, freshTestDatabase } from '../../../test/setup/test-db';
import { MemoryEventStore } from './adapters/memory/memory-event-store';
import { PostgresEventStore } from './adapters/postgres/postgres-event-store';
import { EventStoreModule, PG_POOL } from './event-store.module';
import { EVENT_STORE, type EventStore } from './event-store.port';

const TIMEOUT = 30_000;

describe('EventStoreModule', () => {
  let url: string;

  beforeAll(async () => {
    url = await freshTestDatabase('event_store_module');
  }, TIMEOUT);

  afterAll(async () => {
    if (url) await dropTestDatabase(url);
  }, TIMEOUT);

  it(
    'provides a migrated PostgreSQL store and the shared pool, and closes both on shutdown',
    async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [EventStoreModule.forRoot({ kind: 'postgres', databaseUrl: url })],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      const store = app.get<EventStore>(EVENT_STORE);
      const pool = app.get<Pool>(PG_POOL);
      expect(store).toBeInstanceOf(PostgresEventStore);
      const { rows } = await pool.query<{ exists: boolean }>(
        `SELECT to_regclass('events') IS NOT NULL AS exists`,
      );
      expect(rows[0].exists).toBe(true);
      await store.ping();

      await app.close();
      await expect(store.ping()).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE' });
      expect(pool.ended).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'provides the memory store in memory mode',
    async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [EventStoreModule.forRoot({ kind: 'memory', databaseUrl: url })],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      expect(app.get(EVENT_STORE)).toBeInstanceOf(MemoryEventStore);
      await app.close();
    },
    TIMEOUT,
  );

  it('refuses postgres mode without a database URL', () => {
    expect(() => EventStoreModule.forRoot({ kind: 'postgres' })).toThrow(/DATABASE_URL/);
  });
});
