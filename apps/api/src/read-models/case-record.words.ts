/**
 * Every recorded step of a case in the words a clerk would write in the 纪实表: names instead of
 * ids, Chinese labels instead of codes, times in Asia/Shanghai. Reads event data defensively:
 * fields added later (meeting members, deferral, the reminder talk, post-appointment findings)
 * are shown when present, and older events without them still read well.
 */
import {
  FINDING_SOURCE_LABELS,
  ROLE_LABELS as DOMAIN_ROLE_LABELS,
  postName,
  SIGNER_LABELS,
} from '@app/appointment';
import { shanghaiDisplay } from '@app/time';
import type { RecordedEvent } from '@app/event-store';
import { ACTIVITY_LABELS, CHECK_LABELS, OPINION_LABELS, OUTCOME_LABELS } from '@app/projections';
import { describeValue } from './case-record.values';

type Data = Record<string, unknown>;

export interface VoteColumn {
  candidate: string;
  agree: number;
  disagree: number;
  defer: number;
  outcome: string;
}

/** R17–R19: the decision meeting as the vote table of its minutes. */
export interface VoteTable {
  members: Array<{ name: string; principal: boolean; votes: string[] }>;
  columns: VoteColumn[];
  entitled: number;
  attended: number;
  /** Named members who did not attend (a meeting that names its members, R17). */
  absent: string[];
  recused: string[];
  quorum: number;
  majority: number;
}

export interface RecordSignature {
  name: string;
  signedAs: string;
  signedAt: string;
  digest: string;
}

/** One printed row: what happened, in words. */
export interface RecordRow {
  revision: string;
  occurredAt: string;
  recordedAt: string;
  title: string;
  actor: string;
  lines: string[];
  signatures: RecordSignature[];
  digest: string | null;
  votes: VoteTable | null;
}

export interface Naming {
  /** candidateId → name */
  candidates: ReadonlyMap<string, string>;
  /** decision-meeting member id → name, from every meeting's `members` */
  members: ReadonlyMap<string, string>;
}

export const GRADE_LABELS: Record<string, string> = {
  excellent: '优秀',
  competent: '称职',
  basic: '基本称职',
  incompetent: '不称职',
};
const GRADE_ORDER = ['excellent', 'competent', 'basic', 'incompetent'];

/** The domain's role names, and the team leader's signing role. */
export const ROLE_LABELS: Record<string, string> = { ...DOMAIN_ROLE_LABELS, ...SIGNER_LABELS };

export const REMINDER_LABELS: Record<string, string> = {
  'initiation-approval': '动议待审批',
  'initiation-approval-escalation': '动议逾期未审批（督办）',
  'recommendation-expiry': '推荐结果即将失效',
  'check-outstanding': '凡提四必未完成',
  'check-outstanding-escalation': '凡提四必逾期未完成（督办）',
  'signature-outstanding': '待签字',
  'signature-outstanding-escalation': '逾期未签字（督办）',
  'notice-ends': '任前公示期满',
  'hold-too-long': '暂缓核实超期',
  'appointment-talk-missing': '未进行任职谈话',
  'probation-ending': '试用期即将期满',
  'probation-ends': '试用期期满',
};

const VERDICT_LABELS: Record<string, string> = {
  qualified: '合格',
  unqualified: '不合格（一票否决）',
  'no-objection': '无不同意见',
  objection: '有不同意见',
};

const CHECK_OUTCOME_LABELS: Record<string, string> = {
  verified: '审核无误',
  discrepancy: '存在不一致',
  consistent: '如实报告',
  omission: '漏报',
  concealment: '隐瞒不报',
  none: '未收到信访举报',
  unsubstantiated: '经查不属实',
  substantiated: '经查属实',
  'no-objection': '无不同意见',
  objection: '有不同意见',
};

const VOTE_LABELS: Record<string, string> = { agree: '同意', disagree: '不同意', defer: '缓议' };

const EXCEPTIONAL_LABELS: Record<string, string> = {
  'skip-level': '越级提拔',
  unrecommended: '未经民主推荐',
  other: '其他破格情形',
};

