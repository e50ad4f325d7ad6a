import type { Actor } from '../appointment.commands';
import { AppointmentErrorCodes as E } from '../appointment.errors';
import { actors, C1, C2, CaseScript, cmd, command } from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(new CaseScript().decider);

const finding = (
  overrides: Partial<{
    candidateId: string;
    findingId: string;
    source: 'discipline' | 'inspection-tour' | 'audit' | 'petition' | 'other';
    foundAt: string;
    substantiated: boolean;
    predatesAppointment: boolean;
  }> = {},
  by: Actor = actors.handler,
  at = '2025-09-01T10:00:00+08:00',
) =>
  command(
    'RecordPostAppointmentFinding',
    {
      candidateId: C1,
      findingId: 'f-1',
      source: 'inspection-tour',
      foundAt: '2025-08-20T10:00:00+08:00',
      summary: '巡察发现其任职前违规收受礼金',
      substantiated: true,
      predatesAppointment: true,
      ...overrides,
    },
    by,
    at,
  );

/** Appointed without probation, talk recorded: the case is closed (confirmed). */
const closedCase = () => new CaseScript().appointed(C1, false).run(cmd.appointmentTalk(C1)).events;

describe('post-appointment findings (DOMAIN.md §7)', () => {
  it('a substantiated finding that predates the appointment is 带病提拔, recorded on a closed case', () => {
    const events = closedCase();
    expect(given(events).state.status).toBe('closed');
    given(events)
      .when(finding())
      .thenMatch([
        {
          type: 'PostAppointmentFindingRecorded',
          data: { candidateId: C1, substantiated: true, predatesAppointment: true, sickPromotion: true },
        },
      ]);
  });

  it('the closed case keeps the finding in its state', () => {
    const events = closedCase();
    const state = given(events).when(finding()).state();
    expect(state.status).toBe('closed');
    if (state.status === 'empty') throw new Error('no case');
    expect(state.candidates.find((c) => c.candidateId === C1)?.postAppointmentFindings).toHaveLength(1);
  });

  it('an unsubstantiated finding, or one arising after appointment, is not 带病提拔', () => {
    const events = closedCase();
    given(events)
      .when(finding({ substantiated: false }))
      .thenMatch([{ type: 'PostAppointmentFindingRecorded', data: { sickPromotion: false } }]);
    given(events)
      .when(finding({ predatesAppointment: false }))
      .thenMatch([{ type: 'PostAppointmentFindingRecorded', data: { sickPromotion: false } }]);
  });

  it('the discipline secretary of the candidate’s unit may record it; another unit’s may not', () => {
    const events = closedCase();
    given(events)
      .when(finding({}, actors.disciplineSecretaryA))
      .thenMatch([{ type: 'PostAppointmentFindingRecorded' }]);
    given(events)
      .when(finding({}, actors.disciplineSecretaryB))
      .thenThrows(E.SIGNER_OUT_OF_SCOPE, 'forbidden');
  });

  it('a handler of another org unit, and an auditor, are refused', () => {
    const events = closedCase();
    given(events).when(finding({}, actors.otherHandler)).thenThrows(E.ORG_UNIT_NOT_ALLOWED, 'forbidden');
    given(events).when(finding({}, actors.auditor)).thenThrows(E.ROLE_NOT_ALLOWED, 'forbidden');
  });

  it('R28: foundAt is not before the appointment notice date, and not in the future', () => {
    const events = closedCase();
    given(events)
      .when(finding({ foundAt: '2025-04-15' }))
      .thenThrows(E.OUT_OF_ORDER, 'rule');
    given(events)
      .when(finding({ foundAt: '2025-09-01T10:06:00+08:00' }))
      .thenThrows(E.OCCURRED_IN_FUTURE, 'validation');
    given(events)
      .when(finding({ foundAt: '2025-09-01T10:04:00+08:00' }))
      .thenMatch([{ type: 'PostAppointmentFindingRecorded' }]);
  });

  it('a candidate who was never appointed has no post-appointment finding', () => {
    given(new CaseScript().appointed(C1).events)
      .when(finding({ candidateId: C2 }))
      .thenThrows(E.NOT_APPOINTED, 'rule');
  });

  it('refuses a repeated finding id and a malformed source', () => {
    const events = [...closedCase(), ...given(closedCase()).when(finding()).events()];
    given(events).when(finding()).thenThrows(E.DUPLICATE_ID, 'validation');
    given(closedCase())
      .when(finding({ source: 'rumour' as 'other', findingId: 'f-2' }))
      .thenThrows(E.INVALID_INPUT, 'validation');
  });
});

describe('R27: nominating is refused while the recommender is suspended', () => {
  const nominate = (suspendedUntil: string | null) => ({
    ...cmd.nominate(C1),
    facts: { recommenderSuspendedUntil: suspendedUntil },
  });
  const recommending = () => new CaseScript().approved().run(cmd.round()).events;

  it('refuses a nomination naming a recommender suspended beyond today', () => {
    const error = given(recommending())
      .when(nominate('2027-03-11'))
      .thenThrows(E.RECOMMENDER_SUSPENDED, 'rule');
    expect(error.message).toContain('党组');
    expect(error.message).toContain('2027-03-11');
  });

  it('accepts the nomination once the suspension has ended, or when there is none', () => {
    given(recommending())
      .when(nominate('2025-03-11'))
      .thenMatch([{ type: 'CandidateNominated' }]);
    given(recommending())
      .when(nominate(null))
      .thenMatch([{ type: 'CandidateNominated' }]);
  });
});
