/**
 * 专项检查 (DOMAIN.md §8): the findings of one case, as pure functions over its recorded events,
 * the working-day calendar and "now". The case is folded once (evolveSupervision) into a compact
 * state that keeps what the findings need — the domain state, the revisions that prove each fact,
 * and every episode of a deadline of the reminder policy — and supervisionFindings(state, now)
 * reads the findings off it. Deadlines come from libs/reminders' policy, never re-derived here.
 */
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { isAppointmentEvent } from '@app/appointment/appointment.events';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { initialAppointmentState } from '@app/appointment/appointment.state';
import { isPlainDate as isIsoDate, shanghaiDisplay } from '@app/time';
import type { RecordedEvent } from '@app/event-store';
import { type DeadlineKind, type DeadlinePolicyDeps, openDeadlines } from '@app/reminders/deadline-policy';
import { FINDING_SOURCE_LABELS } from '@app/appointment/appointment.labels';
import { CHECK_LABELS, OPINION_LABELS } from './case-timeline.projection';
import { caseIdOf, evolveCase } from './case-state.fold';

export type FindingCode =
  | 'LATE_APPROVAL'
  | 'CHECK_OVERDUE'
  | 'SIGNATURE_OVERDUE'
  | 'BACKFILLED'
  | 'EQUAL_SLATE'
  | 'EXCEPTIONAL'
  | 'HOLD_TOO_LONG'
  | 'TALK_OVERDUE'
  | 'PROBATION_UNREVIEWED'
  | 'REPEATED_DEFERRAL'
  | 'SICK_PROMOTION'
  | 'RECOMMENDER_ACCOUNTABLE'
  | 'REVOKED';

export const FINDING_CODES: readonly FindingCode[] = [
  'LATE_APPROVAL',
  'CHECK_OVERDUE',
  'SIGNATURE_OVERDUE',
  'BACKFILLED',
  'EQUAL_SLATE',
  'EXCEPTIONAL',
  'HOLD_TOO_LONG',
  'TALK_OVERDUE',
  'PROBATION_UNREVIEWED',
  'REPEATED_DEFERRAL',
  'SICK_PROMOTION',
  'RECOMMENDER_ACCOUNTABLE',
  'REVOKED',
];

export type Severity = 'red' | 'yellow' | 'blue';

export const SEVERITY_LABELS: Record<Severity, string> = { red: '红', yellow: '黄', blue: '蓝' };

export interface Finding {
  findingId: string;
  code: FindingCode;
  severity: Severity;
  caseId: string;
  ownerOrgUnit: string;
  candidateId?: string;
  title: string;
  detail: string;
  /** Revisions in the case stream of the events that prove it. */
  evidence: string[];
  detectedAt: string;
  closedAt?: string;
}

/** The reminder-policy deadlines whose passing is a finding, and the code each gives. */
const TRACKED: Partial<Record<DeadlineKind, FindingCode>> = {
  'initiation-approval': 'LATE_APPROVAL',
  'check-outstanding': 'CHECK_OVERDUE',
  'signature-outstanding': 'SIGNATURE_OVERDUE',
  'hold-too-long': 'HOLD_TOO_LONG',
  'appointment-talk-missing': 'TALK_OVERDUE',
  'probation-ends': 'PROBATION_UNREVIEWED',
};

/** One stretch of time a deadline was open: from the event that opened it until the one that ended it. */
export interface DeadlineEpisode {
  code: FindingCode;
  subject: string;
  dueAt: string;
  reason: string;
  openedRevision: string;
  closedAt?: string;
  closedRevision?: string;
}

export interface FactRef {
  revision: string;
  recordedAt: string;
}

