import type { Pool } from 'pg';
import { inTransaction } from '@app/event-store';

/** Fixed advisory lock key: the api and the worker may both migrate at start. */
const MIGRATION_LOCK_KEY = 7_146_221_701;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS inbox (
     id uuid PRIMARY KEY,
     reminder_id text NOT NULL,
     recipient_role text NOT NULL,
     recipient_org_unit text NOT NULL,
     case_id text NOT NULL,
     kind text NOT NULL,
     subject text NOT NULL,
     reason text NOT NULL,
     escalation_level integer NOT NULL DEFAULT 0,
     due_at timestamptz NOT NULL,
     issued_at timestamptz NOT NULL,
     delivered_at timestamptz NOT NULL,
     read_at timestamptz,
     CONSTRAINT inbox_reminder_recipient_key UNIQUE (reminder_id, recipient_role, recipient_org_unit)
   )`,
  `CREATE INDEX IF NOT EXISTS inbox_recipient_idx ON inbox (recipient_role, recipient_org_unit, delivered_at DESC, id)`,
  `CREATE TABLE IF NOT EXISTS reminder_outcomes (
     reminder_id text PRIMARY KEY,
     deadline_id text NOT NULL,
     case_id text NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('delivered', 'dropped')),
     due_at timestamptz NOT NULL,
     recorded_at timestamptz NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS reminder_webhooks (
     reminder_id text PRIMARY KEY,
     body text NOT NULL,
     created_at timestamptz NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     last_error text,
     accepted_at timestamptz
   )`,
];

export async function migrateRemindersSchema(pool: Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    for (const sql of MIGRATIONS) await client.query(sql);
  });
}
