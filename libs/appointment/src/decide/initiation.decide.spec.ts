import { AppointmentErrorCodes as E } from '../appointment.errors';
import {
  actors,
  C1,
  CASE_ID,
  CaseScript,
  cmd,
  command,
  OWNER_UNIT,
  testDecider,
  UNIT_A,
} from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const opened = () => new CaseScript().opened().events;
const approved = () => new CaseScript().approved().events;

describe('opening a case', () => {
  it('opens a case owned by the org unit of the handler, one seat by default', () => {
    given([])
      .when(
        command('OpenCase', {
          post: { title: '主任', orgUnit: UNIT_A, level: '正处级' },
          grounds: '职位空缺',
        }),
      )
      .then([
        {
          type: 'CaseOpened',
          data: {
            caseId: CASE_ID,
            ownerOrgUnit: OWNER_UNIT,
            post: { title: '主任', orgUnit: UNIT_A, level: '正处级' },
            seats: 1,
            grounds: '职位空缺',
            openedBy: { id: 'h1', name: '张经办', role: 'handler' },
            openedAt: '2025-03-03T09:00:00+08:00',
          },
        },
      ]);
  });

  it('refuses to open a case twice', () => {
    given(opened()).when(cmd.openCase()).thenThrows(E.CASE_EXISTS, 'rule');
  });

  it('refuses zero seats, naming the field', () => {
    const error = given([]).when(cmd.openCase(0)).thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'seats' });
  });

  it('answers not-found for any command but OpenCase on a case that does not exist', () => {
    given([]).when(cmd.approveInitiation()).thenThrows(E.CASE_NOT_FOUND, 'not-found');
    given([]).when(cmd.drop(C1)).thenThrows(E.CASE_NOT_FOUND, 'not-found');
  });

  it('refuses a command addressed to another case', () => {
    const error = given(opened())
      .when({ ...cmd.approveInitiation(), caseId: 'another' })
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'caseId' });
  });
});

describe('R1 initiation approval', () => {
  it('R1 lets the committee secretary approve the initiation', () => {
    given(opened())
      .when(cmd.approveInitiation())
      .then([
        {
          type: 'InitiationApproved',
          data: {
            caseId: CASE_ID,
            approvedBy: { id: 's1', name: '李书记', role: 'committee-secretary' },
            comment: '同意启动',
            approvedAt: '2025-03-04T10:00:00+08:00',
          },
        },
      ]);
  });

  it('R1 refuses a recommendation round before the initiation is approved', () => {
    const error = given(opened()).when(cmd.round()).thenThrows(E.INITIATION_NOT_APPROVED, 'rule');
    expect(error.rule).toBe('R1');
  });

  it('R1 refuses a nomination before the initiation is approved', () => {
    given(opened()).when(cmd.nominate(C1)).thenThrows(E.INITIATION_NOT_APPROVED, 'rule');
  });

  it('R1 allows withdrawal before approval', () => {
    given(opened())
      .when(cmd.withdraw())
      .thenMatch([
        { type: 'CaseWithdrawn', data: { reason: '机构改革，职位撤销' } },
        { type: 'CaseClosed', data: { outcome: 'withdrawn' } },
      ]);
  });

  it('R1 a rejected initiation ends the case as rejected', () => {
    const after = given(opened()).when(cmd.rejectInitiation()).state();
    expect(after).toMatchObject({
      status: 'closed',
      stage: 'closed',
      outcome: 'rejected',
      initiation: { decision: 'rejected' },
    });
  });

  it('R1 approval happens once', () => {
    given(approved()).when(cmd.approveInitiation()).thenThrows(E.WRONG_STAGE, 'rule');
  });

  it('refuses every command on a closed case', () => {
    const closed = new CaseScript().opened().run(cmd.withdraw()).events;
    given(closed).when(cmd.approveInitiation()).thenThrows(E.CASE_CLOSED, 'rule');
    given(closed).when(cmd.reminder()).thenThrows(E.CASE_CLOSED, 'rule');
  });

  it('withdrawal is refused once an appointment is issued', () => {
    given(new CaseScript().appointed().events).when(cmd.withdraw()).thenThrows(E.WRONG_STAGE, 'rule');
  });

  it('a reminder may be recorded before approval, from the system only', () => {
    given(opened())
      .when(cmd.reminder())
      .thenMatch([
        { type: 'ReminderIssued', data: { reminderId: 'rem-1', recipientRoles: ['committee-secretary'] } },
      ]);
    given(opened())
      .when({ ...cmd.reminder(), actor: actors.handler })
      .thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });
});
