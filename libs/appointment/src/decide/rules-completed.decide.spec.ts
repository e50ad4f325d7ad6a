import type { AppointmentCommand } from '../appointment.commands';
import { AppointmentErrorCodes as E } from '../appointment.errors';
import type { AppointmentEvent } from '../appointment.events';
import {
  actors,
  ballots,
  C1,
  CaseScript,
  cmd,
  command,
  MEMBERS,
  PRINCIPAL,
  REMINDER_TALK,
  testDecider,
} from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const ready = () => new CaseScript().readyForDecision();
const seven = MEMBERS.slice(0, 7);
const names: Record<string, string> = {
  m1: '李书记',
  m2: '王副书记',
  m3: '张部长',
  m4: '赵委员',
  m5: '钱委员',
  m6: '孙委员',
  m7: '周委员',
  m8: '吴委员',
  m9: '郑委员',
};
const members = MEMBERS.map((id) => ({ id, name: names[id] }));

function tally(attendees: string[], agree: number, rest: 'disagree' | 'defer' = 'disagree') {
  return ballots(attendees, Object.fromEntries(attendees.map((m, i) => [m, i < agree ? 'agree' : rest])));
}

describe('R17 (completed) the principal leader and the named members', () => {
  it('R17 refuses a meeting the principal leader did not attend', () => {
    const attendees = MEMBERS.slice(1, 8);
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(attendees) }], { attendees }))
      .thenThrows(E.PRINCIPAL_LEADER_ABSENT, 'rule');
    expect(error).toMatchObject({ rule: 'R17', details: { personId: PRINCIPAL } });
  });

  it('R17 refuses a meeting where the principal leader is recused', () => {
    const voters = seven.filter((m) => m !== PRINCIPAL);
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(voters) }], { recused: [PRINCIPAL] }))
      .thenThrows(E.PRINCIPAL_LEADER_RECUSED, 'rule');
  });

  it('R17 records the members by name when the meeting names them', () => {
    const [event] = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members }))
      .thenMatch([{ type: 'DecisionMeetingHeld', data: { members } }]);
    const after = [...ready().events, event].reduce(testDecider().evolve, testDecider().initialState());
    expect(after.status === 'open' && after.meetings[0].members).toEqual(members);
  });

  it('R17 leaves members out of the event when the meeting does not name them', () => {
    const [event] = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .events();
    expect(event.type === 'DecisionMeetingHeld' && 'members' in event.data).toBe(false);
  });

  it('R17 refuses an attendee who is not among the named members', () => {
    const error = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], {
          members: members.filter((m) => m.id !== 'm3'),
        }),
      )
      .thenThrows(E.NOT_A_MEMBER, 'validation');
    expect(error.details).toMatchObject({ field: 'attendees[2]', personId: 'm3' });
  });

  it('R17 refuses a principal leader and a recusal outside the named members', () => {
    const others = members.filter((m) => m.id !== PRINCIPAL);
    const attendees = MEMBERS.slice(1, 8);
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(attendees) }], { members: others, attendees }))
      .thenThrows(E.NOT_A_MEMBER);
    expect(error.details).toMatchObject({ field: 'principalLeaderId' });
    const recused = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven.filter((m) => m !== 'm9')) }], {
          members: members.filter((m) => m.id !== 'm9'),
          attendees: [...seven, 'm9'],
          recused: ['m9'],
        }),
      )
      .thenThrows(E.NOT_A_MEMBER);
    expect(recused.details).toMatchObject({ field: 'attendees[7]' });
  });

  it('R17 refuses more named members than are entitled, and a member named twice', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members, entitled: 8 }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members: [...members, members[0]] }),
      )
      .thenThrows(E.INVALID_INPUT, 'validation');
  });
});

