/** The fold of a case's life: candidates dropped, the case withdrawn and closed, reminders. */
import type { ClosedCaseState, OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { touch, updateCandidate } from './evolve-support';

export function evolveLifecycle(
  state: OpenCaseState,
  event: EventOf<'CandidateDropped' | 'CaseWithdrawn' | 'CaseClosed' | 'ReminderIssued'>,
): OpenCaseState | ClosedCaseState {
  switch (event.type) {
    case 'CandidateDropped': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          status: 'dropped',
          dropped: { reason: d.reason, droppedAt: d.droppedAt },
        })),
        d.droppedAt,
      );
    }
    case 'CaseWithdrawn': {
      const d = event.data;
      return touch(
        {
          ...state,
          withdrawal: { reason: d.reason, withdrawnBy: d.withdrawnBy, withdrawnAt: d.withdrawnAt },
        },
        d.withdrawnAt,
      );
    }
    case 'CaseClosed': {
      const closed: ClosedCaseState = {
        ...touch(state, event.data.closedAt),
        status: 'closed',
        stage: 'closed',
        outcome: event.data.outcome,
        closedAt: event.data.closedAt,
        closedFromStage: state.stage,
      };
      return closed;
    }
    case 'ReminderIssued': {
      const d = event.data;
      return {
        ...state,
        reminders: [
          ...state.reminders,
          {
            reminderId: d.reminderId,
            kind: d.kind,
            subject: d.subject,
            recipientRoles: d.recipientRoles,
            reason: d.reason,
            dueAt: d.dueAt,
            issuedAt: d.issuedAt,
          },
        ],
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
