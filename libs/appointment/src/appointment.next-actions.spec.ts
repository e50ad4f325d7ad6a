import fc from 'fast-check';
import type { Actor, AppointmentCommand, OpinionKind, RecordedCheck } from './appointment.commands';
import { AppointmentErrorCodes as E, DomainError } from './appointment.errors';
import type { NextAction } from './appointment.next-actions';
import { nextActions } from './appointment.next-actions';
import { decisionReadiness, exceptionalApprovalDeadline } from './appointment.rules';
import type { AppointmentState, ExistingCaseState } from './appointment.state';
import { latestOccurredDate } from '@app/time';
import {
  actors,
  ballots,
  C1,
  C2,
  CASE_ID,
  CaseScript,
  cmd,
  command,
  disciplineSecretaryFor,
  MEMBERS,
  testDecider,
  unitSecretaryFor,
} from './testing/case-fixture';
import { testCalendar } from './testing/test-calendar';

const decider = testDecider();
const deps = { calendar: testCalendar };
const seven = MEMBERS.slice(0, 7);
const callers: Actor[] = Object.values(actors);

/** The happy path of the fixture case, C1 all the way to confirmation, C2 alongside until the meeting. */
const happyPath: AppointmentCommand[] = [
  cmd.openCase(),
  cmd.approveInitiation(),
  cmd.round(),
  cmd.nominate(C1),
  cmd.nominate(C2),
  cmd.eligibility(C1),
  cmd.eligibility(C2),
  cmd.targets([C1, C2]),
  cmd.team(),
  cmd.notice(),
  ...[C1, C2].flatMap((id) => [
    cmd.talk(id),
    cmd.assessment(id),
    cmd.report(id),
    cmd.check(id, 'dossier', 'verified'),
    cmd.check(id, 'personal-matters', 'consistent'),
    cmd.check(id, 'petitions', 'none'),
    cmd.draft(id, 'political', 'qualified'),
    cmd.sign(id, 'political', actors.leader),
    cmd.sign(id, 'political', unitSecretaryFor(id)),
    cmd.draft(id, 'integrity', 'no-objection'),
    cmd.sign(id, 'integrity', unitSecretaryFor(id)),
    cmd.sign(id, 'integrity', disciplineSecretaryFor(id)),
  ]),
  cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]),
  cmd.publicNotice(C1),
  cmd.objection(C1),
  cmd.resolve(C1, 'minor'),
  cmd.appoint(C1),
  cmd.appointmentTalk(C1),
  cmd.review(C1, 'extend', '2025-05-01T09:00:00+08:00', 30),
  cmd.review(C1, 'competent', '2026-05-20T09:00:00+08:00'),
];

/** Detours a case can take: blocking outcomes, vetoes, deferrals, holds, drops, withdrawal. */
const detours: AppointmentCommand[] = [
  cmd.rejectInitiation(),
  cmd.nominate(C1, { exceptional: { kind: 'skip-level', grounds: '实绩特别突出' } }),
  cmd.exceptionalApproval(C1),
  cmd.eligibility(C2, { canvassing: true }),
  cmd.targets([C1]),
  cmd.check(C1, 'personal-matters', 'concealment'),
  cmd.check(C2, 'petitions', 'substantiated'),
  cmd.check(C1, 'dossier', 'discrepancy'),
  cmd.draft(C1, 'political', 'unqualified', '政治素质不合格'),
  cmd.draft(C2, 'integrity', 'no-objection', '新的廉政意见'),
  cmd.meeting([{ candidateId: C1, deferred: true, ballots: ballots(seven, {}, 'defer') }]),
  cmd.meeting([{ candidateId: C2, ballots: ballots(seven) }], { meetingId: 'meeting-c2' }),
  cmd.objection(C1, 'obj-2', '2025-04-11T10:00:00+08:00'),
  cmd.resolve(C1, 'hold', 'obj-2'),
  cmd.resolve(C1, 'unfounded', 'obj-2'),
  cmd.drop(C2),
  cmd.drop(C1),
  cmd.withdraw(),
  cmd.appoint(C1, '2025-04-16', false),
  cmd.postAppointmentFinding(C1),
];

