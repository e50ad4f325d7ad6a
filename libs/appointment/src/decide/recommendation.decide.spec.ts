import { AppointmentErrorCodes as E } from '../appointment.errors';
import { C1, C2, CASE_ID, CaseScript, cmd, persons, testDecider } from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const approved = () => new CaseScript().approved().events;
const recommended = (ids = [C1, C2]) => new CaseScript().recommended(ids).events;

describe('R2 recommendation rounds', () => {
  it('R2 records a meeting round with 20 of 30 eligible taking part', () => {
    given(approved())
      .when(cmd.round({ participants: 20, results: [{ personId: 'p1', name: '刘一', votes: 15 }] }))
      .then([
        {
          type: 'RecommendationRoundRecorded',
          data: {
            caseId: CASE_ID,
            roundId: 'round-1',
            kind: 'meeting',
            heldAt: '2025-03-10T09:00:00+08:00',
            eligible: 30,
            participants: 20,
            requiredParticipants: 20,
            results: [{ personId: 'p1', name: '刘一', votes: 15 }],
            recordedBy: { id: 'h1', name: '张经办', role: 'handler' },
            recordedAt: '2025-03-10T12:00:00+08:00',
          },
        },
      ]);
  });

  it('R2 rejects a meeting round with 19 of 30 eligible (below 2/3), recording nothing', () => {
    const error = given(approved())
      .when(cmd.round({ participants: 19 }))
      .thenThrows(E.TURNOUT_NOT_MET, 'rule');
    expect(error).toMatchObject({ rule: 'R2', details: { participants: 19, required: 20, eligible: 30 } });
  });

  it('R2 needs 6 of 9 for a meeting round: 6 is enough', () => {
    given(approved())
      .when(cmd.round({ eligible: 9, participants: 6, results: [] }))
      .thenMatch([{ type: 'RecommendationRoundRecorded' }]);
  });

  it('R2 does not apply a turnout to talk-survey rounds', () => {
    given(approved())
      .when(cmd.round({ kind: 'talk', participants: 5, results: [] }))
      .thenMatch([{ type: 'RecommendationRoundRecorded', data: { requiredParticipants: 0 } }]);
  });

  it('R2 honours a configured turnout ratio', () => {
    givenWhenThen(testDecider({ recommendationTurnout: 0.8 }))(approved())
      .when(cmd.round({ participants: 23 }))
      .thenThrows(E.TURNOUT_NOT_MET);
  });

  it('R2 refuses more participants than eligible as invalid input', () => {
    const error = given(approved())
      .when(cmd.round({ participants: 31 }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'participants' });
  });

  it('R2 refuses a result with more votes than participants', () => {
    const error = given(approved())
      .when(cmd.round({ results: [{ personId: 'p1', name: '刘一', votes: 26 }] }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'results[0].votes' });
  });

  it('refuses a round id used before', () => {
    const events = new CaseScript().approved().run(cmd.round()).events;
    given(events).when(cmd.round()).thenThrows(E.DUPLICATE_ID, 'validation');
  });
});

