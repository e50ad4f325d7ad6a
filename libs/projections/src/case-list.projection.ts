/** The case list: one row per case, a summary of the folded domain state plus the state itself. */
import type { AppointmentState, ExistingCaseState, Stage } from '@app/appointment/appointment.state';
import type { Post } from '@app/appointment/appointment.events';
import type { RecordedEvent } from '@app/event-store';
import { caseIdOf, evolveCase } from './case-state.fold';

export interface CaseListRow {
  caseId: string;
  status: 'open' | 'closed';
  stage: Stage;
  ownerOrgUnit: string;
  post: Post;
  candidateNames: string[];
  /** Org units of the candidates: the two secretaries read the cases of their unit. */
  candidateUnits: string[];
  /** Inspection team leader and members: inspectors read the cases whose team names them. */
  teamIds: string[];
  openedAt: string;
  /** recordedAt of the latest event applied. */
  updatedAt: string;
  revision: string;
  position: string;
  state: AppointmentState;
}

export function summarise(
  state: ExistingCaseState,
): Omit<CaseListRow, 'updatedAt' | 'revision' | 'position' | 'state'> {
  return {
    caseId: state.caseId,
    status: state.status,
    stage: state.stage,
    ownerOrgUnit: state.ownerOrgUnit,
    post: state.post,
    candidateNames: state.candidates.map((c) => c.person.name),
    candidateUnits: [...new Set(state.candidates.map((c) => c.person.orgUnit))],
    teamIds: state.team ? [state.team.leader.id, ...state.team.members.map((m) => m.id)] : [],
    openedAt: state.openedAt,
  };
}

/**
 * The row after one event: null while the case has not been opened. An event at or below the
 * row's revision was applied already and leaves the row as it is (idempotent replays).
 */
export function evolveCaseListRow(row: CaseListRow | null, event: RecordedEvent): CaseListRow | null {
  const caseId = caseIdOf(event.streamId);
  if (caseId === null) return row;
  if (row !== null && BigInt(event.revision) <= BigInt(row.revision)) return row;
  const state = evolveCase(row?.state ?? null, event);
  if (state.status === 'empty') return row;
  return {
    ...summarise(state),
    updatedAt: event.metadata.recordedAt,
    revision: event.revision,
    position: event.globalPosition,
    state,
  };
}
