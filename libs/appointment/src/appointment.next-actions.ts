/**
 * nextActions (API.md, second round): what the caller can do on a case now, and why not where a
 * rule stands in the way. Built on the guards decide itself runs first, so an action offered as
 * allowed is one decide accepts for a well-formed request, and a blocked one is refused with the
 * codes listed here.
 */
import type { Actor, AppointmentCommandType, OpinionKind, RecordedCheck } from './appointment.commands';
import { defaultRulesConfig } from './appointment.config';
import type { AppointmentDeciderDeps } from './appointment.decider';
import { authorizeCommand } from './appointment.decider';
import type { RuleId } from './appointment.errors';
import { AppointmentErrorCodes as E, DomainError } from './appointment.errors';
import { RECORDED_CHECKS } from './appointment.rules';
import { SIGNER_LABELS } from './appointment.labels';
import type { AppointmentState, CandidateState, ExistingCaseState } from './appointment.state';
import {
  guardIssueAppointment,
  guardRecordAppointmentTalk,
  guardReviewProbation,
} from './decide/appointment.decide';
import type { DecideContext, Guard } from './decide/decide-support';
import { guardHoldDecisionMeeting, meetingBlockers } from './decide/decision.decide';
import { guardInitiationDecision } from './decide/initiation.decide';
import {
  guardFormInspectionTeam,
  guardPublishInspectionNotice,
  guardRecordCheck,
  guardRecordInspectionActivity,
  guardSubmitInspectionReport,
} from './decide/inspection.decide';
import { guardDropCandidate, guardWithdrawCase } from './decide/lifecycle.decide';
import { guardRecordObjection, guardResolveObjection, guardStartPublicNotice } from './decide/notice.decide';
import { guardDraftOpinion, guardSignOpinion } from './decide/opinions.decide';
import { guardRecordPostAppointmentFinding } from './decide/post-appointment.decide';
import {
  guardDetermineInspectionTargets,
  guardRecommending,
  guardRecordEligibility,
  guardRecordExceptionalApproval,
  targetBlockers,
} from './decide/recommendation.decide';

export interface BlockedReason {
  code: string;
  rule: RuleId;
  message: string;
}

export interface NextAction {
  action: AppointmentCommandType;
  method: 'POST';
  path: string;
  candidateId?: string;
  kind?: OpinionKind;
  check?: RecordedCheck;
  objectionId?: string;
  allowed: boolean;
  blockedBy?: BlockedReason[];
  /**
   * Where the step stands: `todo`, not done yet; `redo`, done, and doing it again replaces what was
   * recorded (a new draft, a new check result, a new report, a new eligibility review); `again`,
   * done at least once and may be added to (another round, another inspection activity).
   */
  step: StepState;
  /** R16: who signed the current draft of an opinion, whose signatures a re-draft leaves behind. */
  voidsSignatures?: Array<{ id: string; name: string; signedAs: string }>;
}

export type StepState = 'todo' | 'redo' | 'again';

interface Target {
  candidate?: CandidateState;
  kind?: OpinionKind;
  check?: RecordedCheck;
  objectionId?: string;
}

/** A guard returns the reasons no choice passes (for commands that choose among candidates) or throws. */
type GuardRun = (g: Guard, t: Target) => unknown[] | unknown;

interface ActionSpec {
  action: AppointmentCommandType;
  scope: 'case' | 'candidate' | 'opinion' | 'check' | 'objection';
  path: (t: Target) => string;
  guard: GuardRun;
  /** DOMAIN.md §7: the command a closed case still takes. */
  closedCase?: true;
}

const cid = (t: Target): string => t.candidate?.candidateId ?? '';
const onCandidate = (t: Target, rest: string) => `/candidates/${cid(t)}${rest}`;