describe('R3 named recommendation', () => {
  it('R3 records who recommends in the nomination', () => {
    given(approved())
      .when(cmd.nominate(C1))
      .thenMatch([
        {
          type: 'CandidateNominated',
          data: {
            candidateId: C1,
            recommendedBy: { id: 'r1', name: '党组', role: 'party-group' },
            person: { id: 'p1', orgUnit: '市发展和改革委员会' },
          },
        },
      ]);
  });

  it('R3 refuses a nomination without the recommender named', () => {
    const error = given(approved())
      .when(cmd.nominate(C1, { recommendedBy: { id: 'r1', name: ' ', role: 'party-group' } }))
      .thenThrows(E.RECOMMENDER_REQUIRED, 'validation');
    expect(error).toMatchObject({ rule: 'R3', details: { field: 'recommendedBy.name' } });
  });

  it.each([
    ['2025-03-12', 'birth-date-future'],
    ['2025-01-01', 'birth-date-under-age'],
    ['2007-03-12', 'birth-date-under-age'],
  ])('refuses the birth date %s as a slip (%s), naming the field', (birthDate, reason) => {
    const error = given(approved())
      .when(cmd.nominate(C1, { person: { ...persons[C1], birthDate } }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error).toMatchObject({ details: { field: 'person.birthDate', reason } });
  });

  it('accepts a candidate who turned 18 today', () => {
    given(approved())
      .when(cmd.nominate(C1, { person: { ...persons[C1], birthDate: '2007-03-11' } }))
      .thenMatch([{ type: 'CandidateNominated', data: { person: { birthDate: '2007-03-11' } } }]);
  });

  it('refuses nominating the same person twice', () => {
    given(recommended([C1]))
      .when(
        cmd.nominate('cand-x', { person: { id: 'p1', name: '刘一', currentPost: '副主任', orgUnit: 'x' } }),
      )
      .thenThrows(E.ALREADY_NOMINATED, 'rule');
  });
});

describe('R4 recommendation validity', () => {
  it('R4 allows targets exactly one year after the latest valid round', () => {
    given(recommended([C1]))
      .when(cmd.targets([C1], '2026-03-10T17:00:00+08:00'))
      .thenMatch([{ type: 'InspectionTargetsDetermined', data: { candidateIds: [C1] } }]);
  });

  it('R4 refuses targets more than one year after the latest valid round', () => {
    const error = given(recommended([C1]))
      .when(cmd.targets([C1], '2026-03-11T09:00:00+08:00'))
      .thenThrows(E.RECOMMENDATION_EXPIRED, 'rule');
    expect(error).toMatchObject({
      rule: 'R4',
      details: { latestRoundDate: '2025-03-10', validUntil: '2026-03-10' },
    });
  });

  it('R4 a new round restores validity', () => {
    const events = new CaseScript()
      .recommended([C1])
      .run(cmd.round({ roundId: 'round-2', heldAt: '2026-01-05T09:00:00+08:00' })).events;
    given(events)
      .when(cmd.targets([C1], '2026-03-11T09:00:00+08:00'))
      .thenMatch([{ type: 'InspectionTargetsDetermined' }]);
  });

  it('R4 refuses targets without any valid round', () => {
    const events = new CaseScript().approved().run(cmd.nominate(C1), cmd.eligibility(C1)).events;
    given(events)
      .when(cmd.targets([C1]))
      .thenThrows(E.RECOMMENDATION_MISSING, 'rule');
  });
});

describe('R5 eligibility', () => {
  it('R5 lets a candidate with no flag become a target, and marks the others not selected', () => {
    const after = given(recommended())
      .when(cmd.targets([C1]))
      .state();
    expect(after.status === 'open' && after.candidates.map((c) => [c.candidateId, c.status])).toEqual([
      [C1, 'target'],
      [C2, 'not-selected'],
    ]);
  });

  it('R5 refuses a candidate with a disqualifying flag (canvassing)', () => {
    const events = new CaseScript().recommended([C1]).run(cmd.eligibility(C1, { canvassing: true })).events;
    const error = given(events)
      .when(cmd.targets([C1]))
      .thenThrows(E.CANDIDATE_DISQUALIFIED, 'rule');
    expect(error).toMatchObject({
      rule: 'R5',
      details: { flags: ['canvassing'], candidateId: C1, candidateName: expect.any(String) },
    });
  });

  it('R5 refuses a candidate whose eligibility was never recorded', () => {
    const events = new CaseScript().approved().run(cmd.round(), cmd.nominate(C1)).events;
    given(events)
      .when(cmd.targets([C1]))
      .thenThrows(E.ELIGIBILITY_NOT_RECORDED, 'rule');
  });

  it('R5 records which flags disqualify', () => {
    given(recommended([C1]))
      .when(cmd.eligibility(C1, { familyEmigrated: true, disciplinaryImpactPeriod: true }))
      .thenMatch([
        {
          type: 'EligibilityRecorded',
          data: { disqualifyingFlags: ['familyEmigrated', 'disciplinaryImpactPeriod'] },
        },
      ]);
  });

  it('R5 refuses eligibility flags that are not booleans', () => {
    const bad = cmd.eligibility(C1);
    const error = given(recommended([C1]))
      .when({
        ...bad,
        data: { ...bad.data, flags: { ...bad.data.flags, canvassing: 'no' as unknown as boolean } },
      })
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'flags.canvassing' });
  });

  it('refuses an unknown target as invalid input naming the entry', () => {
    const error = given(recommended([C1]))
      .when(cmd.targets([C1, 'nobody']))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'candidateIds[1]' });
  });
});

describe('R6 exceptional promotion (破格)', () => {
  const exceptional = (kind: 'skip-level' | 'unrecommended' | 'other') =>
    new CaseScript()
      .approved()
      .run(
        cmd.round(),
        cmd.nominate(C1, { exceptional: { kind, grounds: '重大贡献' } }),
        cmd.eligibility(C1),
      );

  it('R6 refuses a skip-level candidate as a target without the higher-level approval', () => {
    const error = given(exceptional('skip-level').events)
      .when(cmd.targets([C1]))
      .thenThrows(E.EXCEPTIONAL_APPROVAL_MISSING, 'rule');
    expect(error).toMatchObject({
      rule: 'R6',
      details: { kind: 'skip-level', before: 'inspection-targets' },
    });
  });

  it('R6 refuses an unrecommended candidate as a target without the approval', () => {
    given(exceptional('unrecommended').events)
      .when(cmd.targets([C1]))
      .thenThrows(E.EXCEPTIONAL_APPROVAL_MISSING);
  });

  it('R6 allows a skip-level target once the approval is recorded', () => {
    const events = exceptional('skip-level').run(cmd.exceptionalApproval(C1)).events;
    given(events)
      .when(cmd.targets([C1]))
      .thenMatch([{ type: 'InspectionTargetsDetermined' }]);
  });

  it('R6 lets an "other" exceptional candidate become a target before approval', () => {
    given(exceptional('other').events)
      .when(cmd.targets([C1]))
      .thenMatch([{ type: 'InspectionTargetsDetermined' }]);
  });

  it('R6 refuses an approval for a candidate who is not exceptional', () => {
    given(recommended([C1]))
      .when(cmd.exceptionalApproval(C1))
      .thenThrows(E.NOT_EXCEPTIONAL, 'rule');
  });
});
