/** The fold of 任职: the appointment, the talk and the probation. */
import type { OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch, updateCandidate } from './evolve-support';

export function evolveAppointmentStage(
  state: OpenCaseState,
  event: EventOf<
    | 'AppointmentIssued'
    | 'AppointmentTalkRecorded'
    | 'ProbationReviewed'
    | 'ProbationExtended'
    | 'AppointmentConfirmed'
    | 'AppointmentRevoked'
  >,
): OpenCaseState {
  switch (event.type) {
    case 'AppointmentIssued': {
      const d = event.data;
      return touch(
        {
          ...updateCandidate(state, d.candidateId, (c) => ({
            ...c,
            status: d.probation ? 'on-probation' : 'appointed',
            appointment: {
              noticeDate: d.noticeDate,
              effectiveDate: d.effectiveDate,
              seniorityFrom: d.seniorityFrom,
              probation: d.probation,
              issuedAt: d.issuedAt,
            },
            probation:
              d.probation && d.probationEndDate
                ? { startDate: d.noticeDate, endDate: d.probationEndDate, extensions: [], review: null }
                : null,
          })),
          stage: atLeastStage(state.stage, 'appointed'),
        },
        d.issuedAt,
      );
    }
    case 'AppointmentTalkRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          appointmentTalk: { heldAt: d.heldAt, heldBy: d.heldBy },
        })),
        d.heldAt,
      );
    }
    case 'ProbationReviewed': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) =>
          c.probation
            ? {
                ...c,
                probation: {
                  ...c.probation,
                  review: { result: d.result, findings: d.findings, reviewedAt: d.reviewedAt },
                },
              }
            : c,
        ),
        d.reviewedAt,
      );
    }
    case 'ProbationExtended': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) =>
          c.probation
            ? {
                ...c,
                probation: {
                  ...c.probation,
                  endDate: d.newEndDate,
                  extensions: [
                    ...c.probation.extensions,
                    {
                      extendDays: d.extendDays,
                      newEndDate: d.newEndDate,
                      findings: d.findings,
                      extendedAt: d.extendedAt,
                    },
                  ],
                },
              }
            : c,
        ),
        d.extendedAt,
      );
    }
    case 'AppointmentConfirmed':
      return touch(
        updateCandidate(state, event.data.candidateId, (c) => ({ ...c, status: 'confirmed' })),
        event.data.confirmedAt,
      );
    case 'AppointmentRevoked':
      return touch(
        updateCandidate(state, event.data.candidateId, (c) => ({ ...c, status: 'revoked' })),
        event.data.revokedAt,
      );
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
