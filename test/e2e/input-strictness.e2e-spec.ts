import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { Response, Test } from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const validCase = {
  post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' },
  seats: 1,
  grounds: '班子分析研判：副主任职位空缺',
};
const rejection = JSON.stringify({ comment: '不同意：理由见附件' });

function expectProblem(response: Response, status: number, code: string): void {
  expectStatus(response, status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['content-language']).toBe('zh-CN');
  expect(response.body).toMatchObject({ status, code });
}

/** A 400 naming exactly these parameters or fields, each refused as not part of the request. */
function expectStray(response: Response, fields: string[]): void {
  expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
  expect(response.body.errors).toEqual(
    fields.map((field) => ({ field, label: expect.any(String), messages: ['本接口不接受这个字段'] })),
  );
}

describe('the api reads only what it understands (e2e): other bodies 415, stray parameters and fields 400', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let pool: Pool;
  let caseId: string;
  let events: number;
  let openedStage: string;
  let tokens: Map<string, string>;

  const eventCount = async (): Promise<number> =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;

  const as = (actor: Actor, test: Test): Test =>
    test.set('Authorization', `Bearer ${tokens.get(actor.id) ?? ''}`);

  beforeAll(async () => {
    e2e = await startE2eApp('input_strictness');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 1 });
    tokens = new Map();
    for (const actor of [people.handler, people.committeeSecretary, people.auditor, people.admin])
      tokens.set(actor.id, await e2e.tokenFor(actor));
    caseId = expectStatus(await client.post(people.handler, '/cases', validCase), 201).body.caseId;
    openedStage = expectStatus(await client.get(people.auditor, `/cases/${caseId}`), 200).body.stage;
    events = await eventCount();
  });

  afterAll(async () => {
    await pool?.end();
    await e2e?.close();
  });

  describe('a body that is not application/json is refused with 415 and runs nothing', () => {
    const reject = () => as(people.committeeSecretary, e2e.http().post(`/cases/${caseId}/initiation/reject`));

    afterEach(async () => {
      expect(await eventCount()).toBe(events);
    });

    it.each([
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'application/xml',
      'application/merge-patch+json',
    ])('Content-Type: %s', async (type) => {
      const response = await reject().set('Content-Type', type).send(rejection);
      expectProblem(response, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
      expect(response.body.detail).toBe('不支持该内容类型，请以 application/json 提交');
    });

    it('a multipart form', async () => {
      expectProblem(await reject().field('comment', '不同意'), 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });

    it('a body without a Content-Type', async () => {
      expectProblem(await reject().send(Buffer.from(rejection)), 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });

    it('opening a case: 415, not a misleading list of missing fields', async () => {
      const response = await as(people.handler, e2e.http().post('/cases'))
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(validCase));
      expectProblem(response, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });

    it('a JSON body in a charset other than UTF-8 stays 415 as before', async () => {
      const response = await reject().set('Content-Type', 'application/json; charset=latin1').send(rejection);
      expectProblem(response, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });

    it('the case is still awaiting its initiation decision', async () => {
      const state = expectStatus(await client.get(people.auditor, `/cases/${caseId}`), 200);
      expect(state.body.stage).toBe(openedStage);
    });
  });

  it('a write without a body still runs (Content-Length: 0)', async () => {
    const response = await as(
      people.committeeSecretary,
      e2e.http().post(`/cases/${caseId}/initiation/approve`),
    );
    expectStatus(response, 201);
    events = await eventCount();
  });

  describe('a query parameter a read does not document is refused with 400 naming it', () => {
    it.each([
      ['history', 'limit=1', ['limit']],
      ['verify', 'x=1', ['x']],
      ['record', 'asOf=garbage', ['asOf']],
      ['record', 'revision=2&format=pdf', ['revision', 'format']],
    ])('GET /cases/:id/%s?%s', async (read, query, fields) => {
      expectStray(await client.get(people.auditor, `/cases/${caseId}/${read}?${query}`), fields);
    });

    it('the same reads answer without one', async () => {
      for (const read of ['history', 'verify', 'record'])
        expectStatus(await client.get(people.auditor, `/cases/${caseId}/${read}`), 200);
    });

    it('the documented parameters still work', async () => {
      expectStatus(await client.get(people.auditor, `/cases/${caseId}/state?revision=0`), 200);
      const asOf = encodeURIComponent(new Date().toISOString());
      expectStatus(await client.get(people.auditor, `/cases/${caseId}/timeline?asOf=${asOf}`), 200);
    });
  });

  describe('integer and yes/no query values', () => {
    it.each(['0x10', '%2B5', '+5', '%205', '5.0'])(
      'GET /cases?limit=%s is refused, not read as a number',
      async (limit) => {
        const response = await client.get(people.handler, `/cases?limit=${limit}`);
        expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
        expect(response.body.errors).toMatchObject([{ field: 'limit', label: '每页条数' }]);
        expect(response.body.errors[0].messages).toContain('须为整数');
      },
    );

    it('GET /cases?limit=16 still pages', async () => {
      expectStatus(await client.get(people.handler, '/cases?limit=16'), 200);
    });

    it('GET /inbox?unread=yes names the allowed values', async () => {
      const response = await client.get(people.handler, '/inbox?unread=yes');
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toEqual([
        { field: 'unread', label: '是否只看未读', messages: ['须为 true（是）或 false（否）'] },
      ]);
    });
  });

  it('a case id copied in upper case is the same case', async () => {
    const upper = caseId.toUpperCase();
    expect(expectStatus(await client.get(people.auditor, `/cases/${upper}`), 200).body).toMatchObject({
      caseId,
    });
    expectStatus(await client.get(people.auditor, `/cases/${upper}/history`), 200);
  });

  describe('POST /inbox/:id/read takes no fields', () => {
    const markRead = () => as(people.handler, e2e.http().post(`/inbox/${randomUUID()}/read`));

    it('refuses a field with 400 naming it, before looking for the entry', async () => {
      expectStray(await markRead().send({ x: 1 }), ['x']);
    });

    it('accepts no body or an empty one (and then looks for the entry)', async () => {
      expectProblem(await markRead(), 404, 'INBOX.ENTRY_NOT_FOUND');
      expectProblem(await markRead().send({}), 404, 'INBOX.ENTRY_NOT_FOUND');
    });
  });

  describe('a name, id or text of nothing but spaces is refused like an empty one', () => {
    it('opening a case lists every blank field at once, and opens nothing', async () => {
      const before = await eventCount();
      const response = await client.post(people.handler, '/cases', {
        ...validCase,
        post: { ...validCase.post, title: '   ', orgUnit: '\u3000' },
        grounds: ' \n\t ',
      });
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toEqual([
        { field: 'post.title', label: '拟任职务·职务名称', messages: ['不能只有空格或不可见的字符'] },
        { field: 'post.orgUnit', label: expect.any(String), messages: ['不能只有空格或不可见的字符'] },
        { field: 'grounds', label: expect.any(String), messages: ['不能只有空格或不可见的字符'] },
      ]);
      expect(await eventCount()).toBe(before);
    });

    it('a recommender or person id that only looks like another is refused, and nothing is nominated', async () => {
      const before = await eventCount();
      const response = await client.post(people.handler, `/cases/${caseId}/candidates`, {
        person: { id: 'p-1\u200b', name: '李明', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
        recommendedBy: { id: 'rec-1 ', name: '\u200b', role: '党组成员' },
        reason: '推荐',
      });
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toEqual([
        {
          field: 'person.id',
          label: expect.any(String),
          messages: ['编号首尾不能有空格，不能含不可见的字符或全角字符'],
        },
        {
          field: 'recommendedBy.id',
          label: expect.any(String),
          messages: ['编号首尾不能有空格，不能含不可见的字符或全角字符'],
        },
        { field: 'recommendedBy.name', label: expect.any(String), messages: ['不能只有空格或不可见的字符'] },
      ]);
      expect(await eventCount()).toBe(before);
    });

    it('a name with spaces around it is still a name', async () => {
      const response = await client.post(people.handler, '/cases', {
        ...validCase,
        post: { ...validCase.post, title: ' 副主任 ' },
      });
      expectStatus(response, 201);
      events = await eventCount();
    });

    it('the timeline of candidateId=%20 is a 400 naming the field, not a 404 for a blank id', async () => {
      const response = await client.get(people.auditor, `/cases/${caseId}/timeline?candidateId=%20`);
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toMatchObject([
        { field: 'candidateId', messages: ['须为 UUID 格式的编号'] },
      ]);
    });

    it('the case list of orgUnit=%20 is a 400 as well', async () => {
      const response = await client.get(people.auditor, '/cases?orgUnit=%20%20');
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toMatchObject([
        { field: 'orgUnit', messages: ['不能只有空格或不可见的字符'] },
      ]);
    });
  });

  it('POST /admin/projections/:name/rebuild takes no fields either', async () => {
    const rebuild = () => as(people.admin, e2e.http().post('/admin/projections/no-such-projection/rebuild'));
    expectStray(await rebuild().send({ from: 0 }), ['from']);
    expectProblem(await rebuild().send({}), 404, 'PROJECTION.NOT_FOUND');
  });
});