/** Runs what the decider accepts and passes over what it refuses: every state reached is reachable. */
function reach(commands: AppointmentCommand[]): AppointmentState {
  let state = decider.initialState();
  for (const c of commands) {
    try {
      state = decider.decide(c, state).reduce(decider.evolve, state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return state;
}

const MINUTE = 60_000;

function nowAfter(state: ExistingCaseState, minutes: number): string {
  const latest = /T/.test(state.updatedAt) ? state.updatedAt : `${state.updatedAt}T23:59:00+08:00`;
  return new Date(Date.parse(latest) + minutes * MINUTE).toISOString();
}

let serial = 0;
const fresh = (prefix: string) => `next-${prefix}-${++serial}`;

/** A request of this action that is well-formed and fits the case: what a careful clerk would send. */
function wellFormed(a: NextAction, state: ExistingCaseState, by: Actor, now: string): AppointmentCommand {
  const candidateId = a.candidateId ?? '';
  const candidate = state.candidates.find((c) => c.candidateId === candidateId);
  const send = <C extends AppointmentCommand>(type: C['type'], data: C['data']) =>
    ({ ...command(type, data as never, by, now), caseId: CASE_ID }) as AppointmentCommand;
  switch (a.action) {
    case 'ApproveInitiation':
    case 'RejectInitiation':
      return send(a.action, { comment: '同意' });
    case 'RecordRecommendationRound':
      return send(a.action, {
        roundId: fresh('round'),
        kind: 'talk',
        heldAt: now,
        eligible: 10,
        participants: 8,
        results: [],
      });
    case 'NominateCandidate': {
      const id = fresh('p');
      return send(a.action, {
        candidateId: fresh('cand'),
        person: { id, name: '新人选', currentPost: '科长', orgUnit: 'X' },
        recommendedBy: { id: 'r9', name: '推荐人', role: '班子成员' },
        reason: '推荐',
      });
    }
    case 'RecordEligibility':
      return send(a.action, { candidateId, flags: cmd.eligibility(candidateId).data.flags });
    case 'RecordExceptionalApproval':
      return send(a.action, { candidateId, approvedBy: '省委组织部', documentNo: '文号', approvedAt: now });
    case 'DetermineInspectionTargets': {
      const ids = state.candidates
        .filter(
          (c) =>
            c.status === 'nominated' &&
            c.eligibility &&
            !c.eligibility.disqualified &&
            !(
              c.exceptional &&
              !c.exceptional.approval &&
              exceptionalApprovalDeadline(c.exceptional.kind) === 'inspection-targets'
            ),
        )
        .map((c) => c.candidateId);
      // Blocked: the clerk tries with every nominee and is refused for the first.
      const nominated = state.candidates.filter((c) => c.status === 'nominated').map((c) => c.candidateId);
      return send(a.action, {
        candidateIds: a.allowed ? ids : nominated,
        decidedAt: state.latestValidRoundAt ?? now,
        basis: '研究确定',
      });
    }
    case 'FormInspectionTeam':
      return send(a.action, {
        leader: { id: actors.leader.id, name: actors.leader.name },
        members: [{ id: actors.member.id, name: actors.member.name }],
      });
    case 'PublishInspectionNotice':
      return send(a.action, { publishedAt: now, channel: '公告栏' });
    case 'RecordInspectionActivity':
      return send(a.action, {
        candidateId,
        activityId: fresh('act'),
        kind: 'field-visit',
        heldAt: now,
        summary: '实地走访',
      });
    case 'SubmitInspectionReport':
      return send(a.action, { candidateId, conclusion: '好', strengths: '强', weaknesses: '弱' });
    case 'DraftOpinion':
      return send(a.action, {
        candidateId,
        kind: a.kind as OpinionKind,
        text: fresh('意见'),
        verdict: a.kind === 'political' ? 'qualified' : 'no-objection',
      });
    case 'SignOpinion':
      return send(a.action, {
        candidateId,
        kind: a.kind as OpinionKind,
        digest: candidate?.opinions[a.kind as OpinionKind]?.digest ?? '0'.repeat(64),
      });
    case 'RecordCheck': {
      const outcome = { dossier: 'verified', 'personal-matters': 'consistent', petitions: 'none' } as const;
      return send(a.action, {
        candidateId,
        check: a.check as RecordedCheck,
        outcome: outcome[a.check as RecordedCheck],
        findings: '已核',
        checkedAt: now,
      });
    }
    case 'HoldDecisionMeeting': {
      const waiting = state.candidates.filter((c) => ['target', 'deferred'].includes(c.status));
      const ready = waiting.filter((c) => {
        const r = decisionReadiness(c);
        return (
          ['target', 'deferred'].includes(c.status) && !r.vetoed && !r.blocking.length && !r.missing.length
        );
      });
      return send(a.action, {
        meetingId: fresh('meeting'),
        heldAt: now,
        entitled: 9,
        attendees: seven,
        principalLeaderId: 'm1',
        votes: (a.allowed ? ready : waiting).map((c) => ({
          candidateId: c.candidateId,
          ballots: ballots(seven, {}, 'disagree'),
        })),
      });
    }
    case 'StartPublicNotice':
      return send(a.action, { candidateId, startDate: latestOccurredDate(now, 0) });
    case 'RecordObjection':
      return send(a.action, { candidateId, objectionId: fresh('obj'), receivedAt: now, summary: '反映' });
    case 'ResolveObjection':
      return send(a.action, {
        candidateId,
        objectionId: a.objectionId ?? '',
        outcome: 'unfounded',
        findings: '不实',
      });
    case 'IssueAppointment':
      return send(a.action, {
        candidateId,
        noticeDate: latestOccurredDate(now, 5 * MINUTE),
        probation: true,
      });
    case 'RecordAppointmentTalk':
      return send(a.action, { candidateId, heldAt: now, heldBy: '部长' });
    case 'ReviewProbation':
      return send(a.action, { candidateId, result: 'extend', findings: '延长', extendDays: 30 });
    case 'DropCandidate':
    case 'WithdrawCase':
      return send(a.action, { candidateId, reason: '退出' });
    case 'RecordPostAppointmentFinding':
      return send(a.action, {
        candidateId,
        findingId: fresh('finding'),
        source: 'audit',
        foundAt: now,
        summary: '审计发现',
        substantiated: false,
        predatesAppointment: false,
      });
    default:
      throw new Error(`no well-formed ${a.action}`);
  }
}

function outcome(c: AppointmentCommand, state: AppointmentState): { ok: true } | { ok: false; code: string } {
  try {
    decider.decide(c, state);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, code: error.code };
  }
}

const arbitraryCase = fc.record({
  // Late states (appointed, on probation, closed) drawn as often as all the others together.
  progress: fc.oneof(
    fc.integer({ min: 1, max: happyPath.length }),
    fc.integer({ min: happyPath.length - 4, max: happyPath.length }),
  ),
  insertions: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...detours)), { maxLength: 6 }),
  minutesLater: fc.constantFrom(0, 3, 10, 60 * 24, 60 * 24 * 30),
});

