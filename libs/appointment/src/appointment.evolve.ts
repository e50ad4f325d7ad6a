/**
 * evolve: the state after one event. Pure and total: unknown event types, and events that make
 * no sense in the current state, leave the state as it was. Each stage's events are folded in
 * evolve/, as each stage's commands are decided in decide/.
 */
import type { AppointmentEvent, StoredEventLike } from './appointment.events';
import { isAppointmentEvent } from './appointment.events';
import type { AppointmentState, OpenCaseState } from './appointment.state';
import { evolveAppointmentStage } from './evolve/appointment.evolve';
import { evolveDecision } from './evolve/decision.evolve';
import { evolveInitiation } from './evolve/initiation.evolve';
import { evolveInspection } from './evolve/inspection.evolve';
import { evolveLifecycle } from './evolve/lifecycle.evolve';
import { evolveNotice } from './evolve/notice.evolve';
import { evolveOpinions } from './evolve/opinions.evolve';
import { recordPostAppointmentFinding } from './evolve/post-appointment.evolve';
import { evolveRecommendation } from './evolve/recommendation.evolve';

/** Change whenever evolve or the initial state changes: states cached by another version are not used. */
export const APPOINTMENT_FOLD_VERSION = 'appointment-fold-1';

function evolveOpen(state: OpenCaseState, event: AppointmentEvent): AppointmentState {
  switch (event.type) {
    case 'CaseOpened':
      return state;
    case 'InitiationApproved':
    case 'InitiationRejected':
      return evolveInitiation(state, event);
    case 'RecommendationRoundRecorded':
    case 'CandidateNominated':
    case 'EligibilityRecorded':
    case 'ExceptionalApprovalRecorded':
    case 'InspectionTargetsDetermined':
      return evolveRecommendation(state, event);
    case 'InspectionTeamFormed':
    case 'InspectionNoticePublished':
    case 'InspectionActivityRecorded':
    case 'InspectionReportSubmitted':
    case 'CheckRecorded':
      return evolveInspection(state, event);
    case 'OpinionDrafted':
    case 'OpinionSigned':
      return evolveOpinions(state, event);
    case 'DecisionMeetingHeld':
      return evolveDecision(state, event);
    case 'PublicNoticeStarted':
    case 'PublicNoticeWaived':
    case 'ObjectionRecorded':
    case 'ObjectionResolved':
    case 'AppointmentCancelled':
      return evolveNotice(state, event);
    case 'AppointmentIssued':
    case 'AppointmentTalkRecorded':
    case 'ProbationReviewed':
    case 'ProbationExtended':
    case 'AppointmentConfirmed':
    case 'AppointmentRevoked':
      return evolveAppointmentStage(state, event);
    case 'CandidateDropped':
    case 'CaseWithdrawn':
    case 'CaseClosed':
    case 'ReminderIssued':
      return evolveLifecycle(state, event);
    case 'PostAppointmentFindingRecorded':
      return recordPostAppointmentFinding(state, event);
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
      return event.type === 'PostAppointmentFindingRecorded'
        ? recordPostAppointmentFinding(state, event)
        : state;
    default: {
      const unknownState: never = state;
      return unknownState;
    }
  }
}
