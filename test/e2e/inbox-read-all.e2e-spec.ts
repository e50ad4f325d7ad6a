import type { Response } from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { type Deadline, InboxRepository, type Recipient } from '@app/reminders';
import { CaseClient, expectStatus } from '../support/case-client';
import { type E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, OTHER_DEPARTMENT, people } from '../support/people';

interface Entry {
  id: string;
  caseId: string;
  readAt: string | null;
}

/** A supervisor of another department: same role, other unit. */
const farSupervisor: Actor = { id: 'sv-900', name: '钱部长', role: 'supervisor', orgUnit: OTHER_DEPARTMENT };
const recipient = (actor: Actor): Recipient => ({ role: actor.role, orgUnit: actor.orgUnit }) as Recipient;

function expectProblem(response: Response, status: number, code: string): void {
  expectStatus(response, status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['content-language']).toBe('zh-CN');
  expect(response.body).toMatchObject({ status, code });
}

describe('POST /inbox/read marks the caller’s unread entries read, of every case or one (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let caseA: string;
  let caseB: string;

  /** A POST as this person; without a body, none is sent (Content-Length: 0). */
  const post = async (actor: Actor, path: string, body?: object): Promise<Response> => {
    const request = e2e
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await e2e.tokenFor(actor)}`);
    return body === undefined ? request : request.send(body);
  };
  const readAll = (actor: Actor, body?: object): Promise<Response> => post(actor, '/inbox/read', body);
  const entries = async (actor: Actor, query = ''): Promise<Entry[]> =>
    expectStatus(await client.get(actor, `/inbox${query}`), 200).body.entries;
  const unread = async (actor: Actor): Promise<Entry[]> => entries(actor, '?unread=true');

  beforeAll(async () => {
    e2e = await startE2eApp('inbox_read_all');
    client = new CaseClient(e2e);
    const open = async (title: string): Promise<string> =>
      expectStatus(
        await client.post(people.handler, '/cases', {
          post: { title, orgUnit: CANDIDATE_UNIT, level: '副处级' },
          seats: 1,
          grounds: '班子分析研判：职位空缺',
        }),
        201,
      ).body.caseId;
    caseA = await open('副主任');
    caseB = await open('办公室主任');

    // Reminders as the worker delivers them: one row per (reminder, recipient).
    const inbox = e2e.app.get(InboxRepository);
    let n = 0;
    const deliver = async (caseId: string, recipients: Actor[]): Promise<void> => {
      n += 1;
      const deadline: Deadline = {
        deadlineId: `${caseId}-hold-too-long-s${n}`,
        caseId,
        kind: 'hold-too-long',
        subject: `s${n}`,
        dueAt: '2026-06-01T09:00:00+08:00',
        recipientRoles: ['handler', 'supervisor'],
        reason: `暂缓超期第 ${n} 项`,
        escalationLevel: 0,
      };
      await inbox.deliver(
        [
          {
            reminderId: `r-${n}`,
            deadline,
            recipients: recipients.map(recipient),
            issuedAt: '2026-06-01T09:00:01+08:00',
          },
        ],
        new Date(Date.UTC(2026, 5, 1, 1, n)),
      );
    };
    for (let i = 0; i < 3; i += 1) await deliver(caseA, [people.supervisor, people.handler, farSupervisor]);
    for (let i = 0; i < 2; i += 1) await deliver(caseB, [people.supervisor, people.handler]);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('starts with every entry unread', async () => {
    expect(await unread(people.supervisor)).toHaveLength(5);
    expect(await unread(people.handler)).toHaveLength(5);
    expect(await unread(farSupervisor)).toHaveLength(3);
  });

  it('refuses a caller without a token (401)', async () => {
    const response = await e2e.http().post('/inbox/read');
    expectProblem(response, 401, 'AUTH.MISSING_TOKEN');
    expect(response.body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  describe('refuses a bad body with 400 naming the field in Chinese, and marks nothing', () => {
    afterEach(async () => {
      expect(await unread(people.supervisor)).toHaveLength(5);
    });

    it.each([
      ['an unknown field', { x: 1 }, 'x', 'x', '本接口不接受这个字段'],
      ['a caseId that is not a UUID', { caseId: 'case-1' }, 'caseId', '案件编号', '须为 UUID 格式的编号'],
      ['a caseId that is a number', { caseId: 42 }, 'caseId', '案件编号', '须为 UUID 格式的编号'],
      ['a caseId of null', { caseId: null }, 'caseId', '案件编号', '须为 UUID 格式的编号'],
      ['a list instead of an object', [], 'body', 'body', '须为对象（{…}）'],
    ])('%s', async (_what, body, field, label, message) => {
      const response = await readAll(people.supervisor, body);
      expectProblem(response, 400, 'HTTP.INVALID_REQUEST');
      expect(response.body.errors).toEqual([{ field, label, messages: [message] }]);
      expect(response.body.detail).toMatch(/^请求中有填写不正确的内容/);
    });

    it('a body that is not JSON', async () => {
      const response = await client.postRaw(people.supervisor, '/inbox/read', '{"caseId": ');
      expectProblem(response, 400, 'HTTP.MALFORMED_JSON');
      expect(response.body.detail).toBe('请求内容不是有效的 JSON');
    });

    it('a body of another media type stays 415, as everywhere in the api', async () => {
      const response = await client.postRaw(people.supervisor, '/inbox/read', 'caseId=x', 'text/plain');
      expectProblem(response, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  it('with a caseId marks only that case’s entries, and only the caller’s', async () => {
    const response = await readAll(people.supervisor, { caseId: caseB.toUpperCase() });
    expect(expectStatus(response, 200).body).toEqual({ marked: 2 });
    const left = await unread(people.supervisor);
    expect(left.map((e) => e.caseId)).toEqual([caseA, caseA, caseA]);
    expect(await unread(people.handler)).toHaveLength(5);
    expect(await unread(farSupervisor)).toHaveLength(3);
  });

  it('without a body marks the rest; a second call marks 0 and changes nothing', async () => {
    const before = await entries(people.supervisor);
    expect(expectStatus(await readAll(people.supervisor), 200).body).toEqual({ marked: 3 });
    const after = await entries(people.supervisor);
    expect(after.every((e) => e.readAt !== null)).toBe(true);
    // The entries of case B keep the time they were first read.
    for (const entry of before.filter((e) => e.caseId === caseB))
      expect(after.find((e) => e.id === entry.id)?.readAt).toBe(entry.readAt);

    expect(expectStatus(await readAll(people.supervisor, {}), 200).body).toEqual({ marked: 0 });
    expect(await entries(people.supervisor)).toEqual(after);
    expect(await unread(people.handler)).toHaveLength(5);
    expect(await unread(farSupervisor)).toHaveLength(3);
  });

  it('leaves the same case’s entries of a supervisor in another department unread', async () => {
    expect(expectStatus(await readAll(people.handler, { caseId: caseA }), 200).body).toEqual({
      marked: 3,
    });
    expect(await unread(farSupervisor)).toHaveLength(3);
    expect(expectStatus(await readAll(farSupervisor, { caseId: caseB }), 200).body).toEqual({ marked: 0 });
  });

  it('is described in the OpenAPI document, its body optional', async () => {
    const openApi = expectStatus(await e2e.http().get('/docs-json'), 200).body;
    const operation = openApi.paths['/inbox/read'].post;
    expect(operation.requestBody).toMatchObject({
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/MarkAllReadDto' } } },
    });
    expect(openApi.components.schemas.MarkAllReadDto).toMatchObject({
      properties: { caseId: { type: 'string', format: 'uuid' } },
    });
    expect(operation.responses['200']).toBeDefined();
  });

  it('leaves POST /inbox/:id/read as it was', async () => {
    const [entry] = await unread(people.handler);
    expect(entry.caseId).toBe(caseB);
    const read = expectStatus(await post(people.handler, `/inbox/${entry.id}/read`), 200);
    expect(read.body).toMatchObject({ id: entry.id, readAt: expect.any(String) });
    expect((await unread(people.handler)).map((e) => e.id)).not.toContain(entry.id);

    // `read` in the place of an id is an id that is not a UUID, not a call of POST /inbox/read.
    const misplaced = await post(people.handler, '/inbox/read/read');
    expectProblem(misplaced, 400, 'HTTP.INVALID_REQUEST');
    expect(misplaced.body.errors).toMatchObject([{ field: 'id' }]);
  });
});
