/** R23–R26: appointment, the appointment talk and probation. */
import { AppointmentErrors } from '../appointment.errors';
import { addDays, addMonths, compareMoments, shanghaiDate } from '../appointment.time';
import type { DecideFn } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  requireCandidateStatus,
  requireDate,
  requireInteger,
  requireMoment,
  requireOneOf,
  requireText,
  withClosure,
} from './decide-support';

export const decideIssueAppointment: DecideFn<'IssueAppointment'> = (command, state, ctx) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const open = ensureActive(command, state, ['public-notice', 'appointed']);
  requireCandidateStatus(candidate, ['in-notice']);
  const noticeDate = requireDate('noticeDate', command.data.noticeDate);
  if (typeof command.data.probation !== 'boolean')
    throw AppointmentErrors.invalid('probation', 'not-boolean', 'R24');
  const decisionDate = candidate.decision?.decisionDate ?? noticeDate;
  if (noticeDate < decisionDate)
    throw AppointmentErrors.invalid('noticeDate', 'appointment-before-decision', 'R24', { decisionDate });
  // R23: only after the notice has ended, and with every objection resolved (R22).
  if (candidate.publicNotice && noticeDate <= candidate.publicNotice.endDate)
    throw AppointmentErrors.noticeNotEnded(noticeDate, candidate.publicNotice.endDate);
  const unresolved = candidate.objections.filter((o) => o.status !== 'resolved').map((o) => o.objectionId);
  if (unresolved.length > 0) throw AppointmentErrors.objectionsOpen(candidate, unresolved);
  const probation = command.data.probation;
  return [
    {
      type: 'AppointmentIssued',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        noticeDate,
        effectiveDate: noticeDate,
        // R24: time in post counts from the decision date; probation from the notice date.
        seniorityFrom: decisionDate,
        probation,
        probationEndDate: probation ? addMonths(noticeDate, ctx.rules.probationMonths) : null,
        issuedBy: actorRef(command.actor),
        issuedAt: command.at,
      },
    },
  ];
};

export const decideRecordAppointmentTalk: DecideFn<'RecordAppointmentTalk'> = (command, state) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const open = ensureActive(command, state, ['appointed']);
  requireCandidateStatus(candidate, ['appointed', 'on-probation']);
  if (candidate.appointmentTalk) throw AppointmentErrors.appointmentTalkAlreadyRecorded(candidate);
  const heldAt = requireMoment('heldAt', command.data.heldAt);
  const heldBy = requireText('heldBy', command.data.heldBy, 200);
  const noticeDate = candidate.appointment?.noticeDate;
  if (noticeDate && compareMoments(heldAt, noticeDate) < 0) {
    throw AppointmentErrors.invalid('heldAt', 'talk-before-appointment', 'R25', { noticeDate });
  }
  const talk = {
    type: 'AppointmentTalkRecorded' as const,
    data: {
      caseId: open.caseId,
      candidateId: candidate.candidateId,
      heldAt,
      heldBy,
      recordedBy: actorRef(command.actor),
    },
  };
  if (candidate.status === 'on-probation') return [talk];
  // R26: without probation the appointment is final once the talk is recorded.
  return withClosure(
    open,
    [
      talk,
      {
        type: 'AppointmentConfirmed',
        data: {
          caseId: open.caseId,
          candidateId: candidate.candidateId,
          afterProbation: false,
          confirmedAt: command.at,
        },
      },
    ],
    command.at,
  );
};

export const decideReviewProbation: DecideFn<'ReviewProbation'> = (command, state) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const open = ensureActive(command, state, ['appointed']);
  if (candidate.status === 'appointed' || (candidate.appointment && !candidate.appointment.probation))
    throw AppointmentErrors.noProbation(candidate);
  requireCandidateStatus(candidate, ['on-probation']);
  const probation = candidate.probation;
  if (!probation) throw AppointmentErrors.noProbation(candidate);
  const result = requireOneOf('result', command.data.result, ['competent', 'incompetent', 'extend'] as const);
  const findings = requireText('findings', command.data.findings);
  const actor = actorRef(command.actor);
  if (result === 'extend') {
    // R26: probation can be extended, never shortened.
    const extendDays = requireInteger('extendDays', command.data.extendDays, 1);
    const newEndDate = addDays(probation.endDate, extendDays);
    return [
      {
        type: 'ProbationExtended',
        data: {
          caseId: open.caseId,
          candidateId: candidate.candidateId,
          extendDays,
          previousEndDate: probation.endDate,
          newEndDate,
          findings,
          extendedBy: actor,
          extendedAt: command.at,
        },
      },
    ];
  }
  if (command.data.extendDays !== undefined)
    throw AppointmentErrors.invalid('extendDays', 'extend-days-without-extend', 'R26');
  // R25: the talk comes before the case can close.
  if (!candidate.appointmentTalk) throw AppointmentErrors.appointmentTalkNotRecorded(candidate);
  const reviewDate = shanghaiDate(command.at);
  // R26: competent only on or after the end date; not competent at any time.
  if (result === 'competent' && reviewDate < probation.endDate)
    throw AppointmentErrors.probationNotEnded(candidate, probation.endDate, reviewDate);
  const reviewed = {
    type: 'ProbationReviewed' as const,
    data: {
      caseId: open.caseId,
      candidateId: candidate.candidateId,
      result,
      findings,
      probationEndDate: probation.endDate,
      reviewedBy: actor,
      reviewedAt: command.at,
    },
  };
  const ending =
    result === 'competent'
      ? {
          type: 'AppointmentConfirmed' as const,
          data: {
            caseId: open.caseId,
            candidateId: candidate.candidateId,
            afterProbation: true,
            confirmedAt: command.at,
          },
        }
      : {
          type: 'AppointmentRevoked' as const,
          data: {
            caseId: open.caseId,
            candidateId: candidate.candidateId,
            reason: findings,
            revokedAt: command.at,
          },
        };
  return withClosure(open, [reviewed, ending], command.at);
};
