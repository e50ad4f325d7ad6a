import { AppointmentErrorCodes as E } from '../appointment.errors';
import { ballots, C1, C2, CaseScript, cmd, MEMBERS, testDecider } from '../testing/case-fixture';
import { givenWhenThen } from '../testing/given-when-then';

const given = givenWhenThen(testDecider());
const seven = MEMBERS.slice(0, 7);

describe('dropping candidates and closing cases', () => {
  it('drops a candidate at any stage before appointment, keeping them in the history', () => {
    const script = new CaseScript().readyForDecision().run(cmd.drop(C2));
    expect(script.candidate(C2)).toMatchObject({
      status: 'dropped',
      dropped: { reason: '本人因健康原因退出' },
    });
  });

  it('does not drop an appointed candidate', () => {
    given(new CaseScript().appointed().events)
      .when(cmd.drop(C1))
      .thenThrows(E.CANDIDATE_WRONG_STATUS, 'rule');
  });

  it('a vetoed candidate can be dropped', () => {
    const events = new CaseScript().inspecting().inspect(C1, 'unqualified').events;
    given(events)
      .when(cmd.drop(C1))
      .thenMatch([{ type: 'CandidateDropped' }]);
  });

  it('with two seats the case stays open until both appointments end', () => {
    const script = new CaseScript().readyForDecision([C1, C2], 2).run(
      cmd.meeting([
        { candidateId: C1, ballots: ballots(seven) },
        { candidateId: C2, ballots: ballots(seven) },
      ]),
      cmd.publicNotice(C1),
      cmd.publicNotice(C2),
      cmd.appoint(C1, '2025-04-16', false),
      cmd.appointmentTalk(C1),
    );
    expect(script.state.status).toBe('open');
    script.run(cmd.appoint(C2, '2025-04-16', false), cmd.appointmentTalk(C2));
    expect(script.state).toMatchObject({ status: 'closed', outcome: 'confirmed' });
  });

  it('dropping the last candidate still on the way closes a case whose other appointment is final', () => {
    const script = new CaseScript()
      .readyForDecision([C1, C2], 2)
      .run(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]),
        cmd.publicNotice(C1),
        cmd.appoint(C1, '2025-04-16', false),
        cmd.appointmentTalk(C1),
      );
    expect(script.state.status).toBe('open');
    given(script.events)
      .when(cmd.drop(C2))
      .thenMatch([{ type: 'CandidateDropped' }, { type: 'CaseClosed', data: { outcome: 'confirmed' } }]);
  });
});
