/**
 * Realistic event sequences for projection tests and benches, appended straight to a store
 * (no decider): a case from 动议 to 正式任职 with two candidates, cut short at `length` events.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { caseStreamId } from '@app/appointment/appointment.streams';
import type { AppendContext, EventStore, NewEvent } from '@app/event-store';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const handler = { id: 'h-001', name: '王经办', role: 'handler' as const };
const leader = { id: 'i-001', name: '刘组长', role: 'inspector' as const };
const unitSecretary = { id: 'us-001', name: '周书记', role: 'unit-secretary' as const };
const disciplineSecretary = { id: 'ds-001', name: '吴组长', role: 'discipline-secretary' as const };
const committee = { id: 'cs-001', name: '陈书记', role: 'committee-secretary' as const };

export const FULL_CASE_LENGTH = 33;

export function caseEvents(caseId: string, index = 0, length = FULL_CASE_LENGTH): AppointmentEvent[] {
  const a = `c-${index}-a`;
  const b = `c-${index}-b`;
  const political = `政治素质好（${index}）`;
  const integrity = `无廉政问题（${index}）`;
  const unit = index % 3 === 0 ? '市发展和改革委员会' : '市财政局';
  const events: AppointmentEvent[] = [
    {
      type: 'CaseOpened',
      data: {
        caseId,
        ownerOrgUnit: index % 2 === 0 ? '市委组织部' : '区委组织部',
        post: { title: `副主任${index}`, orgUnit: unit, level: '副局级' },
        seats: 1,
        grounds: '班子分析研判',
        openedBy: handler,
        openedAt: '2025-03-03T09:00:00+08:00',
      },
    },
    {
      type: 'InitiationApproved',
      data: { caseId, approvedBy: committee, comment: '同意', approvedAt: '2025-03-04T09:00:00+08:00' },
    },
    {
      type: 'RecommendationRoundRecorded',
      data: {
        caseId,
        roundId: `r-${index}`,
        kind: 'meeting',
        heldAt: '2025-03-05T09:00:00+08:00',
        eligible: 30,
        participants: 26,
        requiredParticipants: 20,
        results: [],
        recordedBy: handler,
        recordedAt: '2025-03-05T10:00:00+08:00',
      },
    },
    nominee(caseId, a, '张三', unit),
    nominee(caseId, b, '李四', unit),
    {
      type: 'InspectionTargetsDetermined',
      data: {
        caseId,
        candidateIds: [a, b],
        notSelected: [],
        decidedAt: '2025-03-10T15:00:00+08:00',
        basis: '部务会研究',
        latestRoundAt: '2025-03-05T09:00:00+08:00',
        recordedBy: handler,
      },
    },
    {
      type: 'InspectionTeamFormed',
      data: {
        caseId,
        leader: { id: leader.id, name: leader.name },
        members: [{ id: 'i-002', name: '孙组员' }],
        recusals: [],
        formedBy: handler,
        formedAt: '2025-03-11T09:00:00+08:00',
      },
    },
    {
      type: 'InspectionNoticePublished',
      data: { caseId, publishedAt: '2025-03-12T09:00:00+08:00', channel: '公告栏', publishedBy: handler },
    },
    ...[a, b].map((candidateId, i): AppointmentEvent => ({
      type: 'InspectionActivityRecorded',
      data: {
        caseId,
        candidateId,
        activityId: `act-${index}-${i}`,
        kind: 'democratic-assessment',
        heldAt: '2025-03-13T14:00:00+08:00',
        summary: '民主测评',
        count: 40,
        grades: { excellent: 30, competent: 8, basic: 2, incompetent: 0 },
        recordedBy: leader,
        recordedAt: '2025-03-13T16:00:00+08:00',
      },
    })),
    ...[a, b].map((candidateId): AppointmentEvent => ({
      type: 'InspectionReportSubmitted',
      data: {
        caseId,
        candidateId,
        conclusion: '优秀',
        strengths: '能力强',
        weaknesses: '无',
        submittedBy: leader,
        submittedAt: '2025-03-14T09:00:00+08:00',
      },
    })),
    {
      type: 'OpinionDrafted',
      data: {
        caseId,
        candidateId: b,
        kind: 'political',
        text: political,
        digest: sha(political),
        verdict: 'qualified',
        draftedBy: leader,
        draftedAt: '2025-03-14T10:00:00+08:00',
      },
    },
    signature(caseId, b, 'political', sha(political), leader, 'inspection-leader'),
    signature(caseId, b, 'political', sha(political), unitSecretary, 'unit-secretary'),
    {
      type: 'OpinionDrafted',
      data: {
        caseId,
        candidateId: b,
        kind: 'integrity',
        text: integrity,
        digest: sha(integrity),
        verdict: 'no-objection',
        draftedBy: disciplineSecretary,
        draftedAt: '2025-03-14T11:00:00+08:00',
      },
    },
    signature(caseId, b, 'integrity', sha(integrity), unitSecretary, 'unit-secretary'),
    signature(caseId, b, 'integrity', sha(integrity), disciplineSecretary, 'discipline-secretary'),
    check(caseId, b, 'dossier', 'verified'),
    check(caseId, b, 'personal-matters', 'consistent'),
    check(caseId, b, 'petitions', 'none'),
    {
      type: 'CandidateDropped',
      data: {
        caseId,
        candidateId: a,
        reason: '本人申请退出',
        droppedBy: handler,
        droppedAt: '2025-03-17T09:00:00+08:00',
      },
    },
    {
      type: 'DecisionMeetingHeld',
      data: {
        caseId,
        meetingId: `m-${index}`,
        heldAt: '2025-03-20T09:00:00+08:00',
        decisionDate: '2025-03-20',
        entitled: 7,
        attendees: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'],
        recused: [],
        principalLeaderId: 'm1',
        quorum: 5,
        majority: 4,
        results: [
          {
            candidateId: b,
            ballots: ['m2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm1'].map((memberId) => ({
              memberId,
              vote: 'agree' as const,
            })),
            agree: 7,
            disagree: 0,
            defer: 0,
            outcome: 'approved',
          },
        ],
        recordedBy: handler,
      },
    },
    {
      type: 'PublicNoticeStarted',
      data: {
        caseId,
        candidateId: b,
        startDate: '2025-03-21',
        endDate: '2025-03-27',
        workingDays: 5,
        startedBy: handler,
        startedAt: '2025-03-21T09:00:00+08:00',
      },
    },
    {
      type: 'ObjectionRecorded',
      data: {
        caseId,
        candidateId: b,
        objectionId: `o-${index}`,
        receivedAt: '2025-03-24T09:00:00+08:00',
        summary: '反映作风问题',
        recordedBy: handler,
      },
    },
    {
      type: 'ObjectionResolved',
      data: {
        caseId,
        candidateId: b,
        objectionId: `o-${index}`,
        outcome: 'hold',
        findings: '待核实',
        resolvedBy: handler,
        resolvedAt: '2025-03-25T09:00:00+08:00',
      },
    },
    {
      type: 'ObjectionResolved',
      data: {
        caseId,
        candidateId: b,
        objectionId: `o-${index}`,
        outcome: 'unfounded',
        findings: '不属实',
        resolvedBy: handler,
        resolvedAt: '2025-03-26T09:00:00+08:00',
      },
    },
    {
      type: 'AppointmentIssued',
      data: {
        caseId,
        candidateId: b,
        noticeDate: '2025-03-28',
        effectiveDate: '2025-03-28',
        seniorityFrom: '2025-03-20',
        probation: true,
        probationEndDate: '2026-03-28',
        issuedBy: handler,
        issuedAt: '2025-03-28T09:00:00+08:00',
      },
    },
    {
      type: 'AppointmentTalkRecorded',
      data: {
        caseId,
        candidateId: b,
        heldAt: '2025-03-31T10:00:00+08:00',
        heldBy: '陈书记',
        recordedBy: handler,
      },
    },
    {
      type: 'ProbationReviewed',
      data: {
        caseId,
        candidateId: b,
        result: 'competent',
        findings: '称职',
        probationEndDate: '2026-03-28',
        reviewedBy: handler,
        reviewedAt: '2026-03-30T09:00:00+08:00',
      },
    },
    {
      type: 'AppointmentConfirmed',
      data: { caseId, candidateId: b, afterProbation: true, confirmedAt: '2026-03-30T09:00:00+08:00' },
    },
    { type: 'CaseClosed', data: { caseId, outcome: 'confirmed', closedAt: '2026-03-30T09:00:00+08:00' } },
  ];
  return events.slice(0, length);
}

function nominee(caseId: string, candidateId: string, name: string, orgUnit: string): AppointmentEvent {
  return {
    type: 'CandidateNominated',
    data: {
      caseId,
      candidateId,
      person: { id: `p-${candidateId}`, name, currentPost: '处长', orgUnit },
      recommendedBy: { id: 'r-1', name: '赵推荐', role: '党组成员' },
      reason: '工作实绩突出',
      nominatedBy: handler,
      nominatedAt: '2025-03-06T09:00:00+08:00',
    },
  };
}

function signature(
  caseId: string,
  candidateId: string,
  kind: 'political' | 'integrity',
  digest: string,
  signer: { id: string; name: string; role: 'inspector' | 'unit-secretary' | 'discipline-secretary' },
  signedAs: 'inspection-leader' | 'unit-secretary' | 'discipline-secretary',
): AppointmentEvent {
  return {
    type: 'OpinionSigned',
    data: {
      caseId,
      candidateId,
      kind,
      digest,
      signer: { ...signer, signedAs },
      signedAt: '2025-03-14T15:00:00+08:00',
    },
  };
}

function check(
  caseId: string,
  candidateId: string,
  name: 'dossier' | 'personal-matters' | 'petitions',
  outcome: 'verified' | 'consistent' | 'none',
): AppointmentEvent {
  return {
    type: 'CheckRecorded',
    data: {
      caseId,
      candidateId,
      check: name,
      outcome,
      findings: '无异常',
      checkedAt: '2025-03-17T10:00:00+08:00',
      blocking: false,
      checkedBy: handler,
    },
  };
}

export function contextFor(
  actor: { id: string; name: string; role: string },
  orgUnit = '市委组织部',
): AppendContext {
  const id = randomUUID();
  return {
    actor: { ...actor, orgUnit },
    commandId: id,
    correlationId: id,
    causationId: id,
    occurredAt: new Date().toISOString(),
  };
}

/**
 * Appends `cases` cases of varying length (every case ends somewhere between its opening and its
 * close) and returns their ids and the number of events appended.
 */
export async function seedCases(
  store: EventStore,
  cases: number,
  onCase?: (appended: number) => void,
): Promise<{ caseIds: string[]; events: number }> {
  const caseIds: string[] = [];
  let events = 0;
  for (let i = 0; i < cases; i++) {
    const caseId = randomUUID();
    const length = i % 4 === 0 ? FULL_CASE_LENGTH : 1 + ((i * 7) % FULL_CASE_LENGTH);
    const list = caseEvents(caseId, i, length);
    await store.append(caseStreamId(caseId), list as NewEvent[], {
      expectedRevision: 'no-stream',
      context: contextFor(handler),
    });
    caseIds.push(caseId);
    events += list.length;
    onCase?.(list.length);
  }
  return { caseIds, events };
}
