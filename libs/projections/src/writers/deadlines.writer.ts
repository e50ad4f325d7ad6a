import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import type { Deadline, DeadlinePolicyDeps } from '@app/reminders/deadline-policy';
import { caseDeadlines, type ProjectedDeadline } from '../deadlines.projection';
import type { AfterCommit, ApplyOptions, Projection, TableNames } from '../projection.types';
import { prefetched, write } from '../statement-batch';

export const DEADLINES = 'deadlines';

/** Told about deadlines that opened, moved or closed, after the projection's transaction commits. */
export interface DeadlineSink {
  deadlinesChanged(added: Deadline[], removed: Deadline[]): Promise<void>;
}

/** DI token of the optional DeadlineSink (the reminders scheduler implements it with BullMQ). */
export const DEADLINE_SINK = Symbol('DEADLINE_SINK');

interface StoredRow {
  case_id: string;
  revision: string;
  deadline: Deadline;
}

interface DeadlineRow {
  deadline: Deadline;
  revision: string;
}

const sameDeadline = (a: Deadline, b: Deadline): boolean =>
  a.dueAt === b.dueAt &&
  a.reason === b.reason &&
  a.escalationLevel === b.escalationLevel &&
  a.recipientRoles.join() === b.recipientRoles.join();

export class DeadlinesProjection implements Projection {
  readonly name = DEADLINES;
  readonly tables = ['case_deadlines'] as const;

  constructor(
    private readonly policy: DeadlinePolicyDeps,
    private readonly sink: () => DeadlineSink | undefined = () => undefined,
    private readonly onSinkError: (err: unknown) => void = () => undefined,
  ) {}

  createTables(names: TableNames): string[] {
    const t = names.case_deadlines;
    return [
      `CREATE TABLE IF NOT EXISTS ${t} (
        deadline_id text PRIMARY KEY,
        case_id text NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        due_at timestamptz NOT NULL,
        recipient_roles jsonb NOT NULL,
        reason text NOT NULL,
        escalation_level int NOT NULL,
        revision bigint NOT NULL,
        deadline jsonb NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS ${t}_case_idx ON ${t} (case_id)`,
      `CREATE INDEX IF NOT EXISTS ${t}_due_idx ON ${t} (due_at)`,
    ];
  }

  prefetch(names: TableNames): string {
    return `SELECT case_id, revision::text AS revision, deadline FROM ${names.case_deadlines} WHERE case_id = ANY($1::text[])`;
  }

  async apply(
    client: PoolClient,
    _events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<AfterCommit | void> {
    const t = names.case_deadlines;
    const folded = options.folded.filter((c) => c.steps.length > 0);
    if (folded.length === 0) return;
    const rows = await prefetched<StoredRow>(
      client,
      options.prefetched,
      this.prefetch(names),
      folded.map((c) => c.caseId),
    );
    const stored = new Map<string, DeadlineRow>(
      rows.map((row) => [row.deadline.deadlineId, { deadline: row.deadline, revision: row.revision }]),
    );
    const added: ProjectedDeadline[] = [];
    const removed: ProjectedDeadline[] = [];
    for (const c of folded) {
      // The revision a deadline carries is the event at which its current form appeared, whatever the batching.
      const storedForCase = new Map([...stored].filter(([, row]) => row.deadline.caseId === c.caseId));
      let current = new Map(storedForCase);
      for (const step of c.steps) {
        const next = new Map<string, DeadlineRow>();
        for (const deadline of caseDeadlines(step.after, this.policy)) {
          const previous = current.get(deadline.deadlineId);
          next.set(
            deadline.deadlineId,
            previous && sameDeadline(previous.deadline, deadline)
              ? previous
              : { deadline, revision: step.event.revision },
          );
        }
        current = next;
      }
      for (const [id, row] of storedForCase) {
        const now = current.get(id);
        if (now === undefined || now.revision !== row.revision || !sameDeadline(row.deadline, now.deadline))
          removed.push({ ...row.deadline, revision: row.revision });
      }
      for (const [id, row] of current) {
        const was = storedForCase.get(id);
        if (was === undefined || was.revision !== row.revision || !sameDeadline(was.deadline, row.deadline))
          added.push({ ...row.deadline, revision: row.revision });
      }
    }
    const addedIds = new Set(added.map((d) => d.deadlineId));
    const gone = removed.filter((d) => !addedIds.has(d.deadlineId)).map((d) => d.deadlineId);
    if (gone.length > 0)
      await write(client, options.batch, `DELETE FROM ${t} WHERE deadline_id = ANY($1::text[])`, [gone]);
    if (added.length > 0) {
      await write(
        client,
        options.batch,
        `INSERT INTO ${t} (deadline_id, case_id, kind, subject, due_at, recipient_roles, reason, escalation_level, revision, deadline)
         SELECT r.deadline_id, r.case_id, r.kind, r.subject, r.due_at, r.recipient_roles, r.reason, r.escalation_level, r.revision, r.deadline
         FROM jsonb_to_recordset($1::jsonb) AS r(deadline_id text, case_id text, kind text, subject text, due_at timestamptz,
              recipient_roles jsonb, reason text, escalation_level int, revision bigint, deadline jsonb)
         ON CONFLICT (deadline_id) DO UPDATE SET due_at = excluded.due_at, recipient_roles = excluded.recipient_roles,
           reason = excluded.reason, escalation_level = excluded.escalation_level, revision = excluded.revision, deadline = excluded.deadline`,
        [
          JSON.stringify(
            added.map((d) => ({
              deadline_id: d.deadlineId,
              case_id: d.caseId,
              kind: d.kind,
              subject: d.subject,
              due_at: d.dueAt,
              recipient_roles: d.recipientRoles,
              reason: d.reason,
              escalation_level: d.escalationLevel,
              revision: d.revision,
              deadline: withoutRevision(d),
            })),
          ),
        ],
      );
    }
    const sink = options.live ? this.sink() : undefined;
    if (sink === undefined || (added.length === 0 && removed.length === 0)) return;
    return async () => {
      try {
        await sink.deadlinesChanged(added, removed);
      } catch (err) {
        // The reconciler re-creates every open deadline's timer, so a failed notification is repaired there.
        this.onSinkError(err);
      }
    };
  }
}

function withoutRevision(d: ProjectedDeadline): Deadline {
  const { revision: _revision, ...deadline } = d;
  return deadline;
}

/** Open deadlines as the projection holds them (the reminders reconciler reads these). */
export async function readOpenDeadlines(
  client: Pool | PoolClient,
  filter: { caseId?: string; dueBefore?: string } = {},
): Promise<ProjectedDeadline[]> {
  const { rows } = await client.query<{ deadline: Deadline; revision: string }>(
    `SELECT deadline, revision::text AS revision FROM case_deadlines
     WHERE ($1::text IS NULL OR case_id = $1) AND ($2::timestamptz IS NULL OR due_at < $2)
     ORDER BY due_at, deadline_id`,
    [filter.caseId ?? null, filter.dueBefore ?? null],
  );
  return rows.map((row) => ({ ...row.deadline, revision: row.revision }));
}
