/**
 * A case for tests: the people involved, a command builder per command with sensible defaults,
 * and a script that drives a case through the decider to any stage, so the history a test is
 * given is always one the decider itself produced.
 */
import type {
  Actor,
  AppointmentCommand,
  AppointmentCommandType,
  CandidateVotes,
  EligibilityFlags,
  OpinionKind,
  Vote,
} from '../appointment.commands';
import type { RulesConfig } from '../appointment.config';
import type { AppointmentDecider } from '../appointment.decider';
import { createAppointmentDecider } from '../appointment.decider';
import type { AppointmentEvent } from '../appointment.events';
import { opinionDigest } from '../appointment.rules';
import type { AppointmentState, CandidateState, OpenCaseState } from '../appointment.state';
import { compareMoments, isPlainDate as isIsoDate } from '@app/time';
import { testCalendar } from './test-calendar';

export const CASE_ID = '7d4f3c2a-0000-4000-8000-000000000001';
export const OWNER_UNIT = '市委组织部';
export const UNIT_A = '市发展和改革委员会';
export const UNIT_B = '市财政局';

export const C1 = 'cand-1';
export const C2 = 'cand-2';

const actor = (id: string, name: string, role: Actor['role'], orgUnit: string): Actor => ({
  id,
  name,
  role,
  orgUnit,
});

export const actors = {
  handler: actor('h1', '张经办', 'handler', OWNER_UNIT),
  otherHandler: actor('h9', '钱经办', 'handler', '区委组织部'),
  committeeSecretary: actor('s1', '李书记', 'committee-secretary', OWNER_UNIT),
  otherCommitteeSecretary: actor('s9', '孙书记', 'committee-secretary', '区委组织部'),
  supervisor: actor('v1', '王分管', 'supervisor', OWNER_UNIT),
  auditor: actor('a1', '赵审计', 'auditor', '市委巡察办'),
  admin: actor('ad1', '管理员', 'admin', OWNER_UNIT),
  system: actor('system', '提醒服务', 'system', OWNER_UNIT),
  leader: actor('i1', '周组长', 'inspector', OWNER_UNIT),
  member: actor('i2', '吴组员', 'inspector', OWNER_UNIT),
  member3: actor('i3', '郑组员', 'inspector', OWNER_UNIT),
  outsider: actor('i8', '冯考察', 'inspector', OWNER_UNIT),
  unitSecretaryA: actor('u1', '陈书记', 'unit-secretary', UNIT_A),
  disciplineSecretaryA: actor('d1', '褚纪委书记', 'discipline-secretary', UNIT_A),
  unitSecretaryB: actor('u2', '卫书记', 'unit-secretary', UNIT_B),
  disciplineSecretaryB: actor('d2', '蒋纪委书记', 'discipline-secretary', UNIT_B),
};

export const persons = {
  [C1]: { id: 'p1', name: '刘一', birthDate: '1980-05-01', currentPost: '副主任', orgUnit: UNIT_A },
  [C2]: { id: 'p2', name: '杨二', birthDate: '1982-07-15', currentPost: '副局长', orgUnit: UNIT_B },
} as const;

export function unitSecretaryFor(candidateId: string): Actor {
  return candidateId === C2 ? actors.unitSecretaryB : actors.unitSecretaryA;
}

export function disciplineSecretaryFor(candidateId: string): Actor {
  return candidateId === C2 ? actors.disciplineSecretaryB : actors.disciplineSecretaryA;
}

export const T0 = '2025-03-03T09:00:00+08:00';

/** When a command is recorded: its usual time, or later when a test moves what it records (R28). */
export function recordedAt(usual: string, occurred?: string): string {
  if (occurred === undefined || compareMoments(occurred, usual) <= 0) return usual;
  return isIsoDate(occurred) ? `${occurred}T20:00:00+08:00` : occurred;
}

type CommandOf<T extends AppointmentCommandType> = Extract<AppointmentCommand, { type: T }>;

export function command<T extends AppointmentCommandType>(
  type: T,
  data: CommandOf<T>['data'],
  by: Actor = actors.handler,
  at: string = T0,
): CommandOf<T> {
  return { type, caseId: CASE_ID, data, actor: by, at } as CommandOf<T>;
}

export const cleanFlags: EligibilityFlags = {
  politicalDiscipline: false,
  lowAcceptance: false,
  appraisalBasicOrLower: false,
  canvassing: false,
  familyEmigrated: false,
  disciplinaryImpactPeriod: false,
};

export const REMINDER_TALK = { heldAt: '2025-04-14T09:00:00+08:00', heldBy: '李书记' };

