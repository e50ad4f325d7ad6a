import { createHash, randomUUID } from 'node:crypto';
import {
  type AppointmentCommand,
  type AppointmentDecider,
  type AppointmentState,
  caseStreamId,
} from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import type { EventStore } from '@app/event-store';
import { CANDIDATE_UNIT, people } from './people';

type Payload<C> = C extends AppointmentCommand ? { type: C['type']; data: C['data'] } : never;
type CommandPayload = Payload<AppointmentCommand>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The decision meeting of the case: 9 entitled, 7 attend, the principal leader m1 votes last. */
export const MEETING_MEMBERS = [
  { id: 'm1', name: '陈建国' },
  { id: 'm2', name: '李卫东' },
  { id: 'm3', name: '王海燕' },
  { id: 'm4', name: '赵志刚' },
  { id: 'm5', name: '孙丽华' },
  { id: 'm6', name: '周文博' },
  { id: 'm7', name: '吴国强' },
];

export interface CompleteCase {
  caseId: string;
  zhang: string;
  li: string;
  events: number;
}

/**
 * The case of test/e2e/case-lifecycle.e2e-spec.ts, decided by the domain from the same commands
 * but appended without HTTP: 动议 to 正式任职, two candidates, 张三 vetoed by the political opinion,
 * 李四 approved, an objection during notice resolved, appointed, talked to and confirmed after
 * probation. Each command is made by the person who makes it over HTTP and dated like a case
 * entered as it happened in 2024–2025. `until` stops after that many commands (an open case).
 */
