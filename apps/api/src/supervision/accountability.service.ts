import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { isAppointmentEvent } from '@app/appointment/appointment.events';
import { SIGNER_LABELS } from '@app/appointment/appointment.labels';
import { caseStreamId } from '@app/appointment/appointment.streams';
import { EVENT_STORE, type EventStore, PG_POOL, type RecordedEvent } from '@app/event-store';
import { ACTIVITY_LABELS, CHECK_LABELS, OPINION_LABELS } from '@app/projections';
import { SupervisionForbiddenError, SupervisionNotFoundError } from './supervision.errors';

export interface AccountabilityLink {
  /** The step of the procedure, e.g. 动议, 民主推荐, 凡提四必·干部档案凡提必审. */
  step: string;
  /** The part the person played in it, e.g. 提出动议, 实名推荐人, 签字人. */
  responsibility: string;
  person: { id?: string; name?: string; role?: string };
  caseId: string;
  revision: string;
  at: string;
  detail?: string;
  digest?: string;
  vote?: string;
}

export interface AccountabilityCase {
  caseId: string;
  candidateId: string;
  ownerOrgUnit: string;
  post: { title: string; orgUnit: string; level: string } | null;
  links: AccountabilityLink[];
}

export interface Accountability {
  personId: string;
  name: string | null;
  cases: AccountabilityCase[];
}

const VOTE_LABELS: Record<string, string> = { agree: '同意', disagree: '不同意', defer: '缓议' };
const CHECK_OUTCOME_LABELS: Record<string, string> = {
  verified: '经审核无误',
  discrepancy: '发现不一致',
  consistent: '如实报告',
  omission: '漏报',
  concealment: '隐瞒不报',
  none: '未收到信访举报',
  unsubstantiated: '经查不属实',
  substantiated: '经查属实',
};

/**
 * 倒查 (DOMAIN.md §7): for every case in which the person was a candidate, who answered for each
 * step that led to the outcome, each with the revision of the event recording it. The cases are
 * found through the supervision read model; the chain itself is read from the event store.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async chain(actor: Actor, personId: string): Promise<Accountability> {
    const { rows } = await this.pool.query<{ case_id: string; candidate_id: string; owner_org_unit: string }>(
      `SELECT case_id, candidate_id, owner_org_unit FROM supervision_person_cases WHERE person_id = $1 ORDER BY case_id, candidate_id`,
      [personId],
    );
    if (rows.length === 0)
      throw new SupervisionNotFoundError('SUPERVISION.PERSON_NOT_FOUND', `没有${personId}作为候选人的案件`, {
        personId,
      });
    const visible = actor.role === 'auditor' ? rows : rows.filter((r) => r.owner_org_unit === actor.orgUnit);
    if (visible.length === 0)
      throw new SupervisionForbiddenError(
        'SUPERVISION.ORG_UNIT_NOT_ALLOWED',
        `分管领导只能倒查本单位（${actor.orgUnit}）经办的案件`,
        { personId },
      );
    let name: string | null = null;
    const cases: AccountabilityCase[] = [];
    for (const row of visible) {
      const events = await this.store.read(caseStreamId(row.case_id));
      const built = chainOf(row.case_id, row.candidate_id, events);
      name = name ?? built.name;
      cases.push(built.entry);
    }
    return { personId, name, cases };
  }

  /**
   * The cases of these whose details the actor may see: every case for an auditor, the cases of
   * their own org unit for anyone else (a case the case list has not shown yet counts as another
   * unit's).
   */
  async visibleCases(actor: Actor, caseIds: readonly string[]): Promise<Set<string>> {
    if (actor.role === 'auditor') return new Set(caseIds);
    if (caseIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ case_id: string }>(
      'SELECT case_id FROM case_list WHERE case_id = ANY($1::text[]) AND owner_org_unit = $2',
      [caseIds, actor.orgUnit],
    );
    return new Set(rows.map((r) => r.case_id));
  }
}