export const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'];
/** m1 is the principal leader: the ballots list them last. */
export const PRINCIPAL = 'm1';

export function ballots(
  attendees: readonly string[],
  votes: Partial<Record<string, Vote>> = {},
  fallback: Vote = 'agree',
): Array<{ memberId: string; vote: Vote }> {
  const ordered = [...attendees.filter((m) => m !== PRINCIPAL), ...attendees.filter((m) => m === PRINCIPAL)];
  return ordered.map((memberId) => ({ memberId, vote: votes[memberId] ?? fallback }));
}

export const cmd = {
  openCase: (seats = 1) =>
    command('OpenCase', {
      post: { title: '市发展和改革委员会主任', orgUnit: UNIT_A, level: '正处级' },
      seats,
      grounds: '分析研判：主任职位空缺',
    }),
  approveInitiation: () =>
    command(
      'ApproveInitiation',
      { comment: '同意启动' },
      actors.committeeSecretary,
      '2025-03-04T10:00:00+08:00',
    ),
  rejectInitiation: () =>
    command('RejectInitiation', { comment: '暂缓' }, actors.committeeSecretary, '2025-03-04T10:00:00+08:00'),
  round: (overrides: Partial<CommandOf<'RecordRecommendationRound'>['data']> = {}) =>
    command(
      'RecordRecommendationRound',
      {
        roundId: 'round-1',
        kind: 'meeting',
        heldAt: '2025-03-10T09:00:00+08:00',
        eligible: 30,
        participants: 25,
        results: [
          { personId: 'p1', name: '刘一', votes: 18 },
          { personId: 'p2', name: '杨二', votes: 6 },
        ],
        ...overrides,
      },
      actors.handler,
      recordedAt('2025-03-10T12:00:00+08:00', overrides.heldAt),
    ),
  nominate: (candidateId: string, overrides: Partial<CommandOf<'NominateCandidate'>['data']> = {}) =>
    command(
      'NominateCandidate',
      {
        candidateId,
        person: { ...persons[candidateId as keyof typeof persons] },
        recommendedBy: { id: 'r1', name: '党组', role: 'party-group' },
        reason: '会议推荐得票较多',
        ...overrides,
      },
      actors.handler,
      '2025-03-11T09:00:00+08:00',
    ),
  eligibility: (candidateId: string, flags: Partial<EligibilityFlags> = {}) =>
    command(
      'RecordEligibility',
      { candidateId, flags: { ...cleanFlags, ...flags } },
      actors.handler,
      '2025-03-12T09:00:00+08:00',
    ),
  exceptionalApproval: (candidateId: string) =>
    command(
      'RecordExceptionalApproval',
      {
        candidateId,
        approvedBy: '省委组织部',
        documentNo: '组干函〔2025〕12号',
        approvedAt: '2025-03-14T09:00:00+08:00',
      },
      actors.handler,
      '2025-03-14T10:00:00+08:00',
    ),
  targets: (candidateIds: string[], decidedAt = '2025-03-20T09:00:00+08:00') =>
    command(
      'DetermineInspectionTargets',
      { candidateIds, decidedAt, basis: '党组会议研究确定' },
      actors.handler,
      decidedAt,
    ),
  team: (overrides: Partial<CommandOf<'FormInspectionTeam'>['data']> = {}) =>
    command(
      'FormInspectionTeam',
      {
        leader: { id: actors.leader.id, name: actors.leader.name },
        members: [{ id: actors.member.id, name: actors.member.name }],
        ...overrides,
      },
      actors.handler,
      '2025-03-21T09:00:00+08:00',
    ),
  notice: (publishedAt = '2025-03-24T09:00:00+08:00') =>
    command('PublishInspectionNotice', { publishedAt, channel: '单位公示栏' }, actors.handler, publishedAt),
  talk: (
    candidateId: string,
    overrides: Partial<CommandOf<'RecordInspectionActivity'>['data']> = {},
    by: Actor = actors.member,
  ) =>
    command(
      'RecordInspectionActivity',
      {
        candidateId,
        activityId: `talk-${candidateId}`,
        kind: 'individual-talk',
        heldAt: '2025-03-25T09:00:00+08:00',
        summary: '个别谈话 20 人',
        count: 20,
        ...overrides,
      },
      by,
      recordedAt('2025-03-25T18:00:00+08:00', overrides.heldAt),
    ),
  assessment: (
    candidateId: string,
    overrides: Partial<CommandOf<'RecordInspectionActivity'>['data']> = {},
    by: Actor = actors.member,
  ) =>
    command(
      'RecordInspectionActivity',
      {
        candidateId,
        activityId: `assess-${candidateId}`,
        kind: 'democratic-assessment',
        heldAt: '2025-03-26T09:00:00+08:00',
        summary: '民主测评',
        count: 30,
        grades: { excellent: 20, competent: 8, basic: 2, incompetent: 0 },
        ...overrides,
      },
      by,
      recordedAt('2025-03-26T18:00:00+08:00', overrides.heldAt),
    ),
  report: (candidateId: string, by: Actor = actors.leader) =>
    command(
      'SubmitInspectionReport',
      { candidateId, conclusion: '德才兼备', strengths: '政治过硬', weaknesses: '创新不足' },
      by,
      '2025-03-28T09:00:00+08:00',
    ),
  check: (
    candidateId: string,
    check: CommandOf<'RecordCheck'>['data']['check'],
    outcome: CommandOf<'RecordCheck'>['data']['outcome'],
    by: Actor = actors.handler,
  ) =>
    command(
      'RecordCheck',
      { candidateId, check, outcome, findings: '已核查', checkedAt: '2025-03-28T10:00:00+08:00' },
      by,
      '2025-03-28T10:00:00+08:00',
    ),
  draft: (
    candidateId: string,
    kind: OpinionKind,
    verdict: CommandOf<'DraftOpinion'>['data']['verdict'],
    text = opinionText(candidateId, kind),
    by?: Actor,
  ) =>
    command(
      'DraftOpinion',
      { candidateId, kind, text, verdict },
      by ?? (kind === 'political' ? actors.leader : disciplineSecretaryFor(candidateId)),
      '2025-03-31T09:00:00+08:00',
    ),
  sign: (
    candidateId: string,
    kind: OpinionKind,
    by: Actor,
    digest = opinionDigest(opinionText(candidateId, kind)),
  ) => command('SignOpinion', { candidateId, kind, digest }, by, '2025-03-31T15:00:00+08:00'),
  meeting: (votes: CandidateVotes[], overrides: Partial<CommandOf<'HoldDecisionMeeting'>['data']> = {}) =>
    command(
      'HoldDecisionMeeting',
      {
        meetingId: 'meeting-1',
        heldAt: '2025-04-08T15:00:00+08:00',
        entitled: 9,
        attendees: MEMBERS.slice(0, 7),
        principalLeaderId: PRINCIPAL,
        votes,
        ...overrides,
      },
      actors.handler,
      recordedAt('2025-04-08T18:00:00+08:00', overrides.heldAt),
    ),
  publicNotice: (candidateId: string, startDate = '2025-04-09', waived?: { ground: string }) =>
    command(
      'StartPublicNotice',
      { candidateId, startDate, ...(waived && { waived }) },
      actors.handler,
      `${startDate}T08:30:00+08:00`,
    ),
  objection: (candidateId: string, objectionId = 'obj-1', receivedAt = '2025-04-10T10:00:00+08:00') =>
    command(
      'RecordObjection',
      { candidateId, objectionId, receivedAt, summary: '反映其插手工程项目' },
      actors.handler,
      receivedAt,
    ),
  /** A minor finding comes with its reminder talk (R22). */
  resolve: (
    candidateId: string,
    outcome: CommandOf<'ResolveObjection'>['data']['outcome'],
    objectionId = 'obj-1',
  ) =>
    command(
      'ResolveObjection',
      {
        candidateId,
        objectionId,
        outcome,
        findings: '经核查',
        ...(outcome === 'minor' && { reminderTalk: REMINDER_TALK }),
      },
      actors.handler,
      '2025-04-14T10:00:00+08:00',
    ),
  appoint: (candidateId: string, noticeDate = '2025-04-16', probation = true) =>
    command(
      'IssueAppointment',
      { candidateId, noticeDate, probation },
      actors.handler,
      `${noticeDate}T10:00:00+08:00`,
    ),
  appointmentTalk: (candidateId: string, heldAt = '2025-04-18T10:00:00+08:00') =>
    command('RecordAppointmentTalk', { candidateId, heldAt, heldBy: '李书记' }, actors.handler, heldAt),
  review: (
    candidateId: string,
    result: CommandOf<'ReviewProbation'>['data']['result'],
    at: string,
    extendDays?: number,
  ) =>
    command(
      'ReviewProbation',
      { candidateId, result, findings: '试用期考核', ...(extendDays !== undefined && { extendDays }) },
      actors.handler,
      at,
    ),
  drop: (candidateId: string) => command('DropCandidate', { candidateId, reason: '本人因健康原因退出' }),
  withdraw: () => command('WithdrawCase', { reason: '机构改革，职位撤销' }),
  postAppointmentFinding: (candidateId: string, findingId = 'f-1', at = '2026-06-01T10:00:00+08:00') =>
    command(
      'RecordPostAppointmentFinding',
      {
        candidateId,
        findingId,
        source: 'inspection-tour',
        foundAt: at,
        summary: '巡察发现其任职前违规收受礼金',
        substantiated: true,
        predatesAppointment: true,
      },
      actors.handler,
      at,
    ),
  reminder: (reminderId = 'rem-1') =>
    command(
      'IssueReminder',
      {
        reminderId,
        kind: 'initiation-approval',
        subject: CASE_ID,
        recipientRoles: ['committee-secretary'],
        reason: '动议待审批',
        dueAt: '2025-03-06T09:00:00+08:00',
      },
      actors.system,
      '2025-03-06T09:00:01+08:00',
    ),
};