describe('nextActions agrees with decide', () => {
  it('offers as allowed only what decide accepts, and lists the codes decide refuses with (every role, reachable states)', () => {
    let allowedChecked = 0;
    let blockedChecked = 0;
    let findingsChecked = 0;
    let closedChecked = 0;
    fc.assert(
      fc.property(arbitraryCase, ({ progress, insertions, minutesLater }) => {
        const commands = happyPath.slice(0, progress);
        for (const [at, detour] of insertions) commands.splice(at % (commands.length + 1), 0, detour);
        const state = reach(commands);
        if (state.status === 'empty') throw new Error('the script opens the case');
        const now = nowAfter(state, minutesLater);
        for (const caller of callers) {
          for (const action of nextActions(state, caller, now, deps)) {
            // DOMAIN.md §7: a closed case takes nothing but findings after appointment.
            if (state.status === 'closed') {
              expect(action.action).toBe('RecordPostAppointmentFinding');
              closedChecked++;
            }
            if (action.action === 'RecordPostAppointmentFinding') findingsChecked++;
            const result = outcome(wellFormed(action, state, caller, now), state);
            if (action.allowed) {
              expect({ action, result }).toEqual({ action, result: { ok: true } });
              allowedChecked++;
            } else {
              const codes = (action.blockedBy ?? []).map((b) => b.code);
              expect(result.ok).toBe(false);
              expect(codes).toContain(result.ok ? '' : result.code);
              blockedChecked++;
            }
          }
        }
      }),
      { numRuns: Number(process.env.NEXT_ACTIONS_RUNS ?? 100) },
    );
    expect(allowedChecked).toBeGreaterThan(100);
    expect(blockedChecked).toBeGreaterThan(10);
    expect(findingsChecked).toBeGreaterThan(10);
    expect(closedChecked).toBeGreaterThan(0);
  });
});

