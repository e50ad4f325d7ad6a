/**
 * DOMAIN.md §3: the reminders and escalations that are open in a case's state. Pure: the same
 * state, calendar and periods always give the same deadlines, so the deadline projection and the
 * reminder processor (which re-checks a reason when it fires) agree.
 */
import type { OpinionKind, Role } from '@app/appointment/appointment.commands';
import type { RulesConfig, WorkingCalendar } from '@app/appointment/appointment.config';
import { defaultRulesConfig } from '@app/appointment/appointment.config';
import type {
  AppointmentState,
  CandidateState,
  CaseData,
  CheckName,
} from '@app/appointment/appointment.state';
import { SIGNER_LABELS } from '@app/appointment/appointment.labels';
import { CHECK_NAMES } from '@app/appointment/appointment.state';
import { addDays, addMonths, dayOfWeek, shanghaiDate, shanghaiDateTime } from '@app/time';

export type DeadlineKind =
  | 'initiation-approval'
  | 'initiation-approval-escalation'
  | 'recommendation-expiry'
  | 'check-outstanding'
  | 'check-outstanding-escalation'
  | 'signature-outstanding'
  | 'signature-outstanding-escalation'
  | 'notice-ends'
  | 'hold-too-long'
  | 'appointment-talk-missing'
  | 'probation-ending'
  | 'probation-ends';

export interface Deadline {
  /** `<caseId>-<kind>-<subject>`: stable while the reason holds, never contains ':'. */
  deadlineId: string;
  caseId: string;
  kind: DeadlineKind;
  /** candidateId, `<candidateId>-<opinion kind>`, `<candidateId>-<check>`, objectionId or 'case'. */
  subject: string;
  /** ISO-8601 with +08:00. */
  dueAt: string;
  recipientRoles: Role[];
  reason: string;
  /** 0: the first reminder; 1: escalated to the supervisor. */
  escalationLevel: number;
}

/** §3 periods; every one configurable. */
export interface DeadlinePeriods {
  initiationApprovalWorkingDays: number;
  recommendationExpiryMonths: number;
  checkWorkingDays: number;
  signatureWorkingDays: number;
  holdMonths: number;
  appointmentTalkDays: number;
  probationAdvanceDays: number;
  /** Escalations to the supervisor fall due at this multiple of the first period. */
  escalationFactor: number;
  /** Local time (Asia/Shanghai) at which a reminder falls due on its day. */
  reminderTime: string;
}

export const defaultDeadlinePeriods: DeadlinePeriods = {
  initiationApprovalWorkingDays: 3,
  recommendationExpiryMonths: 11,
  checkWorkingDays: 10,
  signatureWorkingDays: 3,
  holdMonths: 3,
  appointmentTalkDays: 30,
  probationAdvanceDays: 30,
  escalationFactor: 2,
  reminderTime: '09:00',
};

export interface DeadlinePolicyDeps {
  calendar: WorkingCalendar;
  rules?: Partial<RulesConfig>;
  periods?: Partial<DeadlinePeriods>;
}

interface Ctx {
  calendar: WorkingCalendar;
  rules: RulesConfig;
  periods: DeadlinePeriods;
}

const CHECK_LABELS: Record<CheckName, string> = {
  dossier: '干部档案审核',
  'personal-matters': '个人有关事项报告核查',
  'discipline-opinion': '纪检监察机关意见',
  petitions: '信访举报查核',
};

const OPINION_LABELS: Record<OpinionKind, string> = {
  political: '政治素质考察书面评价意见',
  integrity: '廉政意见',
};

const SIGNER_ROLES: Record<string, Role> = {
  'inspection-leader': 'inspector',
  'unit-secretary': 'unit-secretary',
  'discipline-secretary': 'discipline-secretary',
};

export function openDeadlines(state: AppointmentState, deps: DeadlinePolicyDeps): Deadline[] {
  if (state.status !== 'open') return [];
  const ctx: Ctx = {
    calendar: deps.calendar,
    rules: { ...defaultRulesConfig, ...deps.rules },
    periods: {
      ...defaultDeadlinePeriods,
      holdMonths: deps.rules?.holdMonths ?? defaultDeadlinePeriods.holdMonths,
      ...deps.periods,
    },
  };
  return [
    ...initiation(state, ctx),
    ...recommendation(state, ctx),
    ...state.candidates.flatMap((candidate) => [
      ...checks(state, candidate, ctx),
      ...signatures(state, candidate, ctx),
      ...notice(state, candidate, ctx),
      ...holds(state, candidate, ctx),
      ...appointmentTalk(state, candidate, ctx),
      ...probation(state, candidate, ctx),
    ]),
  ];
}