export const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const obj = (value: unknown): Data => (value && typeof value === 'object' ? (value as Data) : {});
export const time = (value: unknown): string => (typeof value === 'string' ? shanghaiDisplay(value) : '');
const role = (value: unknown): string => ROLE_LABELS[str(value)] ?? str(value);
/** A person given as a name or as `{ id, name }`. */
const nameOf = (value: unknown): string => (typeof value === 'string' ? value : str(obj(value).name));

/** The post, its unit printed once (a title that already names the unit is not prefixed again). */
export function postInWords(post: { title: string; orgUnit: string; level: string }): string {
  const title = postName(post);
  return post.level ? `${title}（${post.level}）` : title;
}

/** 现任 and the unit and post, the unit once: a clerk often types the post with its unit already. */
export function currentPostInWords(orgUnit: string, currentPost: string): string {
  const post = postName({ title: currentPost, orgUnit });
  return post ? `现任${post}` : '';
}

function person(value: unknown): string {
  const p = obj(value);
  const bits = [str(p.name)];
  const born = /^(\d{4})-(\d{2})/.exec(str(p.birthDate));
  if (born) bits.push(`${born[1]}年${Number(born[2])}月生`);
  const post = currentPostInWords(str(p.orgUnit), str(p.currentPost));
  if (post) bits.push(post);
  return bits.join('，');
}

function gradesInWords(value: unknown): string {
  const grades = obj(value);
  return GRADE_ORDER.filter((g) => typeof grades[g] === 'number')
    .map((g) => `${GRADE_LABELS[g]}${num(grades[g])}票`)
    .join('，');
}

function candidateName(naming: Naming, id: unknown): string {
  return naming.candidates.get(str(id)) ?? '（未具名人选）';
}

/** A reminder's subject (`<candidateId>`, `<candidateId>-<check or opinion>`) in words. */
function subjectInWords(subject: string, naming: Naming): string {
  for (const [id, name] of naming.candidates) {
    if (subject === id) return name;
    if (subject.startsWith(`${id}-`)) {
      const rest = subject.slice(id.length + 1);
      const label =
        (CHECK_LABELS as Record<string, string>)[rest] ?? (OPINION_LABELS as Record<string, string>)[rest];
      return label ? `${name}·${label}` : name;
    }
  }
  return subject === 'case' ? '本案' : '';
}

/** The vote table of a meeting: members by name in ballot order, the principal leader last. */
function voteTable(d: Data, naming: Naming): VoteTable {
  const memberName = (id: string) => naming.members.get(id) ?? id;
  const principal = str(d.principalLeaderId);
  const results = list(d.results).map(obj);
  const order: string[] = [];
  for (const r of results)
    for (const b of list(r.ballots).map(obj))
      if (!order.includes(str(b.memberId))) order.push(str(b.memberId));
  for (const id of list(d.attendees).map(str)) if (!order.includes(id)) order.push(id);
  const sorted = [...order.filter((id) => id !== principal), ...order.filter((id) => id === principal)];
  return {
    members: sorted.map((id) => ({
      name: memberName(id),
      principal: id === principal,
      votes: results.map((r) => {
        const ballot = list(r.ballots)
          .map(obj)
          .find((b) => str(b.memberId) === id);
        return ballot ? (VOTE_LABELS[str(ballot.vote)] ?? str(ballot.vote)) : '—';
      }),
    })),
    columns: results.map((r) => ({
      candidate: candidateName(naming, r.candidateId),
      agree: num(r.agree),
      disagree: num(r.disagree),
      defer: num(r.defer),
      outcome:
        r.deferred === true || r.outcome === 'deferred'
          ? '会议决定缓议'
          : r.outcome === 'approved'
            ? '通过'
            : r.outcome === 'rejected'
              ? '未通过'
              : (OUTCOME_LABELS[str(r.outcome)] ?? str(r.outcome)),
    })),
    entitled: num(d.entitled),
    attended: list(d.attendees).length,
    absent: list(d.members)
      .map(obj)
      .filter((m) => !list(d.attendees).map(str).includes(str(m.id)))
      .map((m) => str(m.name) || str(m.id)),
    recused: list(d.recused).map((id) => memberName(str(id))),
    quorum: num(d.quorum),
    majority: num(d.majority),
  };
}

interface Words {
  lines?: string[];
  signatures?: RecordSignature[];
  digest?: string | null;
  votes?: VoteTable | null;
  title?: string;
  occurredAt?: unknown;
}

