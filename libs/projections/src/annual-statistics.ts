/**
 * Yearly statistics per org unit (DOMAIN.md §8, 一报告两评议 material). Each case contributes
 * fact rows (year, kind, key, value) derived from its supervision state; the report sums them.
 * Stage lengths are counted in working days on the calendar (libs/calendar).
 */
import type { WorkingCalendar } from '@app/appointment/appointment.config';
import { addDays, shanghaiDate } from '@app/time';
import { CHECK_LABELS } from './case-timeline.projection';
import type { SupervisionState } from './supervision-findings';

export type AnnualFactKind =
  | 'opened'
  | 'closed'
  | 'appointment'
  | 'exceptional'
  | 'veto'
  | 'block'
  | 'objection'
  | 'revocation'
  | 'sick-promotion'
  | 'stage-days'
  | 'reminder';

export interface AnnualFact {
  year: number;
  kind: AnnualFactKind;
  key: string;
  value: number;
}

/** The stretches of the procedure whose average length the report gives, in order. */
export const STAGE_SPANS = [
  { key: 'initiation', label: '动议至审批' },
  { key: 'recommendation', label: '审批至确定考察对象' },
  { key: 'inspection', label: '确定考察对象至讨论决定' },
  { key: 'notice', label: '任前公示' },
  { key: 'appointment', label: '讨论决定至任职' },
] as const;

const yearOf = (moment: string): number => Number(shanghaiDate(moment).slice(0, 4));

/** Working days from one moment's date to another's (the first day not counted). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let day = shanghaiDate(from);
  const end = shanghaiDate(to);
  let count = 0;
  for (let guard = 0; day < end && guard < 3700; guard++) {
    day = addDays(day, 1);
    let working: boolean;
    try {
      working = calendar.isWorkingDay(day);
    } catch {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      working = weekday !== 0 && weekday !== 6;
    }
    if (working) count += 1;
  }
  return count;
}

export function annualFacts(s: SupervisionState, calendar: WorkingCalendar): AnnualFact[] {
  const state = s.state;
  if (state.status === 'empty') return [];
  const facts: AnnualFact[] = [];
  const fact = (at: string | null | undefined, kind: AnnualFactKind, key = '', value = 1): void => {
    if (at) facts.push({ year: yearOf(at), kind, key, value });
  };
  fact(state.openedAt, 'opened');
  if (state.status === 'closed') fact(state.closedAt, 'closed', state.outcome);
  const span = (key: string, from: string | null | undefined, to: string | null | undefined): void => {
    if (from && to) fact(to, 'stage-days', key, workingDaysBetween(from, to, calendar));
  };
  span('initiation', state.openedAt, state.initiation.decidedAt);
  span('recommendation', state.initiation.decidedAt, state.inspectionTargets?.decidedAt);
  const firstMeeting = state.meetings[0]?.heldAt;
  span('inspection', state.inspectionTargets?.decidedAt, firstMeeting);
  for (const c of state.candidates) {
    if (c.exceptional) fact(c.nominatedAt, 'exceptional');
    if (c.vetoed) fact(c.opinions.political?.completedAt ?? c.opinions.political?.draftedAt, 'veto');
    for (const [check, value] of Object.entries(c.checks))
      if (value?.blocking) fact(value.checkedAt, 'block', check);
    for (const o of c.objections) fact(o.resolvedAt ?? o.receivedAt, 'objection', o.outcome ?? 'open');
    if (c.publicNotice) span('notice', c.publicNotice.startDate, c.publicNotice.endDate);
    if (c.appointment) {
      fact(c.appointment.noticeDate, 'appointment', state.post.level);
      span('appointment', c.decision?.heldAt, c.appointment.noticeDate);
    }
  }
  for (const r of s.revocations) fact(r.recordedAt, 'revocation');
  for (const p of s.sickPromotions) fact(p.foundAt, 'sick-promotion');
  for (const r of state.reminders)
    fact(
      r.issuedAt,
      'reminder',
      r.kind.endsWith('-escalation') || r.kind === 'hold-too-long' ? 'escalated' : 'issued',
    );
  return facts;
}

export interface AnnualReport {
  year: number;
  orgUnit: string | null;
  casesOpened: number;
  casesClosed: number;
  appointmentsByLevel: Record<string, number>;
  appointments: number;
  exceptional: number;
  vetoes: number;
  blocksByCheck: Record<string, number>;
  objectionsByOutcome: Record<string, number>;
  revocations: number;
  sickPromotions: number;
  averageWorkingDaysByStage: Record<string, number | null>;
  remindersIssued: number;
  remindersEscalated: number;
}

/** Sums of (kind, key): `total` the sum of values, `count` the number of facts. */
export interface AnnualAggregate {
  kind: AnnualFactKind;
  key: string;
  total: number;
  count: number;
}

