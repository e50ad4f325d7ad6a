import { AppointmentErrorCodes as E } from '../appointment.errors';
import {
  actors,
  C1,
  C2,
  CaseScript,
  cmd,
  disciplineSecretaryFor,
  testDecider,
} from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const targeted = () => new CaseScript().targeted().events;
const inspecting = () => new CaseScript().inspecting().events;
const leaderRef = { id: actors.leader.id, name: actors.leader.name };
const memberRef = { id: actors.member.id, name: actors.member.name };
const member3Ref = { id: actors.member3.id, name: actors.member3.name };

describe('R7 inspection team', () => {
  it('R7 forms a team of a leader and one member', () => {
    given(targeted())
      .when(cmd.team())
      .thenMatch([
        { type: 'InspectionTeamFormed', data: { leader: leaderRef, members: [memberRef], recusals: [] } },
      ]);
  });

  it('R7 refuses a team of the leader alone (the leader listed as member does not count twice)', () => {
    const error = given(targeted())
      .when(cmd.team({ members: [leaderRef] }))
      .thenThrows(E.TEAM_TOO_SMALL, 'rule');
    expect(error).toMatchObject({ rule: 'R7', details: { size: 1 } });
  });

  it('R7 allows a recused member when the candidate keeps two inspectors', () => {
    given(targeted())
      .when(
        cmd.team({
          members: [memberRef, member3Ref],
          recusals: [{ personId: 'i2', candidateId: C1, reason: '配偶之兄' }],
        }),
      )
      .thenMatch([
        { type: 'InspectionTeamFormed', data: { recusals: [{ personId: 'i2', candidateId: C1 }] } },
      ]);
  });

  it('R7 refuses a team where a recusal leaves a candidate with only the leader', () => {
    const error = given(targeted())
      .when(cmd.team({ recusals: [{ personId: 'i2', candidateId: C2, reason: '同学' }] }))
      .thenThrows(E.TEAM_TOO_SMALL, 'rule');
    expect(error.details).toMatchObject({ candidateId: C2, size: 1 });
  });

  it('R7 refuses a leader related to a candidate', () => {
    given(targeted())
      .when(
        cmd.team({
          members: [memberRef, member3Ref],
          recusals: [{ personId: 'i1', candidateId: C1, reason: '亲属' }],
        }),
      )
      .thenThrows(E.TEAM_RECUSAL_CONFLICT, 'rule');
  });

  it('R7 refuses a candidate on their own inspection team', () => {
    given(targeted())
      .when(cmd.team({ members: [{ id: 'p1', name: '刘一' }] }))
      .thenThrows(E.TEAM_RECUSAL_CONFLICT, 'rule');
  });

  it('R7 a recused inspector may not record activities for that candidate', () => {
    const events = new CaseScript().targeted().run(
      cmd.team({
        members: [memberRef, member3Ref],
        recusals: [{ personId: 'i2', candidateId: C1, reason: '亲属' }],
      }),
      cmd.notice(),
    ).events;
    given(events)
      .when(cmd.talk(C1, {}, actors.member))
      .thenThrows(E.RECUSED, 'forbidden');
    given(events)
      .when(cmd.talk(C2, {}, actors.member))
      .thenMatch([{ type: 'InspectionActivityRecorded' }]);
  });
});

describe('R8 inspection notice', () => {
  it('R8 allows an activity after the notice is published', () => {
    given(inspecting())
      .when(cmd.talk(C1))
      .thenMatch([
        { type: 'InspectionActivityRecorded', data: { candidateId: C1, kind: 'individual-talk', count: 20 } },
      ]);
  });

  it('R8 refuses an activity before the notice is published', () => {
    const events = new CaseScript().targeted().run(cmd.team()).events;
    const error = given(events).when(cmd.talk(C1)).thenThrows(E.INSPECTION_NOTICE_NOT_PUBLISHED, 'rule');
    expect(error.rule).toBe('R8');
  });

  it('R8 refuses an activity dated before the notice', () => {
    given(inspecting())
      .when(cmd.talk(C1, { heldAt: '2025-03-23T09:00:00+08:00' }))
      .thenThrows(E.INSPECTION_NOTICE_NOT_PUBLISHED, 'rule');
  });
});

