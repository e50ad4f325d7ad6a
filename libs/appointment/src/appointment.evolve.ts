/**
 * evolve: the state after one event. Pure and total: unknown event types, and events that make
 * no sense in the current state, leave the state as it was.
 */
import type { IntegrityVerdict } from './appointment.commands';
import type { AppointmentEvent, StoredEventLike } from './appointment.events';
import { isAppointmentEvent } from './appointment.events';
import type {
  AppointmentState,
  CandidateState,
  CaseData,
  ClosedCaseState,
  OpenCaseState,
  OpinionState,
  Stage,
} from './appointment.state';
import { stageIndex } from './appointment.state';
import { compareMoments, isDateOrTime } from './appointment.time';

function atLeastStage(current: Stage, stage: Stage): Stage {
  return stageIndex(current) >= stageIndex(stage) ? current : stage;
}

function touch<S extends CaseData>(state: S, at: string | undefined): S {
  return at && isDateOrTime(at) && compareMoments(at, state.updatedAt) > 0
    ? { ...state, updatedAt: at }
    : state;
}

function updateCandidate<S extends CaseData>(
  state: S,
  candidateId: string,
  update: (c: CandidateState) => CandidateState,
): S {
  return {
    ...state,
    candidates: state.candidates.map((c) => (c.candidateId === candidateId ? update(c) : c)),
  };
}

function newCandidate(
  data: Extract<AppointmentEvent, { type: 'CandidateNominated' }>['data'],
): CandidateState {
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

/** R10/R13: completing an opinion has consequences beyond the opinion itself. */
function completeOpinion(candidate: CandidateState, opinion: OpinionState): CandidateState {
  if (opinion.kind === 'political') {
    return {
      ...candidate,
      opinions: { ...candidate.opinions, political: opinion },
      vetoed: candidate.vetoed || opinion.verdict === 'unqualified',
    };
  }
  const last = opinion.signatures[opinion.signatures.length - 1];
  return {
    ...candidate,
    opinions: { ...candidate.opinions, integrity: opinion },
    checks: {
      ...candidate.checks,
      'discipline-opinion': {
        outcome: opinion.verdict as IntegrityVerdict,
        findings: opinion.text,
        checkedAt: opinion.completedAt ?? last.signedAt,
        checkedBy: opinion.draftedBy,
        blocking: opinion.verdict === 'objection',
      },
    },
  };
}

function evolveOpen(state: OpenCaseState, event: AppointmentEvent): AppointmentState {
  switch (event.type) {
    case 'CaseOpened':
      return state;
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
    case 'OpinionDrafted': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => {
          const previous = c.opinions[d.kind];
          const opinion: OpinionState = {
            kind: d.kind,
            draftNo: (previous?.draftNo ?? 0) + 1,
            text: d.text,
            digest: d.digest,
            verdict: d.verdict,
            draftedBy: d.draftedBy,
            draftedAt: d.draftedAt,
            signatures: [],
            complete: false,
            completedAt: null,
          };
          const checks = d.kind === 'integrity' ? { ...c.checks, 'discipline-opinion': null } : c.checks;
          return { ...c, checks, opinions: { ...c.opinions, [d.kind]: opinion } };
        }),
        d.draftedAt,
      );
    }
    case 'OpinionSigned': {
      const d = event.data;
      return touch(
        updateCandidate(state, d.candidateId, (c) => {
          const opinion = c.opinions[d.kind];
          if (!opinion || opinion.digest !== d.digest) return c;
          const signatures = [...opinion.signatures, { ...d.signer, digest: d.digest, signedAt: d.signedAt }];
          const roles = new Set(signatures.map((s) => s.signedAs));
          const persons = new Set(signatures.map((s) => s.id));
          const complete = roles.size >= 2 && persons.size >= 2;
          const next: OpinionState = {
            ...opinion,
            signatures,
            complete,
            completedAt: complete ? d.signedAt : null,
          };
          return complete ? completeOpinion(c, next) : { ...c, opinions: { ...c.opinions, [d.kind]: next } };
        }),
        d.signedAt,
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
    case 'DecisionMeetingHeld': {
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

function opened(event: Extract<AppointmentEvent, { type: 'CaseOpened' }>): OpenCaseState {
  const d = event.data;
  return {
    status: 'open',
    caseId: d.caseId,
    stage: 'initiated',
    ownerOrgUnit: d.ownerOrgUnit,
    post: d.post,
    seats: d.seats,
    grounds: d.grounds,
    openedBy: d.openedBy,
    openedAt: d.openedAt,
    initiation: { decision: 'pending', decidedBy: null, decidedAt: null, comment: null },
    rounds: [],
    latestValidRoundAt: null,
    inspectionTargets: null,
    team: null,
    inspectionNotice: null,
    meetings: [],
    candidates: [],
    reminders: [],
    withdrawal: null,
    updatedAt: d.openedAt,
  };
}

export function evolveAppointment(
  state: AppointmentState,
  event: AppointmentEvent | StoredEventLike,
): AppointmentState {
  if (!isAppointmentEvent(event)) return state;
  switch (state.status) {
    case 'empty':
      return event.type === 'CaseOpened' ? opened(event) : state;
    case 'open':
      return evolveOpen(state, event);
    case 'closed':
      return state;
    default: {
      const unknownState: never = state;
      return unknownState;
    }
  }
}
