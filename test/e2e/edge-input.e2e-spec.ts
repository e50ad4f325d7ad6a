import { connect } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { SignJWT } from 'jose';
import { Pool } from 'pg';
import { CursorCodec } from '@app/platform';
import type { Response } from 'supertest';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const validCase = (title = '副主任') => ({
  post: { title, orgUnit: CANDIDATE_UNIT, level: '副处级' },
  seats: 1,
  grounds: '班子分析研判：副主任职位空缺',
});

const deep = (depth: number, key = 'a'): string => `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;

/** A 400 problem naming exactly these fields, and nothing else appended to the answer. */
function expectRefused(response: Response, fields: string[]): void {
  expectStatus(response, 400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
  expect((response.body.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(fields);
}

describe('input the service cannot keep is refused at the edge with 400 naming the field (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let pool: Pool;
  let caseId: string;
  let events: number;

  const eventCount = async (): Promise<number> =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;

  beforeAll(async () => {
    e2e = await startE2eApp('edge_input');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 1 });
    caseId = expectStatus(await client.post(people.handler, '/cases', validCase()), 201).body.caseId;
    events = await eventCount();
  });

  afterEach(async () => {
    expect(await eventCount()).toBe(events);
  });

  afterAll(async () => {
    await pool?.end();
    await e2e?.close();
  });

  it('refuses NUL, other control characters and lone surrogates in any body field', async () => {
    const nul = await client.post(people.handler, '/cases', validCase('副\u0000主任'));
    expectRefused(nul, ['post.title']);
    expect(nul.body.errors[0].messages[0]).toBe('含有不允许的字符（NUL 等控制字符或孤立的代理项）');
    expectRefused(await client.post(people.handler, '/cases', { ...validCase(), grounds: 'x\ud800' }), [
      'grounds',
    ]);
    expectRefused(
      await client.post(people.handler, `/cases/${caseId}/withdraw`, { reason: 'a\u001bb', extra: '\udc00' }),
      ['reason', 'extra'],
    );
  });

  it('refuses them in query parameters and the path of every read', async () => {
    expectRefused(await client.get(people.handler, `/cases?q=${encodeURIComponent('\u0000')}`), ['q']);
    expectRefused(await client.get(people.handler, '/cases?orgUnit=%1B%5B31m'), ['orgUnit']);
    expectRefused(
      await client.get(
        people.auditor,
        `/cases/${caseId}/timeline?candidateId=${encodeURIComponent('\u0000')}`,
      ),
      ['candidateId'],
    );
    expectRefused(await client.get(people.handler, '/cases?stage=%00&q=ok'), ['stage']);
    expectRefused(await client.get(people.auditor, `/cases/${caseId}%00/history`), ['path']);
  });

  it('refuses impossible dates and offsets, years PostgreSQL cannot hold, in bodies and queries', async () => {
    for (const asOf of [
      '2025-13-45T25:61:00Z',
      '2025-04-08T10:00:00+99:99',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '-271821-04-20T00:00:00Z',
    ]) {
      expectRefused(
        await client.get(people.auditor, `/cases/${caseId}/timeline?asOf=${encodeURIComponent(asOf)}`),
        ['asOf'],
      );
      const state = await client.get(
        people.auditor,
        `/cases/${caseId}/state?asOf=${encodeURIComponent(asOf)}`,
      );
      expectRefused(state, ['asOf']);
      expect(state.body.errors[0].messages[0]).toContain('须为带时区的时间');
    }
    expectRefused(
      await client.post(people.handler, `/cases/${caseId}/inspection-notice`, {
        publishedAt: '2025-02-29T09:00:00+08:00',
        channel: '公告栏',
      }),
      ['publishedAt'],
    );
  });

  it('refuses a tampered, forged or foreign cursor, never passing it to the database', async () => {
    // The case list is a projection the worker fills; the cursor is signed as the api signs its own.
    const cursor = new CursorCodec(e2e.config.jwtSecret).encode('cases', [
      '2025-03-03T01:00:00.000Z',
      '5b0c1f5e-8a8e-4e55-9a51-0c0d8a3f2f10',
    ]);
    expectStatus(await client.get(people.handler, `/cases?limit=1&cursor=${cursor}`), 200);
    const [payload, tag] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify(['294277-01-01T00:00:00Z', 'x'])).toString('base64url');
    for (const bad of [
      `${forged}.${tag}`,
      `${payload}.${'A'.repeat(22)}`,
      payload,
      'WyJ4Il0',
      new CursorCodec(e2e.config.jwtSecret).encode('findings', ['2025-03-03T01:00:00.000Z', 'x']),
    ]) {
      expectRefused(await client.get(people.handler, `/cases?cursor=${bad}`), ['cursor']);
    }
  });

  it('refuses JSON nested ten thousand deep, in a known field and an unknown one', async () => {
    const known = await client.postRaw(
      people.handler,
      '/cases',
      `{"post":${deep(10_000)},"seats":1,"grounds":"g"}`,
    );
    expectStatus(known, 400);
    expect(known.body.errors[0].field).toMatch(/^post(\.a)+$/);
    expect(known.body.errors[0].messages[0]).toContain('嵌套过深');
    const unknown = await client.postRaw(
      people.handler,
      `/cases/${caseId}/withdraw`,
      `{"reason":"r","zz":${deep(10_000, 'b')}}`,
    );
    expectStatus(unknown, 400);
    expect(unknown.body.errors[0].field).toMatch(/^zz(\.b)+$/);
    const arrays = await client.postRaw(
      people.handler,
      '/cases',
      `{"post":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );
    expectStatus(arrays, 400);
  });

  it('refuses __proto__, constructor and prototype keys like unknown fields instead of dropping them', async () => {
    expectRefused(
      await client.postRaw(
        people.handler,
        `/cases/${caseId}/withdraw`,
        '{"reason":"r","__proto__":{"role":"admin"}}',
      ),
      ['__proto__'],
    );
    expectRefused(
      await client.postRaw(
        people.handler,
        '/cases',
        JSON.stringify(validCase()).replace('"level"', '"constructor":{"prototype":1},"level"'),
      ),
      ['post.constructor'],
    );
    expectRefused(await client.get(people.handler, '/cases?__proto__=x'), ['__proto__']);
  });

  it('answers a revision beyond any stream without a database error', async () => {
    for (const revision of ['9223372036854775807', '9999999999999999999']) {
      const response = await client.get(people.auditor, `/cases/${caseId}/state?revision=${revision}`);
      expect(response.status).toBeLessThan(500);
    }
    const ifMatch = await client.post(
      people.handler,
      `/cases/${caseId}/withdraw`,
      { reason: '职位调整' },
      { 'If-Match': '"9999999999999999999"' },
    );
    expectStatus(ifMatch, 412);
  });

  it('refuses a non-finite number (1e400) as out of range', async () => {
    expectRefused(
      await client.postRaw(
        people.handler,
        '/cases',
        JSON.stringify(validCase()).replace('"seats":1', '"seats":1e400'),
      ),
      ['seats'],
    );
  });

  describe('tokens', () => {
    const sign = (claims: Record<string, unknown>, lifetimeSeconds: number) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ name: '王经办', role: 'handler', orgUnit: people.handler.orgUnit, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(claims.sub ?? people.handler.id))
        .setIssuedAt(now)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(new TextEncoder().encode(e2e.config.jwtSecret));
    };
    const withToken = async (token: string) =>
      e2e.http().get('/cases').set('Authorization', `Bearer ${token}`);

    it('refuses claims holding refused text with 401, never 5xx', async () => {
      for (const claims of [{ name: '王\u0000' }, { orgUnit: '\ud800' }, { sub: 'h\u0000' }]) {
        const response = await withToken(await sign(claims, 3600));
        expectStatus(response, 401);
        expect(response.body.code).toBe('AUTH.INVALID_TOKEN');
      }
    });

    it('refuses a lifetime above JWT_MAX_LIFETIME (12 hours by default) with 401', async () => {
      expectStatus(await withToken(await sign({}, 12 * 3600)), 200);
      const tooLong = await withToken(await sign({}, 30 * 24 * 3600));
      expectStatus(tooLong, 401);
      expect(tooLong.body).toMatchObject({ code: 'AUTH.TOKEN_LIFETIME_TOO_LONG' });
      expect(tooLong.body.detail).toContain('有效期过长');
    });
  });

  describe('requests Node cannot read as HTTP', () => {
    /** The raw answer to raw bytes, from the api listening on a port of its own. */
    const rawAnswer = async (request: string): Promise<{ status: number; headers: string; body: string }> => {
      const server = e2e.app.getHttpServer() as Server;
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
        socket.end(request);
      });
      const [head, body] = text.split('\r\n\r\n');
      return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body };
    };

    it('answers headers too large with 431 and a problem in Chinese', async () => {
      const answer = await rawAnswer(
        `GET /cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(answer.status).toBe(431);
      expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 431,
        code: 'HTTP.HEADERS_TOO_LARGE',
        title: '请求头过大',
        detail: expect.stringContaining('登录令牌'),
      });
    });

    it('answers a malformed header with 400 and a problem in Chinese', async () => {
      const answer = await rawAnswer('GET /cases HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n');
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 400,
        code: 'HTTP.MALFORMED_REQUEST',
        detail: expect.stringContaining('HTTP 格式'),
      });
    });
  });
});
