import type { Pool } from 'pg';
import { HEAD_POSITION_SQL } from '@app/event-store';
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

/** Waits until every projection's checkpoint has passed every event appended so far. */
export async function waitForProjections(pool: Pool, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => {
      const head = BigInt((await headPosition(pool)) ?? '0');
      const { rows } = await pool.query<{ position: string | null }>(
        'SELECT position FROM projection_checkpoints',
      );
      return rows.every((row) => BigInt(row.position ?? '0') >= head);
    },
    timeoutMs,
    'the projections to catch up',
  );
}
