/**
 * 全程纪实 (DOMAIN.md §4): one entry per step, written as the step happens and never edited.
 * Built from a recorded event and the case state before it, so the live projection and the
 * printable record (read straight from the event store) give the same entries.
 */
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { isAppointmentEvent } from '@app/appointment/appointment.events';
import type { AppointmentState, CandidateState, CheckName, Stage } from '@app/appointment/appointment.state';
import { FINDING_SOURCE_LABELS, postName, SIGNER_LABELS } from '@app/appointment/appointment.labels';
import type { RecordedEvent } from '@app/event-store';
import { caseIdOf, evolveCase } from './case-state.fold';

export interface TimelineActor {
  id: string;
  name: string;
  role: string;
}

export interface TimelineParticipant {
  id?: string;
  name?: string;
  role?: string;
  /** What part the person took: 推荐人, 组长, 组员, 到会, 回避, 谈话人, 提醒对象 … */
  part: string;
}

export interface TimelineSignature {
  id: string;
  name: string;
  role: string;
  signedAs: string;
  digest: string;
  signedAt: string;
}

export interface TimelineEntry {
  caseId: string;
  revision: string;
  seq: number;
  globalPosition: string;
  type: string;
  title: string;
  stage: Stage;
  /** When the step happened (heldAt, checkedAt …; the recording time where the event has none). */
  time: string;
  recordedAt: string;
  actor: TimelineActor;
  /** Set when the step concerns exactly one candidate. */
  candidateId?: string;
  candidateIds: string[];
  participants: TimelineParticipant[];
  result: Record<string, unknown> | null;
  grounds: string | null;
  /** The digest of the text a step drafted or signed (R16). */
  digest: string | null;
  signatures: TimelineSignature[];
}

export { STAGE_LABELS } from '@app/appointment/appointment.labels';

export const CHECK_LABELS: Record<CheckName, string> = {
  dossier: '干部档案凡提必审',
  'personal-matters': '个人有关事项报告凡提必核',
  'discipline-opinion': '纪检监察机关意见凡提必听',
  petitions: '信访举报凡提必查',
};

export const OPINION_LABELS = { political: '政治素质考察书面评价意见', integrity: '廉政意见' } as const;

export const ACTIVITY_LABELS = {
  'individual-talk': '个别谈话',
  'democratic-assessment': '民主测评',
  'dossier-reading': '查阅档案',
  'field-visit': '实地走访',
  'candidate-interview': '与考察对象面谈',
} as const;

export const OUTCOME_LABELS: Record<string, string> = {
  approved: '通过',
  rejected: '未通过',
  deferred: '缓议',
  unfounded: '不属实',
  minor: '反映问题轻微，进行提醒谈话',
  serious: '问题严重，取消任职',
  hold: '暂缓（待核实）',
  competent: '称职',
  incompetent: '不称职',
  confirmed: '正式任职',
  withdrawn: '撤销',
  revoked: '免去试任职务',
};