/** What one event says, in words. Unknown types are listed by their fields. */
function words(type: string, d: Data, naming: Naming, signatures: RecordSignature[]): Words {
  const cand = () => candidateName(naming, d.candidateId);
  switch (type) {
    case 'CaseOpened': {
      const post = obj(d.post);
      return {
        title: `动议：${postInWords({ title: str(post.title), orgUnit: str(post.orgUnit), level: '' })}`,
        lines: [
          `拟任职务：${postInWords({ title: str(post.title), orgUnit: str(post.orgUnit), level: str(post.level) })}`,
          `职数：${num(d.seats) || 1}名`,
          `动议依据：${str(d.grounds)}`,
        ],
        occurredAt: d.openedAt,
      };
    }
    case 'InitiationApproved':
    case 'InitiationRejected':
      return {
        lines: [`审批意见：${str(d.comment) || (type === 'InitiationApproved' ? '同意' : '不同意')}`],
      };
    case 'RecommendationRoundRecorded': {
      const meeting = d.kind === 'meeting';
      const lines = [
        `${meeting ? '会议推荐' : '谈话调研推荐'}：应参加${num(d.eligible)}人，实参加${num(d.participants)}人${
          meeting && num(d.requiredParticipants) ? `（应不少于${num(d.requiredParticipants)}人，有效）` : ''
        }`,
        `得票：${
          list(d.results)
            .map(obj)
            .map((r) => `${str(r.name)}${num(r.votes)}票`)
            .join('，') || '无'
        }`,
      ];
      return { lines, occurredAt: d.heldAt };
    }
    case 'CandidateNominated': {
      const by = obj(d.recommendedBy);
      const exceptional = d.exceptional ? obj(d.exceptional) : null;
      return {
        title: `提名：${str(obj(d.person).name)}`,
        lines: [
          `人选：${person(d.person)}`,
          `推荐人：${str(by.name)}（${str(by.role)}），实名推荐`,
          `推荐理由：${str(d.reason)}`,
          ...(exceptional
            ? [
                `破格：${EXCEPTIONAL_LABELS[str(exceptional.kind)] ?? str(exceptional.kind)}；理由：${str(exceptional.grounds)}`,
              ]
            : []),
        ],
      };
    }
    case 'EligibilityRecorded': {
      const flags = list(d.disqualifyingFlags).map((f) => describeValue(f, naming.candidates));
      return {
        title: `资格审查：${cand()}`,
        lines: [
          flags.length ? `存在不得列为考察对象的情形：${flags.join('、')}` : '未发现不得列为考察对象的情形',
        ],
      };
    }
    case 'ExceptionalApprovalRecorded':
      return {
        title: `破格提拔批复：${cand()}`,
        lines: [`批复机关：${str(d.approvedBy)}`, `文号：${str(d.documentNo)}`],
        occurredAt: d.approvedAt,
      };
    case 'InspectionTargetsDetermined':
      return {
        lines: [
          `考察对象：${list(d.candidateIds)
            .map((id) => candidateName(naming, id))
            .join('、')}`,
          ...(list(d.notSelected).length
            ? [
                `未列为考察对象：${list(d.notSelected)
                  .map((id) => candidateName(naming, id))
                  .join('、')}`,
              ]
            : []),
          `依据：${str(d.basis)}`,
          `所依据的推荐：${time(d.latestRoundAt)}`,
        ],
        occurredAt: d.decidedAt,
      };
    case 'InspectionTeamFormed': {
      const recusals = list(d.recusals).map(obj);
      return {
        lines: [
          `组长：${str(obj(d.leader).name)}`,
          `组员：${
            list(d.members)
              .map((m) => str(obj(m).name))
              .join('、') || '无'
          }`,
          ...(recusals.length
            ? [
                `回避：${recusals.map((r) => `${str(r.personId)}对${candidateName(naming, r.candidateId)}回避（${str(r.reason)}）`).join('；')}`,
              ]
            : []),
        ],
      };
    }
    case 'InspectionNoticePublished':
      return { lines: [`发布渠道：${str(d.channel)}`], occurredAt: d.publishedAt };
    case 'InspectionActivityRecorded': {
      const kind = (ACTIVITY_LABELS as Record<string, string>)[str(d.kind)] ?? str(d.kind);
      const lines = [
        d.kind === 'democratic-assessment'
          ? `${kind}：参加${num(d.count)}人${d.grades ? `，${gradesInWords(d.grades)}` : ''}`
          : `${kind}${typeof d.count === 'number' ? `：${num(d.count)}人` : ''}`,
      ];
      if (str(d.summary) && str(d.summary) !== kind) lines.push(`情况：${str(d.summary)}`);
      return { title: `${kind}：${cand()}`, lines, occurredAt: d.heldAt };
    }
    case 'InspectionReportSubmitted':
      return {
        title: `考察报告：${cand()}`,
        lines: [
          `结论：${str(d.conclusion)}`,
          `主要优点：${str(d.strengths)}`,
          `主要不足：${str(d.weaknesses)}`,
        ],
      };
    case 'OpinionDrafted':
      return {
        lines: [`意见：${VERDICT_LABELS[str(d.verdict)] ?? str(d.verdict)}`, `文本：“${str(d.text)}”`],
        digest: str(d.digest),
      };
    case 'OpinionSigned': {
      const signer = obj(d.signer);
      return {
        lines: [`本次签字：${str(signer.name)}（${role(signer.signedAs)}）`],
        signatures,
        digest: str(d.digest),
      };
    }
    case 'CheckRecorded':
      return {
        title: `${(CHECK_LABELS as Record<string, string>)[str(d.check)] ?? str(d.check)}：${cand()}`,
        lines: [
          `结果：${CHECK_OUTCOME_LABELS[str(d.outcome)] ?? str(d.outcome)}${d.blocking === true ? '（不得提交讨论决定）' : ''}`,
          `核查情况：${str(d.findings)}`,
          `核查人：${str(obj(d.checkedBy).name)}`,
        ],
        occurredAt: d.checkedAt,
      };
    case 'DecisionMeetingHeld': {
      const votes = voteTable(d, naming);
      return {
        title: '讨论决定（党委（党组）会议）',
        lines: [
          `应到会成员${votes.entitled}人，实到${votes.attended}人（到会不少于${votes.quorum}人方可开会）${
            votes.absent.length ? `，缺席：${votes.absent.join('、')}` : ''
          }${votes.recused.length ? `，回避：${votes.recused.join('、')}` : ''}`,
          `通过须经应到会成员半数以上同意，即同意票不少于${votes.majority}票`,
          `决定：${votes.columns.map((c) => `${c.candidate}${c.outcome}（同意${c.agree}票）`).join('；')}`,
        ],
        votes,
        occurredAt: d.heldAt,
      };
    }
    case 'PublicNoticeStarted':
      return {
        title: `任前公示：${cand()}`,
        lines: [
          `公示期：${str(d.startDate)}至${str(d.endDate)}（${num(d.workingDays)}个工作日，按法定工作日计算）`,
        ],
        occurredAt: d.startDate,
      };
    case 'PublicNoticeWaived':
      return { title: `免于任前公示：${cand()}`, lines: [`理由：${str(d.ground)}`] };
    case 'ObjectionRecorded':
      return {
        title: `收到反映问题：${cand()}`,
        lines: [`反映内容：${str(d.summary)}`],
        occurredAt: d.receivedAt,
      };
    case 'ObjectionResolved': {
      const talk = d.reminderTalk ? obj(d.reminderTalk) : null;
      return {
        title: `反映问题核实：${cand()}`,
        lines: [
          `核实结论：${OUTCOME_LABELS[str(d.outcome)] ?? str(d.outcome)}`,
          `核实情况：${str(d.findings)}`,
          ...(talk ? [`提醒谈话：${nameOf(talk.heldBy)}于${time(talk.heldAt)}进行`] : []),
        ],
      };
    }
    case 'AppointmentCancelled':
      return { title: `取消任职：${cand()}`, lines: [`理由：${str(d.reason)}`] };
    case 'AppointmentIssued':
      return {
        title: `任职：${cand()}`,
        lines: [
          `任职通知日期：${str(d.noticeDate)}，生效日期：${str(d.effectiveDate)}`,
          `任职时间自${str(d.seniorityFrom)}（讨论决定之日）起计算`,
          d.probation === true ? `试用期一年，至${str(d.probationEndDate)}期满` : '不实行试用期',
        ],
        occurredAt: d.noticeDate,
      };
    case 'AppointmentTalkRecorded':
      return { title: `任职谈话：${cand()}`, lines: [`谈话人：${str(d.heldBy)}`], occurredAt: d.heldAt };
    case 'ProbationReviewed':
      return {
        title: `试用期考核：${cand()}`,
        lines: [
          `考核结果：${OUTCOME_LABELS[str(d.result)] ?? str(d.result)}`,
          `考核情况：${str(d.findings)}`,
          `试用期满日：${str(d.probationEndDate)}`,
        ],
      };
    case 'ProbationExtended':
      return {
        title: `延长试用期：${cand()}`,
        lines: [
          `延长${num(d.extendDays)}天，由${str(d.previousEndDate)}延至${str(d.newEndDate)}`,
          `理由：${str(d.findings)}`,
        ],
      };
    case 'AppointmentConfirmed':
      return {
        title: `正式任职：${cand()}`,
        lines: [d.afterProbation === true ? '试用期满考核称职，正式任职' : '正式任职'],
      };
    case 'AppointmentRevoked':
      return { title: `免去试任职务：${cand()}`, lines: [`理由：${str(d.reason)}`] };
    case 'CandidateDropped':
      return { title: `退出：${cand()}`, lines: [`理由：${str(d.reason)}`] };
    case 'CaseWithdrawn':
      return { title: '撤销本案', lines: [`理由：${str(d.reason)}`] };
    case 'CaseClosed':
      return {
        title: `结案：${OUTCOME_LABELS[str(d.outcome)] ?? str(d.outcome)}`,
        lines: [`结案情形：${OUTCOME_LABELS[str(d.outcome)] ?? str(d.outcome)}`],
      };
    case 'ReminderIssued': {
      const about = subjectInWords(str(d.subject), naming);
      return {
        title: `提醒：${REMINDER_LABELS[str(d.kind)] ?? '办理期限提醒'}${about && about !== '本案' ? `（${about}）` : ''}`,
        lines: [
          `提醒对象：${list(d.recipientRoles).map(role).join('、')}`,
          `事由：${str(d.reason)}`,
          `期限：${time(d.dueAt)}`,
        ],
        occurredAt: d.issuedAt,
      };
    }
    case 'PostAppointmentFindingRecorded': {
      const sick = d.substantiated === true && d.predatesAppointment === true;
      return {
        title: `任职后发现问题：${cand()}${sick ? '（带病提拔）' : ''}`,
        lines: [
          `来源：${FINDING_SOURCE_LABELS[str(d.source)] ?? str(d.source)}`,
          `情况：${str(d.summary)}`,
          `是否查实：${d.substantiated === true ? '查实' : '未查实'}；问题发生在任职前：${d.predatesAppointment === true ? '是' : '否'}`,
        ],
        occurredAt: d.foundAt,
      };
    }
    default:
      return {
        lines: Object.entries(d)
          .filter(([k, v]) => k !== 'caseId' && v !== null && v !== undefined)
          .map(([k, v]) => `${k}：${describeValue(v, naming.candidates)}`),
      };
  }
}