export interface SupervisionState {
  caseId: string | null;
  ownerOrgUnit: string;
  revision: string | null;
  state: AppointmentState;
  /** deadlineId → its episodes, oldest first. */
  episodes: Record<string, DeadlineEpisode[]>;
  backfills: Array<FactRef & { type: string; occurredAt: string; days: number; candidateId?: string }>;
  opened: FactRef | null;
  initiationDecided: FactRef | null;
  nominations: Record<string, FactRef>;
  exceptionalApprovals: Record<string, FactRef & { documentNo: string; approvedBy: string }>;
  equalSlate: (FactRef & { targets: number; seats: number }) | null;
  deferrals: Record<string, FactRef[]>;
  appointments: Record<string, FactRef>;
  sickPromotions: Array<
    FactRef & { candidateId: string; findingId: string; source: string; summary: string; foundAt: string }
  >;
  accountable: Array<FactRef & { candidateId: string; cause: 'sick-promotion' | 'probation-incompetent' }>;
  revocations: Array<FactRef & { candidateId: string; reason: string }>;
}

export function initialSupervisionState(): SupervisionState {
  return {
    caseId: null,
    ownerOrgUnit: '',
    revision: null,
    state: initialAppointmentState(),
    episodes: {},
    backfills: [],
    opened: null,
    initiationDecided: null,
    nominations: {},
    exceptionalApprovals: {},
    equalSlate: null,
    deferrals: {},
    appointments: {},
    sickPromotions: [],
    accountable: [],
    revocations: [],
  };
}

/** DOMAIN.md §8 BACKFILLED: more than 7 (yellow) / 30 (red) days between occurring and recording. */
export const BACKFILL_YELLOW_DAYS = 7;
export const BACKFILL_RED_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The occurred time a step carries (R28), or null for steps dated by their recording. */
export function occurredTimeOf(event: AppointmentEvent): string | null {
  switch (event.type) {
    case 'RecommendationRoundRecorded':
    case 'InspectionActivityRecorded':
    case 'DecisionMeetingHeld':
    case 'AppointmentTalkRecorded':
      return event.data.heldAt;
    case 'ExceptionalApprovalRecorded':
      return event.data.approvedAt;
    case 'InspectionTargetsDetermined':
      return event.data.decidedAt;
    case 'InspectionNoticePublished':
      return event.data.publishedAt;
    case 'CheckRecorded':
      return event.data.checkedAt;
    case 'ObjectionRecorded':
      return event.data.receivedAt;
    case 'AppointmentIssued':
      return event.data.noticeDate;
    case 'PostAppointmentFindingRecorded':
      return event.data.foundAt;
    default:
      return null;
  }
}

/** A date means its whole day in Shanghai: the latest instant of it, so a same-week entry is never late. */
function instant(value: string, endOfDay: boolean): number {
  if (isIsoDate(value)) return Date.parse(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}+08:00`);
  return Date.parse(value);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** When a step happened: its occurred time, or when it was recorded. */
function momentOf(event: AppointmentEvent, recordedAt: string): string {
  const occurred = occurredTimeOf(event);
  return occurred === null ? recordedAt : iso(instant(occurred, false));
}

/** Steps that never open, move or end a tracked deadline: the policy need not be asked again. */
const LEAVES_TRACKED_DEADLINES = new Set<string>([
  'RecommendationRoundRecorded',
  'CandidateNominated',
  'EligibilityRecorded',
  'ExceptionalApprovalRecorded',
  'InspectionTeamFormed',
  'InspectionNoticePublished',
  'InspectionActivityRecorded',
  'InspectionReportSubmitted',
  'ObjectionRecorded',
  'ReminderIssued',
  'PostAppointmentFindingRecorded',
]);

const memoized = new WeakMap<DeadlinePolicyDeps, DeadlinePolicyDeps>();

/**
 * The deadline policy with its calendar answers remembered: the supervision fold asks for the
 * deadlines after every event, and the same dates come back again and again.
 */
export function remembering(policy: DeadlinePolicyDeps): DeadlinePolicyDeps {
  let found = memoized.get(policy);
  if (found) return found;
  const calendar = policy.calendar;
  const working = new Map<string, boolean>();
  const added = new Map<string, string>();
  const nth = new Map<string, string>();
  found = {
    ...policy,
    calendar: {
      isWorkingDay: (date) => {
        let v = working.get(date);
        if (v === undefined) working.set(date, (v = calendar.isWorkingDay(date)));
        return v;
      },
      addWorkingDays: (date, n) => {
        const key = `${date}+${n}`;
        let v = added.get(key);
        if (v === undefined) added.set(key, (v = calendar.addWorkingDays(date, n)));
        return v;
      },
      nthWorkingDay: (date, n) => {
        const key = `${date}#${n}`;
        let v = nth.get(key);
        if (v === undefined) nth.set(key, (v = calendar.nthWorkingDay(date, n)));
        return v;
      },
    },
  };
  memoized.set(policy, found);
  return found;
}

