/** DOMAIN.md §7: problems found after appointment (任职后发现问题), and R27 at nomination. */
import type { PostAppointmentFindingSource } from '../appointment.commands';
import { requireCandidateUnit } from '../appointment.authorization';
import { AppointmentErrors } from '../appointment.errors';
import { compareMoments, isIsoDateTime, shanghaiDate } from '../appointment.time';
import type { DecideFn } from './decide-support';
import { actorRef, findCandidate, requireMoment, requireOneOf, requireText } from './decide-support';

const SOURCES: readonly PostAppointmentFindingSource[] = [
  'discipline',
  'inspection-tour',
  'audit',
  'petition',
  'other',
];
/** R28: the clock skew tolerated between a client and the service. */
const SKEW_MS = 5 * 60 * 1000;

function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw AppointmentErrors.invalid(field, `${field} must be true or false`);
  return value;
}

/** R28: an occurred time is never in the future (with skew) and never before what it depends on. */
function requireOccurredBetween(
  field: string,
  value: string,
  now: string,
  earliest: string,
  dependsOn: string,
) {
  const limit = isIsoDateTime(value)
    ? Date.parse(value) - SKEW_MS > Date.parse(now)
    : shanghaiDate(value) > shanghaiDate(now);
  if (limit) throw AppointmentErrors.occurredInFuture(field, value, now);
  if (compareMoments(value, earliest) < 0)
    throw AppointmentErrors.outOfOrder(field, value, dependsOn, earliest);
}

/**
 * Accepted at any stage after appointment, closed cases included: the one command a closed case
 * still takes. A substantiated problem that predates the appointment is 带病提拔.
 */
export const decideRecordPostAppointmentFinding: DecideFn<'RecordPostAppointmentFinding'> = (
  command,
  state,
) => {
  const d = command.data;
  const candidate = findCandidate(state, d.candidateId);
  if (command.actor.role === 'discipline-secretary') requireCandidateUnit(command.actor, candidate);
  const findingId = requireText('findingId', d.findingId, 100);
  if ((candidate.postAppointmentFindings ?? []).some((f) => f.findingId === findingId))
    throw AppointmentErrors.duplicateId('findingId', findingId);
  const source = requireOneOf('source', d.source, SOURCES);
  const foundAt = requireMoment('foundAt', d.foundAt);
  const summary = requireText('summary', d.summary);
  const substantiated = requireBoolean('substantiated', d.substantiated);
  const predatesAppointment = requireBoolean('predatesAppointment', d.predatesAppointment);
  if (!candidate.appointment) throw AppointmentErrors.notAppointed(candidate.candidateId);
  requireOccurredBetween('foundAt', foundAt, command.at, candidate.appointment.noticeDate, '任职通知日期');
  return [
    {
      type: 'PostAppointmentFindingRecorded',
      data: {
        caseId: state.caseId,
        candidateId: candidate.candidateId,
        findingId,
        source,
        foundAt,
        summary,
        substantiated,
        predatesAppointment,
        sickPromotion: substantiated && predatesAppointment,
        recordedBy: actorRef(command.actor),
        recordedAt: command.at,
      },
    },
  ];
};

/** R27: a recommender held accountable may not recommend until the suspension ends. */
export function requireRecommenderNotSuspended(
  recommender: { id: string; name: string },
  suspendedUntil: string | null | undefined,
  at: string,
): void {
  if (suspendedUntil && shanghaiDate(at) < suspendedUntil)
    throw AppointmentErrors.recommenderSuspended(recommender, suspendedUntil);
}
