import { createHash, randomUUID } from 'node:crypto';
import type { Actor, AppointmentCommand, AppointmentDecider, AppointmentState } from '@app/appointment';
import { caseStreamId } from '@app/appointment';
import { aggregateStream, type EventStore, handleCommand } from '@app/event-store';
import { CANDIDATE_UNIT, people } from '../../support/people';

type DataOf<T extends AppointmentCommand['type']> = Extract<AppointmentCommand, { type: T }>['data'];

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

/** Drives one case through the domain directly (load, decide, append), each step at a given time. */
export class CaseDriver {
  readonly caseId = randomUUID();
  readonly candidateId = randomUUID();
  readonly objectionId = randomUUID();

  constructor(
    private readonly store: EventStore,
    private readonly decider: AppointmentDecider,
  ) {}

  async run<T extends AppointmentCommand['type']>(
    type: T,
    actor: Actor,
    at: string,
    data: DataOf<T>,
  ): Promise<void> {
    const command = { type, caseId: this.caseId, actor, at, data } as AppointmentCommand;
    const commandId = randomUUID();
    await handleCommand(this.store, caseStreamId(this.caseId), this.decider, command, {
      context: { actor, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
    });
  }

  async state(): Promise<AppointmentState> {
    return (await aggregateStream(this.store, caseStreamId(this.caseId), this.decider)).state;
  }

  open(at: string): Promise<void> {
    return this.run('OpenCase', people.handler, at, {
      post: { title: '市发展和改革委员会副主任', orgUnit: CANDIDATE_UNIT, level: '副局级' },
      seats: 1,
      grounds: '分析研判：职位空缺',
    });
  }

  approve(at: string): Promise<void> {
    return this.run('ApproveInitiation', people.committeeSecretary, at, { comment: '同意' });
  }

  async recommend(heldAt: string, at: string): Promise<void> {
    await this.run('RecordRecommendationRound', people.handler, at, {
      roundId: randomUUID(),
      kind: 'meeting',
      heldAt,
      eligible: 30,
      participants: 26,
      results: [{ personId: 'p-li', name: '李四', votes: 20 }],
    });
    await this.run('NominateCandidate', people.handler, at, {
      candidateId: this.candidateId,
      person: { id: 'p-li', name: '李四', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: people.handler.id, name: people.handler.name, role: 'handler' },
      reason: '会议推荐得票较多',
    });
    await this.run('RecordEligibility', people.handler, at, {
      candidateId: this.candidateId,
      flags: {
        politicalDiscipline: false,
        lowAcceptance: false,
        appraisalBasicOrLower: false,
        canvassing: false,
        familyEmigrated: false,
        disciplinaryImpactPeriod: false,
      },
    });
  }

  determineTargets(at: string): Promise<void> {
    return this.run('DetermineInspectionTargets', people.handler, at, {
      candidateIds: [this.candidateId],
      decidedAt: at,
      basis: '部务会研究确定',
    });
  }

  async inspect(at: string): Promise<void> {
    const leader = { id: people.teamLeader.id, name: people.teamLeader.name };
    await this.run('FormInspectionTeam', people.handler, at, {
      leader,
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    });
    await this.run('PublishInspectionNotice', people.handler, at, { publishedAt: at, channel: '公告栏' });
    await this.run('RecordInspectionActivity', people.teamLeader, at, {
      candidateId: this.candidateId,
      activityId: randomUUID(),
      kind: 'individual-talk',
      heldAt: at,
      summary: '个别谈话',
      count: 20,
    });
    await this.run('SubmitInspectionReport', people.teamLeader, at, {
      candidateId: this.candidateId,
      conclusion: '建议任用',
      strengths: '政治坚定',
      weaknesses: '无',
    });
  }

  draftPolitical(at: string): Promise<void> {
    return this.run('DraftOpinion', people.teamLeader, at, {
      candidateId: this.candidateId,
      kind: 'political',
      text: POLITICAL,
      verdict: 'qualified',
    });
  }

  async completeOpinionsAndChecks(at: string): Promise<void> {
    const id = this.candidateId;
    await this.run('SignOpinion', people.teamLeader, at, {
      candidateId: id,
      kind: 'political',
      digest: sha256(POLITICAL),
    });
    await this.run('SignOpinion', people.unitSecretary, at, {
      candidateId: id,
      kind: 'political',
      digest: sha256(POLITICAL),
    });
    await this.run('DraftOpinion', people.disciplineSecretary, at, {
      candidateId: id,
      kind: 'integrity',
      text: INTEGRITY,
      verdict: 'no-objection',
    });
    await this.run('SignOpinion', people.unitSecretary, at, {
      candidateId: id,
      kind: 'integrity',
      digest: sha256(INTEGRITY),
    });
    await this.run('SignOpinion', people.disciplineSecretary, at, {
      candidateId: id,
      kind: 'integrity',
      digest: sha256(INTEGRITY),
    });
    await this.run('RecordCheck', people.handler, at, {
      candidateId: id,
      check: 'dossier',
      outcome: 'verified',
      findings: '无误',
      checkedAt: at,
    });
    await this.run('RecordCheck', people.handler, at, {
      candidateId: id,
      check: 'personal-matters',
      outcome: 'consistent',
      findings: '一致',
      checkedAt: at,
    });
    await this.run('RecordCheck', people.disciplineSecretary, at, {
      candidateId: id,
      check: 'petitions',
      outcome: 'none',
      findings: '无',
      checkedAt: at,
    });
  }

  decide(at: string): Promise<void> {
    return this.run('HoldDecisionMeeting', people.handler, at, {
      meetingId: randomUUID(),
      heldAt: at,
      entitled: members.length,
      attendees: members,
      principalLeaderId: 'm7',
      votes: [
        {
          candidateId: this.candidateId,
          ballots: members.map((memberId) => ({ memberId, vote: 'agree' as const })),
        },
      ],
    });
  }

  startNotice(startDate: string, at: string): Promise<void> {
    return this.run('StartPublicNotice', people.handler, at, { candidateId: this.candidateId, startDate });
  }

  async objectAndHold(at: string): Promise<void> {
    await this.run('RecordObjection', people.handler, at, {
      candidateId: this.candidateId,
      objectionId: this.objectionId,
      receivedAt: at,
      summary: '反映工作作风问题',
    });
    await this.run('ResolveObjection', people.handler, at, {
      candidateId: this.candidateId,
      objectionId: this.objectionId,
      outcome: 'hold',
      findings: '暂时无法核实',
    });
  }

  resolveUnfounded(at: string): Promise<void> {
    return this.run('ResolveObjection', people.handler, at, {
      candidateId: this.candidateId,
      objectionId: this.objectionId,
      outcome: 'unfounded',
      findings: '经核实不属实',
    });
  }

  appoint(noticeDate: string, at: string): Promise<void> {
    return this.run('IssueAppointment', people.handler, at, {
      candidateId: this.candidateId,
      noticeDate,
      probation: true,
    });
  }

  talk(at: string): Promise<void> {
    return this.run('RecordAppointmentTalk', people.handler, at, {
      candidateId: this.candidateId,
      heldAt: at,
      heldBy: people.committeeSecretary.name,
    });
  }
}

const POLITICAL = '该同志政治素质好，政治立场坚定。';
const INTEGRITY = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';