export function annualReport(
  year: number,
  orgUnit: string | null,
  rows: readonly AnnualAggregate[],
): AnnualReport {
  const sum = (kind: AnnualFactKind, key?: string): number =>
    rows
      .filter((r) => r.kind === kind && (key === undefined || r.key === key))
      .reduce((n, r) => n + r.total, 0);
  const byKey = (kind: AnnualFactKind): Record<string, number> =>
    Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.key, r.total]));
  const averages: Record<string, number | null> = {};
  for (const { key } of STAGE_SPANS) {
    const row = rows.find((r) => r.kind === 'stage-days' && r.key === key);
    averages[key] = row && row.count > 0 ? Math.round((row.total / row.count) * 10) / 10 : null;
  }
  const blocks = byKey('block');
  return {
    year,
    orgUnit,
    casesOpened: sum('opened'),
    casesClosed: sum('closed'),
    appointmentsByLevel: byKey('appointment'),
    appointments: sum('appointment'),
    exceptional: sum('exceptional'),
    vetoes: sum('veto'),
    blocksByCheck: Object.fromEntries(Object.keys(CHECK_LABELS).map((check) => [check, blocks[check] ?? 0])),
    objectionsByOutcome: byKey('objection'),
    revocations: sum('revocation'),
    sickPromotions: sum('sick-promotion'),
    averageWorkingDaysByStage: averages,
    remindersIssued: sum('reminder'),
    remindersEscalated: sum('reminder', 'escalated'),
  };
}

const OBJECTION_OUTCOME_LABELS: Record<string, string> = {
  unfounded: '不属实',
  minor: '轻微（提醒谈话）',
  serious: '严重（取消任职）',
  hold: '暂缓核实',
  open: '未办结',
};

/** The report as rows of (项目, 数值) with Chinese labels: the CSV and XLSX bodies. */
export function annualReportRows(report: AnnualReport): Array<[string, string, number | string]> {
  const rows: Array<[string, string, number | string]> = [
    ['年度', '', report.year],
    ['单位', '', report.orgUnit ?? '全部'],
    ['案件', '新启动动议', report.casesOpened],
    ['案件', '结案', report.casesClosed],
    ['任职', '合计', report.appointments],
  ];
  for (const [level, n] of Object.entries(report.appointmentsByLevel).sort())
    rows.push(['任职（按职级）', level, n]);
  rows.push(['破格提拔', '', report.exceptional]);
  rows.push(['政治素质一票否决', '', report.vetoes]);
  for (const [check, n] of Object.entries(report.blocksByCheck))
    rows.push(['凡提四必未通过', CHECK_LABELS[check as keyof typeof CHECK_LABELS] ?? check, n]);
  for (const [outcome, n] of Object.entries(report.objectionsByOutcome).sort())
    rows.push(['任前公示反映问题', OBJECTION_OUTCOME_LABELS[outcome] ?? outcome, n]);
  rows.push(['免去试任职务', '', report.revocations]);
  rows.push(['带病提拔', '', report.sickPromotions]);
  for (const { key, label } of STAGE_SPANS)
    rows.push(['平均用时（工作日）', label, report.averageWorkingDaysByStage[key] ?? '—']);
  rows.push(['提醒', '发出', report.remindersIssued]);
  rows.push(['提醒', '其中升级督办', report.remindersEscalated]);
  return rows;
}

export const ANNUAL_HEADERS = ['项目', '分项', '数值'] as const;
