import { createHash } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, DEPARTMENT, people } from '../support/people';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
const principal = 'm1';

/**
 * One case from 动议 to 正式任职 with two candidates: 张三 is vetoed by the political opinion
 * (R10) and refused at the decision meeting and at appointment; 李四 is approved, passes the
 * notice with a resolved objection, is appointed, talked to and confirmed after probation.
 * Case dates are in 2024; the service clock is now, so the probation (ending 2025-04-19) is over.
 */
describe('a complete case from 动议 to 正式任职 (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let caseId: string;
  const ids: Record<'zhang' | 'li', string> = { zhang: '', li: '' };
  let asOfAfterDecision = '';
  let revisionAfterDecision = '';

  beforeAll(async () => {
    e2e = await startE2eApp('api_lifecycle');
    client = new CaseClient(e2e);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function command(actor: Actor, path: string, body: unknown, status = 201): Promise<Response> {
    const response = expectStatus(await client.post(actor, `/cases/${caseId}${path}`, body), status);
    if (status === 201) expect(response.headers.etag).toBe(`"${response.body.revision}"`);
    return response;
  }

  async function refused(
    actor: Actor,
    path: string,
    body: unknown,
    status: number,
    code: string,
    detail?: string,
  ): Promise<void> {
    const before = await client.revisionOf(caseId, people.auditor);
    const response = expectStatus(await client.post(actor, `/cases/${caseId}${path}`, body), status);
    expect(response.body.code).toBe(code);
    if (detail !== undefined) expect(response.body.detail).toBe(detail);
    expect(await client.revisionOf(caseId, people.auditor)).toBe(before);
  }

  it('opens the case (动议) and approves the initiation', async () => {
    const opened = expectStatus(
      await client.post(people.handler, '/cases', {
        post: { title: '市发展和改革委员会副主任', orgUnit: CANDIDATE_UNIT, level: '副局级' },
        seats: 1,
        grounds: '领导班子分析研判：副主任职位空缺，需从内部选拔',
      }),
      201,
    );
    expect(opened.body).toMatchObject({ revision: '0', events: [{ type: 'CaseOpened', revision: '0' }] });
    caseId = opened.body.caseId;
    const awaiting = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200).body;
    expect(awaiting.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'initiation-approval',
      'initiation-approval-escalation',
    ]);
    expect(awaiting.deadlines[0].recipientRoles.length).toBeGreaterThan(0);

    await refused(
      people.handler,
      '/candidates',
      nominee('p-early', '提前'),
      409,
      'APPOINTMENT.INITIATION_NOT_APPROVED',
    );
    await command(people.committeeSecretary, '/initiation/approve', { comment: '同意启动' });
    const approved = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200).body;
    expect(approved.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('initiation-approval');
  });

  it('records a valid meeting round and two named nominations (民主推荐)', async () => {
    await refused(
      people.handler,
      '/recommendation-rounds',
      round(30, 19),
      409,
      'APPOINTMENT.TURNOUT_NOT_MET',
    );
    await command(people.handler, '/recommendation-rounds', round(30, 26));
    const zhang = await command(people.handler, '/candidates', nominee('p-zhang', '张三'));
    const li = await command(people.handler, '/candidates', nominee('p-li', '李四'));
    ids.zhang = zhang.body.candidateId;
    ids.li = li.body.candidateId;
    expect(ids.zhang).not.toBe(ids.li);
    for (const id of [ids.zhang, ids.li]) {
      await command(people.handler, `/candidates/${id}/eligibility`, {
        flags: {
          politicalDiscipline: false,
          lowAcceptance: false,
          appraisalBasicOrLower: false,
          canvassing: false,
          familyEmigrated: false,
          disciplinaryImpactPeriod: false,
        },
      });
    }
  });

  it('determines both as inspection targets and forms the team', async () => {
    await command(people.handler, '/inspection-targets', {
      candidateIds: [ids.zhang, ids.li],
      decidedAt: '2024-03-20T15:00:00+08:00',
      basis: '部务会研究确定考察对象（差额）',
    });
    await command(people.handler, '/inspection-team', {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    });
  });

  it('inspects both candidates after the notice (R8, R9)', async () => {
    await refused(
      people.teamMember,
      `/candidates/${ids.li}/inspection-activities`,
      talk('2024-03-25T09:00:00+08:00'),
      409,
      'APPOINTMENT.INSPECTION_NOTICE_NOT_PUBLISHED',
    );
    await command(people.handler, '/inspection-notice', {
      publishedAt: '2024-03-22T09:00:00+08:00',
      channel: '单位内部公告栏',
    });
    for (const id of [ids.zhang, ids.li]) {
      await command(
        people.teamMember,
        `/candidates/${id}/inspection-activities`,
        talk('2024-03-25T09:00:00+08:00'),
      );
      await command(people.teamLeader, `/candidates/${id}/inspection-activities`, {
        kind: 'democratic-assessment',
        heldAt: '2024-03-26T14:00:00+08:00',
        summary: '民主测评',
        count: 40,
        grades: { excellent: 30, competent: 8, basic: 2, incompetent: 0 },
      });
    }
    await refused(
      people.teamMember,
      `/candidates/${ids.li}/inspection-report`,
      report(),
      403,
      'APPOINTMENT.NOT_TEAM_LEADER',
    );
    for (const id of [ids.zhang, ids.li])
      await command(people.teamLeader, `/candidates/${id}/inspection-report`, report());
  });

  it('vetoes 张三 with a double-signed "unqualified" political opinion (R10, R16)', async () => {
    const text = '经考察，该同志政治素质考察结论为不合格。';
    const drafted = await command(people.teamLeader, `/candidates/${ids.zhang}/opinions/political`, {
      text,
      verdict: 'unqualified',
    });
    expect(drafted.body.digest).toBe(sha256(text));
    await command(people.teamLeader, `/candidates/${ids.zhang}/opinions/political/signatures`, {
      digest: drafted.body.digest,
    });
    await command(people.unitSecretary, `/candidates/${ids.zhang}/opinions/political/signatures`, {
      digest: drafted.body.digest,
    });
    const state = expectStatus(await client.get(people.auditor, `/cases/${caseId}`), 200).body;
    expect(candidate(state, ids.zhang)).toMatchObject({ vetoed: true });
  });

  it('completes 凡提四必 and both opinions for 李四 (R10–R16)', async () => {
    const political = '该同志政治素质好，政治立场坚定。';
    const first = await command(people.teamLeader, `/candidates/${ids.li}/opinions/political`, {
      text: political,
      verdict: 'qualified',
    });
    await refused(
      people.unitSecretary,
      `/candidates/${ids.li}/opinions/political/signatures`,
      { digest: sha256('别的文本') },
      409,
      'APPOINTMENT.DIGEST_MISMATCH',
    );
    await command(people.teamLeader, `/candidates/${ids.li}/opinions/political/signatures`, {
      digest: first.body.digest,
    });
    await command(people.unitSecretary, `/candidates/${ids.li}/opinions/political/signatures`, {
      digest: first.body.digest,
    });

    const integrity = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';
    const drafted = await command(people.disciplineSecretary, `/candidates/${ids.li}/opinions/integrity`, {
      text: integrity,
      verdict: 'no-objection',
    });
    expect(drafted.body.digest).toBe(sha256(integrity));
    await command(people.unitSecretary, `/candidates/${ids.li}/opinions/integrity/signatures`, {
      digest: drafted.body.digest,
    });
    await command(people.disciplineSecretary, `/candidates/${ids.li}/opinions/integrity/signatures`, {
      digest: drafted.body.digest,
    });

    await command(people.handler, `/candidates/${ids.li}/checks/dossier`, {
      outcome: 'verified',
      findings: '三龄两历一身份无误',
      checkedAt: '2024-03-28T10:00:00+08:00',
    });
    await command(people.handler, `/candidates/${ids.li}/checks/personal-matters`, {
      outcome: 'consistent',
      findings: '查核一致',
      checkedAt: '2024-03-28T11:00:00+08:00',
    });
    await command(people.disciplineSecretary, `/candidates/${ids.li}/checks/petitions`, {
      outcome: 'none',
      findings: '未收到信访举报',
      checkedAt: '2024-03-28T15:00:00+08:00',
    });
  });

  it('refuses to put the vetoed 张三 to the meeting, and approves 李四 with a majority of all entitled (R15, R17–R19)', async () => {
    await refused(
      people.handler,
      '/decision-meetings',
      meeting([ids.li, ids.zhang]),
      409,
      'APPOINTMENT.CANDIDATE_VETOED',
    );
    const held = await command(people.handler, '/decision-meetings', meeting([ids.li]));
    revisionAfterDecision = held.body.revision;
    await sleep(25);
    asOfAfterDecision = new Date().toISOString();
    await sleep(25);
    const state = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200).body;
    expect(candidate(state, ids.li)).toMatchObject({ status: 'approved' });
  });

  it('runs the public notice over 5 working days, computed by the service, and resolves an objection (R21, R22)', async () => {
    await command(people.handler, `/candidates/${ids.li}/public-notice`, { startDate: '2024-04-11' });
    const state = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200).body;
    expect(candidate(state, ids.li).publicNotice).toEqual({ startDate: '2024-04-11', endDate: '2024-04-17' });

    const objection = await command(people.handler, `/candidates/${ids.li}/objections`, {
      receivedAt: '2024-04-12T10:00:00+08:00',
      summary: '反映该同志工作作风问题',
    });
    expect(objection.body.objectionId).toEqual(expect.any(String));
    await refused(
      people.handler,
      `/candidates/${ids.li}/appointment`,
      { noticeDate: '2024-04-19', probation: true },
      409,
      'APPOINTMENT.OBJECTIONS_OPEN',
      '候选人李四尚有 1 件未办结的反映问题（R22），不能任职',
    );
    await command(
      people.handler,
      `/candidates/${ids.li}/objections/${objection.body.objectionId}/resolution`,
      { outcome: 'unfounded', findings: '经核实，反映问题不属实' },
    );
  });

  it('appoints 李四 but never the vetoed 张三 (R10, R23, R24)', async () => {
    await refused(
      people.handler,
      `/candidates/${ids.li}/appointment`,
      { noticeDate: '2024-04-17', probation: true },
      409,
      'APPOINTMENT.NOTICE_NOT_ENDED',
    );
    await command(people.handler, `/candidates/${ids.li}/appointment`, {
      noticeDate: '2024-04-19',
      probation: true,
    });
    await refused(
      people.handler,
      `/candidates/${ids.zhang}/appointment`,
      { noticeDate: '2024-04-19', probation: true },
      409,
      'APPOINTMENT.CANDIDATE_VETOED',
      '张三政治素质考察不合格，实行一票否决',
    );
  });

  it('records the appointment talk and confirms after probation: 正式任职, the case closes (R25, R26)', async () => {
    await command(people.handler, `/candidates/${ids.li}/appointment-talk`, {
      heldAt: '2024-04-22T10:00:00+08:00',
      heldBy: people.committeeSecretary.name,
    });
    const reviewed = await command(people.handler, `/candidates/${ids.li}/probation-review`, {
      result: 'competent',
      findings: '试用期满考核称职',
    });
    expect(reviewed.body.events.map((e: { type: string }) => e.type)).toContain('CaseClosed');

    const read = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
    expect(read.headers.etag).toBe(`"${reviewed.body.revision}"`);
    expect(read.body).toMatchObject({
      caseId,
      status: 'closed',
      stage: 'closed',
      outcome: 'confirmed',
      ownerOrgUnit: DEPARTMENT,
      revision: reviewed.body.revision,
    });
    expect(candidate(read.body, ids.li)).toMatchObject({
      status: 'confirmed',
      appointment: { noticeDate: '2024-04-19', probation: true },
      probation: { endDate: '2025-04-19' },
    });
    expect(candidate(read.body, ids.zhang)).toMatchObject({ vetoed: true });
  });

  it('gives auditors the exact history, an intact hash chain and the state at any past point', async () => {
    const history = expectStatus(await client.get(people.auditor, `/cases/${caseId}/history`), 200).body;
    const revision = await client.revisionOf(caseId, people.auditor);
    expect(history.events).toHaveLength(Number(revision) + 1);
    expect(history.events.map((e: { revision: string }) => e.revision)).toEqual(
      history.events.map((_: unknown, i: number) => String(i)),
    );
    expect(history.events[0]).toMatchObject({ type: 'CaseOpened', metadata: { actor: people.handler } });
    expect(history.events.at(-1)).toMatchObject({ type: 'CaseClosed' });
    for (const event of history.events) {
      expect(event.metadata).toEqual(
        expect.objectContaining({
          commandId: expect.any(String),
          correlationId: expect.any(String),
          causationId: event.metadata.commandId,
          occurredAt: expect.any(String),
          recordedAt: expect.any(String),
          prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      );
      expect(Number(event.globalPosition)).toBeGreaterThan(0);
    }

    expect(expectStatus(await client.get(people.auditor, `/cases/${caseId}/verify`), 200).body).toEqual({
      intact: true,
      events: history.events.length,
    });

    const atOpening = expectStatus(
      await client.get(people.auditor, `/cases/${caseId}/state?revision=0`),
      200,
    ).body;
    expect(atOpening).toMatchObject({ stage: 'initiated', revision: '0' });
    expect(atOpening.candidates).toEqual([]);

    const afterDecision = expectStatus(
      await client.get(
        people.auditor,
        `/cases/${caseId}/state?asOf=${encodeURIComponent(asOfAfterDecision)}`,
      ),
      200,
    ).body;
    expect(afterDecision.revision).toBe(revisionAfterDecision);
    expect(candidate(afterDecision, ids.li)).toMatchObject({ status: 'approved', publicNotice: null });

    expectStatus(
      await client.get(people.auditor, `/cases/${caseId}/state?revision=${Number(revision) + 1}`),
      404,
    );
    expectStatus(await client.get(people.auditor, `/cases/${caseId}/state?asOf=2000-01-01T00:00:00Z`), 404);
  });

  it("locates a change made to stored history behind the service's back", async () => {
    const db = new Client({ connectionString: e2e.databaseUrl });
    await db.connect();
    try {
      const changed = await db.query(
        `UPDATE events SET data = jsonb_set(data, '{reason}', '"改写的推荐理由"') WHERE stream_id = $1 AND revision = 4`,
        [`appointment-${caseId}`],
      );
      expect(changed.rowCount).toBe(1);
    } finally {
      await db.end();
    }
    const verified = expectStatus(await client.get(people.auditor, `/cases/${caseId}/verify`), 200).body;
    expect(verified).toMatchObject({ intact: false, brokenAt: '4' });
  });

  it("lets the candidates' unit secretary read the case, but not a handler of another department", async () => {
    expectStatus(await client.get(people.unitSecretary, `/cases/${caseId}`), 200);
    expectStatus(await client.get(people.otherHandler, `/cases/${caseId}/history`), 403);
    expectStatus(await client.get(people.auditor, '/cases/5b0d6c1e-7d2a-4a43-9e0b-2f8e0f0f4c11'), 404);
  });
});

