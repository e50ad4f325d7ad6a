/**
 * The appointment procedure as a decider: initialState, evolve, decide. Pure: the clock, ids and
 * the acting person arrive in the command; the working-day calendar arrives in deps.
 */
import type { Actor, AppointmentCommand, AppointmentCommandType, Role } from './appointment.commands';
import type { RulesConfig, WorkingCalendar } from './appointment.config';
import { defaultRulesConfig } from './appointment.config';
import type { AppointmentEvent, StoredEventLike } from './appointment.events';
import { AppointmentErrors, DomainError } from './appointment.errors';
import { APPOINTMENT_FOLD_VERSION, evolveAppointment } from './appointment.evolve';
import { requireOwnerUnit, requireRole } from './appointment.authorization';
import type { AppointmentState, CaseData, ExistingCaseState } from './appointment.state';
import { initialAppointmentState } from './appointment.state';
import {
  decideIssueAppointment,
  decideRecordAppointmentTalk,
  decideReviewProbation,
} from './decide/appointment.decide';
import type { DecideContext } from './decide/decide-support';
import { decideHoldDecisionMeeting } from './decide/decision.decide';
import { decideApproveInitiation, decideOpenCase, decideRejectInitiation } from './decide/initiation.decide';
import {
  decideFormInspectionTeam,
  decidePublishInspectionNotice,
  decideRecordCheck,
  decideRecordInspectionActivity,
  decideSubmitInspectionReport,
} from './decide/inspection.decide';
import { decideDropCandidate, decideIssueReminder, decideWithdrawCase } from './decide/lifecycle.decide';
import { decideRecordPostAppointmentFinding } from './decide/post-appointment.decide';
import {
  decideRecordObjection,
  decideResolveObjection,
  decideStartPublicNotice,
} from './decide/notice.decide';
import { decideDraftOpinion, decideSignOpinion } from './decide/opinions.decide';
import {
  decideDetermineInspectionTargets,
  decideNominateCandidate,
  decideRecordEligibility,
  decideRecordExceptionalApproval,
  decideRecordRecommendationRound,
} from './decide/recommendation.decide';

/**
 * The roles that may issue each command at all (DOMAIN.md §5, API.md notes). Finer scoping —
 * the case's org unit, the inspection team, the candidate's unit — is checked in decide.
 */
export const COMMAND_ROLES: Record<AppointmentCommandType, readonly Role[]> = {
  OpenCase: ['handler'],
  ApproveInitiation: ['committee-secretary'],
  RejectInitiation: ['committee-secretary'],
  RecordRecommendationRound: ['handler'],
  NominateCandidate: ['handler'],
  RecordEligibility: ['handler'],
  RecordExceptionalApproval: ['handler'],
  DetermineInspectionTargets: ['handler'],
  FormInspectionTeam: ['handler'],
  PublishInspectionNotice: ['handler'],
  RecordInspectionActivity: ['inspector'],
  SubmitInspectionReport: ['inspector'],
  DraftOpinion: ['inspector', 'discipline-secretary', 'handler'],
  SignOpinion: ['inspector', 'unit-secretary', 'discipline-secretary'],
  RecordCheck: ['handler', 'discipline-secretary'],
  HoldDecisionMeeting: ['handler'],
  StartPublicNotice: ['handler'],
  RecordObjection: ['handler'],
  ResolveObjection: ['handler'],
  IssueAppointment: ['handler'],
  RecordAppointmentTalk: ['handler'],
  ReviewProbation: ['handler'],
  DropCandidate: ['handler'],
  WithdrawCase: ['handler'],
  IssueReminder: ['system'],
  RecordPostAppointmentFinding: ['handler', 'discipline-secretary'],
};

/** Roles scoped to the org unit that owns the case. */
const OWNER_SCOPED: readonly Role[] = ['handler', 'committee-secretary'];

/** Who may issue a command on this case at all: the role, and the case's unit for owner-scoped roles. */
export function authorizeCommand(type: AppointmentCommandType, actor: Actor, state: CaseData): void {
  requireRole(type, actor, COMMAND_ROLES[type]);
  if (OWNER_SCOPED.includes(actor.role)) requireOwnerUnit(type, actor, state);
}

