import type { Pool } from 'pg';
import { HEAD_POSITION_SQL, POSITION_SQL } from '@app/event-store';
import type { Projection, TableNames } from '../projection.types';
import { liveTableNames } from '../projection.types';

/** Every row of a projection's tables as JSON text, in a stable order: equal dumps mean equal read models. */
export async function dumpProjection(
  pool: Pool,
  projection: Projection,
  names: TableNames = liveTableNames(projection),
): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const { rows } = await pool.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM ${names[table]} t ORDER BY 1`,
    );
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
}

export async function checkpointOf(pool: Pool, name: string): Promise<string | null> {
  const { rows } = await pool.query<{ position: string | null }>(
    'SELECT position FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows[0]?.position ?? null;
}

export async function headPosition(pool: Pool): Promise<string | null> {
  const { rows } = await pool.query<{ head: string }>(HEAD_POSITION_SQL);
  return rows[0]?.head ?? null;
}

export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The position of the last case event: the projections subscribe to case streams only. */
async function caseHeadPosition(pool: Pool): Promise<bigint> {
  const { rows } = await pool.query<{ head: string }>(
    `SELECT ${POSITION_SQL} AS head FROM events e WHERE e.stream_id LIKE 'appointment-%'
     ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
  );
  return BigInt(rows[0]?.head ?? '0');
}

/** Waits until every projection's checkpoint has passed every case event appended so far. */
export async function waitForProjections(pool: Pool, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await caseHeadPosition(pool);
    const { rows } = await pool.query<{ name: string; position: string | null }>(
      'SELECT name, position FROM projection_checkpoints',
    );
    const behind = rows.filter((row) => BigInt(row.position ?? '0') < head);
    if (behind.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `the projections did not catch up with ${head}: ${behind.map((r) => `${r.name} at ${r.position}`).join(', ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
