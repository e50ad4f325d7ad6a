import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { evolveAppointment } from '@app/appointment/appointment.evolve';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { initialAppointmentState } from '@app/appointment/appointment.state';
import { testCalendar } from '@app/appointment/testing/test-calendar';
import { Deadline, diffDeadlines, openDeadlines } from './deadline-policy';

const caseId = '11111111-1111-4111-8111-111111111111';
const actor = { id: 'h-1', name: '王经办', role: 'handler' as const };
const person = (id: string, name: string) => ({ id, name, currentPost: '处长', orgUnit: '市发改委' });

const opened = (openedAt: string): AppointmentEvent => ({
  type: 'CaseOpened',
  data: {
    caseId,
    ownerOrgUnit: '市委组织部',
    post: { title: '副主任', orgUnit: '市发改委', level: '副局级' },
    seats: 1,
    grounds: '研判',
    openedBy: actor,
    openedAt,
  },
});
const approved = (at: string): AppointmentEvent => ({
  type: 'InitiationApproved',
  data: { caseId, approvedBy: actor, approvedAt: at },
});
const round = (heldAt: string): AppointmentEvent => ({
  type: 'RecommendationRoundRecorded',
  data: {
    caseId,
    roundId: 'r1',
    kind: 'meeting',
    heldAt,
    eligible: 30,
    participants: 25,
    requiredParticipants: 20,
    results: [],
    recordedBy: actor,
    recordedAt: heldAt,
  },
});
const nominated = (candidateId: string, name: string): AppointmentEvent => ({
  type: 'CandidateNominated',
  data: {
    caseId,
    candidateId,
    person: person(`p-${candidateId}`, name),
    recommendedBy: actor,
    reason: '推荐',
    nominatedBy: actor,
    nominatedAt: '2025-03-03T09:00:00+08:00',
  },
});
const targets = (candidateIds: string[], decidedAt: string): AppointmentEvent => ({
  type: 'InspectionTargetsDetermined',
  data: {
    caseId,
    candidateIds,
    notSelected: [],
    decidedAt,
    basis: '部务会',
    latestRoundAt: '2025-03-01',
    recordedBy: actor,
  },
});
const drafted = (
  candidateId: string,
  kind: 'political' | 'integrity',
  digest: string,
  draftedAt: string,
): AppointmentEvent => ({
  type: 'OpinionDrafted',
  data: {
    caseId,
    candidateId,
    kind,
    text: 't',
    digest,
    verdict: kind === 'political' ? 'qualified' : 'no-objection',
    draftedBy: actor,
    draftedAt,
  },
});
const signed = (
  candidateId: string,
  kind: 'political' | 'integrity',
  digest: string,
  signedAs: 'inspection-leader' | 'unit-secretary' | 'discipline-secretary',
  id: string,
): AppointmentEvent => ({
  type: 'OpinionSigned',
  data: {
    caseId,
    candidateId,
    kind,
    digest,
    signer: { id, name: id, role: 'inspector', signedAs },
    signedAt: '2025-04-01T10:00:00+08:00',
  },
});
const check = (
  candidateId: string,
  name: 'dossier' | 'personal-matters' | 'petitions',
): AppointmentEvent => ({
  type: 'CheckRecorded',
  data: {
    caseId,
    candidateId,
    check: name,
    outcome: name === 'dossier' ? 'verified' : name === 'petitions' ? 'none' : 'consistent',
    findings: 'ok',
    checkedAt: '2025-04-01T10:00:00+08:00',
    blocking: false,
    checkedBy: actor,
  },
});

function fold(events: AppointmentEvent[]): AppointmentState {
  return events.reduce(evolveAppointment, initialAppointmentState());
}

function deadlinesOf(events: AppointmentEvent[]): Deadline[] {
  return openDeadlines(fold(events), { calendar: testCalendar });
}

const byKind = (list: Deadline[], kind: string) => list.filter((d) => d.kind === kind);