describe('nextActions for people', () => {
  const at = (s: CaseScript, minutes = 60) => nowAfter(s.open, minutes);

  it('offers the committee secretary the approval of a new initiation, and the handler only its withdrawal', () => {
    const s = new CaseScript().opened();
    expect(
      nextActions(s.state, actors.committeeSecretary, at(s), deps).map((a) => [a.action, a.allowed]),
    ).toEqual([
      ['ApproveInitiation', true],
      ['RejectInitiation', true],
    ]);
    expect(nextActions(s.state, actors.handler, at(s), deps)).toEqual([
      expect.objectContaining({ action: 'RecordRecommendationRound', allowed: false }),
      expect.objectContaining({ action: 'NominateCandidate', allowed: false }),
      {
        action: 'WithdrawCase',
        method: 'POST',
        path: `/cases/${CASE_ID}/withdraw`,
        allowed: true,
        step: 'todo',
      },
    ]);
    expect(nextActions(s.state, actors.handler, at(s), deps)[0].blockedBy).toEqual([
      { code: E.INITIATION_NOT_APPROVED, rule: 'R1', message: '动议尚未经党委（党组）书记批准（R1）' },
    ]);
  });

  it('offers on a closed case only the finding after appointment, for the appointed candidate, to whom may record it', () => {
    const s = new CaseScript().appointed(C1, false).run(cmd.appointmentTalk(C1));
    expect(s.state.status).toBe('closed');
    const now = '2025-09-01T10:00:00+08:00';
    const finding = {
      action: 'RecordPostAppointmentFinding',
      method: 'POST',
      path: `/cases/${CASE_ID}/candidates/${C1}/post-appointment-findings`,
      candidateId: C1,
      allowed: true,
      step: 'todo',
    };
    expect(nextActions(s.state, actors.handler, now, deps)).toEqual([finding]);
    expect(nextActions(s.state, actors.disciplineSecretaryA, now, deps)).toEqual([finding]);
    for (const caller of [actors.disciplineSecretaryB, actors.otherHandler, actors.committeeSecretary])
      expect(nextActions(s.state, caller, now, deps)).toEqual([]);
  });

  it('offers the finding on an open case once the candidate is appointed, and not before', () => {
    const offered = (s: CaseScript) =>
      nextActions(s.state, actors.handler, nowAfter(s.open, 60), deps)
        .filter((a) => a.action === 'RecordPostAppointmentFinding')
        .map((a) => [a.candidateId, a.allowed]);
    expect(offered(new CaseScript().inNotice())).toEqual([]);
    expect(offered(new CaseScript().appointed())).toEqual([[C1, true]]);
  });

  it('never offers anything to a supervisor, an auditor, an admin or a handler of another department', () => {
    const s = new CaseScript().readyForDecision();
    for (const caller of [actors.supervisor, actors.auditor, actors.admin, actors.otherHandler])
      expect(nextActions(s.state, caller, at(s), deps)).toEqual([]);
  });

  it('shows the unit secretary the signature waiting for them, with the path to post it to', () => {
    const s = new CaseScript().inspecting().run(cmd.draft(C1, 'political', 'qualified'));
    const actions = nextActions(s.state, actors.unitSecretaryA, at(s), deps);
    expect(actions).toContainEqual({
      action: 'SignOpinion',
      method: 'POST',
      path: `/cases/${CASE_ID}/candidates/${C1}/opinions/political/signatures`,
      candidateId: C1,
      kind: 'political',
      allowed: true,
      step: 'todo',
    });
    expect(actions).toContainEqual(
      expect.objectContaining({
        action: 'SignOpinion',
        candidateId: C1,
        kind: 'integrity',
        allowed: false,
        blockedBy: [{ code: E.OPINION_NOT_DRAFTED, rule: 'R16', message: '廉政意见尚未起草（R16）' }],
      }),
    );
    expect(actions.every((a) => a.candidateId === C1)).toBe(true);
  });

  it('says which steps are done already: a redo replaces the record, again adds to it (R16 signatures named)', () => {
    const s = new CaseScript()
      .inspecting()
      .run(
        cmd.talk(C1),
        cmd.check(C1, 'dossier', 'verified'),
        cmd.draft(C1, 'political', 'qualified'),
        cmd.sign(C1, 'political', unitSecretaryFor(C1)),
      );
    const step = (caller: Actor, action: string, match: Partial<NextAction> = {}) =>
      nextActions(s.state, caller, at(s), deps).find(
        (a) =>
          a.action === action &&
          a.candidateId === C1 &&
          Object.entries(match).every(([k, v]) => a[k as keyof NextAction] === v),
      );
    expect(step(actors.handler, 'RecordCheck', { check: 'dossier' })).toMatchObject({
      allowed: true,
      step: 'redo',
    });
    expect(step(actors.handler, 'RecordCheck', { check: 'petitions' })).toMatchObject({ step: 'todo' });
    expect(step(actors.leader, 'RecordInspectionActivity')).toMatchObject({ step: 'again' });
    expect(step(actors.leader, 'SubmitInspectionReport')).toMatchObject({ step: 'todo' });
    const redraft = step(actors.leader, 'DraftOpinion', { kind: 'political' });
    expect(redraft).toMatchObject({ allowed: true, step: 'redo' });
    expect(redraft?.voidsSignatures).toEqual([
      { id: unitSecretaryFor(C1).id, name: unitSecretaryFor(C1).name, signedAs: 'unit-secretary' },
    ]);
    const first = step(actors.handler, 'DraftOpinion', { kind: 'integrity' });
    expect(first).toMatchObject({ step: 'todo' });
    expect(first).not.toHaveProperty('voidsSignatures');

    const rounds = new CaseScript().opened().run(cmd.approveInitiation(), cmd.round());
    expect(
      nextActions(rounds.state, actors.handler, at(rounds), deps).find(
        (a) => a.action === 'RecordRecommendationRound',
      ),
    ).toMatchObject({ allowed: true, step: 'again' });
  });

  it('blocks the decision meeting with R15 and says what is missing, then allows it once a candidate is ready', () => {
    const s = new CaseScript().inspecting().run(cmd.talk(C1), cmd.report(C1));
    const meeting = nextActions(s.state, actors.handler, at(s), deps).find(
      (a) => a.action === 'HoldDecisionMeeting',
    );
    expect(meeting).toMatchObject({ allowed: false, path: `/cases/${CASE_ID}/decision-meetings` });
    expect(meeting?.blockedBy?.[0]).toMatchObject({ code: E.NOT_READY_FOR_DECISION, rule: 'R15' });
    expect(meeting?.blockedBy?.[0].message).toMatch(/^刘一尚不具备提交讨论决定的条件，还缺：干部档案审核、/);
    const ready = new CaseScript().readyForDecision();
    expect(
      nextActions(ready.state, actors.handler, at(ready), deps).find(
        (a) => a.action === 'HoldDecisionMeeting',
      ),
    ).toMatchObject({ allowed: true });
  });

  it('blocks the appointment until the notice has ended (R23) and every objection is resolved (R22)', () => {
    const s = new CaseScript().inNotice().run(cmd.objection(C1));
    const issue = (script: CaseScript, now: string) =>
      nextActions(script.state, actors.handler, now, deps).find((a) => a.action === 'IssueAppointment');
    expect(issue(s, '2025-04-12T09:00:00+08:00')?.blockedBy?.map((b) => b.rule)).toEqual(['R22']);
    s.run(cmd.resolve(C1, 'unfounded'));
    expect(issue(s, '2025-04-14T11:00:00+08:00')?.blockedBy).toEqual([
      {
        code: E.NOTICE_NOT_ENDED,
        rule: 'R23',
        message: '任前公示至 2025-04-15 结束，任职须在公示期满之后（R23）',
      },
    ]);
    expect(issue(s, '2025-04-16T09:00:00+08:00')).toMatchObject({ allowed: true });
  });
});
