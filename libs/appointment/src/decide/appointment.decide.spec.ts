import { AppointmentErrorCodes as E } from '../appointment.errors';
import { C1, CaseScript, cmd, testDecider } from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const inNotice = () => new CaseScript().inNotice(C1).events;
const onProbation = () => new CaseScript().appointed(C1, true);

describe('R24 appointment and probation', () => {
  it('R24 records the effective date, seniority from the decision, and one year of probation', () => {
    given(inNotice())
      .when(cmd.appoint(C1, '2025-04-16', true))
      .thenMatch([
        {
          type: 'AppointmentIssued',
          data: {
            noticeDate: '2025-04-16',
            effectiveDate: '2025-04-16',
            seniorityFrom: '2025-04-08',
            probation: true,
            probationEndDate: '2026-04-16',
          },
        },
      ]);
  });

  it('R24 probation length is configurable', () => {
    givenWhenThen(testDecider({ probationMonths: 6 }))(inNotice())
      .when(cmd.appoint(C1, '2025-04-16', true))
      .thenMatch([{ type: 'AppointmentIssued', data: { probationEndDate: '2025-10-16' } }]);
  });

  it('R24 no probation where it does not apply', () => {
    given(inNotice())
      .when(cmd.appoint(C1, '2025-04-16', false))
      .thenMatch([{ type: 'AppointmentIssued', data: { probation: false, probationEndDate: null } }]);
  });

  it('R24 refuses a probation review where no probation applies', () => {
    const events = new CaseScript().appointed(C1, false).events;
    given(events)
      .when(cmd.review(C1, 'competent', '2026-05-01T10:00:00+08:00'))
      .thenThrows(E.NO_PROBATION, 'rule');
  });

  it('R24 refuses a probation flag that is not a boolean', () => {
    const c = cmd.appoint(C1);
    const error = given(inNotice())
      .when({ ...c, data: { ...c.data, probation: 'yes' as unknown as boolean } })
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'probation' });
  });
});

describe('R25 appointment talk', () => {
  it('R25 records the talk', () => {
    given(onProbation().events)
      .when(cmd.appointmentTalk(C1))
      .thenMatch([{ type: 'AppointmentTalkRecorded', data: { heldBy: '李书记' } }]);
  });

  it('R25 refuses to confirm (and close) before the talk is recorded', () => {
    const error = given(onProbation().events)
      .when(cmd.review(C1, 'competent', '2026-04-16T10:00:00+08:00'))
      .thenThrows(E.APPOINTMENT_TALK_NOT_RECORDED, 'rule');
    expect(error.rule).toBe('R25');
  });

  it('R25 refuses a talk dated before the appointment', () => {
    const error = given(onProbation().events)
      .when(cmd.appointmentTalk(C1, '2025-04-15T10:00:00+08:00'))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'heldAt' });
  });

  it('R25 records the talk once', () => {
    const events = onProbation().run(cmd.appointmentTalk(C1)).events;
    given(events).when(cmd.appointmentTalk(C1)).thenThrows(E.APPOINTMENT_TALK_ALREADY_RECORDED, 'rule');
  });
});

describe('R26 end of probation', () => {
  const talked = () => onProbation().run(cmd.appointmentTalk(C1));

  it('R26 a competent review on the end date confirms the appointment and closes the case', () => {
    given(talked().events)
      .when(cmd.review(C1, 'competent', '2026-04-16T09:00:00+08:00'))
      .thenMatch([
        { type: 'ProbationReviewed', data: { result: 'competent', probationEndDate: '2026-04-16' } },
        { type: 'AppointmentConfirmed', data: { candidateId: C1, afterProbation: true } },
        { type: 'CaseClosed', data: { outcome: 'confirmed' } },
      ]);
  });

  it('R26 refuses a competent review before the end date (probation is never shortened)', () => {
    const error = given(talked().events)
      .when(cmd.review(C1, 'competent', '2026-04-15T23:00:00+08:00'))
      .thenThrows(E.PROBATION_NOT_ENDED, 'rule');
    expect(error).toMatchObject({
      rule: 'R26',
      details: { endDate: '2026-04-16', reviewDate: '2026-04-15' },
    });
  });

  it('R26 uses the Shanghai date of the review time', () => {
    given(talked().events)
      .when(cmd.review(C1, 'competent', '2026-04-15T16:30:00Z'))
      .thenMatch([{ type: 'ProbationReviewed' }, { type: 'AppointmentConfirmed' }, { type: 'CaseClosed' }]);
  });

  it('R26 not competent may be recorded during probation: the appointment is revoked and the case closes', () => {
    given(talked().events)
      .when(cmd.review(C1, 'incompetent', '2025-10-01T10:00:00+08:00'))
      .thenMatch([
        { type: 'ProbationReviewed', data: { result: 'incompetent' } },
        { type: 'AppointmentRevoked' },
        { type: 'CaseClosed', data: { outcome: 'revoked' } },
      ]);
  });

  it('R26 an extension moves the end date, and the earlier end no longer suffices', () => {
    const script = talked().run(cmd.review(C1, 'extend', '2026-04-01T10:00:00+08:00', 190));
    expect(script.candidate(C1).probation).toMatchObject({
      endDate: '2026-10-23',
      extensions: [{ extendDays: 190 }],
    });
    given(script.events)
      .when(cmd.review(C1, 'competent', '2026-04-20T10:00:00+08:00'))
      .thenThrows(E.PROBATION_NOT_ENDED, 'rule');
    given(script.events)
      .when(cmd.review(C1, 'competent', '2026-10-23T10:00:00+08:00'))
      .thenMatch([{ type: 'ProbationReviewed' }, { type: 'AppointmentConfirmed' }, { type: 'CaseClosed' }]);
  });

  it('R26 refuses an extension that is not a positive number of days', () => {
    const error = given(talked().events)
      .when(cmd.review(C1, 'extend', '2026-04-01T10:00:00+08:00', -30))
      .thenThrows(E.INVALID_INPUT, 'validation');
    expect(error.details).toMatchObject({ field: 'extendDays' });
  });

  it('R26 a closed case takes no further review', () => {
    const events = talked().run(cmd.review(C1, 'competent', '2026-04-16T10:00:00+08:00')).events;
    given(events)
      .when(cmd.review(C1, 'incompetent', '2026-05-01T10:00:00+08:00'))
      .thenThrows(E.CASE_CLOSED, 'rule');
  });
});