describe('R17 errors name the members and candidates the meeting names', () => {
  it('names the principal leader who is recused', () => {
    const voters = seven.filter((m) => m !== PRINCIPAL);
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(voters) }], { members, recused: [PRINCIPAL] }))
      .thenThrows(E.PRINCIPAL_LEADER_RECUSED, 'rule');
    expect(error.details).toEqual({ personId: PRINCIPAL, personName: names[PRINCIPAL] });
  });

  it('names the principal leader who is absent', () => {
    const attendees = MEMBERS.slice(1, 8);
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(attendees) }], { members, attendees }))
      .thenThrows(E.PRINCIPAL_LEADER_ABSENT, 'rule');
    expect(error.details).toEqual({ personId: PRINCIPAL, personName: names[PRINCIPAL] });
  });

  it('names a recused member who still voted', () => {
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members, recused: ['m2'] }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ reason: 'member-recused', memberId: 'm2', memberName: names.m2 });
  });

  it('names a member listed twice', () => {
    const error = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { members: [...members, members[1]] }),
      )
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({
      field: 'members',
      reason: 'listed-twice',
      value: 'm2',
      valueName: names.m2,
      command: 'HoldDecisionMeeting',
    });
  });

  it('names a candidate voted on twice', () => {
    const vote = { candidateId: C1, ballots: ballots(seven) };
    const error = given(ready().events)
      .when(cmd.meeting([vote, vote]))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({
      field: 'votes.candidateId',
      value: C1,
      valueName: expect.any(String),
    });
  });

  it('names a candidate whose deferral conflicts with the majority', () => {
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, deferred: true, ballots: tally(seven, 5) }]))
      .thenThrows(E.DEFERRAL_CONFLICTS_WITH_MAJORITY, 'validation');
    expect(error.details).toMatchObject({ candidateId: C1, candidateName: expect.any(String) });
  });
});

describe('R19 (completed) deferral is the meeting’s resolution', () => {
  it('R19 rejects, not defers, a candidate whose members mostly voted "defer" when the meeting did not resolve to defer', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: tally(seven, 3, 'defer') }]))
      .thenMatch([
        {
          type: 'DecisionMeetingHeld',
          data: { results: [{ candidateId: C1, defer: 4, deferred: false, outcome: 'rejected' }] },
        },
      ]);
  });

  it('R19 defers a candidate the meeting resolves to defer, whatever the individual ballots', () => {
    const script = ready().run(
      cmd.meeting([{ candidateId: C1, deferred: true, ballots: tally(seven, 2, 'disagree') }]),
    );
    expect(script.candidate(C1)).toMatchObject({ status: 'deferred', decision: { outcome: 'deferred' } });
  });

  it('R19 refuses a deferral for a candidate who has the majority of entitled members', () => {
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, deferred: true, ballots: tally(seven, 5) }]))
      .thenThrows(E.DEFERRAL_CONFLICTS_WITH_MAJORITY, 'validation');
    expect(error.details).toMatchObject({ field: 'votes[0].deferred', agree: 5, majority: 5 });
  });

  it('R19 still reads a meeting recorded before the resolution was asked for (no deferred field)', () => {
    const before = ready();
    const stored = {
      type: 'DecisionMeetingHeld',
      data: {
        caseId: before.open.caseId,
        meetingId: 'old-meeting',
        heldAt: '2025-04-08T15:00:00+08:00',
        decisionDate: '2025-04-08',
        entitled: 9,
        attendees: seven,
        recused: [],
        principalLeaderId: PRINCIPAL,
        quorum: 6,
        majority: 5,
        results: [
          {
            candidateId: C1,
            ballots: tally(seven, 3, 'defer'),
            agree: 3,
            disagree: 0,
            defer: 4,
            outcome: 'deferred',
          },
        ],
        recordedBy: { id: 'h1', name: '张经办', role: 'handler' },
      },
    } as AppointmentEvent;
    const script = given([...before.events, stored]);
    expect(script.state.status === 'open' && script.state.candidates[0]).toMatchObject({
      status: 'deferred',
    });
    script
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], {
          meetingId: 'meeting-2',
          heldAt: '2025-04-15T15:00:00+08:00',
        }),
      )
      .thenMatch([{ type: 'DecisionMeetingHeld', data: { results: [{ outcome: 'approved' }] } }]);
  });

  it('R19 refuses a deferred flag that is not true or false', () => {
    given(ready().events)
      .when(
        cmd.meeting([
          { candidateId: C1, deferred: 'yes' as unknown as boolean, ballots: tally(seven, 2, 'defer') },
        ]),
      )
      .thenThrows(E.INVALID_INPUT, 'validation');
  });
});

