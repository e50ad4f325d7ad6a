/** R21–R23: public notice (任前公示) and the objections it brings. */
import { AppointmentErrorCodes, AppointmentErrors, DomainValidationError } from '../appointment.errors';
import { shanghaiDate } from '@app/time';
import type { ReminderTalk } from '../appointment.commands';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  guardOf,
  requireCandidateStatus,
  requireNotBefore,
  requireOccurred,
  requireOneOf,
  requireText,
  withClosure,
} from './decide-support';

const NOTICE_STAGES = ['public-notice', 'appointed'] as const;

export function guardStartPublicNotice(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, ['deciding', 'public-notice', 'appointed']);
  requireCandidateStatus(candidate, ['approved']);
  return { open, candidate };
}

export const decideStartPublicNotice: DecideFn<'StartPublicNotice'> = (command, state, ctx) => {
  const { open, candidate } = guardStartPublicNotice(guardOf(command, state, ctx), command.data.candidateId);
  const d = command.data;
  // The date is checked with a waiver too (R28, R21): a request is not half read.
  const startDate = requireOccurred('startDate', d.startDate, command.at, ctx, 'date');
  const decisionDate = candidate.decision?.decisionDate;
  if (decisionDate && startDate < decisionDate) {
    throw AppointmentErrors.invalid('startDate', 'notice-before-decision', 'R21', { decisionDate });
  }
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
  // R21: day one is the start date when it is a working day; the end is the n-th working day.
  let endDate: string;
  const calendarVersion = ctx.calendar.version;
  try {
    endDate = ctx.calendar.nthWorkingDay(startDate, ctx.rules.noticeWorkingDays);
  } catch (error) {
    // DOMAIN.md §9: a count that runs past the loaded years is refused under the calendar's own code, never guessed.
    const code = (error as { code?: unknown } | null)?.code;
    throw new DomainValidationError(
      code === 'CALENDAR.OUT_OF_RANGE' ? code : AppointmentErrorCodes.INVALID_INPUT,
      `no working-day calendar for ${startDate}`,
      {
        field: 'startDate',
        rule: 'R21',
        details: { reason: error instanceof Error ? error.message : String(error), calendarVersion },
      },
    );
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
        ...(calendarVersion === undefined ? {} : { calendarVersion }),
      },
    },
  ];
};

export function guardRecordObjection(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, NOTICE_STAGES);
  requireCandidateStatus(candidate, ['in-notice']);
  return { open, candidate };
}

export const decideRecordObjection: DecideFn<'RecordObjection'> = (command, state, ctx) => {
  const { open, candidate } = guardRecordObjection(guardOf(command, state, ctx), command.data.candidateId);
  const d = command.data;
  const objectionId = requireText('objectionId', d.objectionId, 100);
  if (open.candidates.some((c) => c.objections.some((o) => o.objectionId === objectionId)))
    throw AppointmentErrors.duplicateId('objectionId', objectionId);
  const receivedAt = requireOccurred('receivedAt', d.receivedAt, command.at, ctx);
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
export function guardResolveObjection(g: Guard, candidateId: string, objectionId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const objection = candidate.objections.find((o) => o.objectionId === objectionId);
  if (!objection) throw AppointmentErrors.objectionNotFound(objectionId);
  const open = ensureActive(g, g.state, NOTICE_STAGES);
  requireCandidateStatus(candidate, ['in-notice']);
  if (objection.status === 'resolved')
    throw AppointmentErrors.objectionAlreadyResolved(objection.objectionId);
  return { open, candidate, objection };
}

/** R22 (completed): a minor finding is resolved with the reminder talk, held after it was received. */
function reminderTalkOf(
  outcome: string,
  value: unknown,
  receivedAt: string,
  now: string,
  ctx: Parameters<DecideFn<'ResolveObjection'>>[2],
): ReminderTalk | undefined {
  if (outcome !== 'minor') {
    if (value !== undefined)
      throw AppointmentErrors.invalid('reminderTalk', 'reminder-talk-only-minor', 'R22');
    return undefined;
  }
  if (value === undefined || value === null) throw AppointmentErrors.reminderTalkRequired();
  if (typeof value !== 'object')
    throw AppointmentErrors.invalid('reminderTalk', 'reminder-talk-incomplete', 'R22');
  const talk = value as Partial<ReminderTalk>;
  const heldAt = requireOccurred('reminderTalk.heldAt', talk.heldAt, now, ctx);
  const heldBy = requireText('reminderTalk.heldBy', talk.heldBy, 200);
  requireNotBefore('reminderTalk.heldAt', heldAt, { step: 'objection', at: receivedAt });
  return { heldAt, heldBy };
}

export const decideResolveObjection: DecideFn<'ResolveObjection'> = (command, state, ctx) => {
  const { open, candidate, objection } = guardResolveObjection(
    guardOf(command, state, ctx),
    command.data.candidateId,
    command.data.objectionId,
  );
  const outcome = requireOneOf('outcome', command.data.outcome, [
    'unfounded',
    'minor',
    'serious',
    'hold',
  ] as const);
  const findings = requireText('findings', command.data.findings);
  const reminderTalk = reminderTalkOf(
    outcome,
    command.data.reminderTalk,
    objection.receivedAt,
    command.at,
    ctx,
  );
  const resolved = {
    type: 'ObjectionResolved' as const,
    data: {
      caseId: open.caseId,
      candidateId: candidate.candidateId,
      objectionId: objection.objectionId,
      outcome,
      findings,
      ...(reminderTalk && { reminderTalk }),
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
