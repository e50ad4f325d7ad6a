/** The fold of 讨论决定: the meeting and each candidate's outcome. */
import type { OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch } from './evolve-support';

export function evolveDecision(state: OpenCaseState, event: EventOf<'DecisionMeetingHeld'>): OpenCaseState {
  const d = event.data;
  const byCandidate = new Map(d.results.map((r) => [r.candidateId, r]));
  return touch(
    {
      ...state,
      stage: atLeastStage(state.stage, 'deciding'),
      meetings: [
        ...state.meetings,
        {
          meetingId: d.meetingId,
          heldAt: d.heldAt,
          decisionDate: d.decisionDate,
          entitled: d.entitled,
          ...(d.members && { members: d.members }),
          attendees: d.attendees,
          recused: d.recused,
          principalLeaderId: d.principalLeaderId,
          results: d.results.map((r) => ({
            candidateId: r.candidateId,
            outcome: r.outcome,
            agree: r.agree,
            disagree: r.disagree,
            defer: r.defer,
            ballots: r.ballots,
          })),
        },
      ],
      candidates: state.candidates.map((c) => {
        const r = byCandidate.get(c.candidateId);
        if (!r) return c;
        return {
          ...c,
          status: r.outcome,
          decision: {
            meetingId: d.meetingId,
            heldAt: d.heldAt,
            decisionDate: d.decisionDate,
            outcome: r.outcome,
            agree: r.agree,
            disagree: r.disagree,
            defer: r.defer,
            entitled: d.entitled,
          },
        };
      }),
    },
    d.heldAt,
  );
}
