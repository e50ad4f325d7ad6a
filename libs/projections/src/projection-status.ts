import type { Pool } from 'pg';
import { decodePosition } from '@app/event-store';
import { CASE_STREAM_PREFIX } from '@app/appointment/appointment.streams';

export interface ProjectionLag {
  /** Case events appended after the checkpoint; null when the store is not PostgreSQL. */
  events: number | null;
  /** recordedAt of the newest case event minus that of the last applied one; 0 when caught up. */
  seconds: number | null;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: string | null;
  updatedAt: string | null;
  lag: ProjectionLag;
  rebuild: {
    status: string;
    startedAt: string | null;
    finishedAt: string | null;
    processed: number;
    error: string | null;
  };
}

/** Lag against the PostgreSQL event store in the same database; unknown with another store. */
export async function projectionLag(pool: Pool, checkpoint: string | null): Promise<ProjectionLag> {
  try {
    const at = decodePosition(checkpoint);
    const { rows } = await pool.query<{ behind: string; head_at: Date | null; applied_at: Date | null }>(
      `SELECT (SELECT count(*) FROM events
               WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND starts_with(stream_id, $3))::text AS behind,
              (SELECT recorded_at FROM events WHERE starts_with(stream_id, $3)
               ORDER BY transaction_id DESC, global_position DESC LIMIT 1) AS head_at,
              (SELECT recorded_at FROM events WHERE global_position = $2::bigint) AS applied_at`,
      [at.transactionId, at.sequence, CASE_STREAM_PREFIX],
    );
    const row = rows[0];
    const events = Number(row.behind);
    const seconds =
      events === 0 || row.head_at === null
        ? 0
        : row.applied_at === null
          ? null
          : Math.max(0, (row.head_at.getTime() - row.applied_at.getTime()) / 1000);
    return { events, seconds };
  } catch {
    return { events: null, seconds: null };
  }
}

export async function projectionStatuses(pool: Pool, names: readonly string[]): Promise<ProjectionStatus[]> {
  const { rows } = await pool.query<{
    name: string;
    position: string | null;
    updated_at: Date | null;
    rebuild_status: string;
    rebuild_started_at: Date | null;
    rebuild_finished_at: Date | null;
    rebuild_processed: string;
    rebuild_error: string | null;
  }>('SELECT * FROM projection_checkpoints WHERE name = ANY($1::text[])', [names]);
  const byName = new Map(rows.map((row) => [row.name, row]));
  return Promise.all(
    names.map(async (name) => {
      const row = byName.get(name);
      return {
        name,
        checkpoint: row?.position ?? null,
        updatedAt: row?.updated_at?.toISOString() ?? null,
        lag: await projectionLag(pool, row?.position ?? null),
        rebuild: {
          status: row?.rebuild_status ?? 'idle',
          startedAt: row?.rebuild_started_at?.toISOString() ?? null,
          finishedAt: row?.rebuild_finished_at?.toISOString() ?? null,
          processed: Number(row?.rebuild_processed ?? 0),
          error: row?.rebuild_error ?? null,
        },
      };
    }),
  );
}
