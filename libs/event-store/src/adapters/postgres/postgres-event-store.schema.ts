import { GENESIS_HASH } from '../../hash-chain';

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
  /*
   * The append, as one function so that it can be planned once per connection. The connections plan
   * every other statement for its parameters (CUSTOM_PLANS: generic plans made on an empty table had
   * read whole tables); planning this one at every call was a third of PostgreSQL's work per append.
   * Its plan has only index lookups by stream (and by command id), whatever the statistics say, so
   * the function keeps its generic plan (its own plan_cache_mode). The head is the stream's last
   * event; the events go in only if it is still at the expected revision with the expected hash and,
   * when a command id is given, the stream has no event of that command.
   */
  `CREATE OR REPLACE FUNCTION event_store_append(
     p_stream text, p_expected bigint, p_recorded_at timestamptz, p_ids uuid[], p_types text[],
     p_data jsonb[], p_metadata jsonb[], p_hash text, p_command text)
   RETURNS TABLE (head_revision text, head_hash text, transaction_id text, positions text[])
   LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
   #variable_conflict use_column
   BEGIN
     RETURN QUERY
     WITH head AS (
       SELECT e.revision, e.metadata->>'hash' AS hash FROM events e
       WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1
     ), inserted AS (
       INSERT INTO events AS t (stream_id, revision, event_id, type, data, metadata, recorded_at)
       SELECT p_stream, p_expected + n.ord, n.event_id, n.type, n.data, n.metadata, p_recorded_at
       FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS n(event_id, type, data, metadata, ord)
       WHERE coalesce((SELECT h.revision FROM head h), -1) = p_expected
         AND coalesce((SELECT h.hash FROM head h), '${GENESIS_HASH}') = p_hash
         AND (p_command IS NULL OR NOT EXISTS (
           SELECT 1 FROM events c WHERE c.stream_id = p_stream AND c.metadata->>'commandId' = p_command))
       ORDER BY n.ord
       RETURNING t.transaction_id, t.global_position
     )
     SELECT (SELECT h.revision::text FROM head h), (SELECT h.hash FROM head h),
            (SELECT min(i.transaction_id)::text FROM inserted i),
            (SELECT array_agg(i.global_position::text ORDER BY i.global_position) FROM inserted i);
   END $fn$`,
];