export function opinionText(candidateId: string, kind: OpinionKind): string {
  return kind === 'political'
    ? `${candidateId} 政治素质考察书面评价意见：政治过硬。`
    : `${candidateId} 廉政意见：未发现违纪违法问题。`;
}

export function testDecider(rules?: Partial<RulesConfig>): AppointmentDecider {
  return createAppointmentDecider({ calendar: testCalendar, rules });
}

/** Runs commands through the decider, keeping the events and the state. */
export class CaseScript {
  readonly events: AppointmentEvent[] = [];
  state: AppointmentState;

  constructor(readonly decider: AppointmentDecider = testDecider()) {
    this.state = decider.initialState();
  }

  run(...commands: AppointmentCommand[]): this {
    for (const c of commands) {
      const events = this.decider.decide(c, this.state);
      this.events.push(...events);
      this.state = events.reduce<AppointmentState>(this.decider.evolve, this.state);
    }
    return this;
  }

  get open(): OpenCaseState {
    if (this.state.status !== 'open') throw new Error(`case is ${this.state.status}`);
    return this.state;
  }

  candidate(candidateId: string): CandidateState {
    if (this.state.status === 'empty') throw new Error('no case');
    const found = this.state.candidates.find((c) => c.candidateId === candidateId);
    if (!found) throw new Error(`no candidate ${candidateId}`);
    return found;
  }

