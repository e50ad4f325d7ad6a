import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { timelineEntries, type TimelineEntry } from '../case-timeline.projection';
import type { ApplyOptions, Projection, TableNames } from '../projection.types';

export const CASE_TIMELINE = 'case-timeline';

export class CaseTimelineProjection implements Projection {
  readonly name = CASE_TIMELINE;
  readonly tables = ['case_timeline'] as const;

  createTables(names: TableNames): string[] {
    const t = names.case_timeline;
    return [
      `CREATE TABLE IF NOT EXISTS ${t} (
        case_id text NOT NULL,
        revision bigint NOT NULL,
        seq int NOT NULL,
        global_position text NOT NULL,
        type text NOT NULL,
        stage text NOT NULL,
        title text NOT NULL,
        recorded_at timestamptz NOT NULL,
        candidate_ids jsonb NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (case_id, revision, seq)
      )`,
    ];
  }

  async apply(
    client: PoolClient,
    _events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<void> {
    const entries: TimelineEntry[] = options.folded.flatMap((c) =>
      c.steps.flatMap((step) => timelineEntries(step.event, step.before, step.after)),
    );
    if (entries.length > 0) {
      await client.query(
        `INSERT INTO ${names.case_timeline} (case_id, revision, seq, global_position, type, stage, title, recorded_at, candidate_ids, entry)
         SELECT r.case_id, r.revision, r.seq, r.global_position, r.type, r.stage, r.title, r.recorded_at, r.candidate_ids, r.entry
         FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, revision bigint, seq int, global_position text, type text, stage text,
              title text, recorded_at timestamptz, candidate_ids jsonb, entry jsonb)
         ON CONFLICT (case_id, revision, seq) DO NOTHING`,
        [
          JSON.stringify(
            entries.map((e) => ({
              case_id: e.caseId,
              revision: e.revision,
              seq: e.seq,
              global_position: e.globalPosition,
              type: e.type,
              stage: e.stage,
              title: e.title,
              recorded_at: e.recordedAt,
              candidate_ids: e.candidateIds,
              entry: e,
            })),
          ),
        ],
      );
    }
  }
}
