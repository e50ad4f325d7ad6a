import ExcelJS from 'exceljs';
import type { Actor } from '@app/appointment/appointment.commands';
import { CLOCK, type Clock } from '@app/platform';
import { CANDIDATE_UNIT, DEPARTMENT, OTHER_DEPARTMENT, people } from '../support/people';
import {
  appointedCase,
  cleanFlags,
  MEMBERS,
  sha256,
  type SupervisionApp,
  startSupervisionApp,
} from './supervision-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const otherSupervisor: Actor = {
  id: 'sv-900',
  name: '钱部长',
  role: 'supervisor',
  orgUnit: OTHER_DEPARTMENT,
};

interface FindingItem {
  findingId: string;
  code: string;
  severity: string;
  caseId: string;
  candidateId?: string;
  title: string;
  detail: string;
  evidence: string[];
  detectedAt: string;
  closedAt?: string;
}

describe('supervision across cases: findings, 倒查, 谁推荐谁负责, yearly statistics (e2e)', () => {
  let s: SupervisionApp;

  beforeAll(async () => {
    s = await startSupervisionApp('supervision');
  });

  afterAll(async () => {
    await s?.close();
  });

  async function findings(query: string, actor: Actor = people.auditor): Promise<FindingItem[]> {
    const response = await s.get(actor, `/supervision/findings?limit=200&${query}`);
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { items: FindingItem[] }).items;
  }

  async function recommender(id: string) {
    const response = await s.get(people.handler, `/recommenders/${id}`);
    expect(response.status).toBe(200);
    return response.body as {
      recommenderId: string;
      suspendedUntil?: string;
      records: Array<Record<string, string>>;
    };
  }

  /** The R27 process runs in the worker: wait until it has appended for this recommender. */
  async function accountableRecords(id: string, count: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const body = await recommender(id);
      if (body.records.length >= count) return body;
      if (Date.now() > deadline) throw new Error(`no accountability recorded for ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function openForNomination(): Promise<string> {
    const { caseId } = await s.ok(people.handler, '/cases', {
      post: { title: '副局长（新动议）', orgUnit: CANDIDATE_UNIT, level: '副局级' },
      grounds: '职位空缺',
    });
    await s.ok(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {});
    await s.ok(people.handler, `/cases/${caseId}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
      eligible: 30,
      participants: 26,
      results: [],
    });
    return caseId;
  }

  it('a case entered after the fact yields BACKFILLED, red beyond 30 days, with the revision that proves it', async () => {
    const { caseId } = await s.ok(people.handler, '/cases', {
      post: { title: '副局长（补录）', orgUnit: CANDIDATE_UNIT, level: '副局级' },
      grounds: '班子分析研判',
    });
    await s.ok(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {});
    const round = await s.ok(people.handler, `/cases/${caseId}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: new Date(Date.now() - 40 * 24 * 60 * 60 * 1000).toISOString(),
      eligible: 30,
      participants: 26,
      results: [],
    });
    await s.caughtUp();
    const items = await findings(`code=BACKFILLED&caseId=${caseId}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ severity: 'red', evidence: [round.revision], caseId });
    expect(items[0].title).toContain('事后补记');
    expect(items[0].detail).toContain('民主推荐');
  });

  it('an unreviewed probation yields PROBATION_UNREVIEWED, with BACKFILLED and EQUAL_SLATE beside it', async () => {
    const { caseId, candidateId } = await appointedCase(s, {
      person: { id: 'p-zhou', name: '周五' },
      recommender: { id: 'r-zhou', name: '孙推荐', role: '党组成员' },
      probation: true,
    });
    await s.caughtUp();
    const items = await findings(`caseId=${caseId}`);
    const unreviewed = items.filter((f) => f.code === 'PROBATION_UNREVIEWED');
    expect(unreviewed).toHaveLength(1);
    expect(unreviewed[0]).toMatchObject({ severity: 'red', candidateId });
    expect(unreviewed[0].closedAt).toBeUndefined();
    expect(unreviewed[0].detail).toContain('2025-03-29');
    expect(items.filter((f) => f.code === 'BACKFILLED').length).toBeGreaterThanOrEqual(8);
    expect(items.some((f) => f.code === 'EQUAL_SLATE')).toBe(true);
    expect(await findings(`caseId=${caseId}&code=PROBATION_UNREVIEWED&open=false`)).toEqual([]);
  });

  it('带病提拔 on a closed case yields SICK_PROMOTION and RECOMMENDER_ACCOUNTABLE, with a complete 倒查 chain', async () => {
    const { caseId, candidateId, politicalDigest, integrityDigest } = await appointedCase(s, {
      person: { id: 'p-wu', name: '吴六' },
      recommender: { id: 'r-wu', name: '郑推荐', role: '党组书记' },
      probation: false,
    });
    const state = await s.get(people.auditor, `/cases/${caseId}`);
    expect(state.body.stage).toBe('closed');
    const recorded = await s.ok(
      people.disciplineSecretary,
      `/cases/${caseId}/candidates/${candidateId}/post-appointment-findings`,
      {
        source: 'inspection-tour',
        foundAt: new Date().toISOString(),
        summary: '巡察发现其任职前违规收受礼金',
        substantiated: true,
        predatesAppointment: true,
      },
    );
    await s.caughtUp();

    const [sick] = await findings(`caseId=${caseId}&code=SICK_PROMOTION`);
    expect(sick).toMatchObject({ severity: 'red', candidateId });
    expect(sick.evidence).toContain(recorded.revision);
    expect(sick.detail).toContain('/people/p-wu/accountability');
    const [accountable] = await findings(`caseId=${caseId}&code=RECOMMENDER_ACCOUNTABLE`);
    expect(accountable.detail).toContain('郑推荐');

    const timeline = await s.get(people.auditor, `/cases/${caseId}/timeline`);
    expect(timeline.body.entries ?? timeline.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: expect.stringContaining('带病提拔') })]),
    );

    const chain = await s.get(people.auditor, '/people/p-wu/accountability');
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ personId: 'p-wu', name: '吴六' });
    const links = chain.body.cases[0].links as Array<{
      step: string;
      responsibility: string;
      person: { id?: string; name?: string };
      revision: string;
      caseId: string;
      digest?: string;
      vote?: string;
    }>;
    const has = (step: string, responsibility: string, personId?: string) =>
      links.some(
        (l) =>
          l.step.includes(step) &&
          l.responsibility.includes(responsibility) &&
          (personId === undefined || l.person.id === personId),
      );
    expect(has('动议', '提出动议', people.handler.id)).toBe(true);
    expect(has('动议审批', '批准动议', people.committeeSecretary.id)).toBe(true);
    expect(has('民主推荐', '实名推荐人', 'r-wu')).toBe(true);
    expect(has('考察', '考察组组长', people.teamLeader.id)).toBe(true);
    expect(has('考察', '考察组成员', people.teamMember.id)).toBe(true);
    for (const check of ['干部档案', '个人有关事项', '信访举报'])
      expect(has(check, '核查人', people.handler.id)).toBe(true);
    const signatures = links.filter((l) => l.responsibility.startsWith('签字人'));
    expect(signatures).toHaveLength(4);
    expect(signatures.filter((l) => l.digest === politicalDigest)).toHaveLength(2);
    expect(signatures.filter((l) => l.digest === integrityDigest)).toHaveLength(2);
    expect(links.filter((l) => l.step === '讨论决定' && l.vote === '同意')).toHaveLength(7);
    expect(has('任职', '发出任职通知', people.handler.id)).toBe(true);
    expect(has('任职后发现问题', '记录人', people.disciplineSecretary.id)).toBe(true);
    for (const link of links) {
      expect(link.caseId).toBe(caseId);
      expect(link.revision).toMatch(/^\d+$/);
    }

    expect((await s.get(people.supervisor, '/people/p-wu/accountability')).status).toBe(200);
    expect((await s.get(otherSupervisor, '/people/p-wu/accountability')).status).toBe(403);
    expect((await s.get(people.handler, '/people/p-wu/accountability')).status).toBe(403);
    expect((await s.get(people.auditor, '/people/nobody/accountability')).status).toBe(404);
  });

  it('R27: a probation review “not competent” suspends the recommender; their next nomination in another case is refused', async () => {
    const { caseId, candidateId } = await appointedCase(s, {
      person: { id: 'p-zheng', name: '郑七' },
      recommender: { id: 'r-liang', name: '梁推荐', role: '党组成员' },
      probation: true,
    });
    await s.ok(people.handler, `/cases/${caseId}/candidates/${candidateId}/probation-review`, {
      result: 'incompetent',
      findings: '试用期考核不称职',
    });
    const body = await accountableRecords('r-liang', 1);
    expect(body.suspendedUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.records[0]).toMatchObject({ caseId, candidateId, cause: 'probation-incompetent' });
    expect(body).toMatchObject({ otherUnitRecords: 0 });
    // Another unit sees the suspension, which binds it too, but not whose case caused it.
    for (const outsider of [people.otherHandler, otherSupervisor]) {
      const seen = await s.get(outsider, '/recommenders/r-liang');
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({
        recommenderId: 'r-liang',
        suspendedUntil: body.suspendedUntil,
        otherUnitRecords: 1,
        records: [],
      });
    }
    expect((await s.get(people.auditor, '/recommenders/r-liang')).body.records).toHaveLength(1);
    await s.caughtUp();
    expect(await findings(`caseId=${caseId}&code=RECOMMENDER_ACCOUNTABLE`)).toHaveLength(1);
    expect(await findings(`caseId=${caseId}&code=REVOKED`)).toHaveLength(1);
    // Closed: the review closed PROBATION_UNREVIEWED, which had been open since 2025-03-29.
    const [remedied] = await findings(`caseId=${caseId}&code=PROBATION_UNREVIEWED`);
    expect(remedied.closedAt).toBeDefined();

    const other = await openForNomination();
    const refused = await s.post(people.handler, `/cases/${other}/candidates`, {
      person: { id: 'p-new', name: '新八', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: 'r-liang', name: '梁推荐', role: '党组成员' },
      reason: '推荐',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('APPOINTMENT.RECOMMENDER_SUSPENDED');
    expect(refused.body.detail ?? refused.body.title).toBeDefined();
    expect(JSON.stringify(refused.body)).toContain(body.suspendedUntil as string);

    // The process is idempotent: running the same case events again appends nothing.
    await s.caughtUp();
    expect((await recommender('r-liang')).records).toHaveLength(1);
  });

  it('R27: once the suspension has run its course the recommender may recommend again', async () => {
    const { caseId, candidateId } = await appointedCase(s, {
      person: { id: 'p-old', name: '旧九' },
      recommender: { id: 'r-old', name: '陈推荐', role: '党组成员' },
      probation: false,
    });
    // Found in April 2024: a 24-month suspension from then ended in April 2026.
    await s.ok(people.handler, `/cases/${caseId}/candidates/${candidateId}/post-appointment-findings`, {
      source: 'audit',
      foundAt: '2024-04-10T10:00:00+08:00',
      summary: '审计发现其任职前违规决策',
      substantiated: true,
      predatesAppointment: true,
    });
    const body = await accountableRecords('r-old', 1);
    expect(body.records[0]).toMatchObject({ cause: 'sick-promotion', suspendedUntil: '2026-04-10' });
    expect(body.suspendedUntil).toBeUndefined();
    const other = await openForNomination();
    const accepted = await s.post(people.handler, `/cases/${other}/candidates`, {
      person: { id: 'p-new2', name: '新十', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: 'r-old', name: '陈推荐', role: '党组成员' },
      reason: '推荐',
    });
    expect(accepted.status).toBe(201);
    await s.ok(people.handler, `/cases/${other}/candidates/${accepted.body.candidateId}/eligibility`, {
      flags: cleanFlags,
    });
  });

  it('overdue checks, a missing appointment talk and a 破格 nomination yield CHECK_OVERDUE, TALK_OVERDUE and EXCEPTIONAL', async () => {
    const { caseId: checked } = await s.ok(people.handler, '/cases', {
      post: { title: '副局长（核查逾期）', orgUnit: CANDIDATE_UNIT, level: '副局级' },
      grounds: '班子分析研判',
    });
    await s.ok(people.committeeSecretary, `/cases/${checked}/initiation/approve`, {});
    await s.ok(people.handler, `/cases/${checked}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: '2024-03-05T09:00:00+08:00',
      eligible: 30,
      participants: 26,
      results: [],
    });
    const { candidateId } = await s.ok(people.handler, `/cases/${checked}/candidates`, {
      person: { id: 'p-po', name: '破格十二', currentPost: '科长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: 'r-po', name: '褚推荐', role: '党组成员' },
      reason: '实绩特别突出',
      exceptional: { kind: 'other', grounds: '急需专业人才' },
    });
    await s.ok(people.handler, `/cases/${checked}/candidates/${candidateId}/eligibility`, {
      flags: cleanFlags,
    });
    await s.ok(people.handler, `/cases/${checked}/inspection-targets`, {
      candidateIds: [candidateId],
      decidedAt: '2024-03-11T15:00:00+08:00',
      basis: '部务会研究确定',
    });
    const { caseId: untalked, candidateId: appointee } = await appointedCase(s, {
      person: { id: 'p-talk', name: '谈话十三' },
      recommender: { id: 'r-talk', name: '卫推荐', role: '党组成员' },
      probation: false,
      talk: false,
    });
    await s.caughtUp();
    const overdue = await findings(`caseId=${checked}&code=CHECK_OVERDUE&open=true`);
    expect(overdue).toHaveLength(4);
    expect(overdue.every((f) => f.candidateId === candidateId && f.severity === 'yellow')).toBe(true);
    expect(overdue.map((f) => f.title).join()).toContain('凡提四必核查逾期');
    const [exceptional] = await findings(`caseId=${checked}&code=EXCEPTIONAL`);
    expect(exceptional).toMatchObject({ severity: 'blue', candidateId });
    expect(exceptional.detail).toContain('尚无上级组织部门批复');

    const [talk] = await findings(`caseId=${untalked}&code=TALK_OVERDUE`);
    expect(talk).toMatchObject({ severity: 'yellow', candidateId: appointee });
    expect(talk.closedAt).toBeUndefined();
    await s.ok(people.handler, `/cases/${untalked}/candidates/${appointee}/appointment-talk`, {
      heldAt: '2024-05-20T10:00:00+08:00',
      heldBy: '陈书记',
    });
    await s.caughtUp();
    const [remedied] = await findings(`caseId=${untalked}&code=TALK_OVERDUE`);
    expect(remedied.closedAt).toBe('2024-05-20T02:00:00.000Z');
    expect(await findings(`caseId=${untalked}&code=TALK_OVERDUE&open=true`)).toEqual([]);
  });

  it('with the service clock set back: a late approval and a late signature yield LATE_APPROVAL and SIGNATURE_OVERDUE, closed once done', async () => {
    const clock = s.app.get<Clock>(CLOCK);
    const real = clock.now.bind(clock);
    const days = (n: number) => new Date(real().getTime() - n * 24 * 60 * 60 * 1000);
    let caseId: string;
    let candidateId: string;
    try {
      clock.now = () => days(20);
      ({ caseId } = await s.ok(people.handler, '/cases', {
        post: { title: '副局长（审批逾期）', orgUnit: CANDIDATE_UNIT, level: '副局级' },
        grounds: '班子分析研判',
      }));
      await s.caughtUp();
      const [late] = await findings(`caseId=${caseId}&code=LATE_APPROVAL`);
      expect(late).toMatchObject({ severity: 'yellow' });
      expect(late.closedAt).toBeUndefined();
      clock.now = () => days(12);
      await s.ok(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, {});
      await s.ok(people.handler, `/cases/${caseId}/recommendation-rounds`, {
        kind: 'meeting',
        heldAt: days(12).toISOString(),
        eligible: 30,
        participants: 26,
        results: [],
      });
      ({ candidateId } = await s.ok(people.handler, `/cases/${caseId}/candidates`, {
        person: { id: 'p-sign', name: '签字十四', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
        recommendedBy: { id: 'r-sign', name: '蒋推荐', role: '党组成员' },
        reason: '推荐',
      }));
      await s.ok(people.handler, `/cases/${caseId}/candidates/${candidateId}/eligibility`, {
        flags: cleanFlags,
      });
      await s.ok(people.handler, `/cases/${caseId}/inspection-targets`, {
        candidateIds: [candidateId],
        decidedAt: days(12).toISOString(),
        basis: '部务会研究确定',
      });
      await s.ok(people.handler, `/cases/${caseId}/inspection-team`, {
        leader: { id: people.teamLeader.id, name: people.teamLeader.name },
        members: [{ id: people.teamMember.id, name: people.teamMember.name }],
      });
      await s.ok(people.teamLeader, `/cases/${caseId}/candidates/${candidateId}/opinions/political`, {
        text: '政治素质好。',
        verdict: 'qualified',
      });
    } finally {
      clock.now = real;
    }
    await s.ok(
      people.teamLeader,
      `/cases/${caseId}/candidates/${candidateId}/opinions/political/signatures`,
      {
        digest: sha256('政治素质好。'),
      },
    );
    await s.caughtUp();
    const [approval] = await findings(`caseId=${caseId}&code=LATE_APPROVAL`);
    expect(approval.closedAt).toBeDefined();
    const [signature] = await findings(`caseId=${caseId}&code=SIGNATURE_OVERDUE`);
    expect(signature).toMatchObject({ severity: 'yellow', candidateId });
    expect(signature.closedAt).toBeUndefined();
    expect(signature.detail).toContain('单位党委（党组）书记');
    await s.ok(
      people.unitSecretary,
      `/cases/${caseId}/candidates/${candidateId}/opinions/political/signatures`,
      {
        digest: sha256('政治素质好。'),
      },
    );
    await s.caughtUp();
    const [signed] = await findings(`caseId=${caseId}&code=SIGNATURE_OVERDUE`);
    expect(signed.closedAt).toBeDefined();
  });

  it('a candidate deferred at two meetings yields REPEATED_DEFERRAL; an objection on hold past 3 months HOLD_TOO_LONG', async () => {
    const deferred = await appointedCase(s, {
      person: { id: 'p-defer', name: '缓议十五' },
      recommender: { id: 'r-defer', name: '韩推荐', role: '党组成员' },
      probation: false,
      stopAt: 'meeting',
    });
    const meeting = (heldAt: string) => ({
      heldAt,
      entitled: 9,
      attendees: MEMBERS,
      principalLeaderId: 'm1',
      votes: [
        {
          candidateId: deferred.candidateId,
          // R19: deferral is the meeting's resolution, not a count of "defer" ballots
          deferred: true,
          ballots: [...MEMBERS.slice(1), 'm1'].map((memberId) => ({ memberId, vote: 'defer' })),
        },
      ],
    });
    const first = await s.ok(
      people.handler,
      `/cases/${deferred.caseId}/decision-meetings`,
      meeting('2024-03-20T15:00:00+08:00'),
    );
    const second = await s.ok(
      people.handler,
      `/cases/${deferred.caseId}/decision-meetings`,
      meeting('2024-04-10T15:00:00+08:00'),
    );
    await s.caughtUp();
    const [repeated] = await findings(`caseId=${deferred.caseId}&code=REPEATED_DEFERRAL`);
    expect(repeated).toMatchObject({ severity: 'blue', candidateId: deferred.candidateId });
    expect(repeated.evidence).toEqual([first.revision, second.revision]);

    const held = await appointedCase(s, {
      person: { id: 'p-hold', name: '暂缓十六' },
      recommender: { id: 'r-hold', name: '杨推荐', role: '党组成员' },
      probation: false,
      stopAt: 'notice',
    });
    const c = `/cases/${held.caseId}/candidates/${held.candidateId}`;
    const { objectionId } = await s.ok(people.handler, `${c}/objections`, {
      receivedAt: '2024-03-22T10:00:00+08:00',
      summary: '反映其违规兼职',
    });
    const clock = s.app.get<Clock>(CLOCK);
    const real = clock.now.bind(clock);
    try {
      clock.now = () => new Date(real().getTime() - 120 * 24 * 60 * 60 * 1000);
      await s.ok(people.handler, `${c}/objections/${objectionId}/resolution`, {
        outcome: 'hold',
        findings: '有关部门尚在核查',
      });
    } finally {
      clock.now = real;
    }
    await s.caughtUp();
    const [hold] = await findings(`caseId=${held.caseId}&code=HOLD_TOO_LONG`);
    expect(hold).toMatchObject({ severity: 'yellow', candidateId: held.candidateId });
    expect(hold.closedAt).toBeUndefined();
    await s.ok(people.handler, `${c}/objections/${objectionId}/resolution`, {
      outcome: 'unfounded',
      findings: '经核查不属实',
    });
    await s.caughtUp();
    const [resolved] = await findings(`caseId=${held.caseId}&code=HOLD_TOO_LONG`);
    expect(resolved.closedAt).toBeDefined();
  });

  it('findings are scoped like cases, filtered, and paged with a signed cursor', async () => {
    await s.caughtUp();
    const all = await findings('');
    expect(all.length).toBeGreaterThan(5);
    expect(await findings('', people.supervisor)).toHaveLength(all.length);
    expect(await findings('', otherSupervisor)).toEqual([]);
    expect((await s.get(people.handler, '/supervision/findings')).status).toBe(403);
    const red = await findings('severity=red');
    expect(red.every((f) => f.severity === 'red')).toBe(true);
    expect(await findings(`orgUnit=${encodeURIComponent(OTHER_DEPARTMENT)}`)).toEqual([]);
    expect((await findings(`orgUnit=${encodeURIComponent(DEPARTMENT)}`)).length).toBe(all.length);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await s.get(
        people.auditor,
        `/supervision/findings?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as FindingItem[]).map((f) => f.findingId));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(all.map((f) => f.findingId));

    const first = await s.get(people.auditor, '/supervision/findings?limit=2');
    const good = first.body.nextCursor as string;
    const [payload, signature] = good.split('.');
    const forged = Buffer.from(JSON.stringify(['2100-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.${'A'.repeat(43)}`,
      'garbage',
      `${payload}x.${signature}`,
    ]) {
      const response = await s.get(people.auditor, `/supervision/findings?cursor=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(400);
    }
    expect((await s.get(people.auditor, '/supervision/findings?code=NOPE')).status).toBe(400);
    expect((await s.get(people.auditor, '/supervision/findings?caseId=1%00')).status).toBe(400);
    for (const path of [
      '/supervision/findings?orgUnit=%00',
      '/reports/annual?year=2025&orgUnit=a%00b',
      '/supervision/findings?orgUnit=%20',
      '/reports/annual?year=2025&orgUnit=%E3%80%80',
      '/reports/annual?year=1e309',
      '/people/%00/accountability',
      '/recommenders/%01',
    ])
      expect([path, (await s.get(people.auditor, path)).status]).toEqual([path, 400]);
    // Bytes that are not UTF-8 arrive as U+FFFD: an org unit with no findings, never a 5xx.
    expect((await s.get(people.auditor, '/supervision/findings?orgUnit=%ED%A0%80')).status).toBe(200);
  });

  it('refuses bad post-appointment findings with 400/409 and changes nothing', async () => {
    const { caseId, candidateId } = await appointedCase(s, {
      person: { id: 'p-bad', name: '错十一' },
      recommender: { id: 'r-bad', name: '冯推荐', role: '党组成员' },
      probation: false,
    });
    const path = `/cases/${caseId}/candidates/${candidateId}/post-appointment-findings`;
    const valid = {
      source: 'petition',
      foundAt: '2024-05-01T10:00:00+08:00',
      summary: '信访反映',
      substantiated: false,
      predatesAppointment: true,
    };
    expect((await s.post(people.handler, path, { ...valid, source: 'rumour' })).status).toBe(400);
    expect((await s.post(people.handler, path, { ...valid, substantiated: 'yes' })).status).toBe(400);
    const early = await s.post(people.handler, path, { ...valid, foundAt: '2024-03-01T10:00:00+08:00' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('APPOINTMENT.OUT_OF_ORDER');
    const future = await s.post(people.handler, path, { ...valid, foundAt: '2099-01-01T10:00:00+08:00' });
    expect(future.body.code).toBe('APPOINTMENT.OCCURRED_IN_FUTURE');
    expect((await s.post(people.otherHandler, path, valid)).status).toBe(403);
    expect((await s.post(people.auditor, path, valid)).status).toBe(403);
    const history = await s.get(people.auditor, `/cases/${caseId}/history`);
    const events = (history.body.events ?? history.body) as Array<{ type: string }>;
    expect(events.some((e) => e.type === 'PostAppointmentFindingRecorded')).toBe(false);
  });

  it('the yearly statistics come as JSON, CSV with a BOM and an XLSX that reads back the same', async () => {
    await s.caughtUp();
    const json = await s.get(people.auditor, '/reports/annual?year=2024');
    expect(json.status).toBe(200);
    // Appointed in 2024: 周五, 吴六, 郑七, 旧九, 谈话十三, 错十一 — all at 副局级.
    expect(json.body).toMatchObject({
      year: 2024,
      appointments: 6,
      appointmentsByLevel: { 副局级: 6 },
      // 旧九: found in April 2024.
      sickPromotions: 1,
    });
    expect(json.body.averageWorkingDaysByStage.notice).toBe(4);

    const csv = await s.get(people.auditor, '/reports/annual?year=2024', 'text/csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('项目,分项,数值');
    expect(csv.text).toContain('任职（按职级）,副局级,6');

    const xlsx = await s.getBinary(people.auditor, '/reports/annual?year=2024', XLSX);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '项目', '分项', '数值']);
    const rows = new Map<string, unknown>();
    sheet.eachRow((row, n) => {
      if (n > 1)
        rows.set(
          `${String(row.getCell(1).value)}/${String(row.getCell(2).value ?? '')}`,
          row.getCell(3).value,
        );
    });
    expect(rows.get('任职/合计')).toBe(6);
    expect(rows.get('任职（按职级）/副局级')).toBe(6);
    expect(rows.get('免去试任职务/')).toBe(json.body.revocations);

    const now = await s.get(people.auditor, `/reports/annual?year=${new Date().getUTCFullYear()}`);
    expect(now.body.casesOpened).toBeGreaterThanOrEqual(7);
    expect(now.body.sickPromotions).toBe(1);
    expect(now.body.revocations).toBe(1);
    expect(
      (await s.get(otherSupervisor, `/reports/annual?year=2024&orgUnit=${encodeURIComponent(DEPARTMENT)}`))
        .status,
    ).toBe(403);
    expect((await s.get(people.auditor, '/reports/annual?year=abc')).status).toBe(400);
  });
});