/**
 * What the supervision read model stores of a case: the facts supervision adds, not the case's own
 * folded state, which is kept once for every projection (case_states) and put back when read.
 */
export type StoredSupervision = Omit<SupervisionState, 'state'>;

export function storedSupervision(s: SupervisionState): StoredSupervision {
  const { state: _state, ...stored } = s;
  return stored;
}

/**
 * The supervision state after one more event. `after` is the case's state after that event when the
 * caller has folded it already (the projection runner's shared fold); without it the case is folded here.
 */
export function evolveSupervision(
  current: SupervisionState,
  recorded: RecordedEvent,
  policy: DeadlinePolicyDeps,
  folded?: AppointmentState,
): SupervisionState {
  const caseId = caseIdOf(recorded.streamId);
  if (caseId === null || !isAppointmentEvent(recorded)) return current;
  if (current.revision !== null && BigInt(recorded.revision) <= BigInt(current.revision)) return current;
  const event = recorded as unknown as AppointmentEvent;
  const ref: FactRef = { revision: recorded.revision, recordedAt: recorded.metadata.recordedAt };
  const after = folded ?? evolveCase(current.state, event);
  if (after.status === 'empty') return current;
  const s: SupervisionState = {
    ...current,
    caseId,
    ownerOrgUnit: after.ownerOrgUnit,
    revision: recorded.revision,
    state: after,
  };
  facts(s, event, ref);
  if (LEAVES_TRACKED_DEADLINES.has(event.type)) return s;
  const only = ONE_CANDIDATE.has(event.type)
    ? (event.data as { candidateId?: string }).candidateId
    : undefined;
  s.episodes = trackDeadlines(
    current.episodes,
    after,
    remembering(policy),
    momentOf(event, ref.recordedAt),
    ref.revision,
    only,
  );
  return s;
}

/** Steps that concern one candidate: only that candidate's deadlines can change. */
const ONE_CANDIDATE = new Set<string>([
  'CheckRecorded',
  'OpinionDrafted',
  'OpinionSigned',
  'ObjectionResolved',
  'PublicNoticeStarted',
  'PublicNoticeWaived',
  'AppointmentCancelled',
  'AppointmentIssued',
  'AppointmentTalkRecorded',
  'ProbationReviewed',
  'ProbationExtended',
  'AppointmentConfirmed',
  'AppointmentRevoked',
  'CandidateDropped',
]);