/** The stage a step belongs to; steps that can happen at any time belong to the stage the case is in. */
function stageOf(event: AppointmentEvent, before: AppointmentState): Stage {
  switch (event.type) {
    case 'CaseOpened':
      return 'initiated';
    case 'InitiationApproved':
    case 'InitiationRejected':
      return 'initiation-approved';
    case 'RecommendationRoundRecorded':
    case 'CandidateNominated':
    case 'EligibilityRecorded':
    case 'ExceptionalApprovalRecorded':
      return 'recommending';
    case 'InspectionTargetsDetermined':
      return 'inspection-targets';
    case 'InspectionTeamFormed':
    case 'InspectionNoticePublished':
    case 'InspectionActivityRecorded':
    case 'InspectionReportSubmitted':
    case 'OpinionDrafted':
    case 'OpinionSigned':
    case 'CheckRecorded':
      return 'inspecting';
    case 'DecisionMeetingHeld':
      return 'deciding';
    case 'PublicNoticeStarted':
    case 'PublicNoticeWaived':
    case 'ObjectionRecorded':
    case 'ObjectionResolved':
    case 'AppointmentCancelled':
      return 'public-notice';
    case 'AppointmentIssued':
    case 'AppointmentTalkRecorded':
    case 'ProbationReviewed':
    case 'ProbationExtended':
    case 'AppointmentConfirmed':
    case 'AppointmentRevoked':
      return 'appointed';
    case 'CaseClosed':
      return 'closed';
    case 'CandidateDropped':
    case 'CaseWithdrawn':
    case 'ReminderIssued':
    case 'PostAppointmentFindingRecorded':
      return before.status === 'empty' ? 'initiated' : before.stage;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

interface Step {
  title: string;
  time: string;
  candidateIds?: string[];
  participants?: TimelineParticipant[];
  result?: Record<string, unknown> | null;
  grounds?: string | null;
  digest?: string | null;
  signatures?: TimelineSignature[];
}

function candidateIn(state: AppointmentState, candidateId: string): CandidateState | undefined {
  return state.status === 'empty' ? undefined : state.candidates.find((c) => c.candidateId === candidateId);
}

function describe(event: AppointmentEvent, before: AppointmentState, after: AppointmentState): Step {
  const nameOf = (candidateId: string): string => candidateIn(after, candidateId)?.person.name ?? candidateId;
  switch (event.type) {
    case 'CaseOpened': {
      const d = event.data;
      return {
        title: `动议：${postName(d.post)}`,
        time: d.openedAt,
        result: { post: d.post, seats: d.seats, ownerOrgUnit: d.ownerOrgUnit },
        grounds: d.grounds,
      };
    }
    case 'InitiationApproved':
      return {
        title: '动议审批：同意',
        time: event.data.approvedAt,
        result: { decision: 'approved' },
        grounds: event.data.comment ?? null,
      };
    case 'InitiationRejected':
      return {
        title: '动议审批：不同意',
        time: event.data.rejectedAt,
        result: { decision: 'rejected' },
        grounds: event.data.comment ?? null,
      };
    case 'RecommendationRoundRecorded': {
      const d = event.data;
      return {
        title: d.kind === 'meeting' ? '会议推荐' : '谈话调研推荐',
        time: d.heldAt,
        candidateIds: d.results.flatMap((r) => (r.candidateId ? [r.candidateId] : [])),
        result: {
          kind: d.kind,
          eligible: d.eligible,
          participants: d.participants,
          requiredParticipants: d.requiredParticipants,
          results: d.results,
        },
      };
    }
    case 'CandidateNominated': {
      const d = event.data;
      return {
        title: `提名：${d.person.name}（${d.recommendedBy.name}实名推荐）`,
        time: d.nominatedAt,
        candidateIds: [d.candidateId],
        participants: [
          { id: d.recommendedBy.id, name: d.recommendedBy.name, role: d.recommendedBy.role, part: '推荐人' },
        ],
        result: { person: d.person, exceptional: d.exceptional ?? null },
        grounds: d.exceptional ? `${d.reason}；破格理由：${d.exceptional.grounds}` : d.reason,
      };
    }
    case 'EligibilityRecorded': {
      const d = event.data;
      return {
        title: `资格审查：${nameOf(d.candidateId)}${d.disqualifyingFlags.length > 0 ? '（存在不得列为考察对象的情形）' : ''}`,
        time: d.recordedAt,
        candidateIds: [d.candidateId],
        result: { flags: d.flags, disqualifyingFlags: d.disqualifyingFlags },
      };
    }
    case 'ExceptionalApprovalRecorded': {
      const d = event.data;
      return {
        title: `破格提拔批复：${nameOf(d.candidateId)}`,
        time: d.approvedAt,
        candidateIds: [d.candidateId],
        participants: [{ name: d.approvedBy, part: '批复机关' }],
        result: { approvedBy: d.approvedBy, documentNo: d.documentNo },
      };
    }
    case 'InspectionTargetsDetermined': {
      const d = event.data;
      return {
        title: `确定考察对象：${d.candidateIds.map(nameOf).join('、')}`,
        time: d.decidedAt,
        candidateIds: [...d.candidateIds, ...d.notSelected],
        result: { targets: d.candidateIds, notSelected: d.notSelected, latestRoundAt: d.latestRoundAt },
        grounds: d.basis,
      };
    }
    case 'InspectionTeamFormed': {
      const d = event.data;
      return {
        title: `组建考察组（组长${d.leader.name}）`,
        time: d.formedAt,
        participants: [
          { id: d.leader.id, name: d.leader.name, part: '组长' },
          ...d.members.map((m) => ({ id: m.id, name: m.name, part: '组员' })),
        ],
        result: { recusals: d.recusals },
      };
    }
    case 'InspectionNoticePublished':
      return { title: '发布考察预告', time: event.data.publishedAt, result: { channel: event.data.channel } };
    case 'InspectionActivityRecorded': {
      const d = event.data;
      return {
        title: `${ACTIVITY_LABELS[d.kind] ?? d.kind}：${nameOf(d.candidateId)}`,
        time: d.heldAt,
        candidateIds: [d.candidateId],
        result: { kind: d.kind, count: d.count ?? null, grades: d.grades ?? null },
        grounds: d.summary,
      };
    }
    case 'InspectionReportSubmitted': {
      const d = event.data;
      return {
        title: `提交考察报告：${nameOf(d.candidateId)}`,
        time: d.submittedAt,
        candidateIds: [d.candidateId],
        result: { conclusion: d.conclusion, strengths: d.strengths, weaknesses: d.weaknesses },
      };
    }
    case 'OpinionDrafted': {
      const d = event.data;
      const previous = candidateIn(before, d.candidateId)?.opinions[d.kind];
      return {
        title: `${previous ? '重新起草' : '起草'}${OPINION_LABELS[d.kind]}：${nameOf(d.candidateId)}`,
        time: d.draftedAt,
        candidateIds: [d.candidateId],
        result: { kind: d.kind, verdict: d.verdict, draftNo: (previous?.draftNo ?? 0) + 1, text: d.text },
        digest: d.digest,
      };
    }
    case 'OpinionSigned': {
      const d = event.data;
      const opinion = candidateIn(after, d.candidateId)?.opinions[d.kind];
      const counted = opinion?.digest === d.digest;
      const signatures =
        counted && opinion ? opinion.signatures : [{ ...d.signer, digest: d.digest, signedAt: d.signedAt }];
      const complete = counted && opinion?.complete === true;
      return {
        title: `${OPINION_LABELS[d.kind]}签字：${d.signer.name}（${nameOf(d.candidateId)}）${complete ? '，双签字完成' : ''}`,
        time: d.signedAt,
        candidateIds: [d.candidateId],
        participants: [
          {
            id: d.signer.id,
            name: d.signer.name,
            role: d.signer.role,
            part: SIGNER_LABELS[d.signer.signedAs],
          },
        ],
        result: { kind: d.kind, complete, verdict: opinion?.verdict ?? null },
        digest: d.digest,
        signatures: signatures.map((s) => ({
          id: s.id,
          name: s.name,
          role: s.role,
          signedAs: s.signedAs,
          digest: s.digest,
          signedAt: s.signedAt,
        })),
      };
    }
    case 'CheckRecorded': {
      const d = event.data;
      return {
        title: `凡提四必·${CHECK_LABELS[d.check]}：${nameOf(d.candidateId)}`,
        time: d.checkedAt,
        candidateIds: [d.candidateId],
        result: { check: d.check, outcome: d.outcome, blocking: d.blocking },
        grounds: d.findings,
      };
    }
    case 'DecisionMeetingHeld': {
      const d = event.data;
      // R17: a meeting that named its members shows names, not ids.
      const named = (id: string) => {
        const name = d.members?.find((m) => m.id === id)?.name;
        return name === undefined ? { id } : { id, name };
      };
      return {
        title: `讨论决定：${d.results.map((r) => `${nameOf(r.candidateId)}${OUTCOME_LABELS[r.outcome] ?? r.outcome}`).join('，')}`,
        time: d.heldAt,
        candidateIds: d.results.map((r) => r.candidateId),
        participants: [
          ...d.attendees.map((id) => ({
            ...named(id),
            part: id === d.principalLeaderId ? '到会（主要负责同志）' : '到会',
          })),
          ...d.recused.map((id) => ({ ...named(id), part: '回避' })),
        ],
        result: {
          entitled: d.entitled,
          attended: d.attendees.length,
          quorum: d.quorum,
          majority: d.majority,
          decisionDate: d.decisionDate,
          votes: d.results.map((r) => ({
            candidateId: r.candidateId,
            agree: r.agree,
            disagree: r.disagree,
            defer: r.defer,
            ...(r.deferred !== undefined && { deferred: r.deferred }),
            outcome: r.outcome,
            ballots: r.ballots,
          })),
        },
      };
    }
    case 'PublicNoticeStarted': {
      const d = event.data;
      return {
        title: `任前公示：${nameOf(d.candidateId)}（${d.startDate}至${d.endDate}）`,
        time: d.startedAt,
        candidateIds: [d.candidateId],
        result: { startDate: d.startDate, endDate: d.endDate, workingDays: d.workingDays },
      };
    }
    case 'PublicNoticeWaived':
      return {
        title: `免于任前公示：${nameOf(event.data.candidateId)}`,
        time: event.data.waivedAt,
        candidateIds: [event.data.candidateId],
        grounds: event.data.ground,
      };
    case 'ObjectionRecorded': {
      const d = event.data;
      return {
        title: `收到反映问题：${nameOf(d.candidateId)}`,
        time: d.receivedAt,
        candidateIds: [d.candidateId],
        result: { objectionId: d.objectionId },
        grounds: d.summary,
      };
    }
    case 'ObjectionResolved': {
      const d = event.data;
      return {
        title: `反映问题核实：${nameOf(d.candidateId)}，${OUTCOME_LABELS[d.outcome] ?? d.outcome}`,
        time: d.resolvedAt,
        candidateIds: [d.candidateId],
        ...(d.reminderTalk && { participants: [{ name: d.reminderTalk.heldBy, part: '提醒谈话人' }] }),
        result: {
          objectionId: d.objectionId,
          outcome: d.outcome,
          ...(d.reminderTalk && { reminderTalk: d.reminderTalk }),
        },
        grounds: d.findings,
      };
    }
    case 'AppointmentCancelled': {
      const d = event.data;
      return {
        title: `取消任职：${nameOf(d.candidateId)}`,
        time: d.cancelledAt,
        candidateIds: [d.candidateId],
        result: { objectionId: d.objectionId },
        grounds: d.reason,
      };
    }
    case 'AppointmentIssued': {
      const d = event.data;
      return {
        title: `任职：${nameOf(d.candidateId)}${d.probation ? '（试用期至' + (d.probationEndDate ?? '') + '）' : ''}`,
        time: d.issuedAt,
        candidateIds: [d.candidateId],
        result: {
          noticeDate: d.noticeDate,
          effectiveDate: d.effectiveDate,
          seniorityFrom: d.seniorityFrom,
          probation: d.probation,
          probationEndDate: d.probationEndDate,
        },
      };
    }
    case 'AppointmentTalkRecorded': {
      const d = event.data;
      return {
        title: `任职谈话：${nameOf(d.candidateId)}`,
        time: d.heldAt,
        candidateIds: [d.candidateId],
        participants: [{ name: d.heldBy, part: '谈话人' }],
      };
    }
    case 'ProbationReviewed': {
      const d = event.data;
      return {
        title: `试用期考核：${nameOf(d.candidateId)}，${OUTCOME_LABELS[d.result]}`,
        time: d.reviewedAt,
        candidateIds: [d.candidateId],
        result: { result: d.result, probationEndDate: d.probationEndDate },
        grounds: d.findings,
      };
    }
    case 'ProbationExtended': {
      const d = event.data;
      return {
        title: `延长试用期：${nameOf(d.candidateId)}（至${d.newEndDate}）`,
        time: d.extendedAt,
        candidateIds: [d.candidateId],
        result: { extendDays: d.extendDays, previousEndDate: d.previousEndDate, newEndDate: d.newEndDate },
        grounds: d.findings,
      };
    }
    case 'AppointmentConfirmed':
      return {
        title: `正式任职：${nameOf(event.data.candidateId)}`,
        time: event.data.confirmedAt,
        candidateIds: [event.data.candidateId],
        result: { afterProbation: event.data.afterProbation },
      };
    case 'AppointmentRevoked':
      return {
        title: `免去试任职务：${nameOf(event.data.candidateId)}`,
        time: event.data.revokedAt,
        candidateIds: [event.data.candidateId],
        grounds: event.data.reason,
      };
    case 'CandidateDropped':
      return {
        title: `退出：${nameOf(event.data.candidateId)}`,
        time: event.data.droppedAt,
        candidateIds: [event.data.candidateId],
        grounds: event.data.reason,
      };
    case 'CaseWithdrawn':
      return { title: '撤销', time: event.data.withdrawnAt, grounds: event.data.reason };
    case 'CaseClosed':
      return {
        title: `结案：${OUTCOME_LABELS[event.data.outcome] ?? event.data.outcome}`,
        time: event.data.closedAt,
        result: { outcome: event.data.outcome },
      };
    case 'ReminderIssued': {
      const d = event.data;
      return {
        title: `提醒：${d.reason}`,
        time: d.issuedAt,
        candidateIds: remindedCandidates(before, d.subject),
        participants: d.recipientRoles.map((role) => ({ role, part: '提醒对象' })),
        result: { reminderId: d.reminderId, kind: d.kind, subject: d.subject, dueAt: d.dueAt },
      };
    }
    case 'PostAppointmentFindingRecorded': {
      const d = event.data;
      return {
        title: `任职后发现问题：${nameOf(d.candidateId)}（${FINDING_SOURCE_LABELS[d.source] ?? d.source}，${d.substantiated ? '经查属实' : '经查不属实'}${d.sickPromotion ? '，认定为带病提拔' : ''}）`,
        time: d.foundAt,
        candidateIds: [d.candidateId],
        result: {
          findingId: d.findingId,
          source: d.source,
          substantiated: d.substantiated,
          predatesAppointment: d.predatesAppointment,
          sickPromotion: d.sickPromotion,
        },
        grounds: d.summary,
      };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** A reminder's subject is a candidateId, or starts with one (`<candidateId>-<opinion or check>`). */
function remindedCandidates(state: AppointmentState, subject: string): string[] {
  if (state.status === 'empty') return [];
  return state.candidates
    .filter((c) => subject === c.candidateId || subject.startsWith(`${c.candidateId}-`))
    .map((c) => c.candidateId);
}

/** The keys of an event's metadata that its entries are made from (actorOf, time, recordedAt). */
export const TIMELINE_METADATA_KEYS = ['actor', 'occurredAt', 'recordedAt'] as const;

function actorOf(event: RecordedEvent): TimelineActor {
  const actor = event.metadata?.actor;
  return { id: actor?.id ?? 'system', name: actor?.name ?? '系统', role: actor?.role ?? 'system' };
}

/**
 * The 纪实 entries of one recorded event; none for an event that is not part of the workflow. A
 * caller that has folded the event already passes the state after it, so it is not folded twice.
 */
export function timelineEntries(
  event: RecordedEvent,
  stateBefore: AppointmentState,
  stateAfter?: AppointmentState,
): TimelineEntry[] {
  const caseId = caseIdOf(event.streamId);
  if (caseId === null || !isAppointmentEvent(event)) return [];
  const after = stateAfter ?? evolveCase(stateBefore, event);
  const step = describe(event, stateBefore, after);
  const candidateIds = [...new Set(step.candidateIds ?? [])];
  const entry: TimelineEntry = {
    caseId,
    revision: event.revision,
    seq: 0,
    globalPosition: event.globalPosition,
    type: event.type,
    title: step.title,
    stage: stageOf(event, stateBefore),
    time: step.time || event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: actorOf(event),
    candidateIds,
    participants: step.participants ?? [],
    result: step.result ?? null,
    grounds: step.grounds ?? null,
    digest: step.digest ?? null,
    signatures: step.signatures ?? [],
  };
  if (candidateIds.length === 1) entry.candidateId = candidateIds[0];
  return [entry];
}
