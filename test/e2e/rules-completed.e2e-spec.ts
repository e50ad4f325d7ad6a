import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient, expectStatus } from '../support/case-client';
import { ballotsOf, CaseSteps, MEETING_MEMBERS, PRINCIPAL } from '../support/case-steps';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';

const ids = MEETING_MEMBERS.map((m) => m.id);
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
/** The Shanghai date of a moment, for date-only fields. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** R17, R19, R22 and R28 as DOMAIN.md §6 completes them, over HTTP against the real store. */
describe('the rules completed in the second round (e2e)', () => {
  let e2e: E2eApp;
  let client: CaseClient;

  beforeAll(async () => {
    e2e = await startE2eApp('api_rules_completed');
    client = new CaseClient(e2e);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  /** The request is refused with this status and code, and the case does not move. */
  async function refused(
    steps: CaseSteps,
    actor: Actor,
    path: string,
    body: unknown,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    const before = await client.revisionOf(steps.caseId, people.auditor);
    const response = expectStatus(await client.post(actor, `/cases/${steps.caseId}${path}`, body), status);
    expect(response.body.code).toBe(code);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await client.revisionOf(steps.caseId, people.auditor)).toBe(before);
    return response.body;
  }

  async function eventsOf(
    steps: CaseSteps,
  ): Promise<Array<{ type: string; revision: string; data: Record<string, unknown> }>> {
    return expectStatus(await client.get(people.auditor, `/cases/${steps.caseId}/history`), 200).body.events;
  }

  const meeting = (candidateId: string, overrides: Record<string, unknown> = {}) => ({
    heldAt: '2024-04-08T15:00:00+08:00',
    entitled: 9,
    members: MEETING_MEMBERS,
    attendees: ids,
    principalLeaderId: PRINCIPAL,
    votes: [{ candidateId, ballots: ballotsOf('agree') }],
    ...overrides,
  });

  describe('R17 the principal leader attends, and the meeting names its members', () => {
    let steps: CaseSteps;
    beforeAll(async () => {
      steps = await new CaseSteps(client).readyForDecision();
    });

    it('R17 refuses a meeting without the principal leader (409)', async () => {
      const attendees = ids.filter((m) => m !== PRINCIPAL);
      const body = await refused(
        steps,
        people.handler,
        '/decision-meetings',
        meeting(steps.candidates[0], {
          attendees,
          votes: [{ candidateId: steps.candidates[0], ballots: ballotsOf('agree', attendees) }],
        }),
        409,
        'APPOINTMENT.PRINCIPAL_LEADER_ABSENT',
      );
      expect(body.rule).toBe('R17');
    });

    it('R17 refuses a meeting whose principal leader is recused (409)', async () => {
      await refused(
        steps,
        people.handler,
        '/decision-meetings',
        meeting(steps.candidates[0], {
          recused: [PRINCIPAL],
          votes: [
            {
              candidateId: steps.candidates[0],
              ballots: ballotsOf(
                'agree',
                ids.filter((m) => m !== PRINCIPAL),
              ),
            },
          ],
        }),
        409,
        'APPOINTMENT.PRINCIPAL_LEADER_RECUSED',
      );
    });

    it('R17 refuses an attendee who is not among the named members (400, naming the field)', async () => {
      const body = await refused(
        steps,
        people.handler,
        '/decision-meetings',
        meeting(steps.candidates[0], { members: MEETING_MEMBERS.filter((m) => m.id !== 'm4') }),
        400,
        'APPOINTMENT.NOT_A_MEMBER',
      );
      expect(body.details).toMatchObject({ field: 'attendees[3]', memberId: 'm4' });
    });

    it('R17 records the members by name in the event and the state', async () => {
      const held = await steps.post(people.handler, '/decision-meetings', meeting(steps.candidates[0]));
      const history = await eventsOf(steps);
      const event = (
        history as Array<{ type: string; revision: string; data: Record<string, unknown> }>
      ).find((e) => e.type === 'DecisionMeetingHeld');
      expect(event?.revision).toBe(held.body.events[0].revision);
      expect(event?.data.members).toEqual(MEETING_MEMBERS);
      const state = await steps.get();
      expect((state.meetings as Array<{ members: unknown }>)[0].members).toEqual(MEETING_MEMBERS);
    });
  });

  describe('R19 deferral only when the meeting resolves it', () => {
    it('R19 defers the candidate the meeting resolves to defer, and rejects the one with mostly "defer" ballots but no resolution', async () => {
      const steps = await new CaseSteps(client).readyForDecision(['李四', '王五']);
      const [li, wang] = steps.candidates;
      const held = await steps.post(people.handler, '/decision-meetings', {
        ...meeting(li),
        votes: [
          { candidateId: li, deferred: true, ballots: ballotsOf('disagree') },
          { candidateId: wang, ballots: ballotsOf('defer') },
        ],
      });
      expect(held.body.events).toEqual([expect.objectContaining({ type: 'DecisionMeetingHeld' })]);
      const state = await steps.get();
      const status = (id: string) =>
        (state.candidates as Array<{ candidateId: string; status: string }>).find((c) => c.candidateId === id)
          ?.status;
      expect([status(li), status(wang)]).toEqual(['deferred', 'rejected']);
      // A deferred candidate goes to a later meeting.
      await steps.post(people.handler, '/decision-meetings', {
        ...meeting(li, { heldAt: '2024-04-15T15:00:00+08:00' }),
      });
      expect(await steps.get()).toMatchObject({ stage: 'deciding' });
    });

    it('R19 refuses a deferral of a candidate with the majority of entitled members (400), and a deferred flag that is not a boolean', async () => {
      const steps = await new CaseSteps(client).readyForDecision();
      const body = await refused(
        steps,
        people.handler,
        '/decision-meetings',
        {
          ...meeting(steps.candidates[0]),
          votes: [{ candidateId: steps.candidates[0], deferred: true, ballots: ballotsOf('agree') }],
        },
        400,
        'APPOINTMENT.DEFERRAL_CONFLICTS_WITH_MAJORITY',
      );
      expect(body.details).toMatchObject({ field: 'votes[0].deferred' });
      await refused(
        steps,
        people.handler,
        '/decision-meetings',
        {
          ...meeting(steps.candidates[0]),
          votes: [{ candidateId: steps.candidates[0], deferred: 'yes', ballots: ballotsOf('defer') }],
        },
        400,
        'HTTP.INVALID_REQUEST',
      );
    });
  });

  describe('R22 a minor finding needs the reminder talk', () => {
    let steps: CaseSteps;
    let objectionPath = '';
    beforeAll(async () => {
      steps = await new CaseSteps(client).inNotice();
      const recorded = await steps.post(people.handler, `/candidates/${steps.candidates[0]}/objections`, {
        receivedAt: '2024-04-10T10:00:00+08:00',
        summary: '反映其工作作风简单粗暴',
      });
      objectionPath = `/candidates/${steps.candidates[0]}/objections/${recorded.body.objectionId}/resolution`;
    });

    it('R22 refuses a minor resolution without the reminder talk (400, naming reminderTalk)', async () => {
      const body = await refused(
        steps,
        people.handler,
        objectionPath,
        { outcome: 'minor', findings: '部分属实，情节轻微' },
        400,
        'APPOINTMENT.REMINDER_TALK_REQUIRED',
      );
      expect(body).toMatchObject({ rule: 'R22', details: { field: 'reminderTalk' } });
    });

    it('R22 refuses a reminder talk held before the objection was received (409, R28)', async () => {
      await refused(
        steps,
        people.handler,
        objectionPath,
        {
          outcome: 'minor',
          findings: '部分属实，情节轻微',
          reminderTalk: { heldAt: '2024-04-09T10:00:00+08:00', heldBy: '陈部长' },
        },
        409,
        'APPOINTMENT.OUT_OF_ORDER',
      );
    });

    it('R22 records the reminder talk, and the appointment can then be issued', async () => {
      await steps.post(people.handler, objectionPath, {
        outcome: 'minor',
        findings: '部分属实，情节轻微',
        reminderTalk: { heldAt: '2024-04-12T10:00:00+08:00', heldBy: '陈部长' },
      });
      const history = await eventsOf(steps);
      const resolved = (history as Array<{ type: string; data: Record<string, unknown> }>).find(
        (e) => e.type === 'ObjectionResolved',
      );
      expect(resolved?.data.reminderTalk).toEqual({ heldAt: '2024-04-12T10:00:00+08:00', heldBy: '陈部长' });
      await steps.post(people.handler, `/candidates/${steps.candidates[0]}/appointment`, {
        noticeDate: '2024-04-16',
        probation: true,
      });
    });
  });

  describe('R28 occurred times are never in the future nor before the step they depend on', () => {
    it('R28 refuses a round held an hour from now (400) and accepts one two minutes from now (clock skew)', async () => {
      const steps = await new CaseSteps(client).open();
      const round = (heldAt: string) => ({
        kind: 'talk',
        heldAt,
        eligible: 10,
        participants: 8,
        results: [],
      });
      const body = await refused(
        steps,
        people.handler,
        '/recommendation-rounds',
        round(inMinutes(60)),
        400,
        'APPOINTMENT.OCCURRED_IN_FUTURE',
      );
      expect(body).toMatchObject({ rule: 'R28', details: { field: 'heldAt' } });
      await steps.post(people.handler, '/recommendation-rounds', round(inMinutes(2)));
    });

    it('R28 refuses inspection targets decided before the round they rest on (409)', async () => {
      const steps = await (await new CaseSteps(client).open()).recommended();
      const body = await refused(
        steps,
        people.handler,
        '/inspection-targets',
        { candidateIds: steps.candidates, decidedAt: '2024-03-09T09:00:00+08:00', basis: '研究确定' },
        409,
        'APPOINTMENT.OUT_OF_ORDER',
      );
      expect(body).toMatchObject({ rule: 'R28', details: { field: 'decidedAt' } });
    });

    it('R28 refuses a decision meeting held before a check of the candidate it decides (409)', async () => {
      const steps = await new CaseSteps(client).readyForDecision();
      await refused(
        steps,
        people.handler,
        '/decision-meetings',
        meeting(steps.candidates[0], { heldAt: '2024-03-27T15:00:00+08:00' }),
        409,
        'APPOINTMENT.OUT_OF_ORDER',
      );
    });

    it('R28 compares a date-only public notice start in Shanghai time: tomorrow there is refused (400)', async () => {
      const steps = await new CaseSteps(client).readyForDecision();
      await steps.post(people.handler, '/decision-meetings', meeting(steps.candidates[0]));
      const tomorrow = shanghaiDate(Date.now() + 24 * 3600_000 + 10 * 60_000);
      await refused(
        steps,
        people.handler,
        `/candidates/${steps.candidates[0]}/public-notice`,
        { startDate: tomorrow },
        400,
        'APPOINTMENT.OCCURRED_IN_FUTURE',
      );
    });

    it('R28 lets a case from last year be entered now, step by step (补录)', async () => {
      const steps = await new CaseSteps(client).inNotice();
      await steps.post(people.handler, `/candidates/${steps.candidates[0]}/appointment`, {
        noticeDate: '2024-04-16',
        probation: false,
      });
      await steps.post(people.handler, `/candidates/${steps.candidates[0]}/appointment-talk`, {
        heldAt: '2024-04-18T10:00:00+08:00',
        heldBy: '陈部长',
      });
      expect(await steps.get()).toMatchObject({ stage: 'closed', outcome: 'confirmed' });
    });
  });
});