function candidate(
  state: { candidates: Array<{ candidateId: string }> },
  id: string,
): Record<string, unknown> & { publicNotice?: unknown } {
  const found = state.candidates.find((c) => c.candidateId === id);
  if (!found)
    throw new Error(`no candidate ${id} in ${JSON.stringify(state.candidates.map((c) => c.candidateId))}`);
  return found as Record<string, unknown>;
}

function nominee(personId: string, name: string) {
  return {
    person: {
      id: personId,
      name,
      birthDate: '1978-06-15',
      currentPost: '综合处处长',
      orgUnit: CANDIDATE_UNIT,
    },
    recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
    reason: '民主推荐得票较多，实绩突出',
  };
}

function round(eligible: number, participants: number) {
  return {
    kind: 'meeting',
    heldAt: '2024-03-05T09:00:00+08:00',
    eligible,
    participants,
    results: [
      { personId: 'p-li', name: '李四', votes: Math.min(18, participants) },
      { personId: 'p-zhang', name: '张三', votes: Math.min(12, participants) },
    ],
  };
}

function talk(heldAt: string) {
  return { kind: 'individual-talk', heldAt, summary: '个别谈话，了解德能勤绩廉', count: 20 };
}

function report() {
  return { conclusion: '考察情况报告', strengths: '政治坚定，业务精通', weaknesses: '创新意识有待加强' };
}

function meeting(candidateIds: string[]) {
  return {
    heldAt: '2024-04-10T09:00:00+08:00',
    entitled: 9,
    attendees: members,
    principalLeaderId: principal,
    votes: candidateIds.map((candidateId) => ({
      candidateId,
      // R17: the principal leader states their vote last.
      ballots: [...members.filter((m) => m !== principal), principal].map((memberId) => ({
        memberId,
        vote: 'agree',
      })),
    })),
  };
}
