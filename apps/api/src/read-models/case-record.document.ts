/**
 * The printable 纪实表 as data: what the one template (HTML and PDF) lays out. Built from the
 * recorded events, the timeline entries folded from them, the case state and its open deadlines.
 */
import type { AppointmentState, CandidatePerson, CandidateState, Stage } from '@app/appointment';
import type { ChainVerification, RecordedEvent } from '@app/event-store';
import {
  CHECK_LABELS,
  OPINION_LABELS,
  OUTCOME_LABELS,
  STAGE_LABELS,
  type TimelineEntry,
} from '@app/projections';
import type { Deadline } from '@app/reminders';
import { compareMoments } from '@app/time';
import { describeValue } from './case-record.values';
import {
  GRADE_LABELS,
  type Naming,
  postInWords,
  REMINDER_LABELS,
  ROLE_LABELS,
  type RecordRow,
  type RecordSignature,
  rowOf,
  str,
  time,
  currentPostInWords,
} from './case-record.words';

/** The 纪实表 as JSON (GET /cases/:id/record without Accept: text/html or application/pdf). */
export interface CaseRecord {
  caseId: string;
  ownerOrgUnit: string;
  post: { title: string; orgUnit: string; level: string };
  seats: number;
  grounds: string;
  status: string;
  stage: Stage;
  outcome: string | null;
  revision: string;
  producedAt: string;
  verification: ChainVerification;
  entries: TimelineEntry[];
  stages: Array<{ stage: Stage; label: string; entries: TimelineEntry[] }>;
  candidates: Array<{
    candidateId: string;
    person: CandidatePerson;
    status: string;
    entries: TimelineEntry[];
  }>;
}

export interface RecordSection {
  heading: string;
  rows: RecordRow[];
}

export interface SheetRow {
  label: string;
  lines: string[];
}

/** 一人一表: one page per candidate. */
export interface CandidateSheet {
  name: string;
  status: string;
  rows: SheetRow[];
}

export interface OpenItem {
  item: string;
  concerns: string;
  due: string;
  overdue: boolean;
  to: string;
}

