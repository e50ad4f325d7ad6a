import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import type { CaseListRow } from '../case-list.projection';
import { summarise } from '../case-list.projection';
import type { ApplyOptions, Projection, TableNames } from '../projection.types';
import { write } from '../statement-batch';

export const CASE_LIST = 'case-list';

/** One row per case, from the batch's shared fold (the state itself lives in case_states). */
export class CaseListProjection implements Projection {
  readonly name = CASE_LIST;
  readonly tables = ['case_list'] as const;

  createTables(names: TableNames): string[] {
    const t = names.case_list;
    return [
      `CREATE TABLE IF NOT EXISTS ${t} (
        case_id text PRIMARY KEY,
        status text NOT NULL,
        stage text NOT NULL,
        owner_org_unit text NOT NULL,
        post jsonb NOT NULL,
        candidate_names jsonb NOT NULL,
        candidate_units jsonb NOT NULL,
        team_ids jsonb NOT NULL,
        search_text text NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL,
        position text NOT NULL
      )`,
      // Tables created before the fold was shared kept a copy of the state here.
      `ALTER TABLE ${t} DROP COLUMN IF EXISTS state`,
      `CREATE INDEX IF NOT EXISTS ${t}_opened_idx ON ${t} (opened_at DESC, case_id DESC)`,
      `CREATE INDEX IF NOT EXISTS ${t}_owner_idx ON ${t} (owner_org_unit, opened_at DESC)`,
    ];
  }

  async apply(
    client: PoolClient,
    _events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<void> {
    const t = names.case_list;
    const rows: Array<Omit<CaseListRow, 'state'>> = [];
    for (const c of options.folded) {
      const last = c.steps.at(-1);
      if (!last || c.final.status === 'empty') continue;
      rows.push({
        ...summarise(c.final),
        updatedAt: last.event.metadata.recordedAt,
        revision: last.event.revision,
        position: last.event.globalPosition,
      });
    }
    if (rows.length === 0) return;
    await write(
      client,
      options.batch,
      `INSERT INTO ${t} (case_id, status, stage, owner_org_unit, post, candidate_names, candidate_units, team_ids, search_text,
                         opened_at, updated_at, revision, position)
       SELECT r.case_id, r.status, r.stage, r.owner_org_unit, r.post, r.candidate_names, r.candidate_units, r.team_ids, r.search_text,
              r.opened_at, r.updated_at, r.revision, r.position
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, status text, stage text, owner_org_unit text, post jsonb,
            candidate_names jsonb, candidate_units jsonb, team_ids jsonb, search_text text, opened_at timestamptz,
            updated_at timestamptz, revision bigint, position text)
       ON CONFLICT (case_id) DO UPDATE SET
         status = excluded.status, stage = excluded.stage, owner_org_unit = excluded.owner_org_unit, post = excluded.post,
         candidate_names = excluded.candidate_names, candidate_units = excluded.candidate_units, team_ids = excluded.team_ids,
         search_text = excluded.search_text, opened_at = excluded.opened_at, updated_at = excluded.updated_at,
         revision = excluded.revision, position = excluded.position
       WHERE ${t}.revision < excluded.revision`,
      [
        JSON.stringify(
          rows.map((r) => ({
            case_id: r.caseId,
            status: r.status,
            stage: r.stage,
            owner_org_unit: r.ownerOrgUnit,
            post: r.post,
            candidate_names: r.candidateNames,
            candidate_units: r.candidateUnits,
            team_ids: r.teamIds,
            search_text: [r.post.title, r.post.orgUnit, r.ownerOrgUnit, ...r.candidateNames].join(' '),
            opened_at: r.openedAt,
            updated_at: r.updatedAt,
            revision: r.revision,
            position: r.position,
          })),
        ),
      ],
    );
  }
}
