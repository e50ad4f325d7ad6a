/** The fold of 考察: the team, its notice, the activities, the reports and the checks. */
import type { OpenCaseState } from '../appointment.state';
import type { EventOf } from './evolve-support';
import { atLeastStage, touch, updateCandidate } from './evolve-support';

export function evolveInspection(
  state: OpenCaseState,
  event: EventOf<
    | 'InspectionTeamFormed'
    | 'InspectionNoticePublished'
    | 'InspectionActivityRecorded'
    | 'InspectionReportSubmitted'
    | 'CheckRecorded'
  >,
): OpenCaseState {
  switch (event.type) {
    case 'InspectionTeamFormed': {
      const d = event.data;
      return touch(
        {
          ...state,
          stage: atLeastStage(state.stage, 'inspecting'),
          team: { leader: d.leader, members: d.members, recusals: d.recusals, formedAt: d.formedAt },
        },
        d.formedAt,
      );
    }
    case 'InspectionNoticePublished':
      return touch(
        { ...state, inspectionNotice: { publishedAt: event.data.publishedAt, channel: event.data.channel } },
        event.data.publishedAt,
      );
    case 'InspectionActivityRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          activities: [
            ...c.activities,
            {
              activityId: d.activityId,
              kind: d.kind,
              heldAt: d.heldAt,
              summary: d.summary,
              count: d.count,
              grades: d.grades,
              recordedBy: d.recordedBy,
            },
          ],
        })),
        d.recordedAt,
      );
    }
    case 'InspectionReportSubmitted': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          report: {
            conclusion: d.conclusion,
            strengths: d.strengths,
            weaknesses: d.weaknesses,
            submittedBy: d.submittedBy,
            submittedAt: d.submittedAt,
          },
        })),
        d.submittedAt,
      );
    }
    case 'CheckRecorded': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => ({
          ...c,
          checks: {
            ...c.checks,
            [d.check]: {
              outcome: d.outcome,
              findings: d.findings,
              checkedAt: d.checkedAt,
              checkedBy: d.checkedBy,
              blocking: d.blocking,
            },
          },
        })),
        d.checkedAt,
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
