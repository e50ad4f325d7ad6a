/** R21–R23: public notice (任前公示) and the objections it brings. */
import { AppointmentErrors } from '../appointment.errors';
import { shanghaiDate } from '../appointment.time';
import type { DecideFn } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  requireCandidateStatus,
  requireDate,
  requireMoment,
  requireOneOf,
  requireText,
  withClosure,
} from './decide-support';

const NOTICE_STAGES = ['public-notice', 'appointed'] as const;

export const decideStartPublicNotice: DecideFn<'StartPublicNotice'> = (command, state, ctx) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const open = ensureActive(command, state, ['deciding', 'public-notice', 'appointed']);
  requireCandidateStatus(candidate, ['approved']);
  const d = command.data;
  if (d.waived !== undefined) {
    // R23: a waiver needs its ground on record (special post; published at a general election).
    const ground = d.waived?.ground;
    if (typeof ground !== 'string' || ground.trim() === '')
      throw AppointmentErrors.noticeWaiverGroundRequired();
    return [
      {
        type: 'PublicNoticeWaived',
        data: {
          caseId: open.caseId,
          candidateId: candidate.candidateId,
          ground,
          waivedBy: actorRef(command.actor),
          waivedAt: command.at,
        },
      },
    ];
  }
  const startDate = requireDate('startDate', d.startDate);
  const decisionDate = candidate.decision?.decisionDate;
  if (decisionDate && startDate < decisionDate) {
    throw AppointmentErrors.invalid('startDate', 'notice-before-decision', 'R21', { decisionDate });
  }
  // R21: day one is the start date when it is a working day; the end is the n-th working day.
  let endDate: string;
  try {
    endDate = ctx.calendar.nthWorkingDay(startDate, ctx.rules.noticeWorkingDays);
  } catch (error) {
    throw AppointmentErrors.invalid('startDate', 'no-calendar', 'R21', {
      startDate,
      cause: error instanceof Error ? error.message : String(error),
    });
  }
  return [
    {
      type: 'PublicNoticeStarted',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        startDate,
        endDate,
        workingDays: ctx.rules.noticeWorkingDays,
        startedBy: actorRef(command.actor),
        startedAt: command.at,
      },
    },
  ];
};

export const decideRecordObjection: DecideFn<'RecordObjection'> = (command, state) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const open = ensureActive(command, state, NOTICE_STAGES);
  requireCandidateStatus(candidate, ['in-notice']);
  const d = command.data;
  const objectionId = requireText('objectionId', d.objectionId, 100);
  if (open.candidates.some((c) => c.objections.some((o) => o.objectionId === objectionId)))
    throw AppointmentErrors.duplicateId('objectionId', objectionId);
  const receivedAt = requireMoment('receivedAt', d.receivedAt);
  const summary = requireText('summary', d.summary);
  if (candidate.publicNotice && shanghaiDate(receivedAt) < candidate.publicNotice.startDate) {
    throw AppointmentErrors.invalid('receivedAt', 'objection-before-notice', 'R22', {
      startDate: candidate.publicNotice.startDate,
    });
  }
  return [
    {
      type: 'ObjectionRecorded',
      data: {
        caseId: open.caseId,
        candidateId: candidate.candidateId,
        objectionId,
        receivedAt,
        summary,
        recordedBy: actorRef(command.actor),
      },
    },
  ];
};

/** R22: unfounded or minor → proceed; serious → cancelled for this candidate; hold → stays open. */
export const decideResolveObjection: DecideFn<'ResolveObjection'> = (command, state) => {
  const candidate = findCandidate(state, command.data.candidateId);
  const objection = candidate.objections.find((o) => o.objectionId === command.data.objectionId);
  if (!objection) throw AppointmentErrors.objectionNotFound(command.data.objectionId);
  const open = ensureActive(command, state, NOTICE_STAGES);
  requireCandidateStatus(candidate, ['in-notice']);
  if (objection.status === 'resolved')
    throw AppointmentErrors.objectionAlreadyResolved(objection.objectionId);
  const outcome = requireOneOf('outcome', command.data.outcome, [
    'unfounded',
    'minor',
    'serious',
    'hold',
  ] as const);
  const findings = requireText('findings', command.data.findings);
  const resolved = {
    type: 'ObjectionResolved' as const,
    data: {
      caseId: open.caseId,
      candidateId: candidate.candidateId,
      objectionId: objection.objectionId,
      outcome,
      findings,
      resolvedBy: actorRef(command.actor),
      resolvedAt: command.at,
    },
  };
  if (outcome !== 'serious') return [resolved];
  return withClosure(
    open,
    [
      resolved,
      {
        type: 'AppointmentCancelled',
        data: {
          caseId: open.caseId,
          candidateId: candidate.candidateId,
          objectionId: objection.objectionId,
          reason: findings,
          cancelledAt: command.at,
        },
      },
    ],
    command.at,
  );
};
