import { createHash } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import { caseStreamId } from '@app/appointment';
import { foldCase } from '@app/projections';
import { CANDIDATE_UNIT, DEPARTMENT, OTHER_DEPARTMENT, people } from '../support/people';
import { type ReadSideApp, startReadSideApp } from './read-side-app';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the read side over HTTP (e2e)', () => {
  let rs: ReadSideApp;
  let caseId: string;
  let li: string;
  const politicalText = '该同志政治素质好，<b>政治立场坚定</b>。';

  async function ok(actor: Actor, path: string, body: object, status = 201) {
    const response = await rs.post(actor, path, body);
    if (response.status !== status)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function openCase(title: string, actor: Actor = people.handler): Promise<string> {
    const body = await ok(actor, '/cases', {
      post: { title, orgUnit: CANDIDATE_UNIT, level: '副局级' },
      grounds: '班子分析研判',
    });
    return body.caseId;
  }

  beforeAll(async () => {
    rs = await startReadSideApp('read_side');
    caseId = await openCase('副主任（纪实）');
    await ok(people.committeeSecretary, `/cases/${caseId}/initiation/approve`, { comment: '同意启动' });
    await ok(people.handler, `/cases/${caseId}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: '2025-03-05T09:00:00+08:00',
      eligible: 30,
      participants: 26,
      results: [],
    });
    li = (
      await ok(people.handler, `/cases/${caseId}/candidates`, {
        person: { id: 'p-li', name: '李四', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
        recommendedBy: { id: 'r-1', name: '赵推荐', role: '党组成员' },
        reason: '实绩突出',
      })
    ).candidateId;
    await ok(people.handler, `/cases/${caseId}/candidates/${li}/eligibility`, {
      flags: {
        politicalDiscipline: false,
        lowAcceptance: false,
        appraisalBasicOrLower: false,
        canvassing: false,
        familyEmigrated: false,
        disciplinaryImpactPeriod: false,
      },
    });
    await ok(people.handler, `/cases/${caseId}/inspection-targets`, {
      candidateIds: [li],
      decidedAt: '2025-03-10T15:00:00+08:00',
      basis: '部务会研究',
    });
    await ok(people.handler, `/cases/${caseId}/inspection-team`, {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    });
    const drafted = await ok(people.teamLeader, `/cases/${caseId}/candidates/${li}/opinions/political`, {
      text: politicalText,
      verdict: 'qualified',
    });
    await ok(people.teamLeader, `/cases/${caseId}/candidates/${li}/opinions/political/signatures`, {
      digest: drafted.digest,
    });
    await ok(people.unitSecretary, `/cases/${caseId}/candidates/${li}/opinions/political/signatures`, {
      digest: drafted.digest,
    });
    await rs.caughtUp();
  });

  afterAll(async () => {
    await rs?.close();
  });

  it('gives the timeline one entry per step, with the right actors, per candidate and as of a moment', async () => {
    const history = (await rs.get(people.auditor, `/cases/${caseId}/history`)).body.events;
    const response = await rs.get(people.auditor, `/cases/${caseId}/timeline`);
    expect(response.status).toBe(200);
    const entries = response.body.entries;
    expect(entries.map((e: { type: string }) => e.type)).toEqual(
      history.map((e: { type: string }) => e.type),
    );
    expect(entries.map((e: { revision: string }) => e.revision)).toEqual(
      history.map((e: { revision: string }) => e.revision),
    );
    expect(entries[0]).toMatchObject({
      stage: 'initiated',
      actor: { id: people.handler.id, name: people.handler.name, role: 'handler' },
    });
    expect(entries[1]).toMatchObject({
      stage: 'initiation-approved',
      actor: { id: people.committeeSecretary.id, role: 'committee-secretary' },
      grounds: '同意启动',
    });
    const signedByUnit = entries.find(
      (e: { type: string; actor: { id: string } }) =>
        e.type === 'OpinionSigned' && e.actor.id === people.unitSecretary.id,
    );
    expect(signedByUnit.signatures).toEqual([
      expect.objectContaining({ id: people.teamLeader.id, digest: sha256(politicalText) }),
      expect.objectContaining({ id: people.unitSecretary.id, digest: sha256(politicalText) }),
    ]);
    expect(signedByUnit.title).toContain('双签字完成');

    expect(response.body.revision).toBe(history.at(-1).revision);
    const oneCandidate = (await rs.get(people.auditor, `/cases/${caseId}/timeline?candidateId=${li}`)).body;
    const perCandidate = oneCandidate.entries;
    expect(perCandidate.every((e: { candidateIds: string[] }) => e.candidateIds.includes(li))).toBe(true);
    expect(perCandidate.length).toBeGreaterThanOrEqual(5);
    // The revision is the case's, not that of the candidate's last entry.
    expect(oneCandidate.revision).toBe(history.at(-1).revision);
    const asOf = (
      await rs.get(
        people.auditor,
        `/cases/${caseId}/timeline?asOf=${encodeURIComponent(history[2].metadata.recordedAt)}`,
      )
    ).body.entries;
    expect(asOf.length).toBeLessThan(entries.length);
    expect(asOf.every((e: { recordedAt: string }) => e.recordedAt <= history[2].metadata.recordedAt)).toBe(
      true,
    );
  });

  it('refuses the timeline of an unknown case (404) and of a case outside the reader’s scope (403)', async () => {
    expect(
      (await rs.get(people.auditor, '/cases/9e0b8d58-5f0a-4b43-8a43-000000000000/timeline')).status,
    ).toBe(404);
    expect((await rs.get(people.otherHandler, `/cases/${caseId}/timeline`)).status).toBe(403);
    expect((await rs.get(people.auditor, `/cases/${caseId}/timeline?asOf=yesterday`)).status).toBe(400);
  });

  it('answers 404 for a candidate the case does not have, and for a moment before the case was opened', async () => {
    const unknown = await rs.get(
      people.auditor,
      `/cases/${caseId}/timeline?candidateId=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'APPOINTMENT.CANDIDATE_NOT_FOUND' });
    expect(unknown.body.detail).toContain('本案件中没有编号为');
    const before = await rs.get(
      people.auditor,
      `/cases/${caseId}/timeline?asOf=${encodeURIComponent('2000-01-01T00:00:00+08:00')}`,
    );
    expect(before.status).toBe(404);
    expect(before.body).toMatchObject({ code: 'APPOINTMENT.CASE_NOT_YET_OPENED' });
  });

  it('prints the 纪实表 as HTML with the headings, one table per candidate, the digests and the verification', async () => {
    const response = await rs.get(people.auditor, `/cases/${caseId}/record`, 'text/html');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html: string = response.text;
    for (const heading of [
      '干部选拔任用工作全程纪实表',
      '、动议</h2>',
      '、民主推荐</h2>',
      '、考察</h2>',
      '一人一表',
      '考察对象：李四',
      '完整性校验',
      '生成时间',
    ])
      expect(html).toContain(heading);
    expect(html).toContain(sha256(politicalText));
    expect(html).toContain('哈希链校验通过');
    expect(html).not.toContain('<b>政治立场坚定</b>');
    expect(html).toContain('&lt;b&gt;政治立场坚定&lt;/b&gt;');

    const json = (await rs.get(people.auditor, `/cases/${caseId}/record`)).body;
    const timeline = (await rs.get(people.auditor, `/cases/${caseId}/timeline`)).body.entries;
    expect(json.entries).toEqual(timeline);
    expect(json.verification).toEqual({ intact: true, events: timeline.length });
    expect(json.candidates.map((c: { person: { name: string } }) => c.person.name)).toEqual(['李四']);
  });

  it('gives the state as of a past moment equal to the fold of the events recorded before it', async () => {
    const events = await rs.store.read(caseStreamId(caseId));
    const asOf = events[4].metadata.recordedAt;
    const state = (await rs.get(people.auditor, `/cases/${caseId}/state?asOf=${encodeURIComponent(asOf)}`))
      .body;
    const expected = foldCase(events.filter((e) => e.metadata.recordedAt <= asOf));
    const { revision, ...rest } = state;
    expect(rest).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(revision).toBe(events.filter((e) => e.metadata.recordedAt <= asOf).at(-1)?.revision);
  });

  it('logs every auditor read with who read what', async () => {
    await rs.get(people.auditor, `/cases/${caseId}/verify`);
    const { rows } = await rs.pool.query(
      'SELECT actor_id, resource, case_id FROM read_audit_log WHERE case_id = $1',
      [caseId],
    );
    const resources = rows.map((r) => r.resource);
    for (const resource of ['history', 'timeline', 'record', 'state', 'verify'])
      expect(resources).toContain(resource);
    expect(rows.every((r) => r.actor_id === people.auditor.id)).toBe(true);
    const before = rows.length;
    await rs.get(people.handler, `/cases/${caseId}/history`);
    expect(
      (await rs.pool.query('SELECT count(*)::int AS n FROM read_audit_log WHERE case_id = $1', [caseId]))
        .rows[0].n,
    ).toBe(before);
  });

  it('lists cases newest first with filters, scoping and cursor paging', async () => {
    const more: string[] = [];
    for (let i = 0; i < 5; i++) {
      more.push(await openCase(`科长${i}`));
      await sleep(5);
    }
    const other = await openCase('区委组织部的案件', people.otherHandler);
    await rs.caughtUp();

    const first = (await rs.get(people.handler, '/cases?limit=2')).body;
    expect(first.items.map((i: { caseId: string }) => i.caseId)).toEqual([more[4], more[3]]);
    const second = (await rs.get(people.handler, `/cases?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((i: { caseId: string }) => i.caseId)).toEqual([more[2], more[1]]);
    const all = (await rs.get(people.handler, '/cases?limit=100')).body;
    expect(all.items.map((i: { caseId: string }) => i.caseId)).toEqual([...more].reverse().concat(caseId));
    expect(all.nextCursor).toBeNull();
    expect(all.items.every((i: { ownerOrgUnit: string }) => i.ownerOrgUnit === DEPARTMENT)).toBe(true);

    expect((await rs.get(people.auditor, '/cases?limit=100')).body.items).toHaveLength(7);
    expect(
      (await rs.get(people.auditor, `/cases?orgUnit=${encodeURIComponent(OTHER_DEPARTMENT)}`)).body.items.map(
        (i: { caseId: string }) => i.caseId,
      ),
    ).toEqual([other]);
    expect(
      (await rs.get(people.handler, '/cases?stage=inspecting')).body.items.map(
        (i: { caseId: string }) => i.caseId,
      ),
    ).toEqual([caseId]);
    expect(
      (await rs.get(people.handler, `/cases?q=${encodeURIComponent('李四')}`)).body.items.map(
        (i: { caseId: string }) => i.caseId,
      ),
    ).toEqual([caseId]);
    expect(
      (await rs.get(people.unitSecretary, '/cases')).body.items.map((i: { caseId: string }) => i.caseId),
    ).toEqual([caseId]);
    // Every case opened now has its initiation-approval deadline in the future; the 2025 case's checks are overdue.
    expect(
      (await rs.get(people.handler, '/cases?overdue=true')).body.items.map(
        (i: { caseId: string }) => i.caseId,
      ),
    ).toEqual([caseId]);
    expect((await rs.get(people.handler, '/cases?limit=101')).status).toBe(400);
    expect((await rs.get(people.handler, '/cases?stage=nowhere')).status).toBe(400);
  });

  it('rebuilds a projection on request (admin only) and gives exactly the same rows', async () => {
    const before = (await rs.pool.query('SELECT to_jsonb(t)::text AS r FROM case_timeline t ORDER BY 1'))
      .rows;
    expect((await rs.post(people.handler, '/admin/projections/case-timeline/rebuild', {})).status).toBe(403);
    expect((await rs.post(people.admin, '/admin/projections/nothing/rebuild', {})).status).toBe(404);
    const started = await rs.post(people.admin, '/admin/projections/case-timeline/rebuild', {});
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ name: 'case-timeline', status: 'started' });
    const deadline = Date.now() + 20_000;
    let status = '';
    while (status !== 'done' && Date.now() < deadline) {
      const list = (await rs.get(people.admin, '/admin/projections')).body.projections;
      status = list.find((p: { name: string }) => p.name === 'case-timeline').rebuild.status;
      await sleep(50);
    }
    expect(status).toBe('done');
    expect(
      (await rs.pool.query('SELECT to_jsonb(t)::text AS r FROM case_timeline t ORDER BY 1')).rows,
    ).toEqual(before);
  });

  it('reports a stored event altered directly in PostgreSQL: intact false with the right brokenAt', async () => {
    await rs.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{comment}', '"不同意"') WHERE stream_id = $1 AND revision = 1`,
      [caseStreamId(caseId)],
    );
    const verify = (await rs.get(people.auditor, `/cases/${caseId}/verify`)).body;
    expect(verify).toMatchObject({ intact: false, brokenAt: '1' });
    const html = (await rs.get(people.auditor, `/cases/${caseId}/record`, 'text/html')).text;
    expect(html).toContain('自序号 1 的记录起哈希链校验不通过');
  });
});
