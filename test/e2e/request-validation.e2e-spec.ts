import type { Response } from 'supertest';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const validCase = {
  post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' },
  seats: 1,
  grounds: '班子分析研判：副主任职位空缺',
};

const fieldsOf = (response: Response): string[] =>
  (response.body.errors as Array<{ field: string }>).map((error) => error.field).sort();

function expectProblem(response: Response, status: number, code: string): void {
  expectStatus(response, status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    code,
    title: expect.any(String),
    type: expect.any(String),
    detail: expect.any(String),
  });
}

describe('request validation (e2e): bad input is a 400 problem listing every bad field, and changes nothing', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let caseId: string;

  beforeAll(async () => {
    e2e = await startE2eApp('api_validation');
    client = new CaseClient(e2e);
    caseId = expectStatus(await client.post(people.handler, '/cases', validCase), 201).body.caseId;
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('lists every missing field', async () => {
    const response = await client.post(people.handler, '/cases', {});
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['grounds', 'post']);
  });

  it('lists every field of the wrong type, nested ones by their path', async () => {
    const response = await client.post(people.handler, '/cases', {
      post: { title: 5, orgUnit: CANDIDATE_UNIT, level: true },
      seats: '1',
      grounds: ['not', 'text'],
    });
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['grounds', 'post.level', 'post.title', 'seats']);
  });

  it('refuses unknown fields at any depth', async () => {
    const response = await client.post(people.handler, '/cases', {
      ...validCase,
      post: { ...validCase.post, colour: 'red' },
      ownerOrgUnit: '别的单位',
    });
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['ownerOrgUnit', 'post.colour']);
    expect(response.body.errors).toContainEqual({
      field: 'ownerOrgUnit',
      label: 'ownerOrgUnit',
      messages: ['本接口不接受这个字段'],
    });
    expect(response.body.errors).toContainEqual({
      field: 'post.colour',
      label: '拟任职务·colour',
      messages: ['本接口不接受这个字段'],
    });
  });

  it('refuses a 100 000-character string and an empty one', async () => {
    const response = await client.post(people.handler, '/cases', {
      ...validCase,
      grounds: 'x'.repeat(100_000),
      post: { ...validCase.post, title: '' },
    });
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['grounds', 'post.title']);
  });

  it('refuses impossible dates and times without an offset', async () => {
    await client.post(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {});
    const response = await client.post(people.handler, `/cases/${caseId}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: '2024-03-05 09:00',
      eligible: 30,
      participants: 25,
      results: [{ personId: 'p-1', name: '张三', votes: '12' }],
    });
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['heldAt', 'results[0].votes']);

    const nomination = await client.post(people.handler, `/cases/${caseId}/candidates`, {
      person: {
        id: 'p-1',
        name: '张三',
        birthDate: '1980-02-30',
        currentPost: '处长',
        orgUnit: CANDIDATE_UNIT,
      },
      recommendedBy: { id: 'r-1', name: '推荐人', role: '班子成员' },
      reason: '实绩突出',
      exceptional: { kind: 'leapfrog', grounds: '…' },
    });
    expectProblem(nomination, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(nomination)).toEqual(['exceptional.kind', 'person.birthDate']);
  });

  it('names bad entries deep inside arrays', async () => {
    const response = await client.post(people.handler, `/cases/${caseId}/decision-meetings`, {
      heldAt: '2024-04-10T09:00:00+08:00',
      entitled: 9,
      attendees: ['m1', 'm2', 'm2'],
      principalLeaderId: 'm1',
      votes: [
        {
          candidateId: 'not-a-uuid',
          ballots: [
            { memberId: 'm1', vote: 'agree' },
            { memberId: 'm2', vote: 'maybe' },
          ],
        },
      ],
    });
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['attendees', 'votes[0].ballots[1].vote', 'votes[0].candidateId']);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    expectProblem(
      await client.postRaw(people.handler, '/cases', '{"post": {"title": '),
      400,
      'HTTP.MALFORMED_JSON',
    );
    const huge = JSON.stringify({ ...validCase, grounds: '字'.repeat(200_000) });
    expectProblem(await client.postRaw(people.handler, '/cases', huge), 413, 'HTTP.PAYLOAD_TOO_LARGE');
  });

  it('validates path ids and path kinds', async () => {
    const badId = await client.post(people.handler, '/cases/not-a-uuid/withdraw', { reason: '…' });
    expectProblem(badId, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(badId)).toEqual(['id']);
    const badKind = await client.post(
      people.teamLeader,
      `/cases/${caseId}/candidates/${caseId}/opinions/moral`,
      {
        text: '…',
        verdict: 'qualified',
      },
    );
    expectProblem(badKind, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(badKind)).toEqual(['kind']);
  });

  it('refuses a malformed Idempotency-Key, If-Match or X-Correlation-Id', async () => {
    const response = await client.post(
      people.handler,
      `/cases/${caseId}/withdraw`,
      { reason: '不再需要' },
      {
        'Idempotency-Key': 'key-1',
        'If-Match': 'W/"abc"',
        'X-Correlation-Id': 'has spaces in it',
      },
    );
    expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
    expect(fieldsOf(response)).toEqual(['Idempotency-Key', 'If-Match', 'X-Correlation-Id']);
  });

  it('needs exactly one of asOf and revision to read a past state', async () => {
    for (const query of [
      '',
      '?asOf=2024-01-01T00:00:00Z&revision=0',
      '?revision=-1',
      '?asOf=yesterday',
      '?revision=0&extra=1',
    ]) {
      expectProblem(
        await client.get(people.auditor, `/cases/${caseId}/state${query}`),
        400,
        'HTTP.INVALID_REQUEST',
      );
    }
  });

  it('left the case as the valid commands made it', async () => {
    const history = expectStatus(await client.get(people.auditor, `/cases/${caseId}/history`), 200);
    expect(history.body.events.map((event: { type: string }) => event.type)).toEqual([
      'CaseOpened',
      'InitiationApproved',
    ]);
  });
});