function deadline(
  state: CaseData,
  kind: DeadlineKind,
  subject: string,
  date: string,
  recipientRoles: Role[],
  reason: string,
  escalationLevel: number,
  ctx: Ctx,
): Deadline {
  return {
    deadlineId: `${state.caseId}-${kind}-${subject}`,
    caseId: state.caseId,
    kind,
    subject,
    dueAt: shanghaiDateTime(date, ctx.periods.reminderTime),
    recipientRoles,
    reason,
    escalationLevel,
  };
}

/**
 * Working days after a moment's Shanghai date. Outside the calendar's known years (the State
 * Council publishes one year at a time) weekends alone are skipped, so a reminder is never lost.
 */
function workingDaysAfter(at: string, n: number, calendar: WorkingCalendar): string {
  const date = shanghaiDate(at);
  try {
    return calendar.addWorkingDays(date, n);
  } catch {
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      const weekday = dayOfWeek(day);
      if (weekday !== 0 && weekday !== 6) counted += 1;
    }
    return day;
  }
}

function initiation(state: CaseData, ctx: Ctx): Deadline[] {
  if (state.initiation.decision !== 'pending') return [];
  const days = ctx.periods.initiationApprovalWorkingDays;
  const opened = shanghaiDate(state.openedAt);
  return [
    deadline(
      state,
      'initiation-approval',
      'case',
      workingDaysAfter(state.openedAt, days, ctx.calendar),
      ['committee-secretary'],
      `动议（${opened}）已满${days}个工作日尚未审批`,
      0,
      ctx,
    ),
    deadline(
      state,
      'initiation-approval-escalation',
      'case',
      workingDaysAfter(state.openedAt, days * ctx.periods.escalationFactor, ctx.calendar),
      ['supervisor'],
      `动议（${opened}）已满${days * ctx.periods.escalationFactor}个工作日尚未审批，提请分管领导督办`,
      1,
      ctx,
    ),
  ];
}

function recommendation(state: CaseData, ctx: Ctx): Deadline[] {
  if (state.latestValidRoundAt === null || state.inspectionTargets !== null) return [];
  const roundDate = shanghaiDate(state.latestValidRoundAt);
  const expires = addMonths(roundDate, ctx.rules.recommendationValidityMonths);
  return [
    deadline(
      state,
      'recommendation-expiry',
      'case',
      addMonths(roundDate, ctx.periods.recommendationExpiryMonths),
      ['handler', 'supervisor'],
      `最近一次有效推荐（${roundDate}）将于${expires}失效，尚未确定考察对象`,
      0,
      ctx,
    ),
  ];
}

function checks(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (candidate.status !== 'target' || state.inspectionTargets === null) return [];
  const decidedAt = state.inspectionTargets.decidedAt;
  const days = ctx.periods.checkWorkingDays;
  const name = candidate.person.name;
  return CHECK_NAMES.filter((check) => candidate.checks[check] === null).flatMap((check) => {
    const subject = `${candidate.candidateId}-${check}`;
    const label = CHECK_LABELS[check];
    return [
      deadline(
        state,
        'check-outstanding',
        subject,
        workingDaysAfter(decidedAt, days, ctx.calendar),
        check === 'discipline-opinion' ? ['discipline-secretary'] : ['handler'],
        `${name}的凡提四必「${label}」在确定考察对象后${days}个工作日内尚未完成`,
        0,
        ctx,
      ),
      deadline(
        state,
        'check-outstanding-escalation',
        subject,
        workingDaysAfter(decidedAt, days * ctx.periods.escalationFactor, ctx.calendar),
        ['supervisor'],
        `${name}的凡提四必「${label}」在确定考察对象后${days * ctx.periods.escalationFactor}个工作日仍未完成，提请分管领导督办`,
        1,
        ctx,
      ),
    ];
  });
}

const SIGNING_STATUSES: readonly CandidateState['status'][] = ['target', 'deferred'];

