import { ballots, C1, C2, CaseScript, cmd, MEMBERS, testDecider } from './testing/case-fixture';

describe('the appointment decider, end to end', () => {
  it('takes a case from 动议 to 正式任职 and closes it as confirmed', () => {
    const script = new CaseScript()
      .appointed(C1, true)
      .run(cmd.appointmentTalk(C1), cmd.review(C1, 'competent', '2026-04-16T10:00:00+08:00'));
    expect(script.state).toMatchObject({
      status: 'closed',
      stage: 'closed',
      outcome: 'confirmed',
      closedFromStage: 'appointed',
    });
    expect(script.candidate(C1)).toMatchObject({
      status: 'confirmed',
      publicNotice: { startDate: '2025-04-09', endDate: '2025-04-15' },
      appointment: { noticeDate: '2025-04-16', seniorityFrom: '2025-04-08', probation: true },
      probation: { startDate: '2025-04-16', endDate: '2026-04-16', review: { result: 'competent' } },
    });
    expect(script.candidate(C2).status).toBe('target');
    expect(script.events.map((e) => e.type).slice(-3)).toEqual([
      'ProbationReviewed',
      'AppointmentConfirmed',
      'CaseClosed',
    ]);
  });

  it('keeps the state JSON-serialisable', () => {
    const script = new CaseScript().appointed();
    expect(JSON.parse(JSON.stringify(script.state))).toEqual(script.state);
  });

  it('walks the stages in order', () => {
    const stages: string[] = [];
    const script = new CaseScript();
    const record = () => stages.push(script.state.status === 'empty' ? 'empty' : script.state.stage);
    record();
    script.opened();
    record();
    script.run(cmd.approveInitiation());
    record();
    script.run(cmd.round());
    record();
    script.run(cmd.nominate(C1), cmd.eligibility(C1), cmd.targets([C1]));
    record();
    script.run(cmd.team());
    record();
    script.run(cmd.notice()).inspect(C1);
    script.run(cmd.meeting([{ candidateId: C1, ballots: ballots(MEMBERS.slice(0, 7)) }]));
    record();
    script.run(cmd.publicNotice(C1));
    record();
    script.run(cmd.appoint(C1, '2025-04-16', false));
    record();
    script.run(cmd.appointmentTalk(C1));
    record();
    expect(stages).toEqual([
      'empty',
      'initiated',
      'initiation-approved',
      'recommending',
      'inspection-targets',
      'inspecting',
      'deciding',
      'public-notice',
      'appointed',
      'closed',
    ]);
  });

  it('evolve ignores unknown event types and extra fields of stored events', () => {
    const decider = testDecider();
    const opened = new CaseScript(decider).opened().state;
    const stored = { type: 'SomethingFromTheFuture', data: { x: 1 }, revision: '3', metadata: {} };
    expect(decider.evolve(opened, stored)).toBe(opened);
    const event = new CaseScript(decider).opened().events[0];
    const recorded = { ...event, revision: '0', globalPosition: '17' };
    expect(decider.evolve(decider.initialState(), recorded)).toEqual(opened);
    expect(
      decider.evolve(decider.initialState(), { type: 'InitiationApproved', data: { caseId: 'x' } }),
    ).toEqual({ status: 'empty' });
  });

  it('a reminder fired twice is recorded once', () => {
    const script = new CaseScript().opened().run(cmd.reminder('rem-7'));
    expect(script.decider.decide(cmd.reminder('rem-7'), script.state)).toEqual([]);
    expect(script.open.reminders).toHaveLength(1);
  });

  it('closes a case without probation once the appointment talk is recorded', () => {
    const script = new CaseScript().appointed(C1, false);
    expect(script.candidate(C1).status).toBe('appointed');
    script.run(cmd.appointmentTalk(C1));
    expect(script.state).toMatchObject({ status: 'closed', outcome: 'confirmed' });
  });
});
