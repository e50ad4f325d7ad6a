export * from './appointment.commands';
export * from './appointment.config';
export * from './appointment.events';
export * from './appointment.errors';
export type {
  AppointmentState,
  EmptyCaseState,
  OpenCaseState,
  ClosedCaseState,
  ExistingCaseState,
  CaseData,
  CandidateState,
  CandidateStatus,
  CheckName,
  CheckState,
  OpinionState,
  Signature,
  Objection,
  InspectionActivity,
  InspectionTeam,
  DecisionMeeting,
  RecommendationRound,
  ReminderRecord,
  Stage,
} from './appointment.state';
export { STAGES, CHECK_NAMES, stageIndex } from './appointment.state';
export { createAppointmentDecider, COMMAND_ROLES } from './appointment.decider';
export type { AppointmentDecider, AppointmentDeciderDeps } from './appointment.decider';
export { canReadCase } from './appointment.authorization';
export { nextActions } from './appointment.next-actions';
export type { NextAction, BlockedReason } from './appointment.next-actions';
export {
  opinionDigest,
  decisionReadiness,
  requiredMajority,
  requiredQuorum,
  requiredTurnout,
} from './appointment.rules';
export type { Readiness, ReadinessGap } from './appointment.rules';
export { caseStreamId, caseIdFromStream, CASE_STREAM_PREFIX } from './appointment.streams';