  opened(seats = 1): this {
    return this.run(cmd.openCase(seats));
  }

  approved(seats = 1): this {
    return this.opened(seats).run(cmd.approveInitiation());
  }

  /** A valid meeting round and the candidates nominated with clean eligibility. */
  recommended(candidateIds: string[] = [C1, C2], seats = 1): this {
    this.approved(seats).run(cmd.round());
    for (const id of candidateIds) this.run(cmd.nominate(id), cmd.eligibility(id));
    return this;
  }

  targeted(candidateIds: string[] = [C1, C2], seats = 1): this {
    return this.recommended(candidateIds, seats).run(cmd.targets(candidateIds));
  }

  inspecting(candidateIds: string[] = [C1, C2], seats = 1): this {
    return this.targeted(candidateIds, seats).run(cmd.team(), cmd.notice());
  }

  /** Everything R15 asks for one candidate. */
  inspect(candidateId: string, politicalVerdict: 'qualified' | 'unqualified' = 'qualified'): this {
    return this.run(
      cmd.talk(candidateId),
      cmd.assessment(candidateId),
      cmd.report(candidateId),
      cmd.check(candidateId, 'dossier', 'verified'),
      cmd.check(candidateId, 'personal-matters', 'consistent'),
      cmd.check(candidateId, 'petitions', 'none'),
      cmd.draft(candidateId, 'political', politicalVerdict),
      cmd.sign(candidateId, 'political', actors.leader),
      cmd.sign(candidateId, 'political', unitSecretaryFor(candidateId)),
      cmd.draft(candidateId, 'integrity', 'no-objection'),
      cmd.sign(candidateId, 'integrity', unitSecretaryFor(candidateId)),
      cmd.sign(candidateId, 'integrity', disciplineSecretaryFor(candidateId)),
    );
  }

  /** Both candidates inspected; C1 ready for the meeting. */
  readyForDecision(candidateIds: string[] = [C1, C2], seats = 1): this {
    this.inspecting(candidateIds, seats);
    for (const id of candidateIds) this.inspect(id);
    return this;
  }

  decided(candidateId = C1): this {
    return this.readyForDecision().run(cmd.meeting([{ candidateId, ballots: ballots(MEMBERS.slice(0, 7)) }]));
  }

  inNotice(candidateId = C1): this {
    return this.decided(candidateId).run(cmd.publicNotice(candidateId));
  }

  appointed(candidateId = C1, probation = true): this {
    return this.inNotice(candidateId).run(cmd.appoint(candidateId, '2025-04-16', probation));
  }
}
