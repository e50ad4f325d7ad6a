import type { Role } from '@app/appointment/appointment.commands';
import type { CandidateState, CaseData } from '@app/appointment/appointment.state';
import type { Deadline } from './deadline-policy';

export interface Recipient {
  role: Role;
  orgUnit: string;
}

/** DOMAIN.md §5: the two signers act for the candidate's own unit, everyone else for the case's owner unit. */
const CANDIDATE_UNIT_ROLES: readonly Role[] = ['unit-secretary', 'discipline-secretary'];

/** The candidate a deadline is about: its subject is a candidateId, `<candidateId>-<…>` or an objectionId. */
export function candidateOf(
  state: Pick<CaseData, 'candidates'>,
  subject: string,
): CandidateState | undefined {
  return state.candidates.find(
    (c) =>
      subject === c.candidateId ||
      subject.startsWith(`${c.candidateId}-`) ||
      c.objections.some((o) => o.objectionId === subject),
  );
}

export function recipientsFor(
  deadline: Pick<Deadline, 'subject' | 'recipientRoles'>,
  state: Pick<CaseData, 'candidates' | 'ownerOrgUnit'>,
): Recipient[] {
  const candidate = candidateOf(state, deadline.subject);
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const role of deadline.recipientRoles) {
    const orgUnit =
      CANDIDATE_UNIT_ROLES.includes(role) && candidate ? candidate.person.orgUnit : state.ownerOrgUnit;
    const key = `${role}\u0000${orgUnit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({ role, orgUnit });
  }
  return recipients;
}