export function chainOf(
  caseId: string,
  candidateId: string,
  recorded: readonly RecordedEvent[],
): { name: string | null; entry: AccountabilityCase } {
  const links: AccountabilityLink[] = [];
  let ownerOrgUnit = '';
  let post: AccountabilityCase['post'] = null;
  let name: string | null = null;
  const members = new Map<string, string>();
  const link = (event: RecordedEvent, l: Omit<AccountabilityLink, 'caseId' | 'revision'>): void => {
    links.push({ ...l, caseId, revision: event.revision });
  };
  for (const event of recorded) {
    if (!isAppointmentEvent(event)) continue;
    const e = event as unknown as AppointmentEvent;
    const mine = (id: string | undefined) => id === candidateId;
    switch (e.type) {
      case 'CaseOpened':
        ownerOrgUnit = e.data.ownerOrgUnit;
        post = e.data.post;
        link(event, {
          step: '动议',
          responsibility: '提出动议',
          person: e.data.openedBy,
          at: e.data.openedAt,
          detail: e.data.grounds,
        });
        break;
      case 'InitiationApproved':
        link(event, {
          step: '动议审批',
          responsibility: '批准动议',
          person: e.data.approvedBy,
          at: e.data.approvedAt,
        });
        break;
      case 'CandidateNominated':
        if (!mine(e.data.candidateId)) break;
        name = e.data.person.name;
        link(event, {
          step: '民主推荐',
          responsibility: '实名推荐人（谁推荐谁负责）',
          person: e.data.recommendedBy,
          at: e.data.nominatedAt,
          detail: e.data.reason,
        });
        link(event, {
          step: '民主推荐',
          responsibility: '提名录入',
          person: e.data.nominatedBy,
          at: e.data.nominatedAt,
        });
        break;
      case 'ExceptionalApprovalRecorded':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '破格提拔批复',
          responsibility: '批复机关',
          person: { name: e.data.approvedBy },
          at: e.data.approvedAt,
          detail: e.data.documentNo,
        });
        break;
      case 'InspectionTargetsDetermined':
        if (!e.data.candidateIds.includes(candidateId)) break;
        link(event, {
          step: '确定考察对象',
          responsibility: '确定考察对象',
          person: e.data.recordedBy,
          at: e.data.decidedAt,
          detail: e.data.basis,
        });
        break;
      case 'InspectionTeamFormed':
        members.set(e.data.leader.id, e.data.leader.name);
        link(event, {
          step: '考察',
          responsibility: '考察组组长',
          person: e.data.leader,
          at: e.data.formedAt,
        });
        for (const m of e.data.members) {
          members.set(m.id, m.name);
          link(event, { step: '考察', responsibility: '考察组成员', person: m, at: e.data.formedAt });
        }
        break;
      case 'InspectionActivityRecorded':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: `考察·${ACTIVITY_LABELS[e.data.kind] ?? e.data.kind}`,
          responsibility: '记录考察活动',
          person: e.data.recordedBy,
          at: e.data.heldAt,
          detail: e.data.summary,
        });
        break;
      case 'InspectionReportSubmitted':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '考察报告',
          responsibility: '提交考察报告',
          person: e.data.submittedBy,
          at: e.data.submittedAt,
          detail: e.data.conclusion,
        });
        break;
      case 'CheckRecorded':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: `凡提四必·${CHECK_LABELS[e.data.check]}`,
          responsibility: '核查人',
          person: e.data.checkedBy,
          at: e.data.checkedAt,
          detail: `${CHECK_OUTCOME_LABELS[e.data.outcome] ?? e.data.outcome}：${e.data.findings}`,
        });
        break;
      case 'OpinionDrafted':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: `双签字·${OPINION_LABELS[e.data.kind]}`,
          responsibility: '起草人',
          person: e.data.draftedBy,
          at: e.data.draftedAt,
          digest: e.data.digest,
        });
        break;
      case 'OpinionSigned':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step:
            e.data.kind === 'integrity'
              ? `双签字·${OPINION_LABELS.integrity}（凡提四必·${CHECK_LABELS['discipline-opinion']}）`
              : `双签字·${OPINION_LABELS.political}`,
          responsibility: `签字人（${SIGNER_LABELS[e.data.signer.signedAs] ?? e.data.signer.signedAs}）`,
          person: { id: e.data.signer.id, name: e.data.signer.name, role: e.data.signer.role },
          at: e.data.signedAt,
          digest: e.data.digest,
        });
        break;
      case 'DecisionMeetingHeld': {
        const result = e.data.results.find((r) => r.candidateId === candidateId);
        if (!result) break;
        const named = (e.data as { members?: Array<{ id: string; name: string }> }).members ?? [];
        for (const m of named) members.set(m.id, m.name);
        link(event, {
          step: '讨论决定',
          responsibility: '会议记录',
          person: e.data.recordedBy,
          at: e.data.heldAt,
        });
        for (const ballot of result.ballots)
          link(event, {
            step: '讨论决定',
            responsibility: ballot.memberId === e.data.principalLeaderId ? '表决（主要负责同志）' : '表决',
            person: {
              id: ballot.memberId,
              ...(members.has(ballot.memberId) && { name: members.get(ballot.memberId) }),
            },
            at: e.data.heldAt,
            vote: VOTE_LABELS[ballot.vote] ?? ballot.vote,
          });
        break;
      }
      case 'PublicNoticeStarted':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '任前公示',
          responsibility: '发布公示',
          person: e.data.startedBy,
          at: e.data.startedAt,
          detail: `${e.data.startDate}至${e.data.endDate}`,
        });
        break;
      case 'ObjectionResolved':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '任前公示·反映问题核实',
          responsibility: '核实人',
          person: e.data.resolvedBy,
          at: e.data.resolvedAt,
          detail: e.data.findings,
        });
        break;
      case 'AppointmentIssued':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '任职',
          responsibility: '发出任职通知',
          person: e.data.issuedBy,
          at: e.data.issuedAt,
          detail: e.data.noticeDate,
        });
        break;
      case 'ProbationReviewed':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '试用期考核',
          responsibility: '考核',
          person: e.data.reviewedBy,
          at: e.data.reviewedAt,
          detail: e.data.result === 'competent' ? '称职' : '不称职',
        });
        break;
      case 'PostAppointmentFindingRecorded':
        if (!mine(e.data.candidateId)) break;
        link(event, {
          step: '任职后发现问题',
          responsibility: '记录人',
          person: e.data.recordedBy,
          at: e.data.foundAt,
          detail: `${e.data.summary}${e.data.sickPromotion ? '（认定为带病提拔）' : ''}`,
        });
        break;
      default:
        break;
    }
  }
  return { name, entry: { caseId, candidateId, ownerOrgUnit, post, links } };
}