describe('R9 inspection activities', () => {
  it('R9 records a democratic assessment with grades summing to the count', () => {
    given(inspecting())
      .when(cmd.assessment(C1))
      .thenMatch([
        {
          type: 'InspectionActivityRecorded',
          data: {
            kind: 'democratic-assessment',
            count: 30,
            grades: { excellent: 20, competent: 8, basic: 2, incompetent: 0 },
          },
        },
      ]);
  });

  it('R9 refuses a democratic assessment without grades', () => {
    given(inspecting())
      .when(cmd.assessment(C1, { grades: undefined }))
      .thenThrows(E.ASSESSMENT_GRADES_REQUIRED, 'validation');
  });

  it('R9 refuses grades that do not sum to the count', () => {
    const error = given(inspecting())
      .when(cmd.assessment(C1, { grades: { excellent: 20, competent: 8, basic: 1, incompetent: 0 } }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error).toMatchObject({ rule: 'R9', details: { field: 'grades', total: 29, count: 30 } });
  });

  it('R9 refuses an individual talk without a count', () => {
    const error = given(inspecting())
      .when(cmd.talk(C1, { count: undefined }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'count' });
  });

  it('R9 the report needs at least one recorded activity', () => {
    given(inspecting()).when(cmd.report(C1)).thenThrows(E.NO_INSPECTION_ACTIVITY, 'rule');
    const events = new CaseScript().inspecting().run(cmd.talk(C1)).events;
    given(events)
      .when(cmd.report(C1))
      .thenMatch([{ type: 'InspectionReportSubmitted', data: { candidateId: C1, conclusion: '德才兼备' } }]);
  });

  it('only the team leader submits the report', () => {
    const events = new CaseScript().inspecting().run(cmd.talk(C1)).events;
    given(events).when(cmd.report(C1, actors.member)).thenThrows(E.NOT_TEAM_LEADER, 'forbidden');
  });
});

describe('R11–R14 凡提四必 checks', () => {
  it('R11 records a verified dossier as not blocking', () => {
    given(targeted())
      .when(cmd.check(C1, 'dossier', 'verified'))
      .thenMatch([
        { type: 'CheckRecorded', data: { check: 'dossier', outcome: 'verified', blocking: false } },
      ]);
  });

  it('R11 a dossier discrepancy blocks until re-checked', () => {
    given(targeted())
      .when(cmd.check(C1, 'dossier', 'discrepancy'))
      .thenMatch([{ type: 'CheckRecorded', data: { blocking: true } }]);
  });

  it('R11 refuses an outcome that belongs to another check', () => {
    const error = given(targeted())
      .when(cmd.check(C1, 'dossier', 'consistent'))
      .thenThrows(E.CHECK_OUTCOME_INVALID, 'validation');
    expect(error).toMatchObject({
      rule: 'R11',
      details: { field: 'outcome', allowed: ['verified', 'discrepancy'] },
    });
  });

  it('R12 an omission does not block; concealment does', () => {
    given(targeted())
      .when(cmd.check(C1, 'personal-matters', 'omission'))
      .thenMatch([{ type: 'CheckRecorded', data: { blocking: false } }]);
    given(targeted())
      .when(cmd.check(C1, 'personal-matters', 'concealment'))
      .thenMatch([{ type: 'CheckRecorded', data: { blocking: true } }]);
  });

  it('R14 unsubstantiated petitions do not block; substantiated ones do', () => {
    given(targeted())
      .when(cmd.check(C1, 'petitions', 'unsubstantiated'))
      .thenMatch([{ type: 'CheckRecorded', data: { blocking: false } }]);
    given(targeted())
      .when(cmd.check(C1, 'petitions', 'substantiated'))
      .thenMatch([{ type: 'CheckRecorded', data: { blocking: true } }]);
  });

  it.each([
    ['personal-matters', 'concealment', 'consistent', 'R12', actors.handler],
    ['petitions', 'substantiated', 'none', 'R14', actors.handler],
    ['petitions', 'substantiated', 'unsubstantiated', 'R14', disciplineSecretaryFor(C1)],
  ] as const)(
    'a %s check that found %s stands: recording it again as %s is refused (%s)',
    (check, found, later, rule, actor) => {
      const events = new CaseScript().targeted().run(cmd.check(C1, check, found)).events;
      const error = given(events)
        .when(cmd.check(C1, check, later, actor))
        .thenThrows(E.CHECK_RESULT_STANDS, 'rule');
      expect(error).toMatchObject({ rule, details: { check, outcome: found } });
    },
  );

  it('a result that does not block may be recorded again, and so may a dossier discrepancy (R11)', () => {
    given(new CaseScript().targeted().run(cmd.check(C1, 'personal-matters', 'omission')).events)
      .when(cmd.check(C1, 'personal-matters', 'consistent'))
      .thenMatch([{ type: 'CheckRecorded', data: { outcome: 'consistent' } }]);
    given(new CaseScript().targeted().run(cmd.check(C1, 'dossier', 'discrepancy')).events)
      .when(cmd.check(C1, 'dossier', 'verified'))
      .thenMatch([{ type: 'CheckRecorded', data: { outcome: 'verified', blocking: false } }]);
  });

  it('R14 the discipline secretary of the candidate unit may record the petitions check', () => {
    given(targeted())
      .when(cmd.check(C1, 'petitions', 'none', disciplineSecretaryFor(C1)))
      .thenMatch([
        { type: 'CheckRecorded', data: { checkedBy: { id: 'd1', role: 'discipline-secretary' } } },
      ]);
  });

  it('R14 the discipline secretary of another unit may not', () => {
    given(targeted())
      .when(cmd.check(C1, 'petitions', 'none', disciplineSecretaryFor(C2)))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
  });

  it('the discipline secretary does not record the dossier check', () => {
    given(targeted())
      .when(cmd.check(C1, 'dossier', 'verified', disciplineSecretaryFor(C1)))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it.each([
    ['dossier', 'verified'],
    ['personal-matters', 'consistent'],
  ] as const)(
    'refusing the discipline secretary the %s check names that check and the roles that may record it',
    (check, outcome) => {
      const error = given(targeted())
        .when(cmd.check(C1, check, outcome, disciplineSecretaryFor(C1)))
        .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
      expect(error.details).toEqual({
        command: 'RecordCheck',
        role: 'discipline-secretary',
        about: check,
        allowed: ['handler'],
      });
    },
  );

  it('checks are for inspection targets only', () => {
    const events = new CaseScript().recommended().run(cmd.targets([C1])).events;
    given(events)
      .when(cmd.check(C2, 'dossier', 'verified'))
      .thenThrows(E.CANDIDATE_WRONG_STATUS, 'rule');
  });
});