const SPECS: readonly ActionSpec[] = [
  {
    action: 'ApproveInitiation',
    scope: 'case',
    path: () => '/initiation/approve',
    guard: (g) => guardInitiationDecision(g),
  },
  {
    action: 'RejectInitiation',
    scope: 'case',
    path: () => '/initiation/reject',
    guard: (g) => guardInitiationDecision(g),
  },
  {
    action: 'RecordRecommendationRound',
    scope: 'case',
    path: () => '/recommendation-rounds',
    guard: (g) => guardRecommending(g),
  },
  {
    action: 'NominateCandidate',
    scope: 'case',
    path: () => '/candidates',
    guard: (g) => guardRecommending(g),
  },
  {
    action: 'RecordEligibility',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/eligibility'),
    guard: (g, t) => guardRecordEligibility(g, cid(t)),
  },
  {
    action: 'RecordExceptionalApproval',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/exceptional-approval'),
    guard: (g, t) => guardRecordExceptionalApproval(g, cid(t)),
  },
  {
    action: 'DetermineInspectionTargets',
    scope: 'case',
    path: () => '/inspection-targets',
    guard: (g) => {
      guardDetermineInspectionTargets(g);
      return targetBlockers(g);
    },
  },
  {
    action: 'FormInspectionTeam',
    scope: 'case',
    path: () => '/inspection-team',
    guard: (g) => guardFormInspectionTeam(g),
  },
  {
    action: 'PublishInspectionNotice',
    scope: 'case',
    path: () => '/inspection-notice',
    guard: (g) => guardPublishInspectionNotice(g),
  },
  {
    action: 'RecordInspectionActivity',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/inspection-activities'),
    guard: (g, t) => guardRecordInspectionActivity(g, cid(t)),
  },
  {
    action: 'SubmitInspectionReport',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/inspection-report'),
    guard: (g, t) => guardSubmitInspectionReport(g, cid(t)),
  },
  {
    action: 'DraftOpinion',
    scope: 'opinion',
    path: (t) => onCandidate(t, `/opinions/${t.kind}`),
    guard: (g, t) => guardDraftOpinion(g, cid(t), t.kind as OpinionKind),
  },
  {
    action: 'SignOpinion',
    scope: 'opinion',
    path: (t) => onCandidate(t, `/opinions/${t.kind}/signatures`),
    guard: (g, t) => guardSignOpinion(g, cid(t), t.kind as OpinionKind),
  },
  {
    action: 'RecordCheck',
    scope: 'check',
    path: (t) => onCandidate(t, `/checks/${t.check}`),
    guard: (g, t) => guardRecordCheck(g, cid(t), t.check as RecordedCheck),
  },
  {
    action: 'HoldDecisionMeeting',
    scope: 'case',
    path: () => '/decision-meetings',
    guard: (g) => {
      guardHoldDecisionMeeting(g);
      return meetingBlockers(g);
    },
  },
  {
    action: 'StartPublicNotice',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/public-notice'),
    guard: (g, t) => guardStartPublicNotice(g, cid(t)),
  },
  {
    action: 'RecordObjection',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/objections'),
    guard: (g, t) => guardRecordObjection(g, cid(t)),
  },
  {
    action: 'ResolveObjection',
    scope: 'objection',
    path: (t) => onCandidate(t, `/objections/${t.objectionId}/resolution`),
    guard: (g, t) => guardResolveObjection(g, cid(t), t.objectionId ?? ''),
  },
  {
    action: 'IssueAppointment',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/appointment'),
    guard: (g, t) => guardIssueAppointment(g, cid(t)),
  },
  {
    action: 'RecordAppointmentTalk',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/appointment-talk'),
    guard: (g, t) => guardRecordAppointmentTalk(g, cid(t)),
  },
  {
    action: 'ReviewProbation',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/probation-review'),
    guard: (g, t) => guardReviewProbation(g, cid(t)),
  },
  {
    action: 'DropCandidate',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/drop'),
    guard: (g, t) => guardDropCandidate(g, cid(t)),
  },
  { action: 'WithdrawCase', scope: 'case', path: () => '/withdraw', guard: (g) => guardWithdrawCase(g) },
  {
    action: 'RecordPostAppointmentFinding',
    scope: 'candidate',
    path: (t) => onCandidate(t, '/post-appointment-findings'),
    guard: (g, t) => guardRecordPostAppointmentFinding(g, cid(t)),
    closedCase: true,
  },
];

/**
 * Refusals that mean "not this action, not here" rather than "not yet": the action is left out.
 * R1 is shown only on the steps that come right after the approval.
 */
const NOT_APPLICABLE: ReadonlySet<string> = new Set([
  E.WRONG_STAGE,
  E.CASE_CLOSED,
  E.CANDIDATE_WRONG_STATUS,
  E.NOT_EXCEPTIONAL,
  E.INSPECTION_NOTICE_ALREADY_PUBLISHED,
  E.OBJECTION_ALREADY_RESOLVED,
  E.APPOINTMENT_TALK_ALREADY_RECORDED,
  E.NO_PROBATION,
  E.NOT_APPOINTED,
]);
const SHOWS_R1: readonly AppointmentCommandType[] = ['RecordRecommendationRound', 'NominateCandidate'];

