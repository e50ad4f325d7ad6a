/** The fold of 任前公示: the notice or its waiver, objections and their outcome. */
import type { OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch, updateCandidate } from './evolve-support';

export function evolveNotice(
  state: OpenCaseState,
  event: EventOf<
    | 'PublicNoticeStarted'
    | 'PublicNoticeWaived'
    | 'ObjectionRecorded'
    | 'ObjectionResolved'
    | 'AppointmentCancelled'
  >,
): OpenCaseState {
  switch (event.type) {
    case 'PublicNoticeStarted': {
      const d = event.data;
      return touch(
        {
          ...updateCandidate(state, d.candidateId, (c) => ({
            ...c,
            status: 'in-notice',
            publicNotice: { startDate: d.startDate, endDate: d.endDate },
          })),
          stage: atLeastStage(state.stage, 'public-notice'),
        },
        d.startedAt,
      );
    }
    case 'PublicNoticeWaived': {
      const d = event.data;
      return touch(
        {
          ...updateCandidate(state, d.candidateId, (c) => ({
            ...c,
            status: 'in-notice',
            noticeWaiver: { ground: d.ground, waivedAt: d.waivedAt },
          })),
          stage: atLeastStage(state.stage, 'public-notice'),
        },
        d.waivedAt,
      );
    }
    case 'ObjectionRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          objections: [
            ...c.objections,
            {
              objectionId: d.objectionId,
              receivedAt: d.receivedAt,
              summary: d.summary,
              status: 'open',
              outcome: null,
              findings: null,
              holdSince: null,
              resolvedAt: null,
              reminderTalk: null,
            },
          ],
        })),
        d.receivedAt,
      );
    }
    case 'ObjectionResolved': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          objections: c.objections.map((o) =>
            o.objectionId !== d.objectionId
              ? o
              : d.outcome === 'hold'
                ? {
                    ...o,
                    status: 'on-hold',
                    outcome: 'hold',
                    findings: d.findings,
                    holdSince: o.holdSince ?? d.resolvedAt,
                  }
                : {
                    ...o,
                    status: 'resolved',
                    outcome: d.outcome,
                    findings: d.findings,
                    resolvedAt: d.resolvedAt,
                    reminderTalk: d.reminderTalk ?? null,
                  },
          ),
        })),
        d.resolvedAt,
      );
    }
    case 'AppointmentCancelled': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          status: 'cancelled',
          cancelled: { objectionId: d.objectionId, reason: d.reason, cancelledAt: d.cancelledAt },
        })),
        d.cancelledAt,
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
