import { actors, ballots, C1, C2, cmd, command, MEMBERS } from '@app/appointment/testing/case-fixture';
import { foldSupervision, nextFindingDue } from './supervision-findings';
import { History, policy } from './testing/supervision-history';

const seven = MEMBERS.slice(0, 7);

const opened = () => new History().run(cmd.openCase());
const approved = () => opened().run(cmd.approveInitiation());
const recommended = (ids = [C1, C2], seats = 1) => {
  const h = new History().run(cmd.openCase(seats), cmd.approveInitiation(), cmd.round());
  for (const id of ids) h.run(cmd.nominate(id), cmd.eligibility(id));
  return h;
};
const inspecting = (ids = [C1, C2], seats = 1) =>
  recommended(ids, seats).run(cmd.targets(ids), cmd.team(), cmd.notice());
const inspect = (h: History, id: string) =>
  h.run(
    cmd.talk(id),
    cmd.assessment(id),
    cmd.report(id),
    cmd.check(id, 'dossier', 'verified'),
    cmd.check(id, 'personal-matters', 'consistent'),
    cmd.check(id, 'petitions', 'none'),
    cmd.draft(id, 'political', 'qualified'),
    cmd.sign(id, 'political', actors.leader),
    cmd.sign(id, 'political', actors.unitSecretaryA),
    cmd.draft(id, 'integrity', 'no-objection'),
    cmd.sign(id, 'integrity', actors.unitSecretaryA),
    cmd.sign(id, 'integrity', actors.disciplineSecretaryA),
  );
const appointed = (probation = true) => {
  const h = inspecting([C1]);
  inspect(h, C1);
  return h.run(
    cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]),
    cmd.publicNotice(C1),
    cmd.appoint(C1, '2025-04-16', probation),
  );
};

