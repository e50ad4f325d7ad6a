/** Advisory lock key (arbitrary, fixed) that serialises migrations. */
export const MIGRATION_LOCK_KEY = 7_146_221_002;

export const APPENDED_CHANNEL = 'event_store_appended';

/*
 * Global order is (transaction_id, global_position): transaction_id is the appending transaction's
 * xid8, global_position a sequence. Appends to different streams commit in parallel; readers only
 * read rows whose transaction id is below the oldest transaction still in flight, so nothing can
 * later appear behind a position a reader has passed. Rows written before this column existed get
 * transaction id 0: they keep their order (they were appended one at a time under a lock) and their
 * positions (see postgres-positions.ts), so stored checkpoints stay valid.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (
     global_position bigint PRIMARY KEY,
     stream_id text NOT NULL,
     revision bigint NOT NULL CHECK (revision >= 0),
     event_id uuid NOT NULL UNIQUE,
     type text NOT NULL,
     data jsonb NOT NULL,
     metadata jsonb NOT NULL,
     recorded_at timestamptz NOT NULL,
     CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
   )`,
  // Both run once: existing rows get 0 (a constant default rewrites nothing), new rows their xid8.
  // The sequence starts after the largest position written under the old scheme.
  `DO $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_attribute
                    WHERE attrelid = 'events'::regclass AND attname = 'transaction_id' AND NOT attisdropped) THEN
       ALTER TABLE events ADD COLUMN transaction_id xid8 NOT NULL DEFAULT '0';
       ALTER TABLE events ALTER COLUMN transaction_id SET DEFAULT pg_current_xact_id();
     END IF;
     IF to_regclass('events_global_position_seq') IS NULL THEN
       CREATE SEQUENCE events_global_position_seq OWNED BY events.global_position;
       PERFORM setval('events_global_position_seq', coalesce((SELECT max(global_position) FROM events), 0) + 1, false);
       ALTER TABLE events ALTER COLUMN global_position SET DEFAULT nextval('events_global_position_seq');
     END IF;
   END $$`,
  `CREATE INDEX IF NOT EXISTS events_transaction_order ON events (transaction_id, global_position)`,
  // Idempotency: a command id is looked up within its stream without reading the stream's history.
  `CREATE INDEX IF NOT EXISTS events_stream_command ON events (stream_id, (metadata->>'commandId'))`,
];
