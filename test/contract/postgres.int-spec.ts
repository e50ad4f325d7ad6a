import { Client } from 'pg';
import { PostgresEventStore, type RecordedEvent } from '@app/event-store';
import { dropTestDatabase, freshTestDatabase } from '../setup/test-db';
import { contextFor, describeEventStoreContract, sleep, waitFor } from './event-store.contract';

describeEventStoreContract('postgres', async () => {
  const url = await freshTestDatabase('contract_pg');
  const store = new PostgresEventStore({ connectionString: url, pollIntervalMs: 200 });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropTestDatabase(url);
    },
  };
});

const HOLD_LOCK = 4_242_001;

describe('PostgreSQL global order when transactions commit out of order', () => {
  let url: string;
  let store: PostgresEventStore;
  let holder: Client;

  beforeAll(async () => {
    url = await freshTestDatabase('contract_pg_order');
    store = new PostgresEventStore({ connectionString: url, pollIntervalMs: 100 });
    await store.migrate();
    holder = new Client({ connectionString: url });
    await holder.connect();
    // An append to a stream named hold-* stops after its insert, inside its transaction, until the
    // holder releases the lock: its transaction id and sequence number are taken, its commit is late.
    await holder.query(`
      CREATE FUNCTION hold_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stream_id LIKE 'hold-%' THEN PERFORM pg_advisory_xact_lock(${HOLD_LOCK}); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER hold_append AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION hold_append()`);
  }, 30_000);

  afterAll(async () => {
    await holder?.end();
    await store?.close();
    if (url) await dropTestDatabase(url);
  }, 30_000);

  it('delivers an event that committed after a later one, once, before it', async () => {
    await store.append('early-0', [{ type: 'Before', data: {} }], {
      expectedRevision: 'no-stream',
      context: contextFor(),
    });
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeAll({ fromCheckpoint: null }, async (event) => {
      delivered.push(event);
    });
    try {
      await waitFor(() => delivered.length === 1, 10_000, 'the first event');

      await holder.query('SELECT pg_advisory_lock($1)', [HOLD_LOCK]);
      const held = store.append('hold-1', [{ type: 'Held', data: {} }], {
        expectedRevision: 'no-stream',
        context: contextFor(),
      });
      await waitUntilWaiting(holder);
      const later = await store.append('free-1', [{ type: 'Later', data: {} }], {
        expectedRevision: 'no-stream',
        context: contextFor(),
      });

      // Committed, with a larger position than the held one will have…
      const { rows } = await holder.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM events WHERE stream_id = 'free-1'",
      );
      expect(rows[0].n).toBe('1');
      // …but not delivered nor readable while the older transaction is in flight.
      await sleep(500);
      expect(delivered.map((event) => event.type)).toEqual(['Before']);
      const page = await store.readAll({ fromPosition: delivered[0].globalPosition, limit: 10 });
      expect(page.events).toEqual([]);
      expect(page.pending).toBe(true);

      await holder.query('SELECT pg_advisory_unlock($1)', [HOLD_LOCK]);
      const first = await held;
      expect(BigInt(first.position)).toBeLessThan(BigInt(later.position));

      await waitFor(() => delivered.length >= 3, 10_000, 'both late events');
      await sleep(400);
    } finally {
      await subscription.stop();
    }
    expect(delivered.map((event) => event.type)).toEqual(['Before', 'Held', 'Later']);
    expect(new Set(delivered.map((event) => event.eventId)).size).toBe(3);

    // A reader resuming from any delivered position sees exactly the rest.
    for (let i = 0; i < delivered.length; i++) {
      const rest = await store.readAll({ fromPosition: delivered[i].globalPosition, limit: 10 });
      expect(rest.events.map((event) => event.eventId)).toEqual(
        delivered.slice(i + 1).map((event) => event.eventId),
      );
    }
  }, 30_000);

  it('keeps the positions and order of rows written before transaction ids were recorded', async () => {
    const legacyUrl = await freshTestDatabase('contract_pg_legacy');
    const admin = new Client({ connectionString: legacyUrl });
    await admin.connect();
    const legacy = new PostgresEventStore({ connectionString: legacyUrl });
    try {
      // The table as the lock-based adapter created it, with three events at positions 1..3.
      await admin.query(`CREATE TABLE events (
        global_position bigint PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL CHECK (revision >= 0),
        event_id uuid NOT NULL UNIQUE, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL, CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision))`);
      await admin.query(`INSERT INTO events SELECT n, 'old-1', n - 1, gen_random_uuid(), 'Old', '{}',
        jsonb_build_object('commandId', 'c' || n, 'hash', 'h' || n), now() FROM generate_series(1, 3) AS n`);
      await legacy.migrate();
      await legacy.migrate();

      const old = await legacy.readAll({ fromPosition: null, limit: 10 });
      expect(old.events.map((event) => event.globalPosition)).toEqual(['1', '2', '3']);
      // A checkpoint stored before the migration (position 2) resumes at the third event.
      const resumed = await legacy.readAll({ fromPosition: '2', limit: 10 });
      expect(resumed.events.map((event) => event.globalPosition)).toEqual(['3']);

      const appended = await legacy.append('new-1', [{ type: 'New', data: {} }], {
        expectedRevision: 'no-stream',
        context: contextFor(),
      });
      expect(BigInt(appended.position)).toBeGreaterThan(3n);
      const after = await legacy.readAll({ fromPosition: '3', limit: 10 });
      expect(after.events.map((event) => event.type)).toEqual(['New']);
      expect(after.events[0].globalPosition).toBe(appended.position);
    } finally {
      await legacy.close();
      await admin.end();
      await dropTestDatabase(legacyUrl);
    }
  }, 30_000);
});

/** Until some backend waits on the hold lock (the held append's transaction). */
async function waitUntilWaiting(client: Client): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await client.query<{ waiting: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted) AS waiting`,
      [HOLD_LOCK],
    );
    if (rows[0].waiting) return;
    if (Date.now() > deadline) throw new Error('the held append never reached its lock');
    await sleep(20);
  }
}
