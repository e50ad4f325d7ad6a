/** DOMAIN.md §7: problems found after appointment (任职后发现问题), and R27 at nomination. */
import type { PostAppointmentFindingSource } from '../appointment.commands';
import { requireCandidateUnit } from '../appointment.authorization';
import { AppointmentErrors } from '../appointment.errors';
import { shanghaiDate } from '@app/time';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  findCandidate,
  guardOf,
  requireNotBefore,
  requireOccurred,
  requireOneOf,
  requireText,
} from './decide-support';

const SOURCES: readonly PostAppointmentFindingSource[] = [
  'discipline',
  'inspection-tour',
  'audit',
  'petition',
  'other',
];
function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw AppointmentErrors.invalid(field, 'not-boolean');
  return value;
}

/**
 * Only for an appointed candidate, at any stage after, closed cases included; a discipline
 * secretary only for a candidate of their own unit.
 */
export function guardRecordPostAppointmentFinding(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  if (g.actor.role === 'discipline-secretary') requireCandidateUnit(g.actor, candidate);
  if (!candidate.appointment) throw AppointmentErrors.notAppointed(candidate);
  return { candidate, appointment: candidate.appointment };
}

/**
 * Accepted at any stage after appointment, closed cases included: the one command a closed case
 * still takes. A substantiated problem that predates the appointment is 带病提拔.
 */
export const decideRecordPostAppointmentFinding: DecideFn<'RecordPostAppointmentFinding'> = (
  command,
  state,
  ctx,
) => {
  const d = command.data;
  const { candidate, appointment } = guardRecordPostAppointmentFinding(
    guardOf(command, state, ctx),
    d.candidateId,
  );
  const findingId = requireText('findingId', d.findingId, 100);
  if ((candidate.postAppointmentFindings ?? []).some((f) => f.findingId === findingId))
    throw AppointmentErrors.duplicateId('findingId', findingId);
  const source = requireOneOf('source', d.source, SOURCES);
  const foundAt = requireOccurred('foundAt', d.foundAt, command.at, ctx);
  const summary = requireText('summary', d.summary);
  const substantiated = requireBoolean('substantiated', d.substantiated);
  const predatesAppointment = requireBoolean('predatesAppointment', d.predatesAppointment);
  requireNotBefore('foundAt', foundAt, {
    step: 'appointment',
    at: appointment.noticeDate,
    candidateId: candidate.candidateId,
  });
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
