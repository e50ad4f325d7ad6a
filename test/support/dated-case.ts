import { createHash } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import type { CaseClient } from './case-client';
import { CANDIDATE_UNIT, people } from './people';

/** The occurred dates of one case, all in the past: a clerk enters the case after the fact (补录). */
export interface CaseDates {
  round: string;
  targets: string;
  inspectionNotice: string;
  activities: string;
  checks: string;
  meeting: string;
  noticeStart: string;
  appointment: string;
  talk: string;
}

export const DATES_2025: CaseDates = {
  round: '2025-03-05T09:00:00+08:00',
  targets: '2025-03-20T15:00:00+08:00',
  inspectionNotice: '2025-03-22T09:00:00+08:00',
  activities: '2025-03-25T09:00:00+08:00',
  checks: '2025-03-28T10:00:00+08:00',
  meeting: '2025-04-10T09:00:00+08:00',
  noticeStart: '2025-04-11',
  appointment: '2025-04-21',
  talk: '2025-04-22T10:00:00+08:00',
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
const POLITICAL = '该同志政治素质好，政治立场坚定。';
const INTEGRITY = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';

export type CaseStep =
  | 'opened'
  | 'recommended'
  | 'targets'
  | 'inspected'
  | 'checked'
  | 'decided'
  | 'notice'
  | 'appointed'
  | 'closed';

/**
 * One case with one candidate, entered over HTTP step by step as a clerk would, up to `until`.
 * Each request must succeed; `onStep` sees the time each one returned.
 */
export class DatedCase {
  caseId = '';
  candidateId = '';
  readonly stepTimes: number[] = [];

  constructor(
    private readonly client: CaseClient,
    private readonly dates: CaseDates,
    readonly postTitle = '市发展和改革委员会副主任',
  ) {}

  private async send(actor: Actor, path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await this.client.post(actor, path, body);
    this.stepTimes.push(Date.now());
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  }

  private command(actor: Actor, path: string, body: unknown): Promise<Record<string, unknown>> {
    return this.send(actor, `/cases/${this.caseId}${path}`, body);
  }

  private candidate(actor: Actor, path: string, body: unknown): Promise<Record<string, unknown>> {
    return this.command(actor, `/candidates/${this.candidateId}${path}`, body);
  }

  async enter(until: CaseStep = 'closed'): Promise<void> {
    const d = this.dates;
    const opened = await this.send(people.handler, '/cases', {
      post: { title: this.postTitle, orgUnit: CANDIDATE_UNIT, level: '副局级' },
      seats: 1,
      grounds: '领导班子分析研判：副主任职位空缺',
    });
    this.caseId = String(opened.caseId);
    await this.command(people.committeeSecretary, '/initiation/approve', { comment: '同意启动' });
    if (until === 'opened') return;

    await this.command(people.handler, '/recommendation-rounds', {
      kind: 'meeting',
      heldAt: d.round,
      eligible: 30,
      participants: 26,
      results: [{ personId: 'p-li', name: '李四', votes: 20 }],
    });
    const nominated = await this.command(people.handler, '/candidates', {
      person: {
        id: 'p-li',
        name: '李四',
        birthDate: '1978-06-15',
        currentPost: '综合处处长',
        orgUnit: CANDIDATE_UNIT,
      },
      recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
      reason: '民主推荐得票较多，实绩突出',
    });
    this.candidateId = String(nominated.candidateId);
    await this.candidate(people.handler, '/eligibility', {
      flags: {
        politicalDiscipline: false,
        lowAcceptance: false,
        appraisalBasicOrLower: false,
        canvassing: false,
        familyEmigrated: false,
        disciplinaryImpactPeriod: false,
      },
    });
    if (until === 'recommended') return;

    await this.command(people.handler, '/inspection-targets', {
      candidateIds: [this.candidateId],
      decidedAt: d.targets,
      basis: '部务会研究确定考察对象',
    });
    await this.command(people.handler, '/inspection-team', {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    });
    if (until === 'targets') return;

    await this.command(people.handler, '/inspection-notice', {
      publishedAt: d.inspectionNotice,
      channel: '单位内部公告栏',
    });
    await this.candidate(people.teamMember, '/inspection-activities', {
      kind: 'individual-talk',
      heldAt: d.activities,
      summary: '个别谈话，了解德能勤绩廉',
      count: 20,
    });
    await this.candidate(people.teamLeader, '/inspection-activities', {
      kind: 'democratic-assessment',
      heldAt: d.activities,
      summary: '民主测评',
      count: 40,
      grades: { excellent: 30, competent: 8, basic: 2, incompetent: 0 },
    });
    await this.candidate(people.teamLeader, '/inspection-report', {
      conclusion: '考察情况报告',
      strengths: '政治坚定，业务精通',
      weaknesses: '创新意识有待加强',
    });
    if (until === 'inspected') return;

    await this.candidate(people.teamLeader, '/opinions/political', { text: POLITICAL, verdict: 'qualified' });
    await this.candidate(people.teamLeader, '/opinions/political/signatures', { digest: sha256(POLITICAL) });
    await this.candidate(people.unitSecretary, '/opinions/political/signatures', {
      digest: sha256(POLITICAL),
    });
    await this.candidate(people.disciplineSecretary, '/opinions/integrity', {
      text: INTEGRITY,
      verdict: 'no-objection',
    });
    await this.candidate(people.unitSecretary, '/opinions/integrity/signatures', {
      digest: sha256(INTEGRITY),
    });
    await this.candidate(people.disciplineSecretary, '/opinions/integrity/signatures', {
      digest: sha256(INTEGRITY),
    });
    await this.candidate(people.handler, '/checks/dossier', {
      outcome: 'verified',
      findings: '三龄两历一身份无误',
      checkedAt: d.checks,
    });
    await this.candidate(people.handler, '/checks/personal-matters', {
      outcome: 'consistent',
      findings: '查核一致',
      checkedAt: d.checks,
    });
    await this.candidate(people.disciplineSecretary, '/checks/petitions', {
      outcome: 'none',
      findings: '未收到信访举报',
      checkedAt: d.checks,
    });
    if (until === 'checked') return;

    await this.command(people.handler, '/decision-meetings', {
      heldAt: d.meeting,
      entitled: members.length,
      attendees: members,
      principalLeaderId: 'm7',
      votes: [
        {
          candidateId: this.candidateId,
          // R17: the principal leader states their vote last.
          ballots: members.map((memberId) => ({ memberId, vote: 'agree' })),
        },
      ],
    });
    if (until === 'decided') return;

    await this.candidate(people.handler, '/public-notice', { startDate: d.noticeStart });
    if (until === 'notice') return;

    await this.candidate(people.handler, '/appointment', { noticeDate: d.appointment, probation: true });
    if (until === 'appointed') return;

    await this.candidate(people.handler, '/appointment-talk', {
      heldAt: d.talk,
      heldBy: people.committeeSecretary.name,
    });
    await this.candidate(people.handler, '/probation-review', {
      result: 'competent',
      findings: '试用期满考核称职',
    });
  }

  /** The longest gap between two consecutive requests' answers, in ms. */
  get longestGapMs(): number {
    let longest = 0;
    for (let i = 1; i < this.stepTimes.length; i += 1)
      longest = Math.max(longest, this.stepTimes[i] - this.stepTimes[i - 1]);
    return longest;
  }
}
