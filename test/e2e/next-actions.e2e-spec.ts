import { createHash } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient, expectStatus } from '../support/case-client';
import { CaseSteps } from '../support/case-steps';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

interface NextAction {
  action: string;
  method: string;
  path: string;
  candidateId?: string;
  kind?: string;
  allowed: boolean;
  blockedBy?: Array<{ code: string; rule: string; message: string }>;
}

/**
 * GET /cases/:id tells each caller what they can do next (API.md, second round): a handler and
 * the candidate's unit secretary, while the political opinion awaits signatures and during the
 * public notice. Every path offered is then posted to, and the service agrees.
 */
describe('nextActions in GET /cases/:id (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let steps: CaseSteps;
  let candidateId = '';

  beforeAll(async () => {
    e2e = await startE2eApp('api_next_actions');
    client = new CaseClient(e2e);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function actionsOf(actor: Actor): Promise<NextAction[]> {
    return expectStatus(await client.get(actor, `/cases/${steps.caseId}`), 200).body.nextActions;
  }

  const find = (actions: NextAction[], action: string, kind?: string) =>
    actions.find((a) => a.action === action && (kind === undefined || a.kind === kind));

  it('during inspection: the handler sees the meeting blocked by R15, the unit secretary the signature to give', async () => {
    steps = await (await (await new CaseSteps(client).open()).recommended()).inspecting();
    candidateId = steps.candidates[0];
    const political = '该同志政治素质好，政治立场坚定。';
    await steps.post(people.teamLeader, `/candidates/${candidateId}/opinions/political`, {
      text: political,
      verdict: 'qualified',
    });

    const handler = await actionsOf(people.handler);
    const meeting = find(handler, 'HoldDecisionMeeting');
    expect(meeting).toMatchObject({
      method: 'POST',
      path: `/cases/${steps.caseId}/decision-meetings`,
      allowed: false,
    });
    expect(meeting?.blockedBy).toEqual([
      {
        code: 'APPOINTMENT.NOT_READY_FOR_DECISION',
        rule: 'R15',
        message: expect.stringMatching(/^李四尚不具备提交讨论决定的条件，还缺：考察报告、.*（R15）$/),
      },
    ]);
    expect(find(handler, 'RecordCheck')).toMatchObject({ allowed: true, candidateId });
    expect(handler.some((a) => a.action === 'SignOpinion')).toBe(false);

    const secretary = await actionsOf(people.unitSecretary);
    expect(secretary).toEqual([
      {
        action: 'SignOpinion',
        method: 'POST',
        path: `/cases/${steps.caseId}/candidates/${candidateId}/opinions/political/signatures`,
        candidateId,
        kind: 'political',
        allowed: true,
        step: 'todo',
      },
      {
        action: 'SignOpinion',
        method: 'POST',
        path: `/cases/${steps.caseId}/candidates/${candidateId}/opinions/integrity/signatures`,
        candidateId,
        kind: 'integrity',
        allowed: false,
        blockedBy: [
          { code: 'APPOINTMENT.OPINION_NOT_DRAFTED', rule: 'R16', message: '廉政意见尚未起草（R16）' },
        ],
        step: 'todo',
      },
    ]);

    // What is offered is accepted; afterwards the same signature is blocked, never offered twice.
    const offered = find(secretary, 'SignOpinion', 'political');
    expectStatus(
      await client.post(people.unitSecretary, offered?.path ?? '', { digest: sha256(political) }),
      201,
    );
    expect(find(await actionsOf(people.unitSecretary), 'SignOpinion', 'political')).toMatchObject({
      allowed: false,
      blockedBy: [{ code: 'APPOINTMENT.ALREADY_SIGNED', rule: 'R16' }],
    });
    // The blocked meeting is refused with the code it listed.
    const refusal = await client.post(people.handler, meeting?.path ?? '', {
      heldAt: '2024-04-08T15:00:00+08:00',
      entitled: 7,
      attendees: ['m1', 'm2', 'm3', 'm4', 'm5'],
      principalLeaderId: 'm1',
      votes: [
        {
          candidateId,
          ballots: ['m2', 'm3', 'm4', 'm5', 'm1'].map((memberId) => ({ memberId, vote: 'agree' })),
        },
      ],
    });
    expect(expectStatus(refusal, 409).body.code).toBe('APPOINTMENT.NOT_READY_FOR_DECISION');
  });

  it('during the public notice: the handler may record objections, the appointment waits for the notice and the objection; the unit secretary has nothing to do', async () => {
    steps = await new CaseSteps(client).inNotice();
    candidateId = steps.candidates[0];
    await steps.post(people.handler, `/candidates/${candidateId}/objections`, {
      receivedAt: '2024-04-10T10:00:00+08:00',
      summary: '反映其工作作风问题',
    });

    const handler = await actionsOf(people.handler);
    expect(handler.map((a) => [a.action, a.allowed])).toEqual([
      ['RecordObjection', true],
      ['ResolveObjection', true],
      ['IssueAppointment', false],
      ['DropCandidate', true],
      ['WithdrawCase', true],
    ]);
    expect(find(handler, 'IssueAppointment')?.blockedBy).toEqual([
      {
        code: 'APPOINTMENT.OBJECTIONS_OPEN',
        rule: 'R22',
        message: '李四在公示期间收到的反映问题尚未办结（R22）',
      },
    ]);
    expect(await actionsOf(people.unitSecretary)).toEqual([]);

    const resolve = find(handler, 'ResolveObjection');
    expectStatus(
      await client.post(people.handler, resolve?.path ?? '', {
        outcome: 'minor',
        findings: '部分属实，情节轻微',
        reminderTalk: { heldAt: '2024-04-12T10:00:00+08:00', heldBy: '陈部长' },
      }),
      201,
    );
    const issue = find(await actionsOf(people.handler), 'IssueAppointment');
    expect(issue).toEqual({
      action: 'IssueAppointment',
      method: 'POST',
      path: `/cases/${steps.caseId}/candidates/${candidateId}/appointment`,
      candidateId,
      allowed: true,
      step: 'todo',
    });
    expectStatus(
      await client.post(people.handler, issue?.path ?? '', { noticeDate: '2024-04-16', probation: true }),
      201,
    );
  });

  it('offers nothing to a supervisor or an auditor', async () => {
    expect(await actionsOf(people.supervisor)).toEqual([]);
    expect(await actionsOf(people.auditor)).toEqual([]);
  });

  it('is served per caller: private, revalidated, varying by Authorization, a 304 only to a matching revision', async () => {
    const path = `/cases/${steps.caseId}`;
    const handlerView = expectStatus(await client.get(people.handler, path), 200);
    expect(handlerView.headers['cache-control']).toBe('private, no-cache');
    expect(handlerView.headers['vary']).toMatch(/\bAuthorization\b/i);
    const etag = String(handlerView.headers['etag']);
    expect(etag).toBe(`"${handlerView.body.revision}"`);

    const revalidated = await e2e
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await e2e.tokenFor(people.handler)}`)
      .set('If-None-Match', etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers['vary']).toMatch(/\bAuthorization\b/i);

    const secretaryView = expectStatus(await client.get(people.unitSecretary, path), 200);
    expect(secretaryView.headers['cache-control']).toBe('private, no-cache');
    expect(secretaryView.body.nextActions).not.toEqual(handlerView.body.nextActions);
  });
});