function targets(spec: ActionSpec, state: ExistingCaseState): Target[] {
  switch (spec.scope) {
    case 'case':
      return [{}];
    case 'candidate':
      return state.candidates.map((candidate) => ({ candidate }));
    case 'opinion':
      return state.candidates.flatMap((candidate) =>
        (['political', 'integrity'] as const).map((kind) => ({ candidate, kind })),
      );
    case 'check':
      return state.candidates.flatMap((candidate) => RECORDED_CHECKS.map((check) => ({ candidate, check })));
    case 'objection':
      return state.candidates.flatMap((candidate) =>
        candidate.objections
          .filter((o) => o.status !== 'resolved')
          .map((o) => ({ candidate, objectionId: o.objectionId })),
      );
    default: {
      const unknownScope: never = spec.scope;
      return unknownScope;
    }
  }
}

/** The reasons a guard gives: none when it passes. */
function stepOf(action: AppointmentCommandType, state: ExistingCaseState, t: Target): StepState {
  const c = t.candidate;
  const done = ((): boolean | 'again' => {
    switch (action) {
      case 'DraftOpinion':
        return t.kind !== undefined && c?.opinions[t.kind] != null;
      case 'RecordCheck':
        return t.check !== undefined && c?.checks[t.check] != null;
      case 'SubmitInspectionReport':
        return c?.report != null;
      case 'RecordEligibility':
        return c?.eligibility != null;
      case 'RecordInspectionActivity':
        return (c?.activities.length ?? 0) > 0 && 'again';
      case 'RecordRecommendationRound':
        return state.rounds.length > 0 && 'again';
      default:
        return false;
    }
  })();
  return done === 'again' ? 'again' : done ? 'redo' : 'todo';
}

/** The signatures on the current draft of the opinion a DraftOpinion would replace. */
function signaturesLeftBehind(action: AppointmentCommandType, t: Target): NextAction['voidsSignatures'] {
  if (action !== 'DraftOpinion' || t.kind === undefined) return undefined;
  const opinion = t.candidate?.opinions[t.kind];
  const current = (opinion?.signatures ?? []).filter((s) => s.digest === opinion?.digest);
  return current.length > 0
    ? current.map((s) => ({ id: s.id, name: s.name, signedAs: s.signedAs }))
    : undefined;
}

function reasonsOf(run: () => unknown): unknown[] {
  try {
    const result = run();
    return Array.isArray(result) ? result : [];
  } catch (error) {
    return [error];
  }
}

function shown(action: AppointmentCommandType, reason: unknown): reason is DomainError & { rule: RuleId } {
  if (!(reason instanceof DomainError) || reason.category !== 'rule' || !reason.rule) return false;
  if (NOT_APPLICABLE.has(reason.code)) return false;
  return reason.code !== E.INITIATION_NOT_APPROVED || SHOWS_R1.includes(action);
}

/**
 * Every action the caller's role may take on this case, allowed or blocked by a rule, with its path.
 * On a closed case, only what it still takes (DOMAIN.md §7).
 */
export function nextActions(
  state: AppointmentState,
  caller: Actor,
  now: string,
  deps: AppointmentDeciderDeps,
): NextAction[] {
  if (state.status === 'empty') return [];
  const ctx: DecideContext = { calendar: deps.calendar, rules: { ...defaultRulesConfig, ...deps.rules } };
  const actions: NextAction[] = [];
  for (const spec of state.status === 'closed' ? SPECS.filter((s) => s.closedCase) : SPECS) {
    const g: Guard = { type: spec.action, state, actor: caller, at: now, ctx };
    if (reasonsOf(() => authorizeCommand(spec.action, caller, state)).length > 0) continue;
    for (const target of targets(spec, state)) {
      const reasons = reasonsOf(() => spec.guard(g, target));
      const entry: NextAction = {
        action: spec.action,
        method: 'POST',
        path: `/cases/${state.caseId}${spec.path(target)}`,
        ...(target.candidate && { candidateId: target.candidate.candidateId }),
        ...(target.kind && { kind: target.kind }),
        ...(target.check && { check: target.check }),
        ...(target.objectionId && { objectionId: target.objectionId }),
        allowed: reasons.length === 0,
        step: stepOf(spec.action, state, target),
      };
      const voided = signaturesLeftBehind(spec.action, target);
      if (voided) entry.voidsSignatures = voided;
      if (reasons.length === 0) {
        actions.push(entry);
        continue;
      }
      const blocking = reasons.filter((r) => shown(spec.action, r));
      if (blocking.length === 0) continue;
      actions.push({
        ...entry,
        blockedBy: blocking.map((error) => ({
          code: error.code,
          rule: error.rule,
          message: blockedMessage(error, state),
        })),
      });
    }
  }
  return actions;
}

