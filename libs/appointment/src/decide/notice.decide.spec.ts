import { AppointmentErrorCodes as E } from '../appointment.errors';
import { C1, C2, CASE_ID, CaseScript, cmd, REMINDER_TALK, testDecider } from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const decided = () => new CaseScript().decided(C1).events;
const inNotice = () => new CaseScript().inNotice(C1);

describe('R21 public notice of at least 5 working days', () => {
  it('R21 computes the end date: starting on a working day, the fifth working day', () => {
    given(decided())
      .when(cmd.publicNotice(C1, '2025-04-09'))
      .then([
        {
          type: 'PublicNoticeStarted',
          data: {
            caseId: CASE_ID,
            candidateId: C1,
            startDate: '2025-04-09',
            endDate: '2025-04-15',
            workingDays: 5,
            startedBy: { id: 'h1', name: '张经办', role: 'handler' },
            startedAt: '2025-04-09T08:30:00+08:00',
          },
        },
      ]);
  });

  it('R21 skips the National Day holiday and counts the 调休 Sunday (2025-09-26 → 2025-10-09)', () => {
    given(decided())
      .when(cmd.publicNotice(C1, '2025-09-26'))
      .thenMatch([{ type: 'PublicNoticeStarted', data: { endDate: '2025-10-09' } }]);
  });

  it('R21 across the 2026 Spring Festival with its make-up Saturday (2026-02-12 → 2026-02-25)', () => {
    given(decided())
      .when(cmd.publicNotice(C1, '2026-02-12'))
      .thenMatch([{ type: 'PublicNoticeStarted', data: { endDate: '2026-02-25' } }]);
  });

  it('R21 a notice starting on a Saturday counts from the Monday', () => {
    given(decided())
      .when(cmd.publicNotice(C1, '2025-04-12'))
      .thenMatch([{ type: 'PublicNoticeStarted', data: { endDate: '2025-04-18' } }]);
  });

  it('R21 honours a configured minimum', () => {
    givenWhenThen(testDecider({ noticeWorkingDays: 7 }))(decided())
      .when(cmd.publicNotice(C1, '2025-04-09'))
      .thenMatch([{ type: 'PublicNoticeStarted', data: { endDate: '2025-04-17', workingDays: 7 } }]);
  });

  it('R21 refuses a notice that starts before the decision', () => {
    const error = given(decided())
      .when(cmd.publicNotice(C1, '2025-04-07'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error).toMatchObject({ rule: 'R21', details: { field: 'startDate' } });
  });

  it('R21 refuses a notice for a candidate who was not approved', () => {
    given(decided()).when(cmd.publicNotice(C2, '2025-04-09')).thenThrows(E.CANDIDATE_WRONG_STATUS, 'rule');
  });

  it('R21 refuses a start date the calendar does not cover, as invalid input rather than a crash', () => {
    const error = given(decided())
      .when(cmd.publicNotice(C1, '2027-01-04'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'startDate' });
  });

  it('R21 refuses a malformed start date', () => {
    given(decided()).when(cmd.publicNotice(C1, '2025-4-9')).thenThrows(E.INVALID_INPUT, 'validation');
  });
});

describe('R22 objections during notice', () => {
  it('R22 records an objection', () => {
    given(inNotice().events)
      .when(cmd.objection(C1))
      .thenMatch([
        {
          type: 'ObjectionRecorded',
          data: { candidateId: C1, objectionId: 'obj-1', summary: '反映其插手工程项目' },
        },
      ]);
  });

  it('R22 refuses an objection dated before the notice started', () => {
    const error = given(inNotice().events)
      .when(cmd.objection(C1, 'obj-1', '2025-04-08T10:00:00+08:00'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'receivedAt' });
  });

  it('R22 an unfounded objection lets the appointment proceed', () => {
    const events = inNotice().run(cmd.objection(C1), cmd.resolve(C1, 'unfounded')).events;
    given(events)
      .when(cmd.appoint(C1))
      .thenMatch([{ type: 'AppointmentIssued' }]);
  });

  it('R22 a minor objection proceeds with the reminder talk in the findings', () => {
    const events = inNotice().run(cmd.objection(C1)).events;
    given(events)
      .when(cmd.resolve(C1, 'minor'))
      .thenMatch([
        {
          type: 'ObjectionResolved',
          data: { outcome: 'minor', findings: '经核查', reminderTalk: REMINDER_TALK },
        },
      ]);
  });

  it('R22 a serious objection cancels the appointment for that candidate', () => {
    const script = inNotice().run(cmd.objection(C1), cmd.resolve(C1, 'serious'));
    expect(script.candidate(C1)).toMatchObject({ status: 'cancelled', cancelled: { objectionId: 'obj-1' } });
    given(script.events).when(cmd.appoint(C1)).thenThrows(E.CANDIDATE_WRONG_STATUS, 'rule');
  });

  it('R22 an objection on hold blocks the appointment, and can be resolved later', () => {
    const script = inNotice().run(cmd.objection(C1), cmd.resolve(C1, 'hold'));
    expect(script.candidate(C1).objections[0]).toMatchObject({
      status: 'on-hold',
      holdSince: '2025-04-14T10:00:00+08:00',
    });
    const error = given(script.events).when(cmd.appoint(C1)).thenThrows(E.OBJECTIONS_OPEN, 'rule');
    expect(error.details).toMatchObject({ objectionIds: ['obj-1'] });
    given(script.events)
      .when(cmd.resolve(C1, 'unfounded'))
      .thenMatch([{ type: 'ObjectionResolved', data: { outcome: 'unfounded' } }]);
  });

  it('R22 an open objection blocks the appointment', () => {
    const events = inNotice().run(cmd.objection(C1)).events;
    given(events).when(cmd.appoint(C1)).thenThrows(E.OBJECTIONS_OPEN, 'rule');
  });

  it('R22 a resolved objection is not resolved again', () => {
    const events = inNotice().run(cmd.objection(C1), cmd.resolve(C1, 'unfounded')).events;
    given(events).when(cmd.resolve(C1, 'serious')).thenThrows(E.OBJECTION_ALREADY_RESOLVED, 'rule');
  });

  it('R22 an unknown objection is not found', () => {
    given(inNotice().events)
      .when(cmd.resolve(C1, 'unfounded', 'nope'))
      .thenThrows(E.OBJECTION_NOT_FOUND, 'not-found');
  });
});

describe('R23 appointment after notice', () => {
  it('R23 allows an appointment notice dated the day after the notice ends', () => {
    given(inNotice().events)
      .when(cmd.appoint(C1, '2025-04-16'))
      .thenMatch([{ type: 'AppointmentIssued', data: { noticeDate: '2025-04-16' } }]);
  });

  it('R23 refuses an appointment notice dated on the notice end date', () => {
    const error = given(inNotice().events)
      .when(cmd.appoint(C1, '2025-04-15'))
      .thenThrows(E.NOTICE_NOT_ENDED, 'rule');
    expect(error).toMatchObject({ rule: 'R23', details: { endDate: '2025-04-15' } });
  });

  it('R23 a notice may be waived with a recorded ground, then the appointment follows', () => {
    const script = new CaseScript()
      .decided(C1)
      .run(cmd.publicNotice(C1, '2025-04-09', { ground: '换届时已公示' }));
    expect(script.candidate(C1)).toMatchObject({
      status: 'in-notice',
      publicNotice: null,
      noticeWaiver: { ground: '换届时已公示' },
    });
    given(script.events)
      .when(cmd.appoint(C1, '2025-04-09'))
      .thenMatch([{ type: 'AppointmentIssued' }]);
  });

  it('R23 refuses a waiver without a ground', () => {
    const error = given(decided())
      .when(cmd.publicNotice(C1, '2025-04-09', { ground: '  ' }))
      .thenThrows(E.NOTICE_WAIVER_GROUND_REQUIRED, 'rule');
    expect(error.rule).toBe('R23');
  });

  it('R23 checks the start date of a waived notice as of any other: not before the decision, not ahead', () => {
    given(decided())
      .when(cmd.publicNotice(C1, '0001-01-01', { ground: '换届时已公示' }))
      .thenThrows(E.INVALID_INPUT, 'validation');
    const ahead = {
      ...cmd.publicNotice(C1, '2025-05-09', { ground: '换届时已公示' }),
      at: '2025-04-09T08:30:00+08:00',
    };
    given(decided()).when(ahead).thenThrows(E.OCCURRED_IN_FUTURE, 'validation');
  });

  it('R23 refuses an appointment before any notice', () => {
    given(decided()).when(cmd.appoint(C1)).thenThrows(E.WRONG_STAGE, 'rule');
  });
});