describe('openDeadlines (DOMAIN.md §3)', () => {
  it('has none for a case that does not exist', () => {
    expect(openDeadlines(initialAppointmentState(), { calendar: testCalendar })).toEqual([]);
  });

  describe('initiation awaiting approval', () => {
    it('falls due 3 working days after initiation at 09:00, counting the 调休 Sunday, and escalates to the supervisor at 6', () => {
      const list = deadlinesOf([opened('2025-09-26T15:00:00+08:00')]);
      expect(byKind(list, 'initiation-approval')).toEqual([
        {
          deadlineId: `${caseId}-initiation-approval-case`,
          caseId,
          kind: 'initiation-approval',
          subject: 'case',
          dueAt: '2025-09-30T09:00:00+08:00',
          recipientRoles: ['committee-secretary'],
          reason: expect.stringContaining('尚未审批'),
          escalationLevel: 0,
        },
      ]);
      // 10-01..10-08 are the National Day holiday; 10-11 (Saturday) is worked in lieu.
      expect(byKind(list, 'initiation-approval-escalation')).toEqual([
        expect.objectContaining({
          dueAt: '2025-10-11T09:00:00+08:00',
          recipientRoles: ['supervisor'],
          escalationLevel: 1,
        }),
      ]);
    });

    it('uses the Shanghai date of a UTC time and configurable periods', () => {
      const state = fold([opened('2025-03-02T17:00:00Z')]);
      const list = openDeadlines(state, {
        calendar: testCalendar,
        periods: { initiationApprovalWorkingDays: 1, reminderTime: '08:30' },
      });
      expect(byKind(list, 'initiation-approval')[0].dueAt).toBe('2025-03-04T08:30:00+08:00');
    });

    it('disappears once the initiation is approved', () => {
      const list = deadlinesOf([opened('2025-09-26T15:00:00+08:00'), approved('2025-09-29T09:00:00+08:00')]);
      expect(list.filter((d) => d.kind.startsWith('initiation'))).toEqual([]);
    });

    it('gives no deadline ids containing a colon', () => {
      for (const d of deadlinesOf([opened('2025-09-26T15:00:00+08:00')]))
        expect(d.deadlineId).not.toContain(':');
    });
  });

  describe('recommendation about to expire', () => {
    const base = [
      opened('2025-01-06T09:00:00+08:00'),
      approved('2025-01-06T10:00:00+08:00'),
      round('2025-03-01T09:00:00+08:00'),
    ];

    it('falls due 11 months after the latest valid round while no targets are determined', () => {
      expect(byKind(deadlinesOf(base), 'recommendation-expiry')).toEqual([
        expect.objectContaining({
          subject: 'case',
          dueAt: '2026-02-01T09:00:00+08:00',
          recipientRoles: ['handler', 'supervisor'],
        }),
      ]);
    });

    it('disappears once inspection targets are determined', () => {
      const list = deadlinesOf([
        ...base,
        nominated('c1', '李四'),
        targets(['c1'], '2025-03-10T09:00:00+08:00'),
      ]);
      expect(byKind(list, 'recommendation-expiry')).toEqual([]);
    });
  });

  describe('凡提四必 check outstanding', () => {
    const base = [
      opened('2025-01-06T09:00:00+08:00'),
      approved('2025-01-06T10:00:00+08:00'),
      round('2025-03-01T09:00:00+08:00'),
      nominated('c1', '李四'),
      targets(['c1'], '2025-03-10T15:00:00+08:00'),
    ];

    it('opens one per missing check 10 working days after targets, to the discipline secretary for the discipline opinion, supervisor at 2×', () => {
      const list = deadlinesOf(base);
      const first = byKind(list, 'check-outstanding');
      expect(first.map((d) => d.subject).sort()).toEqual([
        'c1-discipline-opinion',
        'c1-dossier',
        'c1-personal-matters',
        'c1-petitions',
      ]);
      expect(first.every((d) => d.dueAt === '2025-03-24T09:00:00+08:00')).toBe(true);
      expect(first.find((d) => d.subject === 'c1-discipline-opinion')?.recipientRoles).toEqual([
        'discipline-secretary',
      ]);
      expect(first.find((d) => d.subject === 'c1-dossier')?.recipientRoles).toEqual(['handler']);
      const escalated = byKind(list, 'check-outstanding-escalation');
      expect(escalated).toHaveLength(4);
      expect(escalated.every((d) => d.dueAt === '2025-04-07T09:00:00+08:00' && d.escalationLevel === 1)).toBe(
        true,
      );
    });

    it('closes a check once it is recorded, and the discipline opinion once the integrity opinion is double-signed', () => {
      const list = deadlinesOf([
        ...base,
        check('c1', 'dossier'),
        drafted('c1', 'integrity', 'd1', '2025-03-12T09:00:00+08:00'),
        signed('c1', 'integrity', 'd1', 'unit-secretary', 'us-1'),
        signed('c1', 'integrity', 'd1', 'discipline-secretary', 'ds-1'),
      ]);
      expect(
        byKind(list, 'check-outstanding')
          .map((d) => d.subject)
          .sort(),
      ).toEqual(['c1-personal-matters', 'c1-petitions']);
    });

    it('closes for a dropped candidate', () => {
      const dropped: AppointmentEvent = {
        type: 'CandidateDropped',
        data: {
          caseId,
          candidateId: 'c1',
          reason: '本人申请',
          droppedBy: actor,
          droppedAt: '2025-03-11T09:00:00+08:00',
        },
      };
      expect(deadlinesOf([...base, dropped]).filter((d) => d.kind.startsWith('check'))).toEqual([]);
    });
  });

  describe('signature outstanding', () => {
    const base = [
      opened('2025-01-06T09:00:00+08:00'),
      approved('2025-01-06T10:00:00+08:00'),
      round('2025-03-01T09:00:00+08:00'),
      nominated('c1', '李四'),
      targets(['c1'], '2025-03-10T15:00:00+08:00'),
    ];

    it('names the missing signer 3 working days after the draft, and escalates to the supervisor', () => {
      const list = deadlinesOf([
        ...base,
        drafted('c1', 'political', 'd1', '2025-03-14T10:00:00+08:00'),
        signed('c1', 'political', 'd1', 'inspection-leader', 'i-1'),
      ]);
      expect(byKind(list, 'signature-outstanding')).toEqual([
        expect.objectContaining({
          subject: 'c1-political',
          dueAt: '2025-03-19T09:00:00+08:00',
          recipientRoles: ['unit-secretary'],
          reason: expect.stringContaining('单位党委（党组）书记'),
        }),
      ]);
      expect(byKind(list, 'signature-outstanding-escalation')).toEqual([
        expect.objectContaining({
          subject: 'c1-political',
          dueAt: '2025-03-24T09:00:00+08:00',
          recipientRoles: ['supervisor'],
        }),
      ]);
    });

    it('moves with a re-draft and disappears when both have signed', () => {
      const first = deadlinesOf([...base, drafted('c1', 'political', 'd1', '2025-03-14T10:00:00+08:00')]);
      const redrafted = deadlinesOf([
        ...base,
        drafted('c1', 'political', 'd1', '2025-03-14T10:00:00+08:00'),
        drafted('c1', 'political', 'd2', '2025-03-17T10:00:00+08:00'),
      ]);
      expect(byKind(first, 'signature-outstanding')[0].recipientRoles).toEqual([
        'inspector',
        'unit-secretary',
      ]);
      expect(byKind(redrafted, 'signature-outstanding')[0].dueAt).toBe('2025-03-20T09:00:00+08:00');
      const done = deadlinesOf([
        ...base,
        drafted('c1', 'political', 'd1', '2025-03-14T10:00:00+08:00'),
        signed('c1', 'political', 'd1', 'inspection-leader', 'i-1'),
        signed('c1', 'political', 'd1', 'unit-secretary', 'us-1'),
      ]);
      expect(done.filter((d) => d.kind.startsWith('signature'))).toEqual([]);
    });
  });

  describe('after the decision', () => {
    const meeting: AppointmentEvent = {
      type: 'DecisionMeetingHeld',
      data: {
        caseId,
        meetingId: 'm1',
        heldAt: '2025-04-08T09:00:00+08:00',
        decisionDate: '2025-04-08',
        entitled: 7,
        attendees: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
        recused: [],
        principalLeaderId: 'a',
        quorum: 5,
        majority: 4,
        results: [{ candidateId: 'c1', ballots: [], agree: 7, disagree: 0, defer: 0, outcome: 'approved' }],
        recordedBy: actor,
      },
    };
    const notice: AppointmentEvent = {
      type: 'PublicNoticeStarted',
      data: {
        caseId,
        candidateId: 'c1',
        startDate: '2025-04-10',
        endDate: '2025-04-16',
        workingDays: 5,
        startedBy: actor,
        startedAt: '2025-04-10T09:00:00+08:00',
      },
    };
    const base = [
      opened('2025-01-06T09:00:00+08:00'),
      approved('2025-01-06T10:00:00+08:00'),
      round('2025-03-01T09:00:00+08:00'),
      nominated('c1', '李四'),
      targets(['c1'], '2025-03-10T15:00:00+08:00'),
      meeting,
      notice,
    ];
    const objection: AppointmentEvent = {
      type: 'ObjectionRecorded',
      data: {
        caseId,
        candidateId: 'c1',
        objectionId: 'o1',
        receivedAt: '2025-04-11T09:00:00+08:00',
        summary: '反映',
      } as never,
    };
    const hold: AppointmentEvent = {
      type: 'ObjectionResolved',
      data: {
        caseId,
        candidateId: 'c1',
        objectionId: 'o1',
        outcome: 'hold',
        findings: '待核',
        resolvedBy: actor,
        resolvedAt: '2025-04-14T09:00:00+08:00',
      },
    };
    const resolved: AppointmentEvent = {
      type: 'ObjectionResolved',
      data: {
        caseId,
        candidateId: 'c1',
        objectionId: 'o1',
        outcome: 'unfounded',
        findings: '不属实',
        resolvedBy: actor,
        resolvedAt: '2025-05-14T09:00:00+08:00',
      },
    };
    const issued = (probation: boolean): AppointmentEvent => ({
      type: 'AppointmentIssued',
      data: {
        caseId,
        candidateId: 'c1',
        noticeDate: '2025-04-18',
        effectiveDate: '2025-04-18',
        seniorityFrom: '2025-04-08',
        probation,
        probationEndDate: probation ? '2026-04-18' : null,
        issuedBy: actor,
        issuedAt: '2025-04-18T09:00:00+08:00',
      },
    });
    const talk: AppointmentEvent = {
      type: 'AppointmentTalkRecorded',
      data: {
        caseId,
        candidateId: 'c1',
        heldAt: '2025-04-20T09:00:00+08:00',
        heldBy: '陈书记',
        recordedBy: actor,
      },
    };

    it('reminds the handler on the notice end date: ready to appoint, or objections still open', () => {
      expect(byKind(deadlinesOf(base), 'notice-ends')).toEqual([
        expect.objectContaining({
          subject: 'c1',
          dueAt: '2025-04-16T09:00:00+08:00',
          recipientRoles: ['handler'],
          reason: expect.stringContaining('可以办理任职'),
        }),
      ]);
      expect(byKind(deadlinesOf([...base, objection]), 'notice-ends')[0].reason).toContain(
        '仍有1件反映问题未办结',
      );
    });

    it('escalates a hold after 3 months to the supervisor, until it is resolved', () => {
      expect(byKind(deadlinesOf([...base, objection, hold]), 'hold-too-long')).toEqual([
        expect.objectContaining({
          deadlineId: `${caseId}-hold-too-long-o1`,
          subject: 'o1',
          dueAt: '2025-07-14T09:00:00+08:00',
          recipientRoles: ['supervisor'],
          escalationLevel: 1,
        }),
      ]);
      expect(byKind(deadlinesOf([...base, objection, hold, resolved]), 'hold-too-long')).toEqual([]);
    });

    it('asks for the appointment talk 30 days after appointment, and warns 30 days before and on the probation end date', () => {
      const list = deadlinesOf([...base, issued(true)]);
      expect(byKind(list, 'notice-ends')).toEqual([]);
      expect(byKind(list, 'appointment-talk-missing')).toEqual([
        expect.objectContaining({ dueAt: '2025-05-18T09:00:00+08:00', recipientRoles: ['handler'] }),
      ]);
      expect(byKind(list, 'probation-ending')).toEqual([
        expect.objectContaining({
          dueAt: '2026-03-19T09:00:00+08:00',
          recipientRoles: ['handler', 'supervisor'],
        }),
      ]);
      expect(byKind(list, 'probation-ends')).toEqual([
        expect.objectContaining({ dueAt: '2026-04-18T09:00:00+08:00' }),
      ]);
      const talked = deadlinesOf([...base, issued(true), talk]);
      expect(byKind(talked, 'appointment-talk-missing')).toEqual([]);
      expect(byKind(deadlinesOf([...base, issued(false)]), 'probation-ends')).toEqual([]);
    });

    it('has none once the case is closed', () => {
      const closed: AppointmentEvent = {
        type: 'CaseClosed',
        data: { caseId, outcome: 'withdrawn', closedAt: '2025-04-20T09:00:00+08:00' },
      };
      expect(deadlinesOf([...base, issued(true), closed])).toEqual([]);
    });
  });

  describe('outside the calendar data', () => {
    it('still gives a deadline, skipping weekends', () => {
      const list = deadlinesOf([opened('2027-03-05T09:00:00+08:00')]);
      expect(byKind(list, 'initiation-approval')[0].dueAt).toBe('2027-03-10T09:00:00+08:00');
    });
  });
});

describe('diffDeadlines', () => {
  const d = (id: string, dueAt: string): Deadline => ({
    deadlineId: id,
    caseId,
    kind: 'notice-ends',
    subject: id,
    dueAt,
    recipientRoles: ['handler'],
    reason: 'r',
    escalationLevel: 0,
  });

  it('reports new, gone and moved deadlines', () => {
    const { added, removed } = diffDeadlines(
      [d('a', '2025-01-01'), d('b', '2025-01-01')],
      [d('b', '2025-01-02'), d('c', '2025-01-01')],
    );
    expect(added.map((x) => x.deadlineId)).toEqual(['b', 'c']);
    expect(removed.map((x) => x.deadlineId)).toEqual(['a', 'b']);
  });
});
