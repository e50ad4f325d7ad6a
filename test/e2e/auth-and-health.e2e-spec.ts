import { signLocalToken } from '@app/platform';
import { expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const caseBody = { post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' }, grounds: '职位空缺' };

describe('authentication and operations endpoints (e2e)', () => {
  let e2e: E2eApp;

  beforeAll(async () => {
    e2e = await startE2eApp('api_auth_health');
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('answers 401 without a token, for writes and reads', async () => {
    const write = expectStatus(await e2e.http().post('/cases').send(caseBody), 401);
    expect(write.body.code).toBe('AUTH.MISSING_TOKEN');
    expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectStatus(await e2e.http().get('/cases/7f0c3c38-2a7e-4a0e-9d55-0d1d1d3c0b11'), 401);
  });

  it('answers 401 for a token signed with another secret, or not a bearer token', async () => {
    const forged = await signLocalToken('x'.repeat(40), {
      sub: 'h-001',
      name: '王经办',
      role: 'handler',
      orgUnit: '市委组织部',
    });
    expectStatus(
      await e2e.http().post('/cases').set('Authorization', `Bearer ${forged}`).send(caseBody),
      401,
    );
    expectStatus(
      await e2e.http().post('/cases').set('Authorization', 'Basic aGFuZGxlcjpwYXNz').send(caseBody),
      401,
    );
  });

  it('accepts a valid token and records the person in the event metadata', async () => {
    const token = await e2e.tokenFor(people.handler);
    const opened = expectStatus(
      await e2e.http().post('/cases').set('Authorization', `Bearer ${token}`).send(caseBody),
      201,
    );
    expect(opened.body).toEqual({
      caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: '0',
      events: [{ type: 'CaseOpened', revision: '0' }],
    });
  });

  it('reports health 200 with the event store, PostgreSQL and Redis up, without a token', async () => {
    const health = expectStatus(await e2e.http().get('/health'), 200);
    // `degraded` only ever adds the calendar's coverage warning (DOMAIN.md §9); the dependencies are up either way.
    expect(['ok', 'degraded']).toContain(health.body.status);
    expect(health.body).toMatchObject({
      info: { eventStore: { status: 'up' }, postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics and the OpenAPI document without a token', async () => {
    const metrics = expectStatus(await e2e.http().get('/metrics'), 200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    const ui = expectStatus(await e2e.http().get('/docs'), 200);
    expect(ui.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const openApi = expectStatus(await e2e.http().get('/docs-json'), 200);
    expect(openApi.headers.etag).toBeUndefined();
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/cases',
        '/cases/{id}/candidates/{cid}/opinions/{kind}/signatures',
        '/cases/{id}/verify',
        '/health',
      ]),
    );
    // Every reference names a schema the document has: nested bodies keep their types for clients.
    const schemas = openApi.body.components.schemas as Record<string, unknown>;
    const refs = [...JSON.stringify(openApi.body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((name) => !(name in schemas))).toEqual([]);
    expect(schemas.OpenCaseDto).toMatchObject({
      properties: { post: { $ref: '#/components/schemas/PostDto' } },
    });
  });
});
