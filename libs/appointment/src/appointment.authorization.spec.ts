import type { Actor } from './appointment.commands';
import { canReadCase } from './appointment.authorization';
import { COMMAND_ROLES } from './appointment.decider';
import { AppointmentErrorCodes as E } from './appointment.errors';
import { actors, C1, C2, CaseScript, cmd, testDecider, unitSecretaryFor } from './testing/case-fixture';
import { givenWhenThen } from './testing/given-when-then';

const given = givenWhenThen(testDecider());
const as = <C extends { actor: Actor }>(c: C, actor: Actor): C => ({ ...c, actor });

describe('authorization of writes', () => {
  it('only a handler opens a case', () => {
    for (const role of [
      actors.supervisor,
      actors.auditor,
      actors.admin,
      actors.committeeSecretary,
      actors.system,
      actors.leader,
    ]) {
      given([]).when(as(cmd.openCase(), role)).thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
    }
  });

  it('auditors, supervisors and admins never write', () => {
    const events = new CaseScript().readyForDecision().events;
    const writes = [
      cmd.approveInitiation(),
      cmd.drop(C1),
      cmd.withdraw(),
      cmd.check(C1, 'dossier', 'verified'),
      cmd.sign(C1, 'political', actors.leader),
      cmd.meeting([]),
    ];
    for (const reader of [actors.auditor, actors.supervisor, actors.admin]) {
      for (const write of writes)
        given(events).when(as(write, reader)).thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
    }
  });

  it('no command but IssueReminder is open to the system role, and IssueReminder to nobody else', () => {
    const entries = Object.entries(COMMAND_ROLES);
    expect(entries.filter(([, roles]) => roles.includes('system')).map(([type]) => type)).toEqual([
      'IssueReminder',
    ]);
    for (const [, roles] of entries)
      expect(roles.some((r) => r === 'auditor' || r === 'supervisor' || r === 'admin')).toBe(false);
  });

  it('the committee secretary approves only initiations of their own org unit', () => {
    const events = new CaseScript().opened().events;
    given(events)
      .when(as(cmd.approveInitiation(), actors.otherCommitteeSecretary))
      .thenThrows(E.ORG_UNIT_NOT_ALLOWED, 'forbidden');
    given(events)
      .when(as(cmd.approveInitiation(), actors.handler))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('a handler of another org unit cannot drive the case', () => {
    const events = new CaseScript().approved().events;
    given(events).when(as(cmd.round(), actors.otherHandler)).thenThrows(E.ORG_UNIT_NOT_ALLOWED, 'forbidden');
    given(events)
      .when(as(cmd.withdraw(), actors.otherHandler))
      .thenThrows(E.ORG_UNIT_NOT_ALLOWED, 'forbidden');
  });

  it('authorization is checked before the workflow rules', () => {
    const events = new CaseScript().opened().events;
    given(events).when(as(cmd.round(), actors.otherHandler)).thenThrows(E.ORG_UNIT_NOT_ALLOWED, 'forbidden');
    given(events).when(as(cmd.round(), actors.handler)).thenThrows(E.INITIATION_NOT_APPROVED, 'rule');
  });

  it('an inspector not on the team cannot record activities', () => {
    const events = new CaseScript().inspecting().events;
    given(events)
      .when(cmd.talk(C1, {}, actors.outsider))
      .thenThrows(E.NOT_ON_TEAM, 'forbidden');
    given(events)
      .when(cmd.talk(C1, {}, actors.leader))
      .thenMatch([{ type: 'InspectionActivityRecorded', data: { recordedBy: { id: 'i1' } } }]);
  });

  it('a handler does not record inspection activities', () => {
    given(new CaseScript().inspecting().events)
      .when(cmd.talk(C1, {}, actors.handler))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('an inspector cannot act before a team exists', () => {
    given(new CaseScript().targeted().events)
      .when(cmd.talk(C1, {}, actors.leader))
      .thenThrows(E.TEAM_NOT_FORMED, 'rule');
  });

  it('a unit secretary signs only for candidates of their unit', () => {
    const events = new CaseScript()
      .inspecting()
      .run(cmd.draft(C1, 'political', 'qualified'), cmd.draft(C2, 'political', 'qualified')).events;
    given(events)
      .when(cmd.sign(C1, 'political', unitSecretaryFor(C2)))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
    given(events)
      .when(cmd.sign(C2, 'political', unitSecretaryFor(C2)))
      .thenMatch([{ type: 'OpinionSigned' }]);
  });

  it('an inspector cannot issue handler commands', () => {
    given(new CaseScript().inspecting().events)
      .when(as(cmd.drop(C1), actors.leader))
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('an unknown candidate is not found', () => {
    given(new CaseScript().inspecting().events)
      .when(cmd.talk('ghost', {}, actors.leader))
      .thenThrows(E.CANDIDATE_NOT_FOUND, 'not-found');
  });
});

describe('canReadCase', () => {
  const state = new CaseScript().inspecting().state;

  it('auditors and admins read every case', () => {
    expect(canReadCase(actors.auditor, state)).toBe(true);
    expect(canReadCase(actors.admin, state)).toBe(true);
  });

  it('handlers, supervisors and the committee secretary read cases of their own org unit', () => {
    expect(canReadCase(actors.handler, state)).toBe(true);
    expect(canReadCase(actors.supervisor, state)).toBe(true);
    expect(canReadCase(actors.committeeSecretary, state)).toBe(true);
    expect(canReadCase(actors.otherHandler, state)).toBe(false);
    expect(canReadCase({ ...actors.supervisor, orgUnit: '区委组织部' }, state)).toBe(false);
    expect(canReadCase(actors.otherCommitteeSecretary, state)).toBe(false);
  });

  it('inspectors read cases whose team names them', () => {
    expect(canReadCase(actors.leader, state)).toBe(true);
    expect(canReadCase(actors.member, state)).toBe(true);
    expect(canReadCase(actors.outsider, state)).toBe(false);
    expect(canReadCase(actors.leader, new CaseScript().targeted().state)).toBe(false);
  });

  it('unit and discipline secretaries read cases with a candidate of their unit', () => {
    expect(canReadCase(actors.unitSecretaryA, state)).toBe(true);
    expect(canReadCase(actors.disciplineSecretaryB, state)).toBe(true);
    expect(canReadCase({ ...actors.unitSecretaryA, orgUnit: '市教育局' }, state)).toBe(false);
    expect(canReadCase(actors.unitSecretaryA, new CaseScript().recommended([C2]).state)).toBe(false);
  });

  it('nobody reads a case that does not exist, and the system role reads nothing', () => {
    expect(canReadCase(actors.auditor, { status: 'empty' })).toBe(false);
    expect(canReadCase(actors.system, state)).toBe(false);
  });
});
