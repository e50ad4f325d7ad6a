import { createHash } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import type { Response } from 'supertest';
import { CaseClient, expectStatus } from './case-client';
import { CANDIDATE_UNIT, people } from './people';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const MEETING_MEMBERS = [
  { id: 'm1', name: '李书记' },
  { id: 'm2', name: '王副书记' },
  { id: 'm3', name: '张部长' },
  { id: 'm4', name: '赵委员' },
  { id: 'm5', name: '钱委员' },
  { id: 'm6', name: '孙委员' },
  { id: 'm7', name: '周委员' },
];
export const PRINCIPAL = 'm1';
/** Ballots with the principal leader's vote last (R17). */
export const ballotsOf = (
  vote: 'agree' | 'disagree' | 'defer',
  attendees = MEETING_MEMBERS.map((m) => m.id),
) => [
  ...attendees.filter((m) => m !== PRINCIPAL).map((memberId) => ({ memberId, vote })),
  ...attendees.filter((m) => m === PRINCIPAL).map((memberId) => ({ memberId, vote })),
];

/**
 * A case driven over HTTP step by step, dated in the spring of 2024 (the service clock is later,
 * so every occurred time is in the past, R28). Each step expects 201.
 */
export class CaseSteps {
  caseId = '';
  readonly candidates: string[] = [];

  constructor(private readonly client: CaseClient) {}

  async post(actor: Actor, path: string, body: unknown, status = 201): Promise<Response> {
    return expectStatus(await this.client.post(actor, `/cases/${this.caseId}${path}`, body), status);
  }

  async get(actor: Actor = people.auditor): Promise<Record<string, unknown>> {
    return expectStatus(await this.client.get(actor, `/cases/${this.caseId}`), 200).body;
  }

  async open(seats = 1): Promise<this> {
    const opened = expectStatus(
      await this.client.post(people.handler, '/cases', {
        post: { title: '市发展和改革委员会副主任', orgUnit: CANDIDATE_UNIT, level: '副局级' },
        seats,
        grounds: '领导班子分析研判：副主任职位空缺',
      }),
      201,
    );
    this.caseId = opened.body.caseId;
    await this.post(people.committeeSecretary, '/initiation/approve', { comment: '同意启动' });
    return this;
  }

  /** A valid meeting round held 2024-03-10 and the named persons nominated with clean eligibility. */
  async recommended(names: string[] = ['李四']): Promise<this> {
    await this.post(people.handler, '/recommendation-rounds', {
      kind: 'meeting',
      heldAt: '2024-03-10T09:00:00+08:00',
      eligible: 30,
      participants: 26,
      results: names.map((name, i) => ({ personId: `p-${i}`, name, votes: 20 - i })),
    });
    for (const [i, name] of names.entries()) {
      const nominated = await this.post(people.handler, '/candidates', {
        person: { id: `p-${i}`, name, birthDate: '1980-05-01', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
        recommendedBy: { id: 'r-001', name: '钱主任', role: '单位主要负责同志' },
        reason: '实绩突出，群众公认',
      });
      this.candidates.push(nominated.body.candidateId);
      await this.post(people.handler, `/candidates/${nominated.body.candidateId}/eligibility`, {
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
    return this;
  }

  /** Targets decided 2024-03-20, the team formed, the notice published 2024-03-22. */
  async inspecting(): Promise<this> {
    await this.post(people.handler, '/inspection-targets', {
      candidateIds: this.candidates,
      decidedAt: '2024-03-20T15:00:00+08:00',
      basis: '部务会研究确定考察对象',
    });
    await this.post(people.handler, '/inspection-team', {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    });
    await this.post(people.handler, '/inspection-notice', {
      publishedAt: '2024-03-22T09:00:00+08:00',
      channel: '单位内部公告栏',
    });
    return this;
  }

  /** Everything R15 asks for one candidate; the last check is dated 2024-03-28. */
  async inspect(candidateId: string): Promise<this> {
    const on = (rest: string) => `/candidates/${candidateId}${rest}`;
    await this.post(people.teamMember, on('/inspection-activities'), {
      kind: 'individual-talk',
      heldAt: '2024-03-25T09:00:00+08:00',
      summary: '个别谈话 25 人',
      count: 25,
    });
    await this.post(people.teamLeader, on('/inspection-report'), {
      conclusion: '德才兼备',
      strengths: '政治过硬',
      weaknesses: '创新不足',
    });
    for (const [check, outcome] of [
      ['dossier', 'verified'],
      ['personal-matters', 'consistent'],
      ['petitions', 'none'],
    ] as const) {
      await this.post(people.handler, on(`/checks/${check}`), {
        outcome,
        findings: '已核查',
        checkedAt: '2024-03-28T10:00:00+08:00',
      });
    }
    const political = `${candidateId} 政治素质好`;
    await this.post(people.teamLeader, on('/opinions/political'), { text: political, verdict: 'qualified' });
    await this.post(people.teamLeader, on('/opinions/political/signatures'), { digest: sha256(political) });
    await this.post(people.unitSecretary, on('/opinions/political/signatures'), {
      digest: sha256(political),
    });
    const integrity = `${candidateId} 未发现违纪违法问题`;
    await this.post(people.disciplineSecretary, on('/opinions/integrity'), {
      text: integrity,
      verdict: 'no-objection',
    });
    await this.post(people.unitSecretary, on('/opinions/integrity/signatures'), {
      digest: sha256(integrity),
    });
    await this.post(people.disciplineSecretary, on('/opinions/integrity/signatures'), {
      digest: sha256(integrity),
    });
    return this;
  }

  async readyForDecision(names: string[] = ['李四']): Promise<this> {
    await (await (await this.open(names.length)).recommended(names)).inspecting();
    for (const id of this.candidates) await this.inspect(id);
    return this;
  }

  /** Approved at a meeting on 2024-04-08 and in public notice from 2024-04-09 (ends 2024-04-15). */
  async inNotice(): Promise<this> {
    await this.readyForDecision();
    await this.post(people.handler, '/decision-meetings', {
      heldAt: '2024-04-08T15:00:00+08:00',
      entitled: 9,
      members: MEETING_MEMBERS,
      attendees: MEETING_MEMBERS.map((m) => m.id),
      principalLeaderId: PRINCIPAL,
      votes: [{ candidateId: this.candidates[0], ballots: ballotsOf('agree') }],
    });
    await this.post(people.handler, `/candidates/${this.candidates[0]}/public-notice`, {
      startDate: '2024-04-09',
    });
    return this;
  }
}