function facts(s: SupervisionState, event: AppointmentEvent, ref: FactRef): void {
  const occurred = occurredTimeOf(event);
  if (occurred !== null) {
    const lag = instant(ref.recordedAt, false) - instant(occurred, true);
    if (lag > BACKFILL_YELLOW_DAYS * DAY_MS) {
      const candidateId = (event.data as { candidateId?: string }).candidateId;
      s.backfills = [
        ...s.backfills,
        {
          ...ref,
          type: event.type,
          occurredAt: occurred,
          days: Math.floor(lag / DAY_MS),
          ...(candidateId !== undefined && { candidateId }),
        },
      ];
    }
  }
  switch (event.type) {
    case 'CaseOpened':
      s.opened = ref;
      return;
    case 'InitiationApproved':
    case 'InitiationRejected':
      s.initiationDecided = ref;
      return;
    case 'CandidateNominated':
      s.nominations = { ...s.nominations, [event.data.candidateId]: ref };
      return;
    case 'ExceptionalApprovalRecorded':
      s.exceptionalApprovals = {
        ...s.exceptionalApprovals,
        [event.data.candidateId]: {
          ...ref,
          documentNo: event.data.documentNo,
          approvedBy: event.data.approvedBy,
        },
      };
      return;
    case 'InspectionTargetsDetermined': {
      const seats = s.state.status === 'empty' ? 1 : s.state.seats;
      const targets = event.data.candidateIds.length;
      s.equalSlate = targets <= seats ? { ...ref, targets, seats } : null;
      return;
    }
    case 'DecisionMeetingHeld': {
      const deferrals = { ...s.deferrals };
      for (const result of event.data.results)
        if (result.outcome === 'deferred')
          deferrals[result.candidateId] = [...(deferrals[result.candidateId] ?? []), ref];
      s.deferrals = deferrals;
      return;
    }
    case 'AppointmentIssued':
      s.appointments = { ...s.appointments, [event.data.candidateId]: ref };
      return;
    case 'ProbationReviewed':
      if (event.data.result === 'incompetent')
        holdAccountable(s, event.data.candidateId, 'probation-incompetent', ref);
      return;
    case 'AppointmentRevoked':
      s.revocations = [
        ...s.revocations,
        { ...ref, candidateId: event.data.candidateId, reason: event.data.reason },
      ];
      return;
    case 'PostAppointmentFindingRecorded': {
      const d = event.data;
      if (!d.sickPromotion) return;
      s.sickPromotions = [
        ...s.sickPromotions,
        {
          ...ref,
          candidateId: d.candidateId,
          findingId: d.findingId,
          source: d.source,
          summary: d.summary,
          foundAt: d.foundAt,
        },
      ];
      holdAccountable(s, d.candidateId, 'sick-promotion', ref);
      return;
    }
    default:
      return;
  }
}

/** R27: one accountability per candidate and cause, as the recommender process records it. */
function holdAccountable(
  s: SupervisionState,
  candidateId: string,
  cause: 'sick-promotion' | 'probation-incompetent',
  ref: FactRef,
): void {
  if (s.accountable.some((a) => a.candidateId === candidateId && a.cause === cause)) return;
  s.accountable = [...s.accountable, { ...ref, candidateId, cause }];
}

function trackDeadlines(
  before: Record<string, DeadlineEpisode[]>,
  state: AppointmentState,
  policy: DeadlinePolicyDeps,
  at: string,
  revision: string,
  candidateId?: string,
): Record<string, DeadlineEpisode[]> {
  const episodes: Record<string, DeadlineEpisode[]> = { ...before };
  const candidate =
    candidateId !== undefined && state.status !== 'empty'
      ? state.candidates.find((c) => c.candidateId === candidateId)
      : undefined;
  // Asking the policy about that candidate alone gives the same deadlines for them, for less work.
  const concerned = (subject: string): boolean =>
    candidate === undefined ||
    subject === candidate.candidateId ||
    subject.startsWith(`${candidate.candidateId}-`) ||
    candidate.objections.some((o) => o.objectionId === subject);
  const asked =
    candidate !== undefined && state.status !== 'empty' ? { ...state, candidates: [candidate] } : state;
  const open = new Map(
    openDeadlines(asked, policy)
      .filter((d) => TRACKED[d.kind] !== undefined && concerned(d.subject))
      .map((d) => [d.deadlineId, d]),
  );
  const atMs = Date.parse(at);
  const close = (id: string, list: DeadlineEpisode[]): void => {
    const last = list[list.length - 1];
    episodes[id] = [...list.slice(0, -1), { ...last, closedAt: at, closedRevision: revision }];
  };
  for (const [id, list] of Object.entries(before)) {
    const last = list[list.length - 1];
    if (last.closedAt === undefined && !open.has(id) && concerned(last.subject)) close(id, list);
  }
  for (const [id, deadline] of open) {
    const list = episodes[id] ?? [];
    const last = list[list.length - 1];
    const fresh: DeadlineEpisode = {
      code: TRACKED[deadline.kind] as FindingCode,
      subject: deadline.subject,
      dueAt: deadline.dueAt,
      reason: deadline.reason,
      openedRevision: revision,
    };
    if (last === undefined || last.closedAt !== undefined) {
      episodes[id] = [...list, fresh];
    } else if (last.dueAt !== deadline.dueAt || last.reason !== deadline.reason) {
      // A deadline that moves after it had passed (a probation extended late) stays on record.
      if (Date.parse(last.dueAt) <= atMs) {
        close(id, list);
        episodes[id] = [...(episodes[id] ?? []), fresh];
      } else {
        episodes[id] = [...list.slice(0, -1), { ...last, dueAt: deadline.dueAt, reason: deadline.reason }];
      }
    }
  }
  return episodes;
}

