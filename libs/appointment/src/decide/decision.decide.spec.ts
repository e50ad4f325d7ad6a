import { AppointmentErrorCodes as E } from '../appointment.errors';
import {
  actors,
  ballots,
  C1,
  C2,
  CaseScript,
  cmd,
  disciplineSecretaryFor,
  MEMBERS,
  PRINCIPAL,
  testDecider,
  unitSecretaryFor,
} from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';
import { opinionDigest } from '../appointment.rules';

const given = givenWhenThen(testDecider());
const ready = (seats = 1) => new CaseScript().readyForDecision([C1, C2], seats);
const six = MEMBERS.slice(0, 6);
const seven = MEMBERS.slice(0, 7);

/** Ballots of the given attendees: `agree` of them agree, the rest vote `rest`. */
function tally(attendees: string[], agree: number, rest: 'disagree' | 'defer' = 'disagree') {
  const votes = Object.fromEntries(attendees.map((m, i) => [m, i < agree ? 'agree' : rest] as const));
  return ballots(attendees, votes);
}

describe('R15 readiness for the decision meeting', () => {
  it('R15 a fully inspected candidate can be put to the meeting', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenMatch([
        { type: 'DecisionMeetingHeld', data: { results: [{ candidateId: C1, outcome: 'approved' }] } },
      ]);
  });

  it('R15 refuses a candidate without an inspection report, listing what is missing', () => {
    const script = new CaseScript().inspecting();
    script.run(
      cmd.talk(C1),
      cmd.check(C1, 'dossier', 'verified'),
      cmd.check(C1, 'personal-matters', 'consistent'),
      cmd.draft(C1, 'political', 'qualified'),
      cmd.sign(C1, 'political', actors.leader),
    );
    const error = given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.NOT_READY_FOR_DECISION, 'rule');
    expect(error).toMatchObject({
      rule: 'R15',
      details: {
        candidateId: C1,
        missing: [
          'inspection-report',
          'check:discipline-opinion',
          'check:petitions',
          'opinion:political',
          'opinion:integrity',
        ],
      },
    });
  });

  it('R12 refuses at the meeting a candidate who concealed personal matters (R15)', () => {
    const events = ready().run(cmd.check(C1, 'personal-matters', 'concealment')).events;
    const error = given(events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.CHECK_BLOCKS_CANDIDATE, 'rule');
    expect(error).toMatchObject({
      rule: 'R12',
      details: { check: 'personal-matters', outcome: 'concealment' },
    });
  });

  it('R11 refuses at the meeting a candidate whose dossier showed a discrepancy, and accepts once re-verified (R15)', () => {
    const blocked = ready().run(cmd.check(C1, 'dossier', 'discrepancy'));
    given(blocked.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.CHECK_BLOCKS_CANDIDATE);
    const cleared = blocked.run(cmd.check(C1, 'dossier', 'verified'));
    given(cleared.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenMatch([{ type: 'DecisionMeetingHeld' }]);
  });

  it('R14 refuses at the meeting a candidate with substantiated petitions (R15)', () => {
    const events = ready().run(cmd.check(C1, 'petitions', 'substantiated')).events;
    const error = given(events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.CHECK_BLOCKS_CANDIDATE);
    expect(error.rule).toBe('R14');
  });

  it('R13 refuses at the meeting a candidate with a double-signed integrity objection (R15)', () => {
    const text = '发现问题线索，有不同意见';
    const script = ready().run(
      cmd.draft(C1, 'integrity', 'objection', text),
      cmd.sign(C1, 'integrity', unitSecretaryFor(C1), opinionDigest(text)),
      cmd.sign(C1, 'integrity', disciplineSecretaryFor(C1), opinionDigest(text)),
    );
    const error = given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.CHECK_BLOCKS_CANDIDATE);
    expect(error.rule).toBe('R13');
  });

  it('R15 refuses while the integrity opinion has one signature only', () => {
    const script = ready().run(
      cmd.draft(C1, 'integrity', 'no-objection', '新的廉政意见'),
      cmd.sign(C1, 'integrity', unitSecretaryFor(C1), opinionDigest('新的廉政意见')),
    );
    const error = given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.NOT_READY_FOR_DECISION);
    expect(error.details).toMatchObject({ missing: ['check:discipline-opinion', 'opinion:integrity'] });
  });

  it('R10 refuses a vetoed candidate at the meeting', () => {
    const script = new CaseScript().inspecting().inspect(C1, 'unqualified');
    const error = given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.CANDIDATE_VETOED, 'rule');
    expect(error.rule).toBe('R10');
  });

  it('R6 refuses an "other" 破格 candidate at the meeting without the approval, and accepts with it', () => {
    const script = new CaseScript()
      .approved()
      .run(
        cmd.round(),
        cmd.nominate(C1, { exceptional: { kind: 'other', grounds: '急需' } }),
        cmd.eligibility(C1),
        cmd.targets([C1]),
        cmd.team(),
        cmd.notice(),
      )
      .inspect(C1);
    const error = given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenThrows(E.EXCEPTIONAL_APPROVAL_MISSING, 'rule');
    expect(error.details).toMatchObject({ before: 'decision-meeting' });
    script.run(cmd.exceptionalApproval(C1));
    given(script.events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]))
      .thenMatch([{ type: 'DecisionMeetingHeld' }]);
  });
});

