import type { Pool } from 'pg';
import { inTransaction } from '@app/event-store';
import type { Projection } from './projection.types';
import { liveTableNames } from './projection.types';
import { preferLz4 } from './column-compression';
import { CASE_STATES_DDL, CASE_STATES_TABLE } from './writers/case-states';

/** Advisory lock namespace (first key) for projection leases, rebuilds and migrations. */
export const PROJECTION_LOCK_CLASS = 7_146_222;
export const MIGRATION_LOCK = 1;

export const CHECKPOINTS_DDL = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  position text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  rebuild_status text NOT NULL DEFAULT 'idle',
  rebuild_started_at timestamptz,
  rebuild_finished_at timestamptz,
  rebuild_processed bigint NOT NULL DEFAULT 0,
  rebuild_error text
)`;

/** Creates the checkpoint table and every projection's live tables; idempotent and safe to run concurrently. */
export async function migrateProjections(pool: Pool, projections: readonly Projection[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [PROJECTION_LOCK_CLASS, MIGRATION_LOCK]);
    await client.query(CHECKPOINTS_DDL);
    await client.query(CASE_STATES_DDL);
    await client.query(preferLz4(CASE_STATES_TABLE, 'state'));
    for (const projection of projections) {
      for (const statement of projection.createTables(liveTableNames(projection)))
        await client.query(statement);
      await client.query(
        'INSERT INTO projection_checkpoints (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING',
        [projection.name],
      );
    }
  });
}
