import type { CaseData } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { updateCandidate } from './evolve-support';

/** DOMAIN.md §7: the only fact a closed case still takes. */
export function recordPostAppointmentFinding<S extends CaseData>(
  state: S,
  event: EventOf<'PostAppointmentFindingRecorded'>,
): S {
  const { caseId: _caseId, candidateId, recordedBy: _by, ...finding } = event.data;
  return updateCandidate(state, candidateId, (c) => ({
    ...c,
    postAppointmentFindings: [...(c.postAppointmentFindings ?? []), finding],
  }));
}