export interface AppointmentDeciderDeps {
  calendar: WorkingCalendar;
  rules?: Partial<RulesConfig>;
}

export interface AppointmentDecider {
  initialState(): AppointmentState;
  evolve(state: AppointmentState, event: AppointmentEvent | StoredEventLike): AppointmentState;
  decide(command: AppointmentCommand, state: AppointmentState): AppointmentEvent[];
  readonly foldVersion: string;
}

function decideExisting(
  command: Exclude<AppointmentCommand, { type: 'OpenCase' }>,
  state: ExistingCaseState,
  ctx: DecideContext,
): AppointmentEvent[] {
  switch (command.type) {
    case 'ApproveInitiation':
      return decideApproveInitiation(command, state, ctx);
    case 'RejectInitiation':
      return decideRejectInitiation(command, state, ctx);
    case 'RecordRecommendationRound':
      return decideRecordRecommendationRound(command, state, ctx);
    case 'NominateCandidate':
      return decideNominateCandidate(command, state, ctx);
    case 'RecordEligibility':
      return decideRecordEligibility(command, state, ctx);
    case 'RecordExceptionalApproval':
      return decideRecordExceptionalApproval(command, state, ctx);
    case 'DetermineInspectionTargets':
      return decideDetermineInspectionTargets(command, state, ctx);
    case 'FormInspectionTeam':
      return decideFormInspectionTeam(command, state, ctx);
    case 'PublishInspectionNotice':
      return decidePublishInspectionNotice(command, state, ctx);
    case 'RecordInspectionActivity':
      return decideRecordInspectionActivity(command, state, ctx);
    case 'SubmitInspectionReport':
      return decideSubmitInspectionReport(command, state, ctx);
    case 'DraftOpinion':
      return decideDraftOpinion(command, state, ctx);
    case 'SignOpinion':
      return decideSignOpinion(command, state, ctx);
    case 'RecordCheck':
      return decideRecordCheck(command, state, ctx);
    case 'HoldDecisionMeeting':
      return decideHoldDecisionMeeting(command, state, ctx);
    case 'StartPublicNotice':
      return decideStartPublicNotice(command, state, ctx);
    case 'RecordObjection':
      return decideRecordObjection(command, state, ctx);
    case 'ResolveObjection':
      return decideResolveObjection(command, state, ctx);
    case 'IssueAppointment':
      return decideIssueAppointment(command, state, ctx);
    case 'RecordAppointmentTalk':
      return decideRecordAppointmentTalk(command, state, ctx);
    case 'ReviewProbation':
      return decideReviewProbation(command, state, ctx);
    case 'DropCandidate':
      return decideDropCandidate(command, state, ctx);
    case 'WithdrawCase':
      return decideWithdrawCase(command, state, ctx);
    case 'IssueReminder':
      return decideIssueReminder(command, state, ctx);
    case 'RecordPostAppointmentFinding':
      return decideRecordPostAppointmentFinding(command, state, ctx);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function createAppointmentDecider(deps: AppointmentDeciderDeps): AppointmentDecider {
  const ctx: DecideContext = { calendar: deps.calendar, rules: { ...defaultRulesConfig, ...deps.rules } };
  return {
    initialState: initialAppointmentState,
    evolve: evolveAppointment,
    foldVersion: APPOINTMENT_FOLD_VERSION,
    decide(command, state) {
      try {
        if (command.type === 'OpenCase') return decideOpenCase(command, state);
        if (state.status === 'empty') throw AppointmentErrors.caseNotFound(command.caseId);
        if (command.caseId !== state.caseId)
          throw AppointmentErrors.invalid('caseId', 'case-id-mismatch', undefined, { caseId: state.caseId });
        authorizeCommand(command.type, command.actor, state);
        return decideExisting(command, state, ctx);
      } catch (error) {
        throw namingCommand(error, command.type);
      }
    },
  };
}

/** A field error names the command it refused, so the field is labelled as that request's (`members`). */
function namingCommand(error: unknown, command: AppointmentCommandType): unknown {
  const details = error instanceof DomainError ? error.details : undefined;
  if (details !== undefined && typeof details.field === 'string' && details.command === undefined)
    details.command = command;
  return error;
}
