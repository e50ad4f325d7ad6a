import { createHash } from 'node:crypto';
import type { apiClient } from './console-harness';
import { demo } from './demo';

type Api = ReturnType<typeof apiClient>;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const FLAGS = {
  politicalDiscipline: false,
  lowAcceptance: false,
  appraisalBasicOrLower: false,
  canvassing: false,
  familyEmigrated: false,
  disciplinaryImpactPeriod: false,
};
const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

/**
 * A case set up over the api (dated 2024, entered after the fact): two candidates inspected; 李明 passes
 * 凡提四必 and both double-signed opinions and is approved; 赵强's integrity opinion waits for signatures.
 */
export async function seedInspectedCase(api: Api): Promise<{ caseId: string; li: string; zhao: string }> {
  const opened = await api.post(demo.handler, '/cases', {
    post: { title: '市发展和改革委员会副主任', orgUnit: '市发展和改革委员会', level: '副局级' },
    seats: 1,
    grounds: '领导班子分析研判：副主任职位空缺，需从内部选拔',
  });
  const caseId = opened.caseId;
  const on = (path: string) => `/cases/${caseId}${path}`;
  await api.post(demo.committeeSecretary, on('/initiation/approve'), { comment: '同意启动' });
  await api.post(demo.handler, on('/recommendation-rounds'), {
    kind: 'meeting',
    heldAt: '2024-03-15T10:00:00+08:00',
    eligible: 30,
    participants: 26,
    results: [],
  });
  const nominate = (id: string, name: string, post: string) =>
    api.post(demo.handler, on('/candidates'), {
      person: { id, name, currentPost: post, orgUnit: '市发展和改革委员会' },
      recommendedBy: { id: 'r-001', name: '钱处长', role: '党组成员' },
      reason: '政治坚定，熟悉发展改革业务，推荐得票靠前',
    });
  const li = (await nominate('p-li', '李明', '市发展和改革委员会综合处处长')).candidateId;
  const zhao = (await nominate('p-zhao', '赵强', '市发展和改革委员会规划处处长')).candidateId;
  for (const id of [li, zhao])
    await api.post(demo.handler, on(`/candidates/${id}/eligibility`), { flags: FLAGS });
  await api.post(demo.handler, on('/inspection-targets'), {
    candidateIds: [li, zhao],
    decidedAt: '2024-03-20T15:00:00+08:00',
    basis: '部务会研究确定考察对象（差额）',
  });
  await api.post(demo.handler, on('/inspection-team'), {
    leader: { id: demo.teamLeader.sub, name: demo.teamLeader.name },
    members: [{ id: demo.teamMember.sub, name: demo.teamMember.name }],
  });
  await api.post(demo.handler, on('/inspection-notice'), {
    publishedAt: '2024-03-22T09:00:00+08:00',
    channel: '单位内部公告栏',
  });
  for (const id of [li, zhao]) {
    await api.post(demo.teamMember, on(`/candidates/${id}/inspection-activities`), {
      kind: 'individual-talk',
      heldAt: '2024-03-25T09:00:00+08:00',
      summary: '个别谈话 25 人',
      count: 25,
    });
    await api.post(demo.teamLeader, on(`/candidates/${id}/inspection-report`), {
      conclusion: '考察组认为该同志符合拟任职务要求',
      strengths: '政治素质好，业务能力强',
      weaknesses: '工作方法有待改进',
    });
  }
  const political = '该同志政治素质好，政治立场坚定，能够坚决贯彻落实党中央决策部署。';
  await api.post(demo.teamLeader, on(`/candidates/${li}/opinions/political`), {
    text: political,
    verdict: 'qualified',
  });
  await api.post(demo.teamLeader, on(`/candidates/${li}/opinions/political/signatures`), {
    digest: sha256(political),
  });
  await api.post(demo.unitSecretary, on(`/candidates/${li}/opinions/political/signatures`), {
    digest: sha256(political),
  });
  const integrity = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';
  for (const id of [li, zhao])
    await api.post(demo.disciplineSecretary, on(`/candidates/${id}/opinions/integrity`), {
      text: integrity,
      verdict: 'no-objection',
    });
  await api.post(demo.unitSecretary, on(`/candidates/${li}/opinions/integrity/signatures`), {
    digest: sha256(integrity),
  });
  await api.post(demo.disciplineSecretary, on(`/candidates/${li}/opinions/integrity/signatures`), {
    digest: sha256(integrity),
  });
  const check = (id: string, name: string, outcome: string, by = demo.handler) =>
    api.post(by, on(`/candidates/${id}/checks/${name}`), {
      outcome,
      findings: '已核查',
      checkedAt: '2024-03-28T10:00:00+08:00',
    });
  await check(li, 'dossier', 'verified');
  await check(li, 'personal-matters', 'consistent');
  await check(li, 'petitions', 'none', demo.disciplineSecretary);
  const meeting = {
    heldAt: '2024-04-10T15:00:00+08:00',
    entitled: 7,
    members: MEMBERS.map((id, i) => ({ id, name: `常委${i + 1}` })),
    attendees: MEMBERS,
    principalLeaderId: 'm1',
    votes: [
      {
        candidateId: li,
        ballots: [...MEMBERS.slice(1), 'm1'].map((memberId) => ({ memberId, vote: 'agree' })),
      },
    ],
  };
  await api.post(demo.handler, on('/decision-meetings'), meeting);
  return { caseId, li, zhao };
}