export function foldSupervision(
  events: readonly RecordedEvent[],
  policy: DeadlinePolicyDeps,
): SupervisionState {
  return events.reduce((s, e) => evolveSupervision(s, e, policy), initialSupervisionState());
}

const EPISODE_TITLES: Partial<Record<FindingCode, string>> = {
  LATE_APPROVAL: '动议逾期未审批',
  CHECK_OVERDUE: '凡提四必核查逾期',
  SIGNATURE_OVERDUE: '双签字逾期',
  HOLD_TOO_LONG: '反映问题暂缓核实超期',
  TALK_OVERDUE: '任职谈话逾期',
  PROBATION_UNREVIEWED: '试用期满未考核',
};

export const FINDING_TITLES: Record<FindingCode, string> = {
  ...(EPISODE_TITLES as Record<FindingCode, string>),
  BACKFILLED: '事后补记',
  EQUAL_SLATE: '等额考察',
  EXCEPTIONAL: '破格提拔',
  REPEATED_DEFERRAL: '多次缓议',
  SICK_PROMOTION: '带病提拔',
  RECOMMENDER_ACCOUNTABLE: '推荐人被追责（谁推荐谁负责）',
  REVOKED: '免去试任职务',
};

const SEVERITY: Record<FindingCode, Severity> = {
  LATE_APPROVAL: 'yellow',
  CHECK_OVERDUE: 'yellow',
  SIGNATURE_OVERDUE: 'yellow',
  BACKFILLED: 'yellow',
  EQUAL_SLATE: 'blue',
  EXCEPTIONAL: 'blue',
  HOLD_TOO_LONG: 'yellow',
  TALK_OVERDUE: 'yellow',
  PROBATION_UNREVIEWED: 'red',
  REPEATED_DEFERRAL: 'blue',
  SICK_PROMOTION: 'red',
  RECOMMENDER_ACCOUNTABLE: 'red',
  REVOKED: 'yellow',
};

const EXCEPTIONAL_KIND_LABELS: Record<string, string> = {
  'skip-level': '越级提拔',
  unrecommended: '未经民主推荐',
  other: '其他破格情形',
};

const STEP_LABELS: Record<string, string> = {
  RecommendationRoundRecorded: '民主推荐',
  ExceptionalApprovalRecorded: '破格提拔批复',
  InspectionTargetsDetermined: '确定考察对象',
  InspectionNoticePublished: '考察预告',
  InspectionActivityRecorded: '考察活动',
  CheckRecorded: '凡提四必核查',
  DecisionMeetingHeld: '讨论决定会议',
  ObjectionRecorded: '收到反映问题',
  AppointmentIssued: '任职通知',
  AppointmentTalkRecorded: '任职谈话',
  PostAppointmentFindingRecorded: '任职后发现问题',
};

const shanghai = shanghaiDisplay;

