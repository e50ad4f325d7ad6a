import { createHash } from 'node:crypto';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { CANDIDATE_UNIT, people } from '../support/people';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The api, and beside it the worker's projection runners including the R27 process. */
export const startSupervisionApp = startApiHarness;

export type SupervisionApp = ApiHarness;

export const cleanFlags = {
  politicalDiscipline: false,
  lowAcceptance: false,
  appraisalBasicOrLower: false,
  canvassing: false,
  familyEmigrated: false,
  disciplinaryImpactPeriod: false,
};

export interface CaseDates {
  round: string;
  targets: string;
  notice: string;
  activity: string;
  checks: string;
  meeting: string;
  publicNotice: string;
  appointment: string;
  talk: string;
}

/** A case entered after the fact (补录): every dated step in 2024, recorded now. */
export const DATES_2024: CaseDates = {
  round: '2024-03-05T09:00:00+08:00',
  targets: '2024-03-11T15:00:00+08:00',
  notice: '2024-03-12T09:00:00+08:00',
  activity: '2024-03-13T09:00:00+08:00',
  checks: '2024-03-14T10:00:00+08:00',
  meeting: '2024-03-20T15:00:00+08:00',
  publicNotice: '2024-03-21',
  appointment: '2024-03-29',
  talk: '2024-04-01T10:00:00+08:00',
};

export const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

/** Drives one case over HTTP from 动议 to 任职 (with the talk); returns its ids. */
export async function appointedCase(
  s: SupervisionApp,
  opts: {
    person: { id: string; name: string };
    recommender: { id: string; name: string; role: string };
    probation: boolean;
    dates?: CaseDates;
    level?: string;
    /** false: stop before the appointment talk. */
    talk?: boolean;
    /** Stop before the decision meeting, or once the public notice has started. */
    stopAt?: 'meeting' | 'notice';
  },
): Promise<{ caseId: string; candidateId: string; politicalDigest: string; integrityDigest: string }> {
  const d = opts.dates ?? DATES_2024;
  const h = people.handler;
  const { caseId } = await s.ok(h, '/cases', {
    post: { title: `副主任（${opts.person.name}）`, orgUnit: CANDIDATE_UNIT, level: opts.level ?? '副局级' },
    grounds: '班子分析研判',
  });
  await s.ok(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, { comment: '同意启动' });
  await s.ok(h, `/cases/${caseId}/recommendation-rounds`, {
    kind: 'meeting',
    heldAt: d.round,
    eligible: 30,
    participants: 26,
    results: [],
  });
  const { candidateId } = await s.ok(h, `/cases/${caseId}/candidates`, {
    person: { ...opts.person, currentPost: '处长', orgUnit: CANDIDATE_UNIT },
    recommendedBy: opts.recommender,
    reason: '会议推荐得票较多',
  });
  const c = `/cases/${caseId}/candidates/${candidateId}`;
  await s.ok(h, `${c}/eligibility`, { flags: cleanFlags });
  await s.ok(h, `/cases/${caseId}/inspection-targets`, {
    candidateIds: [candidateId],
    decidedAt: d.targets,
    basis: '部务会研究确定',
  });
  await s.ok(h, `/cases/${caseId}/inspection-team`, {
    leader: { id: people.teamLeader.id, name: people.teamLeader.name },
    members: [{ id: people.teamMember.id, name: people.teamMember.name }],
  });
  await s.ok(h, `/cases/${caseId}/inspection-notice`, { publishedAt: d.notice, channel: '单位公告栏' });
  await s.ok(people.teamMember, `${c}/inspection-activities`, {
    kind: 'individual-talk',
    heldAt: d.activity,
    summary: '个别谈话 20 人',
    count: 20,
  });
  await s.ok(people.teamLeader, `${c}/inspection-report`, {
    conclusion: '德才兼备',
    strengths: '政治坚定',
    weaknesses: '创新不足',
  });
  for (const [check, outcome] of [
    ['dossier', 'verified'],
    ['personal-matters', 'consistent'],
    ['petitions', 'none'],
  ])
    await s.ok(h, `${c}/checks/${check}`, { outcome, findings: '已核查', checkedAt: d.checks });
  const political = `${opts.person.name}政治素质好。`;
  const integrity = `${opts.person.name}未发现廉政问题。`;
  await s.ok(people.teamLeader, `${c}/opinions/political`, { text: political, verdict: 'qualified' });
  await s.ok(people.teamLeader, `${c}/opinions/political/signatures`, { digest: sha256(political) });
  await s.ok(people.unitSecretary, `${c}/opinions/political/signatures`, { digest: sha256(political) });
  await s.ok(people.disciplineSecretary, `${c}/opinions/integrity`, {
    text: integrity,
    verdict: 'no-objection',
  });
  await s.ok(people.unitSecretary, `${c}/opinions/integrity/signatures`, { digest: sha256(integrity) });
  await s.ok(people.disciplineSecretary, `${c}/opinions/integrity/signatures`, { digest: sha256(integrity) });
  const ids = { caseId, candidateId, politicalDigest: sha256(political), integrityDigest: sha256(integrity) };
  if (opts.stopAt === 'meeting') return ids;
  await s.ok(h, `/cases/${caseId}/decision-meetings`, {
    heldAt: d.meeting,
    entitled: 9,
    attendees: MEMBERS,
    principalLeaderId: 'm1',
    votes: [
      {
        candidateId,
        ballots: [...MEMBERS.slice(1), 'm1'].map((memberId) => ({ memberId, vote: 'agree' })),
      },
    ],
  });
  await s.ok(h, `${c}/public-notice`, { startDate: d.publicNotice });
  if (opts.stopAt === 'notice') return ids;
  await s.ok(h, `${c}/appointment`, { noticeDate: d.appointment, probation: opts.probation });
  if (opts.talk !== false) await s.ok(h, `${c}/appointment-talk`, { heldAt: d.talk, heldBy: '陈书记' });
  return ids;
}
