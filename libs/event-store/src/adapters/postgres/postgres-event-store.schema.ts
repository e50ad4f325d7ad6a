/** Advisory lock keys (arbitrary, fixed): one serialises appends, one serialises migrations. */
export const APPEND_LOCK_KEY = 7_146_221_001;
export const MIGRATION_LOCK_KEY = 7_146_221_002;

export const APPENDED_CHANNEL = 'event_store_appended';

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
];
