import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import type { Deadline } from './deadline-policy';

export type ReminderOutcome = 'delivered' | 'dropped';

export interface FiringOutcome {
  reminderId: string;
  deadline: Pick<Deadline, 'deadlineId' | 'caseId' | 'dueAt'>;
  outcome: ReminderOutcome;
}

/**
 * What happened to each reminder, in PostgreSQL: the outcome of a firing (so the reconciler does not
 * re-create the timer of a reminder already delivered) and the webhook deliveries (accepted once).
 */
@Injectable()
export class ReminderLedgerRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The outcomes of many firings in one statement; a reminder once delivered stays delivered. */
  async recordOutcomes(outcomes: readonly FiringOutcome[], now: Date): Promise<void> {
    // One row per reminder: an upsert may not touch the same row twice in one statement.
    const rows = [...new Map(outcomes.map((o) => [o.reminderId, o])).values()];
    if (rows.length === 0) return;
    await this.pool.query(
      `INSERT INTO reminder_outcomes (reminder_id, deadline_id, case_id, outcome, due_at, recorded_at)
       SELECT r.*, $6::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS r
       ON CONFLICT (reminder_id) DO UPDATE SET outcome = EXCLUDED.outcome, recorded_at = EXCLUDED.recorded_at
       WHERE reminder_outcomes.outcome <> 'delivered'`,
      [
        rows.map((o) => o.reminderId),
        rows.map((o) => o.deadline.deadlineId),
        rows.map((o) => o.deadline.caseId),
        rows.map((o) => o.outcome),
        rows.map((o) => o.deadline.dueAt),
        now,
      ],
    );
  }

  /** Of these reminder ids, the ones already delivered. */
  async delivered(reminderIds: readonly string[]): Promise<Set<string>> {
    if (reminderIds.length === 0) return new Set();
    const result = await this.pool.query<{ reminder_id: string }>(
      `SELECT reminder_id FROM reminder_outcomes WHERE outcome = 'delivered' AND reminder_id = ANY($1::text[])`,
      [reminderIds],
    );
    return new Set(result.rows.map((r) => r.reminder_id));
  }

  async outcomeCounts(): Promise<Record<ReminderOutcome, number>> {
    const result = await this.pool.query<{ outcome: ReminderOutcome; n: string }>(
      `SELECT outcome, count(*) AS n FROM reminder_outcomes GROUP BY outcome`,
    );
    const counts: Record<ReminderOutcome, number> = { delivered: 0, dropped: 0 };
    for (const row of result.rows) counts[row.outcome] = Number(row.n);
    return counts;
  }

  /**
   * Keeps the first body of each reminder's webhook, so a retried firing sends the same document;
   * returns the kept bodies by reminder id.
   */
  async webhookBodies(
    webhooks: ReadonlyArray<{ reminderId: string; body: string }>,
    now: Date,
  ): Promise<Map<string, string>> {
    if (webhooks.length === 0) return new Map();
    // The outer SELECT sees the table as it was before this statement: earlier bodies, not the inserted ones.
    const result = await this.pool.query<{ reminder_id: string; body: string }>(
      `WITH given AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g(reminder_id, body)),
       inserted AS (
         INSERT INTO reminder_webhooks (reminder_id, body, created_at)
         SELECT reminder_id, body, $3 FROM given
         ON CONFLICT (reminder_id) DO NOTHING RETURNING reminder_id, body
       )
       SELECT reminder_id, body FROM inserted
       UNION ALL
       SELECT w.reminder_id, w.body FROM reminder_webhooks w WHERE w.reminder_id IN (SELECT reminder_id FROM given)`,
      [webhooks.map((w) => w.reminderId), webhooks.map((w) => w.body), now],
    );
    const kept = new Map(webhooks.map((w) => [w.reminderId, w.body]));
    for (const row of result.rows) kept.set(row.reminder_id, row.body);
    return kept;
  }

  /** Webhooks neither accepted nor given up, in keyset pages by reminder id. */
  async pendingWebhooks(
    after: string,
    limit: number,
    maxAttempts: number,
  ): Promise<Array<{ reminderId: string; body: string }>> {
    const result = await this.pool.query<{ reminder_id: string; body: string }>(
      `SELECT reminder_id, body FROM reminder_webhooks
        WHERE accepted_at IS NULL AND attempts < $3 AND reminder_id > $1
        ORDER BY reminder_id LIMIT $2`,
      [after, limit, maxAttempts],
    );
    return result.rows.map((row) => ({ reminderId: row.reminder_id, body: row.body }));
  }

  async webhookAccepted(reminderId: string): Promise<boolean> {
    const result = await this.pool.query(
      `SELECT 1 FROM reminder_webhooks WHERE reminder_id = $1 AND accepted_at IS NOT NULL`,
      [reminderId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async webhookAttempt(reminderId: string, error: string | null, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE reminder_webhooks
          SET attempts = attempts + 1,
              last_error = $2,
              accepted_at = CASE WHEN $2::text IS NULL THEN COALESCE(accepted_at, $3) ELSE accepted_at END
        WHERE reminder_id = $1`,
      [reminderId, error, now],
    );
  }
}