function signatures(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (!SIGNING_STATUSES.includes(candidate.status)) return [];
  return (['political', 'integrity'] as const).flatMap((kind) => {
    const opinion = candidate.opinions[kind];
    if (opinion === null || opinion.complete) return [];
    const required = kind === 'political' ? ctx.rules.politicalSigners : ctx.rules.integritySigners;
    const missing = required.filter(
      (signer) => !opinion.signatures.some((s) => s.signedAs === signer && s.digest === opinion.digest),
    );
    if (missing.length === 0) return [];
    const roles = [
      ...new Set(
        missing.map((signer) => SIGNER_ROLES[signer]).filter((role): role is Role => role !== undefined),
      ),
    ];
    const who = missing.map((signer) => SIGNER_LABELS[signer] ?? signer).join('、');
    const subject = `${candidate.candidateId}-${kind}`;
    const days = ctx.periods.signatureWorkingDays;
    const label = OPINION_LABELS[kind];
    return [
      deadline(
        state,
        'signature-outstanding',
        subject,
        workingDaysAfter(opinion.draftedAt, days, ctx.calendar),
        roles,
        `${candidate.person.name}的${label}起草已满${days}个工作日，尚缺${who}签字`,
        0,
        ctx,
      ),
      deadline(
        state,
        'signature-outstanding-escalation',
        subject,
        workingDaysAfter(opinion.draftedAt, days * ctx.periods.escalationFactor, ctx.calendar),
        ['supervisor'],
        `${candidate.person.name}的${label}起草已满${days * ctx.periods.escalationFactor}个工作日，仍缺${who}签字，提请分管领导督办`,
        1,
        ctx,
      ),
    ];
  });
}

function notice(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (candidate.status !== 'in-notice' || candidate.publicNotice === null) return [];
  const open = candidate.objections.filter((o) => o.status !== 'resolved').length;
  const endDate = candidate.publicNotice.endDate;
  const reason =
    open === 0
      ? `${candidate.person.name}的任前公示于${endDate}期满，可以办理任职`
      : `${candidate.person.name}的任前公示于${endDate}期满，仍有${open}件反映问题未办结`;
  return [deadline(state, 'notice-ends', candidate.candidateId, endDate, ['handler'], reason, 0, ctx)];
}

function holds(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (candidate.status !== 'in-notice') return [];
  const months = ctx.periods.holdMonths;
  return candidate.objections
    .filter((o) => o.status === 'on-hold' && o.holdSince !== null)
    .map((o) => {
      const since = shanghaiDate(o.holdSince as string);
      return deadline(
        state,
        'hold-too-long',
        o.objectionId,
        addMonths(since, months),
        ['supervisor'],
        `${candidate.person.name}的反映问题自${since}暂缓核实已满${months}个月（R22）`,
        1,
        ctx,
      );
    });
}

function appointmentTalk(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (candidate.appointment === null || candidate.appointmentTalk !== null) return [];
  if (candidate.status !== 'appointed' && candidate.status !== 'on-probation') return [];
  const days = ctx.periods.appointmentTalkDays;
  return [
    deadline(
      state,
      'appointment-talk-missing',
      candidate.candidateId,
      addDays(candidate.appointment.noticeDate, days),
      ['handler'],
      `${candidate.person.name}任职（${candidate.appointment.noticeDate}）已满${days}天，尚未进行任职谈话（R25）`,
      0,
      ctx,
    ),
  ];
}

function probation(state: CaseData, candidate: CandidateState, ctx: Ctx): Deadline[] {
  if (
    candidate.status !== 'on-probation' ||
    candidate.probation === null ||
    candidate.probation.review !== null
  )
    return [];
  const endDate = candidate.probation.endDate;
  const days = ctx.periods.probationAdvanceDays;
  return [
    deadline(
      state,
      'probation-ending',
      candidate.candidateId,
      addDays(endDate, -days),
      ['handler', 'supervisor'],
      `${candidate.person.name}的试用期将于${endDate}期满，请准备试用期考核`,
      0,
      ctx,
    ),
    deadline(
      state,
      'probation-ends',
      candidate.candidateId,
      endDate,
      ['handler', 'supervisor'],
      `${candidate.person.name}的试用期于${endDate}期满，应进行考核（R26）`,
      0,
      ctx,
    ),
  ];
}

/** Whether two lists of one case's deadlines differ for a scheduler: added, and removed or moved. */
export function diffDeadlines(
  before: readonly Deadline[],
  after: readonly Deadline[],
): { added: Deadline[]; removed: Deadline[] } {
  const key = (d: Deadline): string =>
    JSON.stringify([d.deadlineId, d.dueAt, d.recipientRoles, d.reason, d.escalationLevel]);
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((d) => !beforeKeys.has(key(d))),
    removed: before.filter((d) => !afterKeys.has(key(d))),
  };
}
