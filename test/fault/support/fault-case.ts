import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient, expectStatus } from '../../support/case-client';
import { CANDIDATE_UNIT, people } from '../../support/people';

export const caseBody = (title = '副主任') => ({
  post: { title, orgUnit: CANDIDATE_UNIT, level: '副处级' },
  grounds: '班子分析研判：职位空缺',
});

export const nomination = (personId: string, name = '张三') => ({
  person: { id: personId, name, birthDate: '1980-05-01', currentPost: '综合处处长', orgUnit: CANDIDATE_UNIT },
  recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
  reason: '实绩突出，群众公认',
});

export const meetingRound = () => ({
  kind: 'meeting',
  heldAt: new Date(Date.now() - 30 * 24 * 3600_000).toISOString(),
  eligible: 30,
  participants: 26,
  results: [{ personId: 'p-fault', name: '张三', votes: 20 }],
});

export const noFlags = {
  flags: {
    politicalDiscipline: false,
    lowAcceptance: false,
    appraisalBasicOrLower: false,
    canvassing: false,
    familyEmigrated: false,
    disciplinaryImpactPeriod: false,
  },
};

export interface PreparedCase {
  caseId: string;
  candidateId: string;
}

async function command(
  client: CaseClient,
  actor: Actor,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  return expectStatus(await client.post(actor, path, body), 201).body as Record<string, unknown>;
}

export async function openApprovedCase(client: CaseClient, title?: string): Promise<string> {
  const { caseId } = (await command(client, people.handler, '/cases', caseBody(title))) as { caseId: string };
  await command(client, people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {});
  return caseId;
}

/** A case in the inspecting stage: one candidate targeted, the team (刘组长, 孙组员) formed, the notice published. */
export async function caseInInspection(client: CaseClient): Promise<PreparedCase> {
  const caseId = await openApprovedCase(client);
  const at = (path: string) => `/cases/${caseId}${path}`;
  await command(client, people.handler, at('/recommendation-rounds'), meetingRound());
  const { candidateId } = (await command(
    client,
    people.handler,
    at('/candidates'),
    nomination('p-fault'),
  )) as { candidateId: string };
  await command(client, people.handler, at(`/candidates/${candidateId}/eligibility`), noFlags);
  await command(client, people.handler, at('/inspection-targets'), {
    candidateIds: [candidateId],
    decidedAt: new Date(Date.now() - 20 * 24 * 3600_000).toISOString(),
    basis: '部务会研究确定考察对象',
  });
  await command(client, people.handler, at('/inspection-team'), {
    leader: { id: people.teamLeader.id, name: people.teamLeader.name },
    members: [{ id: people.teamMember.id, name: people.teamMember.name }],
  });
  await command(client, people.handler, at('/inspection-notice'), {
    publishedAt: new Date(Date.now() - 10 * 24 * 3600_000).toISOString(),
    channel: '单位内部公告栏',
  });
  return { caseId, candidateId };
}
