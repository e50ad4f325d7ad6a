import { randomUUID } from 'node:crypto';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const caseBody = (title = '副主任') => ({
  post: { title, orgUnit: CANDIDATE_UNIT, level: '副处级' },
  grounds: '班子分析研判：职位空缺',
});

const nomination = (personId: string) => ({
  person: { id: personId, name: '张三', currentPost: '综合处处长', orgUnit: CANDIDATE_UNIT },
  recommendedBy: { id: 'lead-01', name: '钱主任', role: '主要负责同志' },
  reason: '实绩突出，群众公认',
});

describe('the command protocol (e2e): roles, If-Match, Idempotency-Key', () => {
  let e2e: E2eApp;
  let client: CaseClient;

  beforeAll(async () => {
    e2e = await startE2eApp('api_protocol');
    client = new CaseClient(e2e);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function openApprovedCase(): Promise<string> {
    const caseId: string = expectStatus(await client.post(people.handler, '/cases', caseBody()), 201).body
      .caseId;
    expectStatus(
      await client.post(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {}),
      201,
    );
    return caseId;
  }

  describe('a role that may not perform a command', () => {
    it('gets 403 from the route role check, and the case does not move', async () => {
      const caseId = await openApprovedCase();
      const before = await client.revisionOf(caseId, people.auditor);
      for (const actor of [people.auditor, people.supervisor, people.admin, people.unitSecretary]) {
        const response = await client.post(actor, `/cases/${caseId}/withdraw`, { reason: '越权尝试' });
        expectStatus(response, 403);
        expect(response.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      }
      expect(await client.revisionOf(caseId, people.auditor)).toBe(before);
    });

    it('gets 403 from the domain when the org unit or the person is wrong, and the case does not move', async () => {
      const caseId = await openApprovedCase();
      const before = await client.revisionOf(caseId, people.auditor);

      const otherUnit = await client.post(people.otherHandler, `/cases/${caseId}/withdraw`, {
        reason: '别的组织部',
      });
      expectStatus(otherUnit, 403);
      expect(otherUnit.body.code).toBe('APPOINTMENT.ORG_UNIT_NOT_ALLOWED');

      const inspectorApproving = await client.post(
        people.teamLeader,
        `/cases/${caseId}/initiation/approve`,
        {},
      );
      expectStatus(inspectorApproving, 403);

      expect(await client.revisionOf(caseId, people.auditor)).toBe(before);
    });

    it('may not read a case of another org unit', async () => {
      const caseId = await openApprovedCase();
      expectStatus(await client.get(people.otherHandler, `/cases/${caseId}`), 403);
      expectStatus(await client.get(people.supervisor, `/cases/${caseId}`), 200);
    });
  });

  describe('If-Match', () => {
    it('answers 412 when the case moved on, and applies the command when it did not', async () => {
      const caseId = await openApprovedCase();
      const current = await client.revisionOf(caseId, people.auditor);
      const stale = String(Number(current) - 1);

      const refused = await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-412'), {
        'If-Match': `"${stale}"`,
      });
      expectStatus(refused, 412);
      expect(refused.body.code).toBe('EVENT_STORE.PRECONDITION_FAILED');
      expect(await client.revisionOf(caseId, people.auditor)).toBe(current);

      const accepted = await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-412'), {
        'If-Match': `"${current}"`,
      });
      expectStatus(accepted, 201);
      expect(accepted.headers.etag).toBe(`"${accepted.body.revision}"`);
      expect(Number(accepted.body.revision)).toBe(Number(current) + 1);
    });

    it('accepts the revision without quotes, as GET /cases/:id gives it in ETag', async () => {
      const caseId = await openApprovedCase();
      const read = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
      const etag = read.headers.etag as string;
      expect(etag).toBe(`"${read.body.revision}"`);
      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-etag'), {
          'If-Match': etag,
        }),
        201,
      );
      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-etag-2'), {
          'If-Match': etag.replace(/"/g, ''),
        }),
        412,
      );
    });
  });

  describe('GET /cases/:id', () => {
    it('answers JSON with the state, deadlines, nextActions and revision, and a second read after a command shows it', async () => {
      const caseId = await openApprovedCase();
      const first = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.body).toMatchObject({ caseId, status: expect.any(String), revision: '1' });
      expect(Array.isArray(first.body.deadlines)).toBe(true);
      expect(Array.isArray(first.body.nextActions)).toBe(true);
      // The same revision read again (its JSON kept per folded state) is the same body.
      const again = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
      expect(again.body).toEqual(first.body);

      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-get')),
        201,
      );
      const after = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
      expect(after.body.revision).toBe('2');
      expect(after.body.candidates.map((c: { person: { id: string } }) => c.person.id)).toEqual(['p-get']);
      expect(first.body.candidates).toEqual([]);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays POST /cases with 200 and the same body, on the same stream, appending nothing', async () => {
      const key = randomUUID();
      const first = expectStatus(
        await client.post(people.handler, '/cases', caseBody(), { 'Idempotency-Key': key }),
        201,
      );
      const again = expectStatus(
        await client.post(people.handler, '/cases', caseBody(), { 'Idempotency-Key': key }),
        200,
      );
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);

      const history = expectStatus(
        await client.get(people.auditor, `/cases/${first.body.caseId}/history`),
        200,
      );
      expect(history.body.events).toHaveLength(1);
      expect(history.body.events[0].metadata.extra.idempotencyKey).toBe(key);

      const otherBody = await client.post(people.handler, '/cases', caseBody('另一个职位'), {
        'Idempotency-Key': key,
      });
      expectStatus(otherBody, 422);
      expect(otherBody.body.code).toBe('EVENT_STORE.IDEMPOTENCY_KEY_REUSED');
    });

    it('answers the first candidateId when a nomination is replayed', async () => {
      const caseId = await openApprovedCase();
      const key = randomUUID();
      const first = expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-idem'), {
          'Idempotency-Key': key,
        }),
        201,
      );
      expect(first.body.candidateId).toEqual(expect.any(String));
      const revision = await client.revisionOf(caseId, people.auditor);

      const again = expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-idem'), {
          'Idempotency-Key': key,
        }),
        200,
      );
      expect(again.body).toEqual(first.body);
      expect(await client.revisionOf(caseId, people.auditor)).toBe(revision);
    });

    it('answers 422 when the same key comes with another body, and appends nothing', async () => {
      const caseId = await openApprovedCase();
      const key = randomUUID();
      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-one'), {
          'Idempotency-Key': key,
        }),
        201,
      );
      const revision = await client.revisionOf(caseId, people.auditor);

      const reused = await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-two'), {
        'Idempotency-Key': key,
      });
      expectStatus(reused, 422);
      expect(reused.body.code).toBe('EVENT_STORE.IDEMPOTENCY_KEY_REUSED');
      expect(await client.revisionOf(caseId, people.auditor)).toBe(revision);

      const otherCase = await client.post(people.handler, '/cases', caseBody('另一个职位'), {
        'Idempotency-Key': key,
      });
      expectStatus(otherCase, 201);
    });

    it('treats the same key from another person as a new request, never replaying their answer', async () => {
      const caseId = await openApprovedCase();
      const colleague = { ...people.handler, id: 'h-002', name: '李经办' };
      const key = randomUUID();
      const mine = expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-mine'), {
          'Idempotency-Key': key,
        }),
        201,
      );
      const theirs = expectStatus(
        await client.post(colleague, `/cases/${caseId}/candidates`, nomination('p-theirs'), {
          'Idempotency-Key': key,
        }),
        201,
      );
      expect(theirs.body.candidateId).not.toBe(mine.body.candidateId);
      expect(BigInt(theirs.body.revision)).toBe(BigInt(mine.body.revision) + 1n);

      const outsider = await client.post(
        people.otherHandler,
        `/cases/${caseId}/candidates`,
        nomination('p-mine'),
        { 'Idempotency-Key': key },
      );
      expectStatus(outsider, 403);
      expect(await client.revisionOf(caseId, people.auditor)).toBe(theirs.body.revision);
    });

    it('refuses the same key on another request of the same case (422), appending nothing', async () => {
      const caseId = await openApprovedCase();
      const key = randomUUID();
      const first = expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, nomination('p-route'), {
          'Idempotency-Key': key,
        }),
        201,
      );
      for (const [path, body] of [
        [`/cases/${caseId}/withdraw`, { reason: '职位调整' }],
        [`/cases/${caseId}/candidates/${first.body.candidateId}/drop`, { reason: '本人原因' }],
      ] as const) {
        const reused = await client.post(people.handler, path, body, { 'Idempotency-Key': key });
        expectStatus(reused, 422);
        expect(reused.body.code).toBe('EVENT_STORE.IDEMPOTENCY_KEY_REUSED');
      }
      expect(await client.revisionOf(caseId, people.auditor)).toBe(first.body.revision);
      // On another case the key starts afresh.
      const other = await openApprovedCase();
      const elsewhere = await client.post(
        people.handler,
        `/cases/${other}/withdraw`,
        { reason: '职位调整' },
        {
          'Idempotency-Key': key,
        },
      );
      expectStatus(elsewhere, 201);
    });

    it('checks role and org unit again before replaying a stored answer', async () => {
      const caseId = await openApprovedCase();
      const key = randomUUID();
      const body = nomination('p-moved');
      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, body, { 'Idempotency-Key': key }),
        201,
      );
      const revision = await client.revisionOf(caseId, people.auditor);

      const moved = { ...people.handler, orgUnit: '区委组织部' };
      const fromElsewhere = await client.post(moved, `/cases/${caseId}/candidates`, body, {
        'Idempotency-Key': key,
      });
      expectStatus(fromElsewhere, 403);
      expect(fromElsewhere.body.candidateId).toBeUndefined();
      expect(fromElsewhere.body.code).toBe('APPOINTMENT.ORG_UNIT_NOT_ALLOWED');

      const nowAnAuditor = { ...people.handler, role: 'auditor' as const };
      const asAuditor = await client.post(nowAnAuditor, `/cases/${caseId}/candidates`, body, {
        'Idempotency-Key': key,
      });
      expectStatus(asAuditor, 403);
      expect(asAuditor.body.candidateId).toBeUndefined();

      expectStatus(
        await client.post(people.handler, `/cases/${caseId}/candidates`, body, { 'Idempotency-Key': key }),
        200,
      );
      expect(await client.revisionOf(caseId, people.auditor)).toBe(revision);
    });

    it('records the key beside the commandId it makes, and the correlation id given', async () => {
      const key = randomUUID();
      const correlationId = `corr-${randomUUID()}`;
      const opened = expectStatus(
        await client.post(people.handler, '/cases', caseBody(), {
          'Idempotency-Key': key,
          'X-Correlation-Id': correlationId,
        }),
        201,
      );
      const history = expectStatus(
        await client.get(people.auditor, `/cases/${opened.body.caseId}/history`),
        200,
      );
      const { metadata } = history.body.events[0];
      expect(metadata).toMatchObject({
        causationId: metadata.commandId,
        correlationId,
        actor: people.handler,
        extra: { idempotencyKey: key },
      });
      expect(metadata.commandId).not.toBe(key);
    });
  });
});
