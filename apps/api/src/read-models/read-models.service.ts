import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { type AppointmentState, canReadCase, caseStreamId, type Post, type Stage } from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import { EVENT_STORE, type EventStore, PG_POOL } from '@app/event-store';
import {
  APP_CONFIG,
  type AppConfig,
  CLOCK,
  type Clock,
  CursorCodec,
  fieldError,
  RequestValidationError,
} from '@app/platform';
import { isDateTime } from '@app/time';
import { APPOINTMENT_FOLD_VERSION } from '@app/appointment/appointment.evolve';
import { CASE_STATES_TABLE, foldCase, type TimelineEntry } from '@app/projections';
import { ReadModelForbiddenError, ReadModelNotFoundError } from './read-models.errors';
import type { ListCasesParams, TimelineParams } from './list-cases.query-params';

export interface CaseListItem {
  caseId: string;
  status: string;
  stage: Stage;
  ownerOrgUnit: string;
  post: Post;
  candidateNames: string[];
  openedAt: string;
  updatedAt: string;
  revision: string;
  overdue: boolean;
  nextDueAt: string | null;
}

export interface CaseListPage {
  items: CaseListItem[];
  nextCursor: string | null;
}

interface ListRow {
  case_id: string;
  status: string;
  stage: Stage;
  owner_org_unit: string;
  post: Post;
  candidate_names: string[];
  opened_at: Date;
  updated_at: Date;
  revision: string;
  overdue: boolean;
  next_due_at: Date | null;
}

const DEFAULT_LIMIT = 20;

const CURSOR_LIST = 'cases';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who sees which cases in the list: the same scoping as canReadCase, in SQL. */
function scope(actor: Actor, params: unknown[]): string {
  switch (actor.role) {
    case 'auditor':
    case 'admin':
      return 'true';
    case 'handler':
    case 'supervisor':
    case 'committee-secretary':
      params.push(actor.orgUnit);
      return `l.owner_org_unit = $${params.length}`;
    case 'unit-secretary':
    case 'discipline-secretary':
      params.push(actor.orgUnit);
      return `l.candidate_units ? $${params.length}`;
    case 'inspector':
      params.push(actor.id);
      return `l.team_ids ? $${params.length}`;
    default:
      return 'false';
  }
}