describe('R22 (completed) a minor finding needs the reminder talk', () => {
  const withObjection = () => new CaseScript().inNotice().run(cmd.objection(C1));
  const resolveMinor = (reminderTalk?: unknown) =>
    command(
      'ResolveObjection',
      {
        candidateId: C1,
        objectionId: 'obj-1',
        outcome: 'minor',
        findings: '反映问题部分属实，情节轻微',
        ...(reminderTalk !== undefined && { reminderTalk: reminderTalk as typeof REMINDER_TALK }),
      },
      actors.handler,
      '2025-04-14T10:00:00+08:00',
    );

  it('R22 refuses a minor resolution without the reminder talk', () => {
    const error = given(withObjection().events)
      .when(resolveMinor())
      .thenThrows(E.REMINDER_TALK_REQUIRED, 'validation');
    expect(error).toMatchObject({ rule: 'R22', details: { field: 'reminderTalk' } });
  });

  it('R22 records who held the reminder talk and when, in the event and the state', () => {
    const script = withObjection().run(resolveMinor(REMINDER_TALK));
    expect(script.events.at(-1)).toMatchObject({
      type: 'ObjectionResolved',
      data: { reminderTalk: REMINDER_TALK },
    });
    expect(script.candidate(C1).objections[0]).toMatchObject({
      status: 'resolved',
      reminderTalk: REMINDER_TALK,
    });
    given(script.events)
      .when(cmd.appoint(C1))
      .thenMatch([{ type: 'AppointmentIssued' }]);
  });

  it('R22 refuses a reminder talk held before the objection was received (R28)', () => {
    const error = given(withObjection().events)
      .when(resolveMinor({ heldAt: '2025-04-09T09:00:00+08:00', heldBy: '李书记' }))
      .thenThrows(E.OUT_OF_ORDER, 'rule');
    expect(error.details).toMatchObject({
      field: 'reminderTalk.heldAt',
      stepAt: '2025-04-10T10:00:00+08:00',
    });
  });

  it('R22 refuses a reminder talk without who held it, and one with another outcome', () => {
    given(withObjection().events)
      .when(resolveMinor({ heldAt: '2025-04-14T09:00:00+08:00' }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    given(withObjection().events)
      .when({
        ...cmd.resolve(C1, 'unfounded'),
        data: { ...cmd.resolve(C1, 'unfounded').data, reminderTalk: REMINDER_TALK },
      })
      .thenThrows(E.INVALID_INPUT, 'validation');
  });

  it('R22 refuses the appointment while a minor finding stored before the rule has no reminder talk', () => {
    const script = withObjection();
    const stored = {
      type: 'ObjectionResolved',
      data: {
        caseId: script.open.caseId,
        candidateId: C1,
        objectionId: 'obj-1',
        outcome: 'minor',
        findings: '情节轻微',
        resolvedBy: { id: 'h1', name: '张经办', role: 'handler' },
        resolvedAt: '2025-04-14T10:00:00+08:00',
      },
    } as AppointmentEvent;
    const error = given([...script.events, stored])
      .when(cmd.appoint(C1))
      .thenThrows(E.REMINDER_TALK_MISSING, 'rule');
    expect(error).toMatchObject({ rule: 'R22', details: { objectionIds: ['obj-1'] } });
  });
});

describe('R28 occurred times: never in the future, never before the step they depend on', () => {
  const NOW = '2025-03-20T09:00:00+08:00';

  it('R28 accepts a round held within five minutes of the clock, and refuses one beyond', () => {
    const approved = new CaseScript().approved().events;
    given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-20T09:04:59+08:00' }), at: NOW })
      .thenMatch([{ type: 'RecommendationRoundRecorded' }]);
    const error = given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-20T09:05:01+08:00' }), at: NOW })
      .thenThrows(E.OCCURRED_IN_FUTURE, 'validation');
    expect(error).toMatchObject({ rule: 'R28', details: { field: 'heldAt', now: NOW } });
  });

  it('R28 compares a date-only value as its Shanghai day: today is allowed, tomorrow is not', () => {
    const approved = new CaseScript().approved().events;
    // 2025-03-20T23:58 in Shanghai is 15:58 UTC; with the skew it is already the 21st there.
    const lateEvening = '2025-03-20T15:58:00Z';
    given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-20' }), at: '2025-03-20T00:10:00+08:00' })
      .thenMatch([{ type: 'RecommendationRoundRecorded' }]);
    given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-21' }), at: '2025-03-20T16:30:00Z' })
      .thenMatch([{ type: 'RecommendationRoundRecorded' }]);
    given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-21' }), at: '2025-03-20T12:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
    given(approved)
      .when({ ...cmd.round({ heldAt: '2025-03-21' }), at: lateEvening })
      .thenMatch([{ type: 'RecommendationRoundRecorded' }]);
  });

  it('R28 refuses targets decided before the latest valid round was held', () => {
    const error = given(new CaseScript().recommended().events)
      .when(cmd.targets([C1], '2025-03-09T09:00:00+08:00'))
      .thenThrows(E.OUT_OF_ORDER, 'rule');
    expect(error.details).toMatchObject({ field: 'decidedAt', stepAt: '2025-03-10T09:00:00+08:00' });
    given(new CaseScript().recommended().events)
      .when(cmd.targets([C1], '2025-03-10'))
      .thenMatch([{ type: 'InspectionTargetsDetermined' }]);
  });

  it('R28 refuses targets decided in the future', () => {
    given(new CaseScript().recommended().events)
      .when({ ...cmd.targets([C1], '2025-03-21T09:00:00+08:00'), at: NOW })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses an inspection notice published before the targets were decided', () => {
    const events = new CaseScript().targeted().run(cmd.team()).events;
    const error = given(events)
      .when({ ...cmd.notice('2025-03-19T09:00:00+08:00'), at: '2025-03-24T09:00:00+08:00' })
      .thenThrows(E.OUT_OF_ORDER, 'rule');
    expect(error.details).toMatchObject({ field: 'publishedAt', step: 'inspection-targets' });
    given(events)
      .when({ ...cmd.notice('2025-03-25T09:00:00+08:00'), at: '2025-03-24T09:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses a check dated before the targets, or in the future', () => {
    const events = new CaseScript().inspecting().events;
    const check = cmd.check(C1, 'dossier', 'verified');
    given(events)
      .when({ ...check, data: { ...check.data, checkedAt: '2025-03-19' } })
      .thenThrows(E.OUT_OF_ORDER);
    given(events)
      .when({ ...check, data: { ...check.data, checkedAt: '2025-03-28T11:00:00+08:00' } })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses an inspection activity, an exceptional approval and an objection in the future', () => {
    given(new CaseScript().inspecting().events)
      .when({ ...cmd.talk(C1, { heldAt: '2025-03-26T09:00:00+08:00' }), at: '2025-03-25T18:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
    const exceptional = new CaseScript()
      .approved()
      .run(cmd.round(), cmd.nominate(C1, { exceptional: { kind: 'other', grounds: '专业急需' } })).events;
    given(exceptional)
      .when({ ...cmd.exceptionalApproval(C1), at: '2025-03-13T09:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
    given(new CaseScript().inNotice().events)
      .when({ ...cmd.objection(C1, 'obj-1', '2025-04-11T10:00:00+08:00'), at: '2025-04-10T10:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses a decision meeting held before an activity or a check of a candidate it decides', () => {
    const error = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { heldAt: '2025-03-27T09:00:00+08:00' }),
      )
      .thenThrows(E.OUT_OF_ORDER, 'rule');
    expect(error.details).toMatchObject({
      field: 'heldAt',
      step: 'check',
      id: 'dossier',
      stepAt: '2025-03-28T10:00:00+08:00',
    });
    const beforeAssessment = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { heldAt: '2025-03-26T08:00:00+08:00' }),
      )
      .thenThrows(E.OUT_OF_ORDER);
    expect(beforeAssessment.details).toMatchObject({
      step: 'inspection-activity',
      id: `assess-${C1}`,
      candidateId: C1,
    });
  });

  it('R28 refuses a decision meeting held in the future', () => {
    given(ready().events)
      .when({
        ...cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]),
        at: '2025-04-08T14:00:00+08:00',
      })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses a public notice starting tomorrow, and an appointment dated in the future', () => {
    given(new CaseScript().decided().events)
      .when({ ...cmd.publicNotice(C1, '2025-04-10'), at: '2025-04-09T12:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
    given(new CaseScript().inNotice().events)
      .when({ ...cmd.appoint(C1, '2025-04-17'), at: '2025-04-16T10:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 refuses the appointment while the public notice has not ended by now (R23)', () => {
    given(new CaseScript().inNotice().events)
      .when({ ...cmd.appoint(C1, '2025-04-15'), at: '2025-04-15T10:00:00+08:00' })
      .thenThrows(E.NOTICE_NOT_ENDED);
  });

  it('R28 refuses an appointment talk in the future', () => {
    given(new CaseScript().appointed().events)
      .when({ ...cmd.appointmentTalk(C1, '2025-04-19T10:00:00+08:00'), at: '2025-04-18T10:00:00+08:00' })
      .thenThrows(E.OCCURRED_IN_FUTURE);
  });

  it('R28 lets a whole case be entered a year later (补录): undated steps are not ordered against dated ones', () => {
    const later = <C extends AppointmentCommand>(c: C): C => ({ ...c, at: '2026-05-01T09:00:00+08:00' });
    const script = new CaseScript();
    script.run(later(cmd.openCase()), { ...cmd.approveInitiation(), at: '2026-05-01T09:01:00+08:00' });
    script.run(later(cmd.round()), later(cmd.nominate(C1)), later(cmd.eligibility(C1)));
    script.run(later(cmd.targets([C1])), later(cmd.team()), later(cmd.notice()));
    expect(script.open.stage).toBe('inspecting');
    expect(script.open.inspectionNotice?.publishedAt).toBe('2025-03-24T09:00:00+08:00');
  });
});
