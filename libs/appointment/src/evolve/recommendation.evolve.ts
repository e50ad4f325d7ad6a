/** The fold of 民主推荐: rounds, nominations, eligibility, exceptional approvals, the inspection targets. */
import type { CandidateState, OpenCaseState } from '../appointment.state';
import { compareMoments } from '@app/time';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch, updateCandidate } from './evolve-support';

function newCandidate(data: EventOf<'CandidateNominated'>['data']): CandidateState {
  return {
    candidateId: data.candidateId,
    person: data.person,
    recommendedBy: data.recommendedBy,
    reason: data.reason,
    nominatedAt: data.nominatedAt,
    status: 'nominated',
    eligibility: null,
    exceptional: data.exceptional
      ? { kind: data.exceptional.kind, grounds: data.exceptional.grounds, approval: null }
      : null,
    activities: [],
    report: null,
    checks: { dossier: null, 'personal-matters': null, 'discipline-opinion': null, petitions: null },
    opinions: { political: null, integrity: null },
    vetoed: false,
    decision: null,
    publicNotice: null,
    noticeWaiver: null,
    objections: [],
    appointment: null,
    appointmentTalk: null,
    probation: null,
    dropped: null,
    cancelled: null,
  };
}

export function evolveRecommendation(
  state: OpenCaseState,
  event: EventOf<
    | 'RecommendationRoundRecorded'
    | 'CandidateNominated'
    | 'EligibilityRecorded'
    | 'ExceptionalApprovalRecorded'
    | 'InspectionTargetsDetermined'
  >,
): OpenCaseState {
  switch (event.type) {
    case 'RecommendationRoundRecorded': {
      const d = event.data;
      const latest =
        state.latestValidRoundAt === null || compareMoments(d.heldAt, state.latestValidRoundAt) > 0
          ? d.heldAt
          : state.latestValidRoundAt;
      return touch(
        {
          ...state,
          stage: atLeastStage(state.stage, 'recommending'),
          rounds: [
            ...state.rounds,
            {
              roundId: d.roundId,
              kind: d.kind,
              heldAt: d.heldAt,
              eligible: d.eligible,
              participants: d.participants,
              results: d.results,
            },
          ],
          latestValidRoundAt: latest,
        },
        d.recordedAt,
      );
    }
    case 'CandidateNominated':
      return touch(
        {
          ...state,
          stage: atLeastStage(state.stage, 'recommending'),
          candidates: [...state.candidates, newCandidate(event.data)],
        },
        event.data.nominatedAt,
      );
    case 'EligibilityRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          eligibility: {
            flags: d.flags,
            disqualified: d.disqualifyingFlags.length > 0,
            disqualifyingFlags: d.disqualifyingFlags,
            recordedAt: d.recordedAt,
          },
        })),
        d.recordedAt,
      );
    }
    case 'ExceptionalApprovalRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) =>
          c.exceptional
            ? {
                ...c,
                exceptional: {
                  ...c.exceptional,
                  approval: { approvedBy: d.approvedBy, documentNo: d.documentNo, approvedAt: d.approvedAt },
                },
              }
            : c,
        ),
        d.recordedAt,
      );
    }
    case 'InspectionTargetsDetermined': {
      const d = event.data;
      return touch(
        {
          ...state,
          stage: atLeastStage(state.stage, 'inspection-targets'),
          inspectionTargets: { candidateIds: d.candidateIds, decidedAt: d.decidedAt, basis: d.basis },
          candidates: state.candidates.map((c) =>
            d.candidateIds.includes(c.candidateId)
              ? { ...c, status: 'target' }
              : d.notSelected.includes(c.candidateId)
                ? { ...c, status: 'not-selected' }
                : c,
          ),
        },
        d.decidedAt,
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
