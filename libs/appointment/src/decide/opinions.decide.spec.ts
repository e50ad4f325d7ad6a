import { createHash } from 'node:crypto';
import { AppointmentErrorCodes as E } from '../appointment.errors';
import { opinionDigest } from '../appointment.rules';
import {
  actors,
  C1,
  C2,
  CASE_ID,
  CaseScript,
  cmd,
  disciplineSecretaryFor,
  opinionText,
  testDecider,
  unitSecretaryFor,
} from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const inspecting = () => new CaseScript().inspecting();
const politicalDrafted = () => inspecting().run(cmd.draft(C1, 'political', 'qualified'));
const integrityDrafted = () => inspecting().run(cmd.draft(C1, 'integrity', 'no-objection'));

describe('R16 drafting and digests', () => {
  it('R16 stores the lowercase hex SHA-256 of the UTF-8 text', () => {
    const text = opinionText(C1, 'political');
    const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(opinionDigest(text)).toBe(expected);
    expect(opinionDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    given(inspecting().events)
      .when(cmd.draft(C1, 'political', 'qualified'))
      .then([
        {
          type: 'OpinionDrafted',
          data: {
            caseId: CASE_ID,
            candidateId: C1,
            kind: 'political',
            text,
            digest: expected,
            verdict: 'qualified',
            draftedBy: { id: 'i1', name: '周组长', role: 'inspector' },
            draftedAt: '2025-03-31T09:00:00+08:00',
          },
        },
      ]);
  });

  it('R16 a signature binds the signer to the current digest', () => {
    given(politicalDrafted().events)
      .when(cmd.sign(C1, 'political', actors.leader))
      .thenMatch([
        {
          type: 'OpinionSigned',
          data: {
            candidateId: C1,
            kind: 'political',
            digest: opinionDigest(opinionText(C1, 'political')),
            signer: { id: 'i1', name: '周组长', role: 'inspector', signedAs: 'inspection-leader' },
          },
        },
      ]);
  });

  it('R16 refuses a signature over a digest that is not the current draft', () => {
    const error = given(politicalDrafted().events)
      .when(cmd.sign(C1, 'political', actors.leader, opinionDigest('别的文本')))
      .thenThrows(E.DIGEST_MISMATCH, 'rule');
    expect(error.rule).toBe('R16');
  });

  it('R16 refuses a malformed digest as invalid input', () => {
    const error = given(politicalDrafted().events)
      .when(cmd.sign(C1, 'political', actors.leader, 'ABC'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'digest' });
  });

  it('R16 refuses signing an opinion that was never drafted', () => {
    given(inspecting().events)
      .when(cmd.sign(C1, 'political', actors.leader))
      .thenThrows(E.OPINION_NOT_DRAFTED, 'rule');
  });

  it('R16 is complete with both required roles signed by two persons', () => {
    const script = politicalDrafted().run(cmd.sign(C1, 'political', actors.leader));
    expect(script.candidate(C1).opinions.political).toMatchObject({ complete: false });
    script.run(cmd.sign(C1, 'political', unitSecretaryFor(C1)));
    expect(script.candidate(C1).opinions.political).toMatchObject({
      complete: true,
      completedAt: '2025-03-31T15:00:00+08:00',
    });
  });

  it('R16 a person cannot sign twice', () => {
    const events = politicalDrafted().run(cmd.sign(C1, 'political', actors.leader)).events;
    const error = given(events)
      .when(cmd.sign(C1, 'political', actors.leader))
      .thenThrows(E.ALREADY_SIGNED, 'rule');
    expect(error.details).toEqual({ personId: actors.leader.id, personName: actors.leader.name });
  });

  it('R16 a person holding both roles cannot sign twice under the other role', () => {
    const sameAsUnitSecretary = { ...actors.disciplineSecretaryA, id: actors.unitSecretaryA.id };
    const events = integrityDrafted().run(cmd.sign(C1, 'integrity', actors.unitSecretaryA)).events;
    given(events)
      .when(cmd.sign(C1, 'integrity', sameAsUnitSecretary))
      .thenThrows(E.ALREADY_SIGNED, 'rule');
  });

  it('R16 two persons of the same role do not complete the opinion', () => {
    const otherUnitSecretary = { ...actors.unitSecretaryA, id: 'u1b', name: '另一书记' };
    const events = integrityDrafted().run(cmd.sign(C1, 'integrity', actors.unitSecretaryA)).events;
    given(events)
      .when(cmd.sign(C1, 'integrity', otherUnitSecretary))
      .thenThrows(E.SIGNER_ROLE_ALREADY_SIGNED, 'rule');
  });

  it('R16 re-drafting clears the signatures; the old digest no longer signs', () => {
    const script = politicalDrafted()
      .run(cmd.sign(C1, 'political', actors.leader), cmd.sign(C1, 'political', unitSecretaryFor(C1)))
      .run(cmd.draft(C1, 'political', 'qualified', '修改后的评价意见'));
    expect(script.candidate(C1).opinions.political).toMatchObject({
      draftNo: 2,
      signatures: [],
      complete: false,
      digest: opinionDigest('修改后的评价意见'),
    });
    given(script.events)
      .when(cmd.sign(C1, 'political', actors.leader))
      .thenThrows(E.DIGEST_MISMATCH, 'rule');
    given(script.events)
      .when(cmd.sign(C1, 'political', actors.leader, opinionDigest('修改后的评价意见')))
      .thenMatch([{ type: 'OpinionSigned' }]);
  });

  it('R16 signer roles are configurable', () => {
    const decider = testDecider({ politicalSigners: ['inspection-leader', 'discipline-secretary'] });
    const events = new CaseScript(decider).inspecting().run(cmd.draft(C1, 'political', 'qualified')).events;
    givenWhenThen(decider)(events)
      .when(cmd.sign(C1, 'political', unitSecretaryFor(C1)))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
    givenWhenThen(decider)(events)
      .when(cmd.sign(C1, 'political', disciplineSecretaryFor(C1)))
      .thenMatch([{ type: 'OpinionSigned' }]);
  });
});

describe('R10 political-quality opinion', () => {
  it('R10 only the team leader drafts the political opinion', () => {
    given(inspecting().events)
      .when(cmd.draft(C1, 'political', 'qualified', undefined, actors.member))
      .thenThrows(E.NOT_TEAM_LEADER, 'forbidden');
    given(inspecting().events)
      .when(cmd.draft(C1, 'political', 'qualified', undefined, actors.handler))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('R10 the unit secretary of another unit cannot sign', () => {
    given(politicalDrafted().events)
      .when(cmd.sign(C1, 'political', unitSecretaryFor(C2)))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
  });

  it('R10 the discipline secretary does not sign the political opinion', () => {
    given(politicalDrafted().events)
      .when(cmd.sign(C1, 'political', disciplineSecretaryFor(C1)))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('R10 a qualified double-signed opinion leaves the candidate in the running', () => {
    const script = inspecting().inspect(C1, 'qualified');
    expect(script.candidate(C1)).toMatchObject({
      vetoed: false,
      status: 'target',
      opinions: { political: { complete: true, verdict: 'qualified' } },
    });
  });

  it('R10 a double-signed "unqualified" verdict vetoes the candidate for good', () => {
    const script = inspecting().inspect(C1, 'unqualified');
    expect(script.candidate(C1).vetoed).toBe(true);
    given(script.events)
      .when(cmd.draft(C1, 'political', 'qualified', '重新评价'))
      .thenThrows(E.CANDIDATE_VETOED, 'rule');
  });

  it('R10 refuses a verdict of the other opinion kind', () => {
    const error = given(inspecting().events)
      .when(cmd.draft(C1, 'political', 'no-objection'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'verdict' });
  });
});

describe('R13 integrity opinion and the discipline-opinion check', () => {
  it('R13 the discipline secretary or a handler drafts; an inspector does not', () => {
    given(inspecting().events)
      .when(cmd.draft(C1, 'integrity', 'no-objection', undefined, actors.handler))
      .thenMatch([{ type: 'OpinionDrafted' }]);
    given(inspecting().events)
      .when(cmd.draft(C1, 'integrity', 'no-objection', undefined, actors.leader))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
    given(inspecting().events)
      .when(cmd.draft(C1, 'integrity', 'no-objection', undefined, disciplineSecretaryFor(C2)))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
  });

  it('R13 the check is complete only when the integrity opinion is double-signed', () => {
    const script = integrityDrafted().run(cmd.sign(C1, 'integrity', unitSecretaryFor(C1)));
    expect(script.candidate(C1).checks['discipline-opinion']).toBeNull();
    script.run(cmd.sign(C1, 'integrity', disciplineSecretaryFor(C1)));
    expect(script.candidate(C1).checks['discipline-opinion']).toMatchObject({
      outcome: 'no-objection',
      blocking: false,
    });
  });

  it('R13 an objection blocks the candidate', () => {
    const script = inspecting().run(
      cmd.draft(C1, 'integrity', 'objection'),
      cmd.sign(C1, 'integrity', unitSecretaryFor(C1)),
      cmd.sign(C1, 'integrity', disciplineSecretaryFor(C1)),
    );
    expect(script.candidate(C1).checks['discipline-opinion']).toMatchObject({
      outcome: 'objection',
      blocking: true,
    });
  });

  it('R13 a double-signed objection stands: no one redrafts it away, as R10 keeps a veto', () => {
    const objected = inspecting().run(
      cmd.draft(C1, 'integrity', 'objection'),
      cmd.sign(C1, 'integrity', unitSecretaryFor(C1)),
      cmd.sign(C1, 'integrity', disciplineSecretaryFor(C1)),
    ).events;
    for (const drafter of [actors.handler, disciplineSecretaryFor(C1)]) {
      const error = given(objected)
        .when(cmd.draft(C1, 'integrity', 'no-objection', undefined, drafter))
        .thenThrows(E.CHECK_RESULT_STANDS, 'rule');
      expect(error).toMatchObject({
        rule: 'R13',
        details: { check: 'discipline-opinion', outcome: 'objection' },
      });
    }
  });

  it('R13 an objection not yet double-signed is still a draft, and may be redrafted', () => {
    const halfSigned = inspecting().run(
      cmd.draft(C1, 'integrity', 'objection'),
      cmd.sign(C1, 'integrity', unitSecretaryFor(C1)),
    ).events;
    given(halfSigned)
      .when(cmd.draft(C1, 'integrity', 'no-objection'))
      .thenMatch([{ type: 'OpinionDrafted', data: { verdict: 'no-objection' } }]);
  });

  it('R13 the team leader does not sign the integrity opinion', () => {
    given(integrityDrafted().events)
      .when(cmd.sign(C1, 'integrity', actors.leader))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('R13 the discipline secretary of another unit cannot sign', () => {
    given(integrityDrafted().events)
      .when(cmd.sign(C1, 'integrity', disciplineSecretaryFor(C2)))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
  });
});
