/** R23–R26: appointment, the appointment talk and probation. */
import { AppointmentErrors } from '../appointment.errors';
import { addDays, addMonths, compareMoments, latestOccurredDate, shanghaiDate } from '../appointment.time';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  guardOf,
  requireCandidateStatus,
  requireInteger,
  requireOccurred,
  requireOneOf,
  requireText,
  withClosure,
} from './decide-support';

/**
 * R22, R23: every objection resolved, each minor one with its reminder talk, and the notice over by
 * now (an appointment notice is dated after the notice's end and never in the future, R28).
 */
export function guardIssueAppointment(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, ['public-notice', 'appointed']);
  requireCandidateStatus(candidate, ['in-notice']);
  const unresolved = candidate.objections.filter((o) => o.status !== 'resolved').map((o) => o.objectionId);
  if (unresolved.length > 0) throw AppointmentErrors.objectionsOpen(candidate.candidateId, unresolved);
  const untalked = candidate.objections
    .filter((o) => o.outcome === 'minor' && !o.reminderTalk)
    .map((o) => o.objectionId);
  if (untalked.length > 0) throw AppointmentErrors.reminderTalkMissing(candidate.candidateId, untalked);
  const latest = latestOccurredDate(g.at, g.ctx.rules.clockSkewMinutes * 60_000);
  if (candidate.publicNotice && latest <= candidate.publicNotice.endDate)
    throw AppointmentErrors.noticeNotEnded(latest, candidate.publicNotice.endDate);
  return { open, candidate };
}

export const decideIssueAppointment: DecideFn<'IssueAppointment'> = (command, state, ctx) => {
  const { open, candidate } = guardIssueAppointment(guardOf(command, state, ctx), command.data.candidateId);
  const noticeDate = requireOccurred('noticeDate', command.data.noticeDate, command.at, ctx, 'date');
  if (typeof command.data.probation !== 'boolean')
    throw AppointmentErrors.invalid('probation', 'probation must be true or false', 'R24');
  const decisionDate = candidate.decision?.decisionDate ?? noticeDate;
  if (noticeDate < decisionDate)
    throw AppointmentErrors.invalid(
      'noticeDate',
      `the appointment cannot precede the decision of ${decisionDate}`,
      'R24',
    );
  // R23: only after the notice has ended, and with every objection resolved (R22).
  if (candidate.publicNotice && noticeDate <= candidate.publicNotice.endDate)
    throw AppointmentErrors.noticeNotEnded(noticeDate, candidate.publicNotice.endDate);
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

export function guardRecordAppointmentTalk(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, ['appointed']);
  requireCandidateStatus(candidate, ['appointed', 'on-probation']);
  if (candidate.appointmentTalk)
    throw AppointmentErrors.appointmentTalkAlreadyRecorded(candidate.candidateId);
  return { open, candidate };
}

export const decideRecordAppointmentTalk: DecideFn<'RecordAppointmentTalk'> = (command, state, ctx) => {
  const { open, candidate } = guardRecordAppointmentTalk(
    guardOf(command, state, ctx),
    command.data.candidateId,
  );
  const heldAt = requireOccurred('heldAt', command.data.heldAt, command.at, ctx);
  const heldBy = requireText('heldBy', command.data.heldBy, 200);
  const noticeDate = candidate.appointment?.noticeDate;
  if (noticeDate && compareMoments(heldAt, noticeDate) < 0) {
    throw AppointmentErrors.invalid(
      'heldAt',
      `the talk cannot precede the appointment of ${noticeDate}`,
      'R25',
    );
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

export function guardReviewProbation(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, ['appointed']);
  if (candidate.status === 'appointed' || (candidate.appointment && !candidate.appointment.probation))
    throw AppointmentErrors.noProbation(candidate.candidateId);
  requireCandidateStatus(candidate, ['on-probation']);
  const probation = candidate.probation;
  if (!probation) throw AppointmentErrors.noProbation(candidate.candidateId);
  return { open, candidate, probation };
}

export const decideReviewProbation: DecideFn<'ReviewProbation'> = (command, state, ctx) => {
  const { open, candidate, probation } = guardReviewProbation(
    guardOf(command, state, ctx),
    command.data.candidateId,
  );
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
    throw AppointmentErrors.invalid('extendDays', 'extendDays goes only with result extend', 'R26');
  // R25: the talk comes before the case can close.
  if (!candidate.appointmentTalk) throw AppointmentErrors.appointmentTalkNotRecorded(candidate.candidateId);
  const reviewDate = shanghaiDate(command.at);
  // R26: competent only on or after the end date; not competent at any time.
  if (result === 'competent' && reviewDate < probation.endDate)
    throw AppointmentErrors.probationNotEnded(candidate.candidateId, probation.endDate, reviewDate);
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
