/** The fold of 动议: the initiation approved or rejected. */
import type { OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch } from './evolve-support';

export function evolveInitiation(
  state: OpenCaseState,
  event: EventOf<'InitiationApproved' | 'InitiationRejected'>,
): OpenCaseState {
  switch (event.type) {
    case 'InitiationApproved': {
      const d = event.data;
      return touch(
        {
          ...state,
          stage: atLeastStage(state.stage, 'initiation-approved'),
          initiation: {
            decision: 'approved',
            decidedBy: d.approvedBy,
            decidedAt: d.approvedAt,
            comment: d.comment ?? null,
          },
        },
        d.approvedAt,
      );
    }
    case 'InitiationRejected': {
      const d = event.data;
      return touch(
        {
          ...state,
          initiation: {
            decision: 'rejected',
            decidedBy: d.rejectedBy,
            decidedAt: d.rejectedAt,
            comment: d.comment ?? null,
          },
        },
        d.rejectedAt,
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
