/** Dropping a candidate, withdrawing the case, and reminders recorded in its history. */
import type { Role } from '../appointment.commands';
import { AppointmentErrors } from '../appointment.errors';
import type { CandidateStatus, Stage } from '../appointment.state';
import { STAGES } from '../appointment.state';
import type { DecideFn, Guard } from './decide-support';
import {
  actorRef,
  ensureActive,
  findCandidate,
  guardOf,
  requireMoment,
  requireText,
  STAGES_AFTER_APPROVAL,
  withClosure,
} from './decide-support';

const DROPPABLE: readonly CandidateStatus[] = ['nominated', 'target', 'deferred', 'approved', 'in-notice'];
const BEFORE_APPOINTMENT: readonly Stage[] = [
  'initiated',
  'initiation-approved',
  'recommending',
  'inspection-targets',
  'inspecting',
  'deciding',
  'public-notice',
];
const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => s !== 'closed');
const ROLES: readonly Role[] = [
  'handler',
  'inspector',
  'unit-secretary',
  'discipline-secretary',
  'committee-secretary',
  'supervisor',
  'auditor',
  'admin',
  'system',
];

export function guardDropCandidate(g: Guard, candidateId: string) {
  const candidate = findCandidate(g.state, candidateId);
  const open = ensureActive(g, g.state, STAGES_AFTER_APPROVAL);
  if (!DROPPABLE.includes(candidate.status))
    throw AppointmentErrors.candidateWrongStatus(candidate.candidateId, candidate.status, DROPPABLE);
  return { open, candidate };
}

export const decideDropCandidate: DecideFn<'DropCandidate'> = (command, state, ctx) => {
  const { open, candidate } = guardDropCandidate(guardOf(command, state, ctx), command.data.candidateId);
  const reason = requireText('reason', command.data.reason);
  return withClosure(
    open,
    [
      {
        type: 'CandidateDropped',
        data: {
          caseId: open.caseId,
          candidateId: candidate.candidateId,
          reason,
          droppedBy: actorRef(command.actor),
          droppedAt: command.at,
        },
      },
    ],
    command.at,
  );
};

export function guardWithdrawCase(g: Guard) {
  return ensureActive(g, g.state, BEFORE_APPOINTMENT);
}

export const decideWithdrawCase: DecideFn<'WithdrawCase'> = (command, state, ctx) => {
  const open = guardWithdrawCase(guardOf(command, state, ctx));
  const reason = requireText('reason', command.data.reason);
  return [
    {
      type: 'CaseWithdrawn',
      data: { caseId: open.caseId, reason, withdrawnBy: actorRef(command.actor), withdrawnAt: command.at },
    },
    { type: 'CaseClosed', data: { caseId: open.caseId, outcome: 'withdrawn', closedAt: command.at } },
  ];
};

/** A reminder fired twice (at-least-once timers) is recorded once. */
export const decideIssueReminder: DecideFn<'IssueReminder'> = (command, state) => {
  const open = ensureActive(command, state, OPEN_STAGES);
  const d = command.data;
  const reminderId = requireText('reminderId', d.reminderId, 200);
  if (open.reminders.some((r) => r.reminderId === reminderId)) return [];
  if (!Array.isArray(d.recipientRoles) || d.recipientRoles.length === 0)
    throw AppointmentErrors.invalid('recipientRoles', 'name at least one recipient role');
  d.recipientRoles.forEach((role, i) => {
    if (!ROLES.includes(role))
      throw AppointmentErrors.invalid(`recipientRoles[${i}]`, `${String(role)} is not a role`);
  });
  return [
    {
      type: 'ReminderIssued',
      data: {
        caseId: open.caseId,
        reminderId,
        kind: requireText('kind', d.kind, 100),
        subject: requireText('subject', d.subject, 200),
        recipientRoles: [...d.recipientRoles],
        reason: requireText('reason', d.reason),
        dueAt: requireMoment('dueAt', d.dueAt),
        issuedAt: command.at,
      },
    },
  ];
};
