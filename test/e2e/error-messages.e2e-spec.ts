import type { Response } from 'supertest';
import { ERROR_CATALOGUE } from '@app/platform';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const EN = { 'Accept-Language': 'en-US,en;q=0.9' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expectStatus(response, status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
  return response.body as Record<string, unknown>;
}

/**
 * What a clerk reads when the service refuses: problem details in Chinese unless the client
 * prefers English, fields by their Chinese labels, candidates by name; `code` the same in both.
 */
describe('error messages in Chinese, English on request (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let caseId: string;
  let zhangId: string;

  beforeAll(async () => {
    e2e = await startE2eApp('api_error_messages');
    client = new CaseClient(e2e);
    const opened = await client.post(people.handler, '/cases', {
      post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' },
      grounds: '班子分析研判：副主任职位空缺',
    });
    caseId = expectStatus(opened, 201).body.caseId;
    expectStatus(
      await client.post(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {}),
      201,
    );
    expectStatus(
      await client.post(people.handler, `/cases/${caseId}/recommendation-rounds`, {
        kind: 'meeting',
        heldAt: '2024-03-05T09:00:00+08:00',
        eligible: 30,
        participants: 26,
        results: [{ personId: 'p-zhang', name: '张三', votes: 18 }],
      }),
      201,
    );
    const nominated = await client.post(people.handler, `/cases/${caseId}/candidates`, {
      person: { id: 'p-zhang', name: '张三', currentPost: '综合处处长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
      reason: '民主推荐得票较多，实绩突出',
    });
    zhangId = expectStatus(nominated, 201).body.candidateId;
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function getWith(path: string, headers: Record<string, string>, token?: string): Promise<Response> {
    const request = e2e.http().get(path).set(headers);
    return token === undefined ? request : request.set('Authorization', `Bearer ${token}`);
  }

  it('names each invalid field by its Chinese label and lists the allowed values (400)', async () => {
    const body = {
      heldAt: '2024-13-01',
      entitled: '九',
      attendees: ['m1'],
      principalLeaderId: '',
      votes: [{ candidateId: zhangId, ballots: [{ memberId: 'm1', vote: 'yes' }] }],
    };
    const zh = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/decision-meetings`, body),
      400,
      'HTTP.INVALID_REQUEST',
    );
    expect(zh.title).toBe('请求内容有误');
    expect(zh.detail).toBe(
      '请求中有填写不正确的内容：会议召开时间、应到会人数、主要负责人、表决第1项·表决票第1项·表决意见',
    );
    expect(zh.errors).toEqual([
      {
        field: 'heldAt',
        label: '会议召开时间',
        messages: ['须为带时区的时间，如 2025-03-14T09:30:00+08:00（公元 1 至 9999 年之间）'],
      },
      { field: 'entitled', label: '应到会人数', messages: ['须为整数'] },
      { field: 'principalLeaderId', label: '主要负责人', messages: ['不能为空'] },
      {
        field: 'votes[0].ballots[0].vote',
        label: '表决第1项·表决票第1项·表决意见',
        messages: ['只能是同意（agree）、不同意（disagree）或缓议（defer）'],
      },
    ]);

    const en = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/decision-meetings`, body, EN),
      400,
      'HTTP.INVALID_REQUEST',
    );
    expect(en.title).toBe('Bad Request');
    expect(en.detail).toBe('invalid request: heldAt, entitled, principalLeaderId, votes[0].ballots[0].vote');
  });

  it('lists the outcomes of each check kind in Chinese with their codes', async () => {
    const zh = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/candidates/${zhangId}/checks/dossier`, {
        outcome: 'fine',
        findings: '档案齐全',
        checkedAt: '2024-03-21T09:00:00+08:00',
      }),
      400,
      'HTTP.INVALID_REQUEST',
    );
    const [outcome] = zh.errors as Array<{ label: string; messages: string[] }>;
    expect(outcome.label).toBe('核查结果');
    expect(outcome.messages[0]).toContain(
      '干部档案审核（dossier）为已审核无误（verified）或存在不一致（discrepancy）',
    );
    expect(outcome.messages[0]).toContain(
      '信访举报核查（petitions）为未收到（none）、查无实据（unsubstantiated）或查有实据（substantiated）',
    );
  });

  it('names the candidate of a refused command by name, with the rule (409)', async () => {
    const body = { candidateIds: [zhangId], decidedAt: '2024-03-20T15:00:00+08:00', basis: '部务会研究' };
    const zh = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/inspection-targets`, body),
      409,
      'APPOINTMENT.ELIGIBILITY_NOT_RECORDED',
    );
    expect(zh).toMatchObject({ rule: 'R5', title: '不符合办理程序或当前状态' });
    expect(zh.detail).toBe('尚未登记人选张三的资格审查情况');
    expect(zh.detail).not.toMatch(UUID);

    const en = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/inspection-targets`, body, EN),
      409,
      'APPOINTMENT.ELIGIBILITY_NOT_RECORDED',
    );
    expect(en.detail).toBe('eligibility of candidate 张三 is not recorded');
  });

  it('says in the workflow’s words which stage a command belongs to (409)', async () => {
    const zh = expectProblem(
      await client.post(people.handler, `/cases/${caseId}/inspection-notice`, {
        publishedAt: '2024-03-22T09:00:00+08:00',
        channel: '单位内部公告栏',
      }),
      409,
      'APPOINTMENT.WRONG_STAGE',
    );
    expect(zh.detail).toBe(
      '案件目前处于“民主推荐”阶段，不能发布考察预告（须在“考察”、“讨论决定”、“任前公示”或“任职”阶段办理）',
    );
  });

  it('answers 401 without a token, in either language', async () => {
    const zh = expectProblem(await getWith(`/cases/${caseId}`, {}), 401, 'AUTH.MISSING_TOKEN');
    expect(zh).toMatchObject({
      title: '未登录或登录已失效',
      detail: '未登录：请求须携带登录令牌（Authorization: Bearer …）',
    });
    const en = expectProblem(await getWith(`/cases/${caseId}`, EN), 401, 'AUTH.MISSING_TOKEN');
    expect(en).toMatchObject({ title: 'Unauthorized', detail: 'a bearer token is required' });
    const bad = expectProblem(
      await getWith(`/cases/${caseId}`, {}, 'not.a.token'),
      401,
      'AUTH.INVALID_TOKEN',
    );
    expect(bad.detail).toBe('登录令牌无效或已过期，请重新登录');
  });

  it('answers 403 naming the role and who may, in either language', async () => {
    const body = { post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' }, grounds: '…' };
    const zh = expectProblem(await client.post(people.auditor, '/cases', body), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect(zh.detail).toBe('选人用人检查人员无权进行此项操作（可进行此项操作的是：经办人）');
    const en = expectProblem(
      await client.post(people.auditor, '/cases', body, EN),
      403,
      'AUTH.ROLE_NOT_ALLOWED',
    );
    expect(en.detail).toBe('the role auditor may not do this; allowed: handler');
  });

  it('answers 404 for an unknown case, in either language', async () => {
    const missing = '59bf7c1e-0000-4000-8000-000000000009';
    const token = await e2e.tokenFor(people.handler);
    const zh = expectProblem(
      await getWith(`/cases/${missing}`, {}, token),
      404,
      'APPOINTMENT.CASE_NOT_FOUND',
    );
    expect(zh).toMatchObject({ title: '未找到', detail: `没有编号为 ${missing} 的案件` });
    const en = expectProblem(
      await getWith(`/cases/${missing}`, EN, token),
      404,
      'APPOINTMENT.CASE_NOT_FOUND',
    );
    expect(en).toMatchObject({ title: 'Not Found', detail: `no case ${missing}` });
  });

  it('answers 412 when If-Match names a revision the case has left, in either language', async () => {
    const stale = { 'If-Match': '"0"' };
    const path = `/cases/${caseId}/candidates/${zhangId}/eligibility`;
    const flags = {
      politicalDiscipline: false,
      lowAcceptance: false,
      appraisalBasicOrLower: false,
      canvassing: false,
      familyEmigrated: false,
      disciplinaryImpactPeriod: false,
    };
    const zh = expectProblem(
      await client.post(people.handler, path, { flags }, stale),
      412,
      'EVENT_STORE.PRECONDITION_FAILED',
    );
    expect(zh.title).toBe('案件已被更新');
    expect(zh.detail).toBe('案件已更新到第 3 版，与提交时依据的第 0 版（If-Match）不符，请刷新后再提交');
    const en = expectProblem(
      await client.post(people.handler, path, { flags }, { ...stale, ...EN }),
      412,
      'EVENT_STORE.PRECONDITION_FAILED',
    );
    expect(en.detail).toBe('the case is at revision 3, not 0 as If-Match says; reload and retry');
  });

  it('answers 422 when an Idempotency-Key comes back with another body, in either language', async () => {
    const key = { 'Idempotency-Key': '3a1f7c1e-0000-4000-8000-00000000abcd' };
    const body = (grounds: string) => ({
      post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' },
      grounds,
    });
    expectStatus(await client.post(people.handler, '/cases', body('第一次'), key), 201);
    const zh = expectProblem(
      await client.post(people.handler, '/cases', body('第二次'), key),
      422,
      'EVENT_STORE.IDEMPOTENCY_KEY_REUSED',
    );
    expect(zh.detail).toBe('这个 Idempotency-Key 已用于另一项内容不同的请求；每项新请求须使用新的键');
    const en = expectProblem(
      await client.post(people.handler, '/cases', body('第二次'), { ...key, ...EN }),
      422,
      'EVENT_STORE.IDEMPOTENCY_KEY_REUSED',
    );
    expect(en.title).toBe('Unprocessable Content');
  });

  it('takes the Chinese stage names in the case list and lists them when the stage is unknown', async () => {
    const token = await e2e.tokenFor(people.handler);
    expectStatus(await getWith(`/cases?stage=${encodeURIComponent('民主推荐')}`, {}, token), 200);
    expectStatus(await getWith('/cases?stage=recommending', {}, token), 200);
    const zh = expectProblem(await getWith('/cases?stage=vetting', {}, token), 400, 'HTTP.INVALID_REQUEST');
    expect(zh.errors).toEqual([
      {
        field: 'stage',
        label: '阶段',
        messages: [
          '只能是以下阶段之一（中文名称或代码均可）：动议（initiated）、动议审批（initiation-approved）、' +
            '民主推荐（recommending）、确定考察对象（inspection-targets）、考察（inspecting）、讨论决定（deciding）、' +
            '任前公示（public-notice）、任职（appointed）、结案（closed）',
        ],
      },
    ]);
  });

  it('lists the whole catalogue at GET /errors without a token, and in the OpenAPI document', async () => {
    const catalogue = expectStatus(await getWith('/errors', {}), 200).body;
    expect(catalogue.count).toBe(Object.keys(ERROR_CATALOGUE).length);
    expect(catalogue.errors).toContainEqual({
      code: 'APPOINTMENT.OBJECTIONS_OPEN',
      status: 409,
      rule: 'R22',
      zh: '候选人{candidate}尚有 {count} 件未办结的反映问题（R22），不能任职',
      en: 'objections still open for candidate {candidate} ({count})',
    });
    const openApi = expectStatus(await getWith('/docs-json', {}), 200).body;
    expect(openApi['x-error-codes']).toHaveLength(catalogue.count);
    expect(openApi.components.responses.Problem409.description).toContain('APPOINTMENT.QUORUM_NOT_MET');
    expect(openApi.paths['/cases/{id}/decision-meetings'].post.responses['409']).toBeDefined();
    // a write's body must be JSON: the document says so with the 415 it may answer
    expect(openApi.paths['/cases/{id}/decision-meetings'].post.responses['415']).toEqual({
      $ref: '#/components/responses/Problem415',
    });
    expect(openApi.components.responses.Problem415.description).toContain('HTTP.UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('rate limiting in Chinese and English (e2e)', () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    e2e = await startE2eApp('api_error_rate_limit', { RATE_LIMIT_PER_MINUTE: '2' });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('answers 429 in the client’s language', async () => {
    const token = await e2e.tokenFor(people.handler);
    const get = (headers: Record<string, string>) =>
      e2e.http().get('/cases').set('Authorization', `Bearer ${token}`).set(headers);
    let limited = await get({});
    while (limited.status !== 429) limited = await get({});
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'HTTP.RATE_LIMITED',
      title: '请求过于频繁',
      detail: '请求过于频繁，请稍后再试',
    });
    expect((await get(EN)).body).toMatchObject({
      code: 'HTTP.RATE_LIMITED',
      title: 'Too Many Requests',
      detail: 'too many requests; slow down and retry later',
    });
  });
});