/** Reads from the projections (case list, timeline); the exact auditor reads stay on the event store. */
@Injectable()
export class ReadModelsService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cursors = new CursorCodec(config.jwtSecret);
  }

  private readonly cursors: CursorCodec;

  private decodeCursor(cursor: string): [string, string] {
    const position = this.cursors.decode(CURSOR_LIST, cursor);
    if (position.length === 2 && isDateTime(position[0]) && UUID.test(position[1])) {
      return [position[0], position[1]];
    }
    throw new RequestValidationError([fieldError('cursor', 'cursor')]);
  }

  async listCases(actor: Actor, query: ListCasesParams): Promise<CaseListPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [this.clock.now().toISOString()];
    const where = [scope(actor, params)];
    if (query.stage !== undefined) {
      params.push(query.stage);
      where.push(`l.stage = $${params.length}`);
    }
    if (query.orgUnit !== undefined) {
      params.push(query.orgUnit);
      where.push(`l.owner_org_unit = $${params.length}`);
    }
    if (query.q !== undefined && query.q.trim() !== '') {
      params.push(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(l.search_text ILIKE $${params.length} OR l.case_id = $${params.length + 1})`);
      params.push(query.q.trim());
    }
    if (query.overdue !== undefined) {
      where.push(
        `${query.overdue === 'true' ? '' : 'NOT '}EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = l.case_id AND d.due_at < $1)`,
      );
    }
    if (query.cursor !== undefined) {
      const [openedAt, caseId] = this.decodeCursor(query.cursor);
      params.push(openedAt, caseId);
      where.push(`(l.opened_at, l.case_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    const { rows } = await this.pool.query<ListRow>(
      `SELECT l.case_id, l.status, l.stage, l.owner_org_unit, l.post, l.candidate_names, l.opened_at, l.updated_at, l.revision::text AS revision,
              EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = l.case_id AND d.due_at < $1) AS overdue,
              (SELECT min(d.due_at) FROM case_deadlines d WHERE d.case_id = l.case_id) AS next_due_at
       FROM case_list l
       WHERE ${where.join(' AND ')}
       ORDER BY l.opened_at DESC, l.case_id DESC
       LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        caseId: row.case_id,
        status: row.status,
        stage: row.stage,
        ownerOrgUnit: row.owner_org_unit,
        post: row.post,
        candidateNames: row.candidate_names,
        openedAt: row.opened_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        revision: row.revision,
        overdue: row.overdue,
        nextDueAt: row.next_due_at?.toISOString() ?? null,
      })),
      nextCursor:
        rows.length > limit
          ? this.cursors.encode(CURSOR_LIST, [
              page[page.length - 1].opened_at.toISOString(),
              page[page.length - 1].case_id,
            ])
          : null,
    };
  }

  async timeline(
    actor: Actor,
    caseId: string,
    query: TimelineParams,
  ): Promise<{ caseId: string; revision: string | null; entries: TimelineEntry[] }> {
    const state = await this.assertReadable(actor, caseId);
    if (query.candidateId !== undefined) await this.assertCandidate(caseId, query.candidateId, state);
    // `head`: the case's last entry up to asOf, whatever the candidate filter keeps.
    const { rows } = await this.pool.query<{ head: string | null; entry: TimelineEntry | null }>(
      `WITH upto AS (
         SELECT revision, seq, candidate_ids, entry FROM case_timeline
         WHERE case_id = $1 AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz))
       SELECT (SELECT max(revision)::text FROM upto) AS head, u.entry
       FROM (SELECT 1) AS one LEFT JOIN upto u ON ($2::text IS NULL OR u.candidate_ids ? $2::text)
       ORDER BY u.revision, u.seq`,
      [caseId, query.candidateId ?? null, query.asOf ?? null],
    );
    const head = rows[0].head;
    if (head === null && query.asOf !== undefined) await this.assertOpenedBy(caseId, query.asOf);
    const entries = rows.flatMap((r) => (r.entry === null ? [] : [r.entry]));
    return { caseId, revision: head, entries };
  }

  /** 404 for a candidate the case never had; a candidate the projections have not seen yet is looked up in the events. */
  private async assertCandidate(caseId: string, candidateId: string, state: AppointmentState): Promise<void> {
    const has = (s: AppointmentState) =>
      s.status !== 'empty' && s.candidates.some((c) => c.candidateId === candidateId);
    if (has(state) || has(foldCase(await this.store.read(caseStreamId(caseId))))) return;
    throw new ReadModelNotFoundError(
      'APPOINTMENT.CANDIDATE_NOT_FOUND',
      `Case ${caseId} has no candidate ${candidateId}`,
      { caseId, candidateId },
    );
  }

  /** As /state does: a moment before the case's first event is a 404, not an empty record. */
  private async assertOpenedBy(caseId: string, asOf: string): Promise<void> {
    const first = (await this.store.read(caseStreamId(caseId), { toRevision: '0' }))[0];
    if (first !== undefined && Date.parse(first.metadata.recordedAt) > Date.parse(asOf))
      throw new ReadModelNotFoundError(
        'APPOINTMENT.CASE_NOT_YET_OPENED',
        `Case ${caseId} had not been opened at ${asOf}`,
        { caseId, asOf },
      );
  }

  /** Read rights from the projections' shared case state; a case they have not seen yet is judged on its events. */
  private async assertReadable(actor: Actor, caseId: string): Promise<AppointmentState> {
    const { rows } = await this.pool.query<{ state: AppointmentState }>(
      `SELECT state FROM ${CASE_STATES_TABLE} WHERE case_id = $1 AND fold_version = $2`,
      [caseId, APPOINTMENT_FOLD_VERSION],
    );
    const state = rows[0]?.state ?? foldCase(await this.store.read(caseStreamId(caseId)));
    if (state.status === 'empty')
      throw new ReadModelNotFoundError('APPOINTMENT.CASE_NOT_FOUND', `Case ${caseId} does not exist`, {
        caseId,
      });
    if (!canReadCase(actor, state))
      throw new ReadModelForbiddenError(
        'APPOINTMENT.READ_NOT_ALLOWED',
        `${actor.role} ${actor.id} may not read case ${caseId}`,
        { caseId },
      );
    return state;
  }
}