describe('supervision findings (DOMAIN.md §8)', () => {
  describe('LATE_APPROVAL', () => {
    // Opened Mon 2025-03-03; 3 working days → due Thu 2025-03-06 09:00.
    it('appears once the approval deadline passes with nothing recorded, without any new event', () => {
      expect(opened().of('LATE_APPROVAL', '2025-03-06T08:59:00+08:00')).toEqual([]);
      const [finding] = opened().of('LATE_APPROVAL', '2025-03-06T09:01:00+08:00');
      expect(finding).toMatchObject({
        severity: 'yellow',
        evidence: ['0'],
        detectedAt: '2025-03-06T01:00:00.000Z',
      });
      expect(finding.closedAt).toBeUndefined();
      expect(finding.title).toContain('动议逾期未审批');
    });

    it('closes, and stays visible, when the initiation is approved late', () => {
      const h = opened().run(
        command('ApproveInitiation', {}, actors.committeeSecretary, '2025-03-10T10:00:00+08:00'),
      );
      const [finding] = h.of('LATE_APPROVAL', '2025-06-01T00:00:00+08:00');
      expect(finding).toMatchObject({ closedAt: '2025-03-10T02:00:00.000Z', evidence: ['0', '1'] });
      expect(finding.detail).toContain('逾期');
    });

    it('is never raised for an approval in time', () => {
      expect(approved().of('LATE_APPROVAL', '2026-01-01T00:00:00+08:00')).toEqual([]);
    });
  });

  describe('CHECK_OVERDUE', () => {
    // Targets decided 2025-03-20; 10 working days → due 2025-04-03 09:00.
    it('raises one finding per outstanding check of each target and closes it when the check is recorded', () => {
      const h = inspecting([C1]);
      expect(h.of('CHECK_OVERDUE', '2025-04-03T08:00:00+08:00')).toEqual([]);
      expect(h.of('CHECK_OVERDUE', '2025-04-03T10:00:00+08:00')).toHaveLength(4);
      h.run(
        command(
          'RecordCheck',
          {
            candidateId: C1,
            check: 'dossier',
            outcome: 'verified',
            findings: '无',
            checkedAt: '2025-04-07T10:00:00+08:00',
          },
          actors.handler,
          '2025-04-07T10:00:00+08:00',
        ),
      );
      const findings = h.of('CHECK_OVERDUE', '2025-04-08T10:00:00+08:00');
      expect(findings).toHaveLength(4);
      const dossier = findings.find((f) => f.findingId.includes('dossier'));
      expect(dossier).toMatchObject({ candidateId: C1, closedAt: '2025-04-07T02:00:00.000Z' });
      expect(findings.filter((f) => f.closedAt === undefined)).toHaveLength(3);
    });

    it('a step of one candidate leaves the other candidate’s open checks open', () => {
      const h = inspecting([C1, C2]).run(
        command(
          'RecordCheck',
          {
            candidateId: C1,
            check: 'dossier',
            outcome: 'verified',
            findings: '无',
            checkedAt: '2025-04-07T10:00:00+08:00',
          },
          actors.handler,
          '2025-04-07T10:00:00+08:00',
        ),
      );
      const findings = h.of('CHECK_OVERDUE', '2025-04-08T10:00:00+08:00');
      expect(findings).toHaveLength(8);
      expect(findings.filter((f) => f.closedAt !== undefined).map((f) => f.candidateId)).toEqual([C1]);
      expect(findings.filter((f) => f.candidateId === C2 && f.closedAt === undefined)).toHaveLength(4);
    });

    it('is not raised when the check was done in time, even if it was entered later', () => {
      const h = inspecting([C1]).at(
        '2025-04-07T10:00:00+08:00',
        command('RecordCheck', {
          candidateId: C1,
          check: 'dossier',
          outcome: 'verified',
          findings: '无',
          checkedAt: '2025-03-28T10:00:00+08:00',
        }),
      );
      expect(h.of('CHECK_OVERDUE', '2025-04-08T10:00:00+08:00').map((f) => f.findingId)).not.toContainEqual(
        expect.stringContaining('dossier'),
      );
    });
  });

  describe('SIGNATURE_OVERDUE', () => {
    // Drafted 2025-03-31; 3 working days → due 2025-04-03 09:00.
    it('is raised while a signature is missing and closes when the second signer signs', () => {
      const h = inspecting([C1]).run(
        cmd.draft(C1, 'political', 'qualified'),
        cmd.sign(C1, 'political', actors.leader),
      );
      const [open] = h.of('SIGNATURE_OVERDUE', '2025-04-03T09:30:00+08:00');
      expect(open).toMatchObject({ candidateId: C1, severity: 'yellow' });
      expect(open.closedAt).toBeUndefined();
      h.run(
        command(
          'SignOpinion',
          { ...cmd.sign(C1, 'political', actors.unitSecretaryA).data },
          actors.unitSecretaryA,
          '2025-04-07T11:00:00+08:00',
        ),
      );
      const [closed] = h.of('SIGNATURE_OVERDUE', '2025-05-01T00:00:00+08:00');
      expect(closed.closedAt).toBe('2025-04-07T03:00:00.000Z');
    });
  });

  describe('BACKFILLED', () => {
    it('is yellow beyond 7 days and red beyond 30 days between occurring and recording', () => {
      const h = approved()
        .at('2025-03-19T12:00:00+08:00', cmd.round())
        .at('2025-05-01T12:00:00+08:00', cmd.nominate(C1));
      const [finding] = h.of('BACKFILLED', '2025-06-01T00:00:00+08:00');
      expect(finding).toMatchObject({ severity: 'yellow', evidence: ['2'] });
      expect(finding.detail).toContain('民主推荐');

      const late = approved().at(
        '2025-04-12T12:00:00+08:00',
        cmd.round({ heldAt: '2025-03-10T09:00:00+08:00' }),
      );
      expect(late.of('BACKFILLED', '2025-06-01T00:00:00+08:00')[0]).toMatchObject({ severity: 'red' });
    });

    it('is not raised for a step entered within 7 days', () => {
      expect(
        approved().at('2025-03-17T08:00:00+08:00', cmd.round()).of('BACKFILLED', '2025-06-01T00:00:00+08:00'),
      ).toEqual([]);
    });
  });

  describe('EQUAL_SLATE and EXCEPTIONAL', () => {
    it('flags as many inspection targets as seats', () => {
      expect(inspecting([C1]).of('EQUAL_SLATE', '2025-04-01T00:00:00+08:00')).toMatchObject([
        { severity: 'blue', evidence: ['5'] },
      ]);
      expect(inspecting([C1, C2]).of('EQUAL_SLATE', '2025-04-01T00:00:00+08:00')).toEqual([]);
    });

    it('flags a 破格 candidate with the approval document once recorded', () => {
      const h = approved().run(
        cmd.round(),
        cmd.nominate(C1, { exceptional: { kind: 'skip-level', grounds: '实绩突出' } }),
      );
      expect(h.of('EXCEPTIONAL', '2025-04-01T00:00:00+08:00')[0].detail).toContain('尚无上级组织部门批复');
      h.run(cmd.exceptionalApproval(C1));
      const [finding] = h.of('EXCEPTIONAL', '2025-04-01T00:00:00+08:00');
      expect(finding).toMatchObject({ candidateId: C1, severity: 'blue', evidence: ['3', '4'] });
      expect(finding.detail).toContain('组干函〔2025〕12号');
    });
  });

  describe('HOLD_TOO_LONG', () => {
    it('is raised 3 months after a hold and closes when the objection is resolved', () => {
      const notice = inspecting([C1]);
      inspect(notice, C1);
      notice.run(
        cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]),
        cmd.publicNotice(C1),
        cmd.objection(C1),
        cmd.resolve(C1, 'hold'),
      );
      const [open] = notice.of('HOLD_TOO_LONG', '2025-07-15T10:00:00+08:00');
      expect(open).toMatchObject({ severity: 'yellow', candidateId: C1 });
      expect(open.closedAt).toBeUndefined();
      expect(notice.of('HOLD_TOO_LONG', '2025-07-13T10:00:00+08:00')).toEqual([]);
      notice.run(
        command(
          'ResolveObjection',
          { candidateId: C1, objectionId: 'obj-1', outcome: 'unfounded', findings: '经核查不属实' },
          actors.handler,
          '2025-07-20T10:00:00+08:00',
        ),
      );
      expect(notice.of('HOLD_TOO_LONG', '2025-08-01T00:00:00+08:00')[0].closedAt).toBe(
        '2025-07-20T02:00:00.000Z',
      );
    });
  });

  describe('TALK_OVERDUE', () => {
    it('is raised 30 days after appointment without a talk, and closes when the talk is recorded', () => {
      const h = appointed();
      expect(h.of('TALK_OVERDUE', '2025-05-16T08:00:00+08:00')).toEqual([]);
      expect(h.of('TALK_OVERDUE', '2025-05-16T10:00:00+08:00')).toHaveLength(1);
      h.run(cmd.appointmentTalk(C1, '2025-05-20T10:00:00+08:00'));
      expect(h.of('TALK_OVERDUE', '2025-06-01T00:00:00+08:00')[0].closedAt).toBe('2025-05-20T02:00:00.000Z');
    });
  });

  describe('PROBATION_UNREVIEWED', () => {
    it('is red once probation ends without a review, and closes when the review is recorded', () => {
      const h = appointed().run(cmd.appointmentTalk(C1));
      expect(h.of('PROBATION_UNREVIEWED', '2026-04-15T10:00:00+08:00')).toEqual([]);
      const [open] = h.of('PROBATION_UNREVIEWED', '2026-04-16T10:00:00+08:00');
      expect(open).toMatchObject({ severity: 'red', candidateId: C1 });
      h.run(cmd.review(C1, 'competent', '2026-05-06T10:00:00+08:00'));
      const [closed] = h.of('PROBATION_UNREVIEWED', '2026-06-01T00:00:00+08:00');
      expect(closed.closedAt).toBe('2026-05-06T02:00:00.000Z');
    });

    it('a probation extended after it had ended stays on record as a closed finding', () => {
      const h = appointed()
        .run(cmd.appointmentTalk(C1))
        .run(cmd.review(C1, 'extend', '2026-04-20T10:00:00+08:00', 60));
      const findings = h.of('PROBATION_UNREVIEWED', '2026-05-01T00:00:00+08:00');
      expect(findings).toHaveLength(1);
      expect(findings[0].closedAt).toBe('2026-04-20T02:00:00.000Z');
    });
  });

  describe('REPEATED_DEFERRAL', () => {
    it('flags a candidate deferred at two meetings', () => {
      const h = inspecting([C1]);
      inspect(h, C1);
      const defer = (meetingId: string, heldAt: string) =>
        command(
          'HoldDecisionMeeting',
          {
            meetingId,
            heldAt,
            entitled: 9,
            attendees: seven,
            principalLeaderId: 'm1',
            votes: [{ candidateId: C1, deferred: true, ballots: ballots(seven, {}, 'defer') }],
          } as never,
          actors.handler,
          heldAt,
        );
      h.run(defer('meeting-1', '2025-04-08T15:00:00+08:00'));
      expect(h.of('REPEATED_DEFERRAL', '2025-05-01T00:00:00+08:00')).toEqual([]);
      h.run(defer('meeting-2', '2025-04-15T15:00:00+08:00'));
      const [finding] = h.of('REPEATED_DEFERRAL', '2025-05-01T00:00:00+08:00');
      expect(finding).toMatchObject({ severity: 'blue', candidateId: C1 });
      expect(finding.evidence).toHaveLength(2);
    });
  });

  describe('SICK_PROMOTION, RECOMMENDER_ACCOUNTABLE and REVOKED', () => {
    const found = (substantiated: boolean, predatesAppointment: boolean) =>
      command(
        'RecordPostAppointmentFinding',
        {
          candidateId: C1,
          findingId: `f-${String(substantiated)}-${String(predatesAppointment)}`,
          source: 'audit',
          foundAt: '2025-09-01',
          summary: '审计发现其任职前违规决策',
          substantiated,
          predatesAppointment,
        },
        actors.handler,
        '2025-09-02T10:00:00+08:00',
      );

    it('带病提拔 on a closed case is red, names the 倒查 chain, and holds the recommender accountable', () => {
      const h = appointed(false).run(cmd.appointmentTalk(C1), found(true, true));
      const [sick] = h.of('SICK_PROMOTION', '2025-10-01T00:00:00+08:00');
      expect(sick).toMatchObject({ severity: 'red', candidateId: C1 });
      expect(sick.detail).toContain('/people/p1/accountability');
      const [accountable] = h.of('RECOMMENDER_ACCOUNTABLE', '2025-10-01T00:00:00+08:00');
      expect(accountable).toMatchObject({ severity: 'red', candidateId: C1 });
      expect(accountable.detail).toContain('党组');
    });

    it('a finding that is unsubstantiated or arose after appointment is no 带病提拔', () => {
      const h = appointed(false).run(cmd.appointmentTalk(C1), found(false, true), found(true, false));
      expect(h.of('SICK_PROMOTION', '2025-10-01T00:00:00+08:00')).toEqual([]);
      expect(h.of('RECOMMENDER_ACCOUNTABLE', '2025-10-01T00:00:00+08:00')).toEqual([]);
    });

    it('a probation review “not competent” revokes the appointment and holds the recommender accountable', () => {
      const h = appointed().run(
        cmd.appointmentTalk(C1),
        cmd.review(C1, 'incompetent', '2025-10-10T10:00:00+08:00'),
      );
      expect(h.of('REVOKED', '2025-11-01T00:00:00+08:00')).toMatchObject([
        { severity: 'yellow', candidateId: C1 },
      ]);
      expect(h.of('RECOMMENDER_ACCOUNTABLE', '2025-11-01T00:00:00+08:00')).toHaveLength(1);
      expect(h.of('PROBATION_UNREVIEWED', '2027-01-01T00:00:00+08:00')).toEqual([]);
    });
  });

  it('a replayed event changes nothing, and the next look is at the earliest open deadline', () => {
    const h = opened();
    const once = foldSupervision(h.events, policy);
    const twice = foldSupervision([...h.events, ...h.events], policy);
    expect(twice).toEqual(once);
    expect(nextFindingDue(once, '2025-03-03T10:00:00+08:00')).toBe('2025-03-06T01:00:00.000Z');
  });
});