/** Who made the step: the person of the request, with their role in words. */
function actorInWords(event: RecordedEvent): string {
  const actor = event.metadata?.actor as { name?: string; role?: string } | undefined;
  if (!actor?.name) return '系统';
  return `${actor.name}（${role(actor.role)}）`;
}

/**
 * One row per event. `signatures` are the signatures that count for a signing event (from the
 * timeline entry); `title` is the timeline's title when the words give none.
 */
export function rowOf(
  event: RecordedEvent,
  naming: Naming,
  fallback: { title?: string; time?: string; signatures?: RecordSignature[] } = {},
): RecordRow {
  const d = obj(event.data);
  const w = words(event.type, d, naming, fallback.signatures ?? []);
  const occurred =
    typeof w.occurredAt === 'string' ? w.occurredAt : (fallback.time ?? event.metadata.occurredAt);
  return {
    revision: event.revision,
    occurredAt: time(occurred),
    recordedAt: time(event.metadata.recordedAt),
    title: w.title ?? fallback.title ?? event.type,
    actor: event.type === 'ReminderIssued' ? '系统（自动提醒）' : actorInWords(event),
    lines: w.lines ?? [],
    signatures: w.signatures ?? [],
    digest: w.digest ?? null,
    votes: w.votes ?? null,
  };
}
