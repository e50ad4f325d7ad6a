/**
 * Who may read and write a case (DOMAIN.md §5, API.md conventions). Org-unit scoping uses the
 * case's ownerOrgUnit, except the two secretaries, who are scoped to the candidate's unit, and
 * inspectors, who act only where the team names them.
 */
import type { Actor, Role } from './appointment.commands';
import { AppointmentErrors } from './appointment.errors';
import type { AppointmentState, CandidateState, CaseData } from './appointment.state';

export function canReadCase(actor: Actor, state: AppointmentState): boolean {
  if (state.status === 'empty') return false;
  switch (actor.role) {
    case 'auditor':
    case 'admin':
      return true;
    case 'handler':
    case 'supervisor':
    case 'committee-secretary':
      return actor.orgUnit === state.ownerOrgUnit;
    case 'inspector':
      return isOnTeam(state, actor.id);
    case 'unit-secretary':
    case 'discipline-secretary':
      return state.candidates.some((c) => c.person.orgUnit === actor.orgUnit);
    case 'system':
      return false;
    default: {
      const unknownRole: never = actor.role;
      return unknownRole;
    }
  }
}

export function isOnTeam(state: CaseData, personId: string): boolean {
  const team = state.team;
  return !!team && (team.leader.id === personId || team.members.some((m) => m.id === personId));
}

export function isRecused(state: CaseData, personId: string, candidateId: string): boolean {
  return !!state.team?.recusals.some((r) => r.personId === personId && r.candidateId === candidateId);
}

export function requireRole(command: string, actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role))
    throw AppointmentErrors.roleNotAllowed(command, actor.role, undefined, roles);
}

/** Handlers and the committee secretary act on cases of their own org unit. */
export function requireOwnerUnit(command: string, actor: Actor, state: CaseData): void {
  if (actor.orgUnit !== state.ownerOrgUnit)
    throw AppointmentErrors.orgUnitNotAllowed(command, actor.orgUnit, state.ownerOrgUnit);
}

export function requireHandler(command: string, actor: Actor, state: CaseData): void {
  requireRole(command, actor, ['handler']);
  requireOwnerUnit(command, actor, state);
}

/** R7: inspectors act only for the candidates of a team that names them and not where recused. */
export function requireInspectorFor(
  actor: Actor,
  state: CaseData,
  candidateId: string,
  leaderOnly: boolean,
): void {
  if (!state.team) throw AppointmentErrors.teamNotFormed();
  if (!isOnTeam(state, actor.id)) throw AppointmentErrors.notOnTeam(actor);
  if (leaderOnly && state.team.leader.id !== actor.id) throw AppointmentErrors.notTeamLeader(actor);
  if (isRecused(state, actor.id, candidateId))
    throw AppointmentErrors.recused(
      actor,
      state.candidates.find((c) => c.candidateId === candidateId) ?? candidateId,
    );
}

/** The unit and discipline secretaries act only for candidates of their own unit. */
export function requireCandidateUnit(actor: Actor, candidate: CandidateState): void {
  if (actor.orgUnit !== candidate.person.orgUnit)
    throw AppointmentErrors.signerOutOfScope(actor.orgUnit, candidate.person.orgUnit);
}