describe('R17 the meeting record', () => {
  it('R17 records entitled, attendees, recusals and each ballot, principal leader last', () => {
    given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) }], {
          attendees: seven,
          recused: ['m7'],
        }),
      )
      .thenMatch([
        {
          type: 'DecisionMeetingHeld',
          data: {
            entitled: 9,
            attendees: seven,
            recused: ['m7'],
            principalLeaderId: PRINCIPAL,
            decisionDate: '2025-04-08',
            results: [{ candidateId: C1, agree: 6, disagree: 0, defer: 0, ballots: ballots(six) }],
          },
        },
      ]);
  });

  it("R17 refuses the principal leader's vote recorded before others", () => {
    const early = [{ memberId: PRINCIPAL, vote: 'agree' as const }, ...ballots(seven.slice(1))];
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: early }]))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error).toMatchObject({ rule: 'R17', details: { field: 'votes[0].ballots' } });
  });

  it('R17 refuses a ballot from a member who did not attend', () => {
    const error = given(ready().events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: [{ memberId: 'm9', vote: 'agree' }, ...ballots(seven)] }]),
      )
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'votes[0].ballots[0].memberId' });
  });

  it('R17 refuses a ballot from a recused member', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { recused: ['m7'] }))
      .thenThrows(E.INVALID_INPUT, 'validation');
  });

  it('R17 refuses a meeting where an attendee has no vote recorded', () => {
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(six) }]))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ missing: ['m7'] });
  });

  it('R17 refuses more attendees than members entitled', () => {
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { entitled: 6 }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'attendees' });
  });
});

describe('R18 quorum', () => {
  it('R18 accepts 6 of 9 members entitled', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(six) }], { attendees: six }))
      .thenMatch([{ type: 'DecisionMeetingHeld', data: { quorum: 6 } }]);
  });

  it('R18 rejects a meeting with 5 of 9 members', () => {
    const five = MEMBERS.slice(0, 5);
    const error = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(five) }], { attendees: five }))
      .thenThrows(E.QUORUM_NOT_MET, 'rule');
    expect(error).toMatchObject({ rule: 'R18', details: { attendees: 5, required: 6, entitled: 9 } });
  });

  it('R18 needs 7 of 10', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(six) }], { attendees: six, entitled: 10 }))
      .thenThrows(E.QUORUM_NOT_MET);
  });
});

describe('R19 majority of all members entitled', () => {
  it('R19 approves with 5 agree of 9 entitled even if only 6 attended', () => {
    given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: tally(six, 5) }], { attendees: six }))
      .thenMatch([
        {
          type: 'DecisionMeetingHeld',
          data: { majority: 5, results: [{ candidateId: C1, agree: 5, disagree: 1, outcome: 'approved' }] },
        },
      ]);
  });

  it('R19 rejects 4 agree of 9 entitled, though 4 of 6 present is a majority of those present', () => {
    const after = given(ready().events)
      .when(cmd.meeting([{ candidateId: C1, ballots: tally(six, 4) }], { attendees: six }))
      .state();
    expect(after.status === 'open' && after.candidates.find((c) => c.candidateId === C1)).toMatchObject({
      status: 'rejected',
      decision: { agree: 4, outcome: 'rejected' },
    });
  });

  it('R19 defers when the meeting votes to defer (缓议), and the candidate can go to a later meeting', () => {
    const script = ready().run(
      cmd.meeting([{ candidateId: C1, deferred: true, ballots: tally(seven, 3, 'defer') }]),
    );
    expect(script.candidate(C1)).toMatchObject({
      status: 'deferred',
      decision: { outcome: 'deferred', defer: 4 },
    });
    given(script.events)
      .when(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], {
          meetingId: 'meeting-2',
          heldAt: '2025-04-15T15:00:00+08:00',
        }),
      )
      .thenMatch([
        { type: 'DecisionMeetingHeld', data: { meetingId: 'meeting-2', results: [{ outcome: 'approved' }] } },
      ]);
  });

  it('R19 a rejected candidate cannot be put to another meeting', () => {
    const events = ready().run(cmd.meeting([{ candidateId: C1, ballots: tally(seven, 4) }])).events;
    given(events)
      .when(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }], { meetingId: 'meeting-2' }))
      .thenThrows(E.CANDIDATE_WRONG_STATUS, 'rule');
  });
});

describe('R20 seats', () => {
  it('R20 refuses approving two candidates for one seat', () => {
    const error = given(ready().events)
      .when(
        cmd.meeting([
          { candidateId: C1, ballots: ballots(seven) },
          { candidateId: C2, ballots: ballots(seven) },
        ]),
      )
      .thenThrows(E.SEATS_EXCEEDED, 'rule');
    expect(error).toMatchObject({ rule: 'R20', details: { seats: 1, approved: 2 } });
  });

  it('R20 approves two candidates for two seats', () => {
    given(ready(2).events)
      .when(
        cmd.meeting([
          { candidateId: C1, ballots: ballots(seven) },
          { candidateId: C2, ballots: ballots(seven) },
        ]),
      )
      .thenMatch([
        {
          type: 'DecisionMeetingHeld',
          data: { results: [{ outcome: 'approved' }, { outcome: 'approved' }] },
        },
      ]);
  });

  it('R20 counts seats taken at earlier meetings', () => {
    const events = ready().run(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }])).events;
    given(events)
      .when(cmd.meeting([{ candidateId: C2, ballots: ballots(seven) }], { meetingId: 'meeting-2' }))
      .thenThrows(E.SEATS_EXCEEDED, 'rule');
  });

  it('R20 one seat, one approved and one rejected is fine', () => {
    given(ready().events)
      .when(
        cmd.meeting([
          { candidateId: C1, ballots: ballots(seven) },
          { candidateId: C2, ballots: tally(seven, 2) },
        ]),
      )
      .thenMatch([
        {
          type: 'DecisionMeetingHeld',
          data: { results: [{ outcome: 'approved' }, { outcome: 'rejected' }] },
        },
      ]);
  });
});
