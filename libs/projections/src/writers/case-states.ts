/** Per-case folded state kept by a projection next to its rows, so the next event evolves it. */
import type { PoolClient } from 'pg';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { initialAppointmentState } from '@app/appointment/appointment.state';
import type { RecordedEvent } from '@app/event-store';
import { caseIdOf, evolveCase } from '../case-state.fold';

export interface FoldStep {
  event: RecordedEvent;
  before: AppointmentState;
  after: AppointmentState;
}

export interface FoldedCase {
  caseId: string;
  /** Revision stored before the batch (null: the case was not known). */
  storedRevision: string | null;
  initial: AppointmentState;
  steps: FoldStep[];
  final: AppointmentState;
  revision: string | null;
}

export function stateTableDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    case_id text PRIMARY KEY,
    revision bigint NOT NULL,
    state jsonb NOT NULL
  )`;
}

/**
 * Folds a batch onto the stored states. Events at or below a case's stored revision were applied
 * before (a replay after a crash) and are skipped.
 */
export async function foldBatch(
  client: PoolClient,
  stateTable: string,
  events: readonly RecordedEvent[],
): Promise<FoldedCase[]> {
  const byCase = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    if (caseId === null) continue;
    const list = byCase.get(caseId) ?? [];
    list.push(event);
    byCase.set(caseId, list);
  }
  if (byCase.size === 0) return [];
  const { rows } = await client.query<{ case_id: string; revision: string; state: AppointmentState }>(
    `SELECT case_id, revision::text AS revision, state FROM ${stateTable} WHERE case_id = ANY($1::text[])`,
    [[...byCase.keys()]],
  );
  const stored = new Map(rows.map((row) => [row.case_id, row]));
  return [...byCase.entries()].map(([caseId, caseEvents]) => {
    const row = stored.get(caseId);
    const initial = row?.state ?? initialAppointmentState();
    let state = initial;
    let revision = row?.revision ?? null;
    const steps: FoldStep[] = [];
    for (const event of caseEvents) {
      if (revision !== null && BigInt(event.revision) <= BigInt(revision)) continue;
      const after = evolveCase(state, event);
      steps.push({ event, before: state, after });
      state = after;
      revision = event.revision;
    }
    return { caseId, storedRevision: row?.revision ?? null, initial, steps, final: state, revision };
  });
}

export async function saveStates(
  client: PoolClient,
  stateTable: string,
  folded: readonly FoldedCase[],
): Promise<void> {
  const changed = folded.filter((c) => c.steps.length > 0);
  if (changed.length === 0) return;
  await client.query(
    `INSERT INTO ${stateTable} (case_id, revision, state)
     SELECT r.case_id, r.revision, r.state FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, revision bigint, state jsonb)
     ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, state = excluded.state
     WHERE ${stateTable}.revision < excluded.revision`,
    [JSON.stringify(changed.map((c) => ({ case_id: c.caseId, revision: c.revision, state: c.final })))],
  );
}
