import { OpenCaseController } from './open-case/open-case.controller';
import { OpenCaseHandler } from './open-case/open-case.handler';
import { ApproveInitiationController } from './approve-initiation/approve-initiation.controller';
import { ApproveInitiationHandler } from './approve-initiation/approve-initiation.handler';
import { RejectInitiationController } from './reject-initiation/reject-initiation.controller';
import { RejectInitiationHandler } from './reject-initiation/reject-initiation.handler';
import { RecordRecommendationRoundController } from './record-recommendation-round/record-recommendation-round.controller';
import { RecordRecommendationRoundHandler } from './record-recommendation-round/record-recommendation-round.handler';
import { NominateCandidateController } from './nominate-candidate/nominate-candidate.controller';
import { NominateCandidateHandler } from './nominate-candidate/nominate-candidate.handler';
import { RecordEligibilityController } from './record-eligibility/record-eligibility.controller';
import { RecordEligibilityHandler } from './record-eligibility/record-eligibility.handler';
import { RecordExceptionalApprovalController } from './record-exceptional-approval/record-exceptional-approval.controller';
import { RecordExceptionalApprovalHandler } from './record-exceptional-approval/record-exceptional-approval.handler';
import { DetermineInspectionTargetsController } from './determine-inspection-targets/determine-inspection-targets.controller';
import { DetermineInspectionTargetsHandler } from './determine-inspection-targets/determine-inspection-targets.handler';
import { FormInspectionTeamController } from './form-inspection-team/form-inspection-team.controller';
import { FormInspectionTeamHandler } from './form-inspection-team/form-inspection-team.handler';
import { PublishInspectionNoticeController } from './publish-inspection-notice/publish-inspection-notice.controller';
import { PublishInspectionNoticeHandler } from './publish-inspection-notice/publish-inspection-notice.handler';
import { RecordInspectionActivityController } from './record-inspection-activity/record-inspection-activity.controller';
import { RecordInspectionActivityHandler } from './record-inspection-activity/record-inspection-activity.handler';
import { SubmitInspectionReportController } from './submit-inspection-report/submit-inspection-report.controller';
import { SubmitInspectionReportHandler } from './submit-inspection-report/submit-inspection-report.handler';
import { DraftOpinionController } from './draft-opinion/draft-opinion.controller';
import { DraftOpinionHandler } from './draft-opinion/draft-opinion.handler';
import { SignOpinionController } from './sign-opinion/sign-opinion.controller';
import { SignOpinionHandler } from './sign-opinion/sign-opinion.handler';
import { RecordCheckController } from './record-check/record-check.controller';
import { RecordCheckHandler } from './record-check/record-check.handler';
import { HoldDecisionMeetingController } from './hold-decision-meeting/hold-decision-meeting.controller';
import { HoldDecisionMeetingHandler } from './hold-decision-meeting/hold-decision-meeting.handler';
import { StartPublicNoticeController } from './start-public-notice/start-public-notice.controller';
import { StartPublicNoticeHandler } from './start-public-notice/start-public-notice.handler';
import { RecordObjectionController } from './record-objection/record-objection.controller';
import { RecordObjectionHandler } from './record-objection/record-objection.handler';
import { ResolveObjectionController } from './resolve-objection/resolve-objection.controller';
import { ResolveObjectionHandler } from './resolve-objection/resolve-objection.handler';
import { IssueAppointmentController } from './issue-appointment/issue-appointment.controller';
import { IssueAppointmentHandler } from './issue-appointment/issue-appointment.handler';
import { RecordAppointmentTalkController } from './record-appointment-talk/record-appointment-talk.controller';
import { RecordAppointmentTalkHandler } from './record-appointment-talk/record-appointment-talk.handler';
import { ReviewProbationController } from './review-probation/review-probation.controller';
import { ReviewProbationHandler } from './review-probation/review-probation.handler';
import { DropCandidateController } from './drop-candidate/drop-candidate.controller';
import { DropCandidateHandler } from './drop-candidate/drop-candidate.handler';
import { WithdrawCaseController } from './withdraw-case/withdraw-case.controller';
import { WithdrawCaseHandler } from './withdraw-case/withdraw-case.handler';
import { RecordPostAppointmentFindingController } from './record-post-appointment-finding/record-post-appointment-finding.controller';
import { RecordPostAppointmentFindingHandler } from './record-post-appointment-finding/record-post-appointment-finding.handler';

export const commandControllers = [
  OpenCaseController,
  ApproveInitiationController,
  RejectInitiationController,
  RecordRecommendationRoundController,
  NominateCandidateController,
  RecordEligibilityController,
  RecordExceptionalApprovalController,
  DetermineInspectionTargetsController,
  FormInspectionTeamController,
  PublishInspectionNoticeController,
  RecordInspectionActivityController,
  SubmitInspectionReportController,
  DraftOpinionController,
  SignOpinionController,
  RecordCheckController,
  HoldDecisionMeetingController,
  StartPublicNoticeController,
  RecordObjectionController,
  ResolveObjectionController,
  IssueAppointmentController,
  RecordAppointmentTalkController,
  ReviewProbationController,
  DropCandidateController,
  WithdrawCaseController,
  RecordPostAppointmentFindingController,
];

export const commandHandlers = [
  OpenCaseHandler,
  ApproveInitiationHandler,
  RejectInitiationHandler,
  RecordRecommendationRoundHandler,
  NominateCandidateHandler,
  RecordEligibilityHandler,
  RecordExceptionalApprovalHandler,
  DetermineInspectionTargetsHandler,
  FormInspectionTeamHandler,
  PublishInspectionNoticeHandler,
  RecordInspectionActivityHandler,
  SubmitInspectionReportHandler,
  DraftOpinionHandler,
  SignOpinionHandler,
  RecordCheckHandler,
  HoldDecisionMeetingHandler,
  StartPublicNoticeHandler,
  RecordObjectionHandler,
  ResolveObjectionHandler,
  IssueAppointmentHandler,
  RecordAppointmentTalkHandler,
  ReviewProbationHandler,
  DropCandidateHandler,
  WithdrawCaseHandler,
  RecordPostAppointmentFindingHandler,
];