/** Every finding of the case at `now` (ISO time), closed ones included. */
export function supervisionFindings(s: SupervisionState, now: string): Finding[] {
  if (s.caseId === null || s.state.status === 'empty') return [];
  const caseId = s.caseId;
  const state = s.state;
  const nowMs = Date.parse(now);
  const nameOf = (candidateId: string | undefined): string =>
    state.candidates.find((c) => c.candidateId === candidateId)?.person.name ?? '';
  const post = state.post.title.startsWith(state.post.orgUnit)
    ? state.post.title
    : `${state.post.orgUnit}${state.post.title}`;
  const out: Finding[] = [];
  const add = (
    code: FindingCode,
    key: string,
    f: Omit<Finding, 'findingId' | 'code' | 'severity' | 'caseId' | 'ownerOrgUnit' | 'title'> & {
      severity?: Severity;
      title?: string;
    },
  ): void => {
    out.push({
      findingId: `${caseId}:${code}:${key}`,
      code,
      severity: f.severity ?? SEVERITY[code],
      caseId,
      ownerOrgUnit: s.ownerOrgUnit,
      title: f.title ?? `${FINDING_TITLES[code]}：${post}`,
      ...f,
    });
  };

  for (const [deadlineId, list] of Object.entries(s.episodes)) {
    list.forEach((episode, index) => {
      const endMs = episode.closedAt !== undefined ? Date.parse(episode.closedAt) : nowMs;
      if (Date.parse(episode.dueAt) > endMs) return;
      const candidateId = state.candidates.find(
        (c) =>
          episode.subject === c.candidateId ||
          episode.subject.startsWith(`${c.candidateId}-`) ||
          c.objections.some((o) => o.objectionId === episode.subject),
      )?.candidateId;
      const evidence = [episode.openedRevision, ...(episode.closedRevision ? [episode.closedRevision] : [])];
      const who = candidateId ? `（${nameOf(candidateId)}）` : '';
      const closing =
        episode.closedAt !== undefined
          ? `；已于${shanghai(episode.closedAt)}办结，逾期${Math.max(1, Math.ceil((Date.parse(episode.closedAt) - Date.parse(episode.dueAt)) / DAY_MS))}天`
          : '；截至目前仍未办结';
      add(episode.code, `${deadlineId.slice(caseId.length + 1)}:${index}`, {
        ...(candidateId && { candidateId }),
        title: `${FINDING_TITLES[episode.code]}：${post}${who}`,
        detail: `${episode.reason}，期限为${shanghai(episode.dueAt)}${closing}。`,
        evidence,
        detectedAt: iso(Date.parse(episode.dueAt)),
        ...(episode.closedAt !== undefined && { closedAt: iso(Date.parse(episode.closedAt)) }),
      });
    });
  }

  for (const b of s.backfills) {
    const red = b.days > BACKFILL_RED_DAYS;
    add('BACKFILLED', b.revision, {
      severity: red ? 'red' : 'yellow',
      ...(b.candidateId && { candidateId: b.candidateId }),
      title: `事后补记${red ? '（超过30天）' : '（超过7天）'}：${post}${b.candidateId ? `（${nameOf(b.candidateId)}）` : ''}`,
      detail: `「${STEP_LABELS[b.type] ?? b.type}」发生于${shanghai(b.occurredAt)}，${shanghai(b.recordedAt)}才录入，相隔${b.days}天。`,
      evidence: [b.revision],
      detectedAt: iso(Date.parse(b.recordedAt)),
    });
  }

  if (s.equalSlate) {
    const e = s.equalSlate;
    add('EQUAL_SLATE', 'targets', {
      detail: `确定考察对象${e.targets}人，职位${e.seats}个，为等额考察。`,
      evidence: [e.revision],
      detectedAt: iso(Date.parse(e.recordedAt)),
    });
  }

  for (const candidate of state.candidates) {
    const nomination = s.nominations[candidate.candidateId];
    if (candidate.exceptional && nomination) {
      const approval = s.exceptionalApprovals[candidate.candidateId];
      add('EXCEPTIONAL', candidate.candidateId, {
        candidateId: candidate.candidateId,
        title: `破格提拔：${post}（${candidate.person.name}）`,
        detail: `破格情形：${EXCEPTIONAL_KIND_LABELS[candidate.exceptional.kind] ?? candidate.exceptional.kind}；理由：${candidate.exceptional.grounds}；${approval ? `上级组织部门批复：${approval.approvedBy}${approval.documentNo}` : '尚无上级组织部门批复'}。`,
        evidence: [nomination.revision, ...(approval ? [approval.revision] : [])],
        detectedAt: iso(Date.parse(nomination.recordedAt)),
      });
    }
    const deferred = s.deferrals[candidate.candidateId] ?? [];
    if (deferred.length >= 2)
      add('REPEATED_DEFERRAL', candidate.candidateId, {
        candidateId: candidate.candidateId,
        title: `多次缓议：${post}（${candidate.person.name}）`,
        detail: `${candidate.person.name}在${deferred.length}次讨论决定会议上被缓议。`,
        evidence: deferred.map((d) => d.revision),
        detectedAt: iso(Date.parse(deferred[1].recordedAt)),
      });
  }

  for (const sick of s.sickPromotions) {
    const candidate = state.candidates.find((c) => c.candidateId === sick.candidateId);
    const nomination = s.nominations[sick.candidateId];
    const appointment = s.appointments[sick.candidateId];
    add('SICK_PROMOTION', sick.findingId, {
      candidateId: sick.candidateId,
      title: `带病提拔：${post}（${nameOf(sick.candidateId)}）`,
      detail: `${FINDING_SOURCE_LABELS[sick.source] ?? sick.source}发现：${sick.summary}。问题属实且发生在任职之前，认定为带病提拔；倒查链见 /people/${candidate?.person.id ?? ''}/accountability。`,
      evidence: [
        sick.revision,
        ...(nomination ? [nomination.revision] : []),
        ...(appointment ? [appointment.revision] : []),
      ],
      detectedAt: iso(Date.parse(sick.recordedAt)),
    });
  }

  for (const a of s.accountable) {
    const candidate = state.candidates.find((c) => c.candidateId === a.candidateId);
    const nomination = s.nominations[a.candidateId];
    const recommender = candidate?.recommendedBy;
    add('RECOMMENDER_ACCOUNTABLE', `${a.candidateId}:${a.cause}`, {
      candidateId: a.candidateId,
      title: `推荐人被追责：${post}（${nameOf(a.candidateId)}）`,
      detail: `${nameOf(a.candidateId)}${a.cause === 'sick-promotion' ? '被认定为带病提拔' : '试用期考核不称职'}，实名推荐人${recommender ? `${recommender.name}（${recommender.id}）` : ''}依“谁推荐谁负责”被追究责任，暂停推荐资格（R27）。`,
      evidence: [...(nomination ? [nomination.revision] : []), a.revision],
      detectedAt: iso(Date.parse(a.recordedAt)),
    });
  }

  for (const r of s.revocations)
    add('REVOKED', r.candidateId, {
      candidateId: r.candidateId,
      title: `免去试任职务：${post}（${nameOf(r.candidateId)}）`,
      detail: `试用期考核不称职，免去试任职务。理由：${r.reason}`,
      evidence: [r.revision],
      detectedAt: iso(Date.parse(r.recordedAt)),
    });

  return out;
}

/** The earliest moment after `now` at which a still-open deadline would become a finding: when to look again. */
export function nextFindingDue(s: SupervisionState, now: string): string | null {
  const nowMs = Date.parse(now);
  let next: number | null = null;
  for (const list of Object.values(s.episodes)) {
    const last = list[list.length - 1];
    if (last.closedAt !== undefined) continue;
    const due = Date.parse(last.dueAt);
    if (due > nowMs && (next === null || due < next)) next = due;
  }
  return next === null ? null : iso(next);
}

/** For labels in other readers (annual report). */
export { CHECK_LABELS, OPINION_LABELS };