export async function appendCompleteCase(
  store: EventStore,
  decider: AppointmentDecider,
  options: { until?: number } = {},
): Promise<CompleteCase> {
  const caseId = randomUUID();
  const zhang = randomUUID();
  const li = randomUUID();
  let state: AppointmentState = decider.initialState();
  let revision = -1;
  let commands = 0;
  const limit = options.until ?? Number.POSITIVE_INFINITY;
  const run = async (actor: Actor, at: string, payload: CommandPayload | Record<string, unknown>) => {
    if (commands >= limit) return;
    commands++;
    const command = { ...payload, caseId, actor, at } as AppointmentCommand;
    const events = decider.decide(command, state);
    for (const event of events) state = decider.evolve(state, event);
    const commandId = randomUUID();
    await store.append(
      caseStreamId(caseId),
      events.map((e) => ({ type: e.type, data: e.data })),
      {
        expectedRevision: revision < 0 ? 'no-stream' : String(revision),
        context: { actor, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
      },
    );
    revision += events.length;
  };
  const flags = {
    politicalDiscipline: false,
    lowAcceptance: false,
    appraisalBasicOrLower: false,
    canvassing: false,
    familyEmigrated: false,
    disciplinaryImpactPeriod: false,
  };
  const nominee = (candidateId: string, personId: string, name: string) => ({
    type: 'NominateCandidate' as const,
    data: {
      candidateId,
      person: {
        id: personId,
        name,
        birthDate: '1978-06-15',
        currentPost: '综合处处长',
        orgUnit: CANDIDATE_UNIT,
      },
      recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
      reason: '民主推荐得票较多，实绩突出',
    },
  });

  await run(people.handler, '2024-03-01T09:30:00+08:00', {
    type: 'OpenCase',
    data: {
      post: { title: '市发展和改革委员会副主任', orgUnit: CANDIDATE_UNIT, level: '副局级' },
      seats: 1,
      grounds: '领导班子分析研判：副主任职位空缺，需从内部选拔',
    },
  });
  await run(people.committeeSecretary, '2024-03-04T10:00:00+08:00', {
    type: 'ApproveInitiation',
    data: { comment: '同意启动' },
  });
  await run(people.handler, '2024-03-05T16:00:00+08:00', {
    type: 'RecordRecommendationRound',
    data: {
      roundId: randomUUID(),
      kind: 'meeting',
      heldAt: '2024-03-05T09:00:00+08:00',
      eligible: 30,
      participants: 26,
      results: [
        { personId: 'p-li', name: '李四', votes: 18 },
        { personId: 'p-zhang', name: '张三', votes: 12 },
      ],
    },
  });
  await run(people.handler, '2024-03-06T09:00:00+08:00', nominee(zhang, 'p-zhang', '张三'));
  await run(people.handler, '2024-03-06T09:10:00+08:00', nominee(li, 'p-li', '李四'));
  for (const candidateId of [zhang, li])
    await run(people.handler, '2024-03-07T10:00:00+08:00', {
      type: 'RecordEligibility',
      data: { candidateId, flags },
    });
  await run(people.handler, '2024-03-20T16:00:00+08:00', {
    type: 'DetermineInspectionTargets',
    data: {
      candidateIds: [zhang, li],
      decidedAt: '2024-03-20T15:00:00+08:00',
      basis: '部务会研究确定考察对象（差额）',
    },
  });
  await run(people.handler, '2024-03-21T09:00:00+08:00', {
    type: 'FormInspectionTeam',
    data: {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    },
  });
  await run(people.handler, '2024-03-22T10:00:00+08:00', {
    type: 'PublishInspectionNotice',
    data: { publishedAt: '2024-03-22T09:00:00+08:00', channel: '单位内部公告栏' },
  });
  for (const candidateId of [zhang, li]) {
    await run(people.teamMember, '2024-03-25T17:00:00+08:00', {
      type: 'RecordInspectionActivity',
      data: {
        candidateId,
        activityId: randomUUID(),
        kind: 'individual-talk',
        heldAt: '2024-03-25T09:00:00+08:00',
        summary: '个别谈话，了解德能勤绩廉',
        count: 20,
      },
    });
    await run(people.teamLeader, '2024-03-26T17:00:00+08:00', {
      type: 'RecordInspectionActivity',
      data: {
        candidateId,
        activityId: randomUUID(),
        kind: 'democratic-assessment',
        heldAt: '2024-03-26T14:00:00+08:00',
        summary: '民主测评',
        count: 40,
        grades: { excellent: 30, competent: 8, basic: 2, incompetent: 0 },
      },
    });
  }
  for (const candidateId of [zhang, li])
    await run(people.teamLeader, '2024-03-27T09:00:00+08:00', {
      type: 'SubmitInspectionReport',
      data: {
        candidateId,
        conclusion: '考察情况报告',
        strengths: '政治坚定，业务精通',
        weaknesses: '创新意识有待加强',
      },
    });

  const vetoText = '经考察，该同志政治素质考察结论为不合格。';
  await run(people.teamLeader, '2024-03-27T10:00:00+08:00', {
    type: 'DraftOpinion',
    data: { candidateId: zhang, kind: 'political', text: vetoText, verdict: 'unqualified' },
  });
  await run(people.teamLeader, '2024-03-27T10:30:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: zhang, kind: 'political', digest: sha256(vetoText) },
  });
  await run(people.unitSecretary, '2024-03-27T15:00:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: zhang, kind: 'political', digest: sha256(vetoText) },
  });

  const political = '该同志政治素质好，政治立场坚定。';
  await run(people.teamLeader, '2024-03-27T11:00:00+08:00', {
    type: 'DraftOpinion',
    data: { candidateId: li, kind: 'political', text: political, verdict: 'qualified' },
  });
  await run(people.teamLeader, '2024-03-27T11:30:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: li, kind: 'political', digest: sha256(political) },
  });
  await run(people.unitSecretary, '2024-03-27T15:10:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: li, kind: 'political', digest: sha256(political) },
  });
  const integrity = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';
  await run(people.disciplineSecretary, '2024-03-28T09:00:00+08:00', {
    type: 'DraftOpinion',
    data: { candidateId: li, kind: 'integrity', text: integrity, verdict: 'no-objection' },
  });
  await run(people.unitSecretary, '2024-03-28T09:30:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: li, kind: 'integrity', digest: sha256(integrity) },
  });
  await run(people.disciplineSecretary, '2024-03-28T09:40:00+08:00', {
    type: 'SignOpinion',
    data: { candidateId: li, kind: 'integrity', digest: sha256(integrity) },
  });
  const checks = [
    [people.handler, 'dossier', 'verified', '三龄两历一身份无误', '2024-03-28T10:00:00+08:00'],
    [people.handler, 'personal-matters', 'consistent', '查核一致', '2024-03-28T11:00:00+08:00'],
    [people.disciplineSecretary, 'petitions', 'none', '未收到信访举报', '2024-03-28T15:00:00+08:00'],
  ] as const;
  for (const [actor, check, outcome, findings, checkedAt] of checks)
    await run(actor, checkedAt.replace(':00:00', ':30:00'), {
      type: 'RecordCheck',
      data: { candidateId: li, check, outcome, findings, checkedAt },
    });

  const ids = MEETING_MEMBERS.map((m) => m.id);
  // `members` names the meeting's members (DOMAIN.md §6); a decider that does not know it yet drops it.
  const meeting: Record<string, unknown> = {
    type: 'HoldDecisionMeeting',
    data: {
      meetingId: randomUUID(),
      heldAt: '2024-04-10T09:00:00+08:00',
      entitled: 9,
      members: MEETING_MEMBERS,
      attendees: ids,
      principalLeaderId: 'm1',
      votes: [
        {
          candidateId: li,
          // R17: the principal leader states their vote last.
          ballots: [...ids.slice(1), 'm1'].map((memberId) => ({
            memberId,
            vote: memberId === 'm4' ? 'defer' : 'agree',
          })),
        },
      ],
    },
  };
  await run(people.handler, '2024-04-10T12:00:00+08:00', meeting);
  await run(people.handler, '2024-04-11T09:00:00+08:00', {
    type: 'StartPublicNotice',
    data: { candidateId: li, startDate: '2024-04-11' },
  });
  const objectionId = randomUUID();
  await run(people.handler, '2024-04-12T11:00:00+08:00', {
    type: 'RecordObjection',
    data: {
      candidateId: li,
      objectionId,
      receivedAt: '2024-04-12T10:00:00+08:00',
      summary: '反映该同志工作作风问题',
    },
  });
  await run(people.handler, '2024-04-16T16:00:00+08:00', {
    type: 'ResolveObjection',
    data: { candidateId: li, objectionId, outcome: 'unfounded', findings: '经核实，反映问题不属实' },
  });
  await run(people.handler, '2024-04-19T10:00:00+08:00', {
    type: 'IssueAppointment',
    data: { candidateId: li, noticeDate: '2024-04-19', probation: true },
  });
  await run(people.handler, '2024-04-22T16:00:00+08:00', {
    type: 'RecordAppointmentTalk',
    data: { candidateId: li, heldAt: '2024-04-22T10:00:00+08:00', heldBy: people.committeeSecretary.name },
  });
  await run(people.handler, '2025-04-21T10:00:00+08:00', {
    type: 'ReviewProbation',
    data: { candidateId: li, result: 'competent', findings: '试用期满考核称职' },
  });
  return { caseId, zhang, li, events: revision + 1 };
}