const CHECK_NAMES_ZH: Record<string, string> = {
  dossier: '干部档案审核',
  'personal-matters': '个人有关事项报告核查',
  'discipline-opinion': '纪检监察机关意见',
  petitions: '信访举报核查',
};
const OPINION_NAMES_ZH: Record<string, string> = {
  political: '政治素质考察书面评价意见',
  integrity: '廉政意见',
};
const GAP_NAMES_ZH: Record<string, string> = {
  'inspection-report': '考察报告',
  'check:dossier': '干部档案审核',
  'check:personal-matters': '个人有关事项报告核查',
  'check:discipline-opinion': '纪检监察机关意见',
  'check:petitions': '信访举报核查',
  'opinion:political': '双签字的政治素质考察意见',
  'opinion:integrity': '双签字的廉政意见',
  'exceptional-approval': '破格提拔批复',
};

function candidateName(state: ExistingCaseState, details: Record<string, unknown> | undefined): string {
  const id = details?.candidateId;
  const found = state.candidates.find((c) => c.candidateId === id);
  return found ? found.person.name : '该候选人';
}

/** Why an action waits, in words a clerk of the organisation department reads, with the rule id. */
export function blockedMessage(error: DomainError & { rule: RuleId }, state: ExistingCaseState): string {
  const d = error.details ?? {};
  const name = candidateName(state, d);
  const text = ((): string => {
    switch (error.code) {
      case E.INITIATION_NOT_APPROVED:
        return '动议尚未经党委（党组）书记批准';
      case E.RECOMMENDATION_MISSING:
        return '尚未记录有效的民主推荐';
      case E.ELIGIBILITY_NOT_RECORDED:
        return `尚未核查${name}的任职资格条件`;
      case E.CANDIDATE_DISQUALIFIED:
        return `${name}存在不得列为考察对象的情形`;
      case E.EXCEPTIONAL_APPROVAL_MISSING:
        return `${name}属破格提拔，尚缺上级组织部门的批复`;
      case E.TEAM_NOT_FORMED:
        return '考察组尚未组建';
      case E.INSPECTION_NOTICE_NOT_PUBLISHED:
        return '考察预告尚未发布';
      case E.NO_INSPECTION_ACTIVITY:
        return `尚未记录对${name}的考察活动`;
      case E.CANDIDATE_VETOED:
        return `${name}政治素质考察不合格，一票否决`;
      case E.OPINION_NOT_DRAFTED:
        return `${OPINION_NAMES_ZH[String(d.kind)] ?? '意见'}尚未起草`;
      case E.ALREADY_SIGNED:
        return '您已在本稿上签字';
      case E.SIGNER_ROLE_ALREADY_SIGNED:
        return `${SIGNER_LABELS[String(d.signedAs)] ?? '同一身份'}已在本稿上签字`;
      case E.CHECK_BLOCKS_CANDIDATE:
        return `${name}的${CHECK_NAMES_ZH[String(d.check)] ?? '核查'}结果不能通过`;
      case E.NOT_READY_FOR_DECISION: {
        const missing = Array.isArray(d.missing) ? d.missing.map((m) => GAP_NAMES_ZH[String(m)] ?? m) : [];
        return `${name}尚不具备提交讨论决定的条件，还缺：${missing.join('、')}`;
      }
      case E.OBJECTIONS_OPEN:
        return `${name}在公示期间收到的反映问题尚未办结`;
      case E.REMINDER_TALK_MISSING:
        return `${name}的反映问题经核实情节轻微，尚未记录提醒谈话`;
      case E.NOTICE_NOT_ENDED:
        return `任前公示至 ${String(d.endDate)} 结束，任职须在公示期满之后`;
      default:
        return '不符合工作规则';
    }
  })();
  return `${text}（${error.rule}）`;
}