export interface CaseRecordDocument {
  caseId: string;
  post: string;
  ownerOrgUnit: string;
  seats: number;
  grounds: string;
  stage: string;
  candidates: string;
  events: number;
  sections: RecordSection[];
  sheets: CandidateSheet[];
  /** Only for a case still open (未办结事项). */
  openItems: OpenItem[] | null;
  verification: { intact: boolean; events: number; brokenAt?: string };
  chainHead: string;
  generatedBy: { name: string; role: string };
  generatedAt: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const STATUS_LABELS: Record<string, string> = {
  nominated: '已提名',
  'not-selected': '未列为考察对象',
  target: '考察对象',
  deferred: '缓议',
  approved: '讨论决定通过',
  rejected: '讨论决定未通过',
  'in-notice': '任前公示中',
  appointed: '已任职',
  'on-probation': '试用期中',
  confirmed: '正式任职',
  revoked: '免去试任职务',
  cancelled: '取消任职',
  dropped: '已退出',
};

const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

function naming(events: readonly RecordedEvent[], state: AppointmentState): Naming {
  const candidates = new Map<string, string>();
  const members = new Map<string, string>();
  if (state.status !== 'empty')
    for (const c of state.candidates) candidates.set(c.candidateId, c.person.name);
  for (const event of events) {
    const data = event.data as { members?: unknown };
    if (event.type === 'DecisionMeetingHeld' && Array.isArray(data.members))
      for (const m of data.members as Array<{ id?: unknown; name?: unknown }>)
        if (typeof m?.id === 'string' && typeof m.name === 'string') members.set(m.id, m.name);
  }
  return { candidates, members };
}

function signaturesOf(entry: TimelineEntry | undefined): RecordSignature[] {
  return (entry?.signatures ?? []).map((s) => ({
    name: s.name,
    signedAs: roleLabel(s.signedAs),
    signedAt: time(s.signedAt),
    digest: s.digest,
  }));
}

/** Sections in stage order; steps the timeline does not know (yet) follow under their own heading. */
function sections(
  events: readonly RecordedEvent[],
  entries: TimelineEntry[],
  names: Naming,
): RecordSection[] {
  const byRevision = new Map(entries.map((e) => [e.revision, e]));
  const staged = new Map<Stage, RecordRow[]>();
  const findings: RecordRow[] = [];
  const others: RecordRow[] = [];
  let lastStage: Stage = 'initiated';
  for (const event of events) {
    const entry = byRevision.get(event.revision);
    const row = rowOf(event, names, {
      title: entry?.title,
      time: entry?.time,
      signatures: signaturesOf(entry),
    });
    if (event.type === 'PostAppointmentFindingRecorded') findings.push(row);
    else if (entry) {
      lastStage = entry.stage;
      staged.set(entry.stage, [...(staged.get(entry.stage) ?? []), row]);
    } else if (event.type in { ReminderIssued: 1 }) {
      staged.set(lastStage, [...(staged.get(lastStage) ?? []), row]);
    } else others.push(row);
  }
  const list: Array<{ label: string; rows: RecordRow[] }> = [...staged.entries()]
    .sort(([a], [b]) => Object.keys(STAGE_LABELS).indexOf(a) - Object.keys(STAGE_LABELS).indexOf(b))
    .map(([stage, rows]) => ({ label: STAGE_LABELS[stage], rows }));
  if (findings.length) list.push({ label: '任职后发现问题', rows: findings });
  if (others.length) list.push({ label: '其他记载事项', rows: others });
  return list.map((s, i) => ({ heading: `${NUMERALS[i] ?? i + 1}、${s.label}`, rows: s.rows }));
}

function opinionLines(c: CandidateState, kind: 'political' | 'integrity'): string[] {
  const o = c.opinions[kind];
  if (!o) return ['尚未起草'];
  return [
    `${describeValue(o.verdict, new Map())}（第${o.draftNo}稿，${o.draftedBy.name}于${time(o.draftedAt)}起草）`,
    ...o.signatures.map((s) => `签字：${s.name}（${roleLabel(s.signedAs)}）${time(s.signedAt)}`),
    o.complete ? `双签字完成（${time(o.completedAt ?? '')}）` : '双签字未完成',
    `文本摘要（SHA-256）：${o.digest}`,
  ];
}

function sheet(c: CandidateState, state: AppointmentState, events: readonly RecordedEvent[]): CandidateSheet {
  const rows: SheetRow[] = [];
  const p = c.person;
  rows.push({
    label: '基本情况',
    lines: [
      `${p.name}${p.birthDate ? `，${p.birthDate}出生` : ''}，${currentPostInWords(p.orgUnit, p.currentPost)}`,
      `推荐人：${c.recommendedBy.name}（${c.recommendedBy.role}）实名推荐；理由：${c.reason}`,
      ...(c.exceptional
        ? [
            `破格：${describeValue(c.exceptional.kind, new Map())}；${
              c.exceptional.approval
                ? `${c.exceptional.approval.approvedBy}批复（${c.exceptional.approval.documentNo}）`
                : '尚无上级批复'
            }`,
          ]
        : []),
    ],
  });
  if (state.status !== 'empty') {
    const votes = state.rounds.flatMap((r) =>
      r.results
        .filter((x) => x.candidateId === c.candidateId || x.personId === p.id)
        .map(
          (x) =>
            `${r.kind === 'meeting' ? '会议推荐' : '谈话调研推荐'}（${time(r.heldAt)}）：${x.votes}票／实参加${r.participants}人`,
        ),
    );
    rows.push({ label: '民主推荐', lines: votes.length ? votes : ['无得票记录'] });
  }
  rows.push({
    label: '资格审查',
    lines: c.eligibility
      ? [
          c.eligibility.disqualified
            ? `存在不得列为考察对象的情形：${describeValue(c.eligibility.disqualifyingFlags, new Map())}`
            : '未发现不得列为考察对象的情形',
        ]
      : ['尚未审查'],
  });
  rows.push({
    label: '考察',
    lines: [
      ...c.activities.map((a) => {
        const label = describeValue(a.kind, new Map());
        const grades = a.grades
          ? `：${Object.entries(GRADE_LABELS)
              .map(([k, l]) => `${l}${(a.grades as unknown as Record<string, number>)[k] ?? 0}`)
              .join('、')}`
          : '';
        return `${label}（${time(a.heldAt)}）${a.count !== undefined ? `${a.count}人` : ''}${grades}`;
      }),
      ...(c.report
        ? [
            `考察报告（${c.report.submittedBy.name}，${time(c.report.submittedAt)}）：优点：${c.report.strengths}；不足：${c.report.weaknesses}`,
          ]
        : ['考察报告尚未提交']),
    ],
  });
  rows.push({
    label: '凡提四必',
    lines: (Object.keys(CHECK_LABELS) as Array<keyof typeof CHECK_LABELS>).map((name) => {
      const check = c.checks[name];
      return check
        ? `${CHECK_LABELS[name]}：${describeValue(check.outcome, new Map())}${check.blocking ? '（不得提交讨论）' : ''}，${check.checkedBy.name}于${time(check.checkedAt)}`
        : `${CHECK_LABELS[name]}：尚未完成`;
    }),
  });
  rows.push({ label: OPINION_LABELS.political, lines: opinionLines(c, 'political') });
  rows.push({ label: OPINION_LABELS.integrity, lines: opinionLines(c, 'integrity') });
  rows.push({
    label: '讨论决定',
    lines: c.decision
      ? [
          `${time(c.decision.heldAt)}会议：同意${c.decision.agree}票，不同意${c.decision.disagree}票，缓议${c.decision.defer}票（应到会${c.decision.entitled}人）；${OUTCOME_LABELS[c.decision.outcome] ?? c.decision.outcome}`,
        ]
      : [c.vetoed ? '政治素质考察不合格，一票否决，未提交讨论' : '尚未讨论决定'],
  });
  rows.push({
    label: '任前公示',
    lines: [
      c.publicNotice
        ? `${c.publicNotice.startDate}至${c.publicNotice.endDate}`
        : c.noticeWaiver
          ? `免于公示：${c.noticeWaiver.ground}`
          : '未公示',
      ...c.objections.map(
        (o, i) =>
          `反映问题${i + 1}（${time(o.receivedAt)}收到）：${o.summary}；${o.outcome ? `${OUTCOME_LABELS[o.outcome] ?? o.outcome}（${o.findings ?? ''}）` : '尚未办结'}`,
      ),
    ],
  });
  const appointment = c.appointment;
  rows.push({
    label: '任职及试用期',
    lines: appointment
      ? [
          `任职通知${appointment.noticeDate}，任职时间自${appointment.seniorityFrom}起算`,
          c.appointmentTalk
            ? `任职谈话：${c.appointmentTalk.heldBy}于${time(c.appointmentTalk.heldAt)}`
            : '尚未进行任职谈话',
          ...(c.probation
            ? [
                `试用期${c.probation.startDate}至${c.probation.endDate}${c.probation.review ? `，考核${OUTCOME_LABELS[c.probation.review.result]}` : ''}`,
              ]
            : []),
        ]
      : [
          c.cancelled
            ? `取消任职：${c.cancelled.reason}`
            : c.dropped
              ? `退出：${c.dropped.reason}`
              : '未任职',
        ],
  });
  const findings = events.filter(
    (e) =>
      e.type === 'PostAppointmentFindingRecorded' &&
      (e.data as { candidateId?: unknown }).candidateId === c.candidateId,
  );
  if (findings.length)
    rows.push({
      label: '任职后发现问题',
      lines: findings.map((e) => {
        const d = e.data as Record<string, unknown>;
        const sick = d.substantiated === true && d.predatesAppointment === true;
        return `${time(d.foundAt)}：${str(d.summary)}${sick ? '（带病提拔）' : d.substantiated === true ? '（查实）' : ''}`;
      }),
    });
  const status = STATUS_LABELS[c.status] ?? c.status;
  return { name: p.name, status: c.vetoed ? `${status}（政治素质考察不合格，一票否决）` : status, rows };
}

/** 未办结事项: what the state says is open, with the deadline the reminder policy sets for it. */
function openItems(state: AppointmentState, deadlines: Deadline[], now: Date): OpenItem[] {
  if (state.status !== 'open') return [];
  const items: OpenItem[] = [];
  const due = (d: Deadline | undefined) =>
    d
      ? {
          due: time(d.dueAt),
          overdue: compareMoments(d.dueAt, now.toISOString()) < 0,
          to: d.recipientRoles.map(roleLabel).join('、'),
        }
      : { due: '', overdue: false, to: '' };
  const used = new Set<string>();
  const deadlineFor = (subject: string, kind: string) => {
    const d = deadlines.find((x) => x.subject === subject && x.kind === kind);
    if (d) used.add(d.deadlineId);
    return d;
  };
  for (const c of state.candidates) {
    for (const o of c.objections.filter((x) => x.status !== 'resolved'))
      items.push({
        item: `反映问题${o.status === 'on-hold' ? '暂缓核实' : '尚未办结'}：${o.summary}`,
        concerns: c.person.name,
        ...due(deadlineFor(o.objectionId, 'hold-too-long')),
      });
    if ((c.status !== 'target' && c.status !== 'deferred') || c.vetoed) continue;
    for (const name of Object.keys(CHECK_LABELS) as Array<keyof typeof CHECK_LABELS>)
      if (!c.checks[name])
        items.push({
          item: `凡提四必未完成：${CHECK_LABELS[name]}`,
          concerns: c.person.name,
          ...due(deadlineFor(`${c.candidateId}-${name}`, 'check-outstanding')),
        });
    for (const kind of ['political', 'integrity'] as const) {
      const o = c.opinions[kind];
      if (!o)
        items.push({ item: `${OPINION_LABELS[kind]}尚未起草`, concerns: c.person.name, ...due(undefined) });
      else if (!o.complete) {
        const d = deadlineFor(`${c.candidateId}-${kind}`, 'signature-outstanding');
        items.push({
          item: d?.reason ?? `${OPINION_LABELS[kind]}双签字未完成`,
          concerns: c.person.name,
          ...due(d),
        });
      }
    }
  }
  for (const d of deadlines) {
    if (used.has(d.deadlineId) || d.escalationLevel > 0) continue;
    const candidate = state.candidates.find((c) => d.subject.startsWith(c.candidateId));
    items.push({
      item: d.reason || (REMINDER_LABELS[d.kind] ?? '办理期限'),
      concerns: candidate?.person.name ?? '本案',
      ...due(d),
    });
  }
  return items;
}

export function buildCaseRecordDocument(input: {
  record: CaseRecord;
  events: readonly RecordedEvent[];
  state: AppointmentState;
  deadlines: Deadline[];
  now: Date;
  generatedBy: { name: string; role: string };
}): CaseRecordDocument {
  const { record, events, state } = input;
  const names = naming(events, state);
  const stageText = `${STAGE_LABELS[record.stage] ?? record.stage}${
    record.outcome ? `（${OUTCOME_LABELS[record.outcome] ?? record.outcome}）` : ''
  }`;
  return {
    caseId: record.caseId,
    post: postInWords(record.post),
    ownerOrgUnit: record.ownerOrgUnit,
    seats: record.seats,
    grounds: record.grounds,
    stage: record.status === 'withdrawn' ? '已撤销' : stageText,
    candidates: record.candidates
      .map((c) => `${c.person.name}（${STATUS_LABELS[c.status] ?? c.status}）`)
      .join('、'),
    events: events.length,
    sections: sections(events, record.entries, names),
    sheets: state.status === 'empty' ? [] : state.candidates.map((c) => sheet(c, state, events)),
    openItems: state.status === 'open' ? openItems(state, input.deadlines, input.now) : null,
    verification: record.verification,
    chainHead: events.length ? str(events[events.length - 1].metadata.hash) : '',
    generatedBy: { name: input.generatedBy.name, role: roleLabel(input.generatedBy.role) },
    generatedAt: time(input.now.toISOString()),
  };
}
