import type { OpenCase } from '../appointment.commands';
import type { AppointmentEvent } from '../appointment.events';
import { AppointmentErrors } from '../appointment.errors';
import type { AppointmentState } from '../appointment.state';
import { requireRole } from '../appointment.authorization';
import type { DecideFn, Guard } from './decide-support';
import { actorRef, ensureActive, guardOf, optionalText, requireInteger, requireText } from './decide-support';

/** The case belongs to the org unit of the handler who opens it. */
export function decideOpenCase(command: OpenCase, state: AppointmentState): AppointmentEvent[] {
  requireRole(command.type, command.actor, ['handler']);
  if (state.status !== 'empty') throw AppointmentErrors.caseExists(command.caseId);
  const { post, grounds } = command.data;
  requireText('caseId', command.caseId, 100);
  requireText('post.title', post?.title, 200);
  requireText('post.orgUnit', post?.orgUnit, 200);
  requireText('post.level', post?.level, 100);
  requireText('grounds', grounds);
  const seats = command.data.seats === undefined ? 1 : requireInteger('seats', command.data.seats, 1);
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: command.caseId,
        ownerOrgUnit: command.actor.orgUnit,
        post: { title: post.title, orgUnit: post.orgUnit, level: post.level },
        seats,
        grounds,
        openedBy: actorRef(command.actor),
        openedAt: command.at,
      },
    },
  ];
}

/** ApproveInitiation and RejectInitiation: only while the initiation awaits its decision. */
export function guardInitiationDecision(g: Guard): void {
  ensureActive(g, g.state, ['initiated']);
}

export const decideApproveInitiation: DecideFn<'ApproveInitiation'> = (command, state, ctx) => {
  guardInitiationDecision(guardOf(command, state, ctx));
  const comment = optionalText('comment', command.data.comment);
  return [
    {
      type: 'InitiationApproved',
      data: {
        caseId: state.caseId,
        approvedBy: actorRef(command.actor),
        ...(comment !== undefined && { comment }),
        approvedAt: command.at,
      },
    },
  ];
};

export const decideRejectInitiation: DecideFn<'RejectInitiation'> = (command, state, ctx) => {
  guardInitiationDecision(guardOf(command, state, ctx));
  const comment = optionalText('comment', command.data.comment);
  return [
    {
      type: 'InitiationRejected',
      data: {
        caseId: state.caseId,
        rejectedBy: actorRef(command.actor),
        ...(comment !== undefined && { comment }),
        rejectedAt: command.at,
      },
    },
    { type: 'CaseClosed', data: { caseId: state.caseId, outcome: 'rejected', closedAt: command.at } },
  ];
};
