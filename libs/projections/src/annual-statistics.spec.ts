import { actors, ballots, C1, C2, cmd, command, MEMBERS } from '@app/appointment/testing/case-fixture';
import { testCalendar } from '@app/appointment/testing/test-calendar';
import {
  type AnnualAggregate,
  annualFacts,
  annualReport,
  annualReportRows,
  workingDaysBetween,
} from './annual-statistics';
import { foldSupervision } from './supervision-findings';
import { History, policy } from './testing/supervision-history';

const seven = MEMBERS.slice(0, 7);

const inspect = (h: History, id: string, political: 'qualified' | 'unqualified' = 'qualified') =>
  h.run(
    cmd.talk(id),
    cmd.assessment(id),
    cmd.report(id),
    cmd.check(id, 'dossier', 'verified'),
    cmd.check(id, 'personal-matters', 'consistent'),
    cmd.check(id, 'petitions', 'none'),
    cmd.draft(id, 'political', political),
    cmd.sign(id, 'political', actors.leader),
    cmd.sign(id, 'political', id === C2 ? actors.unitSecretaryB : actors.unitSecretaryA),
    cmd.draft(id, 'integrity', 'no-objection'),
    cmd.sign(id, 'integrity', id === C2 ? actors.unitSecretaryB : actors.unitSecretaryA),
    cmd.sign(id, 'integrity', id === C2 ? actors.disciplineSecretaryB : actors.disciplineSecretaryA),
  );

const toTheMeeting = (caseId: string) => {
  const h = new History(caseId).run(
    cmd.openCase(),
    cmd.approveInitiation(),
    cmd.round(),
    cmd.nominate(C1),
    cmd.eligibility(C1),
    cmd.targets([C1]),
    cmd.team(),
    cmd.notice(),
  );
  inspect(h, C1);
  return h.run(cmd.meeting([{ candidateId: C1, ballots: ballots(seven) }]), cmd.publicNotice(C1));
};

/**
 * Three cases, every figure counted by hand:
 * A — appointed 2025-04-16 on probation after an unfounded objection, revoked 2025-10-10 (not competent);
 * B — appointed 2025-04-16 without probation, closed on the talk, 带病提拔 found 2025-09-01;
 * C — a 破格 candidate blocked by concealment, the other vetoed, two reminders (one escalated), withdrawn.
 */
function threeCases(): AnnualAggregate[] {
  const a = toTheMeeting('case-a').run(
    cmd.objection(C1),
    cmd.resolve(C1, 'unfounded'),
    cmd.appoint(C1, '2025-04-16', true),
    cmd.appointmentTalk(C1),
    cmd.review(C1, 'incompetent', '2025-10-10T10:00:00+08:00'),
  );
  const b = toTheMeeting('case-b').run(
    cmd.appoint(C1, '2025-04-16', false),
    cmd.appointmentTalk(C1),
    command(
      'RecordPostAppointmentFinding',
      {
        candidateId: C1,
        findingId: 'f-1',
        source: 'discipline',
        foundAt: '2025-09-01',
        summary: '任职前违纪',
        substantiated: true,
        predatesAppointment: true,
      },
      actors.handler,
      '2025-09-02T10:00:00+08:00',
    ),
  );
  const c = new History('case-c').run(
    cmd.openCase(),
    cmd.approveInitiation(),
    cmd.reminder('rem-1'),
    command(
      'IssueReminder',
      {
        reminderId: 'rem-2',
        kind: 'check-outstanding-escalation',
        subject: `${C1}-dossier`,
        recipientRoles: ['supervisor'],
        reason: '凡提四必逾期',
        dueAt: '2025-04-17T09:00:00+08:00',
      },
      actors.system,
      '2025-04-17T09:00:01+08:00',
    ),
    cmd.round(),
    cmd.nominate(C1, { exceptional: { kind: 'other', grounds: '特殊岗位急需' } }),
    cmd.eligibility(C1),
    cmd.nominate(C2),
    cmd.eligibility(C2),
    cmd.targets([C1, C2]),
    cmd.team(),
    cmd.notice(),
    cmd.check(C1, 'personal-matters', 'concealment'),
  );
  inspect(c, C2, 'unqualified');
  c.run(cmd.withdraw());
  const facts = [a, b, c].flatMap((h) => annualFacts(foldSupervision(h.events, policy), testCalendar));
  const byKey = new Map<string, AnnualAggregate>();
  for (const f of facts.filter((x) => x.year === 2025)) {
    const key = `${f.kind}/${f.key}`;
    const row = byKey.get(key) ?? { kind: f.kind, key: f.key, total: 0, count: 0 };
    row.total += f.value;
    row.count += 1;
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

describe('yearly statistics (DOMAIN.md §8)', () => {
  it('counts every figure of a hand-counted set of cases', () => {
    const report = annualReport(2025, null, threeCases());
    expect(report).toEqual({
      year: 2025,
      orgUnit: null,
      casesOpened: 3,
      casesClosed: 3,
      appointments: 2,
      appointmentsByLevel: { 正处级: 2 },
      exceptional: 1,
      vetoes: 1,
      blocksByCheck: { dossier: 0, 'personal-matters': 1, 'discipline-opinion': 0, petitions: 0 },
      objectionsByOutcome: { unfounded: 1 },
      revocations: 1,
      sickPromotions: 1,
      // 03-03→03-04: 1; 03-04→03-20: 12; 03-20→04-08: 13; notice 04-09→04-15: 4; 04-08→04-16: 6.
      averageWorkingDaysByStage: {
        initiation: 1,
        recommendation: 12,
        inspection: 13,
        notice: 4,
        appointment: 6,
      },
      remindersIssued: 2,
      remindersEscalated: 1,
    });
  });

  it('gives nothing for a year without cases, and rows with Chinese labels', () => {
    const empty = annualReport(
      2026,
      '市委组织部',
      threeCases().filter(() => false),
    );
    expect(empty.casesOpened).toBe(0);
    expect(empty.averageWorkingDaysByStage.notice).toBeNull();
    const rows = annualReportRows(annualReport(2025, null, threeCases()));
    expect(rows).toContainEqual(['凡提四必未通过', '个人有关事项报告凡提必核', 1]);
    expect(rows).toContainEqual(['平均用时（工作日）', '任前公示', 4]);
  });

  it('counts working days on the calendar, across the National Day holiday', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-09', testCalendar)).toBe(1);
    expect(workingDaysBetween('2025-09-26T10:00:00+08:00', '2025-09-29', testCalendar)).toBe(2);
  });
});
