import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, DEPARTMENT, OTHER_DEPARTMENT, people } from '../support/people';
import {
  caseBody,
  caseInInspection,
  meetingRound,
  noFlags,
  nomination,
  PreparedCase,
} from './support/fault-case';

type Role =
  | 'handler'
  | 'inspector'
  | 'unit-secretary'
  | 'discipline-secretary'
  | 'committee-secretary'
  | 'supervisor'
  | 'auditor'
  | 'admin';
type Scope = 'own' | 'other';

const OTHER_UNIT = '区发展和改革局';
const DIGEST = 'a'.repeat(64);

/**
 * "own" is what DOMAIN.md §5 scopes each role to: the case's org unit (handler, supervisor,
 * committee secretary), the inspection team (inspector: the team leader), the candidate's unit
 * (the two secretaries). Auditors and admins are not scoped; "other" is then just another person.
 */
const actors: Record<Role, Record<Scope, Actor>> = {
  handler: { own: people.handler, other: people.otherHandler },
  inspector: {
    own: people.teamLeader,
    other: { id: 'i-900', name: '钱组长', role: 'inspector', orgUnit: DEPARTMENT },
  },
  'unit-secretary': {
    own: people.unitSecretary,
    other: { id: 'us-900', name: '冯书记', role: 'unit-secretary', orgUnit: OTHER_UNIT },
  },
  'discipline-secretary': {
    own: people.disciplineSecretary,
    other: { id: 'ds-900', name: '蒋组长', role: 'discipline-secretary', orgUnit: OTHER_UNIT },
  },
  'committee-secretary': {
    own: people.committeeSecretary,
    other: { id: 'cs-900', name: '沈书记', role: 'committee-secretary', orgUnit: OTHER_DEPARTMENT },
  },
  supervisor: {
    own: people.supervisor,
    other: { id: 'sv-900', name: '韩部长', role: 'supervisor', orgUnit: OTHER_DEPARTMENT },
  },
  auditor: {
    own: people.auditor,
    other: { id: 'au-900', name: '杨巡察', role: 'auditor', orgUnit: '省委巡视办' },
  },
  admin: {
    own: people.admin,
    other: { id: 'ad-900', name: '朱管理', role: 'admin', orgUnit: OTHER_DEPARTMENT },
  },
};
const ROLES = Object.keys(actors) as Role[];

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: (c: PreparedCase) => string;
  body?: () => unknown;
  /** DOMAIN.md §5 (and API.md on the two opinions): who may, when acting within their own scope. */
  allowed: readonly Role[];
  /** Not tied to a case: the scope of the caller does not matter. */
  unscoped?: boolean;
}

const READERS: readonly Role[] = [
  'handler',
  'inspector',
  'unit-secretary',
  'discipline-secretary',
  'committee-secretary',
  'supervisor',
  'auditor',
  'admin',
];
const UNSCOPED_READERS: readonly Role[] = ['auditor', 'admin'];
const cand = (c: PreparedCase, rest: string) => `/cases/${c.caseId}/candidates/${c.candidateId}${rest}`;
const ago = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();

// Writes that end the case or the candidate come last, so every other command meets a live case.
const endpoints: Endpoint[] = [
  { name: 'GET /cases/:id', method: 'GET', path: (c) => `/cases/${c.caseId}`, allowed: READERS },
  {
    name: 'GET /cases/:id/timeline',
    method: 'GET',
    path: (c) => `/cases/${c.caseId}/timeline`,
    allowed: READERS,
  },
  {
    name: 'GET /cases/:id/history',
    method: 'GET',
    path: (c) => `/cases/${c.caseId}/history`,
    allowed: READERS,
  },
  {
    name: 'GET /cases/:id/state',
    method: 'GET',
    path: (c) => `/cases/${c.caseId}/state?revision=0`,
    allowed: READERS,
  },
  {
    name: 'GET /cases/:id/verify',
    method: 'GET',
    path: (c) => `/cases/${c.caseId}/verify`,
    allowed: READERS,
  },
  {
    name: 'GET /cases/:id/record',
    method: 'GET',
    path: (c) => `/cases/${c.caseId}/record`,
    allowed: READERS,
  },
  { name: 'GET /cases', method: 'GET', path: () => '/cases', allowed: READERS, unscoped: true },
  {
    name: 'GET /admin/projections',
    method: 'GET',
    path: () => '/admin/projections',
    allowed: ['admin'],
    unscoped: true,
  },
  {
    name: 'POST /admin/projections/:name/rebuild',
    method: 'POST',
    path: () => '/admin/projections/no-such-projection/rebuild',
    body: () => ({}),
    allowed: ['admin'],
    unscoped: true,
  },
  {
    name: 'POST /cases',
    method: 'POST',
    path: () => '/cases',
    body: () => caseBody(),
    allowed: ['handler'],
    unscoped: true,
  },
  {
    name: 'POST initiation/approve',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/initiation/approve`,
    body: () => ({}),
    allowed: ['committee-secretary'],
  },
  {
    name: 'POST initiation/reject',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/initiation/reject`,
    body: () => ({ comment: '不同意' }),
    allowed: ['committee-secretary'],
  },
  {
    name: 'POST recommendation-rounds',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/recommendation-rounds`,
    body: meetingRound,
    allowed: ['handler'],
  },
  {
    name: 'POST candidates',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/candidates`,
    body: () => nomination(`p-${randomUUID()}`, '李四'),
    allowed: ['handler'],
  },
  {
    name: 'POST eligibility',
    method: 'POST',
    path: (c) => cand(c, '/eligibility'),
    body: () => noFlags,
    allowed: ['handler'],
  },
  {
    name: 'POST exceptional-approval',
    method: 'POST',
    path: (c) => cand(c, '/exceptional-approval'),
    body: () => ({ approvedBy: '省委组织部', documentNo: '组干〔2024〕1号', approvedAt: ago(15) }),
    allowed: ['handler'],
  },
  {
    name: 'POST inspection-targets',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/inspection-targets`,
    body: () => ({ candidateIds: [randomUUID()], decidedAt: ago(5), basis: '部务会' }),
    allowed: ['handler'],
  },
  {
    name: 'POST inspection-team',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/inspection-team`,
    body: () => ({ leader: { id: 'i-100', name: '甲' }, members: [{ id: 'i-101', name: '乙' }] }),
    allowed: ['handler'],
  },
  {
    name: 'POST inspection-notice',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/inspection-notice`,
    body: () => ({ publishedAt: ago(3), channel: '公告栏' }),
    allowed: ['handler'],
  },
  {
    name: 'POST inspection-activities',
    method: 'POST',
    path: (c) => cand(c, '/inspection-activities'),
    body: () => ({ kind: 'individual-talk', heldAt: ago(2), summary: '个别谈话', count: 5 }),
    allowed: ['inspector'],
  },
  {
    name: 'POST inspection-report',
    method: 'POST',
    path: (c) => cand(c, '/inspection-report'),
    body: () => ({ conclusion: '结论', strengths: '优点', weaknesses: '不足' }),
    allowed: ['inspector'],
  },
  {
    name: 'POST opinions/political',
    method: 'POST',
    path: (c) => cand(c, '/opinions/political'),
    body: () => ({ text: '政治素质好', verdict: 'qualified' }),
    allowed: ['inspector'],
  },
  {
    name: 'POST opinions/integrity',
    method: 'POST',
    path: (c) => cand(c, '/opinions/integrity'),
    body: () => ({ text: '无不同意见', verdict: 'no-objection' }),
    allowed: ['handler', 'discipline-secretary'],
  },
  {
    name: 'POST opinions/political/signatures',
    method: 'POST',
    path: (c) => cand(c, '/opinions/political/signatures'),
    body: () => ({ digest: DIGEST }),
    allowed: ['inspector', 'unit-secretary'],
  },
  {
    name: 'POST opinions/integrity/signatures',
    method: 'POST',
    path: (c) => cand(c, '/opinions/integrity/signatures'),
    body: () => ({ digest: DIGEST }),
    allowed: ['unit-secretary', 'discipline-secretary'],
  },
  {
    name: 'POST checks/dossier',
    method: 'POST',
    path: (c) => cand(c, '/checks/dossier'),
    body: () => ({ outcome: 'verified', findings: '无误', checkedAt: ago(1) }),
    allowed: ['handler'],
  },
  {
    name: 'POST checks/personal-matters',
    method: 'POST',
    path: (c) => cand(c, '/checks/personal-matters'),
    body: () => ({ outcome: 'consistent', findings: '一致', checkedAt: ago(1) }),
    allowed: ['handler'],
  },
  {
    name: 'POST checks/petitions',
    method: 'POST',
    path: (c) => cand(c, '/checks/petitions'),
    body: () => ({ outcome: 'none', findings: '未收到', checkedAt: ago(1) }),
    allowed: ['handler', 'discipline-secretary'],
  },
  {
    name: 'POST decision-meetings',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/decision-meetings`,
    body: () => ({
      heldAt: ago(1),
      entitled: 3,
      attendees: ['m1', 'm2', 'm3'],
      principalLeaderId: 'm1',
      votes: [{ candidateId: randomUUID(), ballots: [{ memberId: 'm1', vote: 'agree' }] }],
    }),
    allowed: ['handler'],
  },
  {
    name: 'POST public-notice',
    method: 'POST',
    path: (c) => cand(c, '/public-notice'),
    body: () => ({ startDate: '2024-04-11' }),
    allowed: ['handler'],
  },
  {
    name: 'POST objections',
    method: 'POST',
    path: (c) => cand(c, '/objections'),
    body: () => ({ receivedAt: ago(1), summary: '反映问题' }),
    allowed: ['handler'],
  },
  {
    name: 'POST objections/:oid/resolution',
    method: 'POST',
    path: (c) => cand(c, `/objections/${randomUUID()}/resolution`),
    body: () => ({ outcome: 'unfounded', findings: '不属实' }),
    allowed: ['handler'],
  },
  {
    name: 'POST appointment',
    method: 'POST',
    path: (c) => cand(c, '/appointment'),
    body: () => ({ noticeDate: '2024-04-19', probation: true }),
    allowed: ['handler'],
  },
  {
    name: 'POST appointment-talk',
    method: 'POST',
    path: (c) => cand(c, '/appointment-talk'),
    body: () => ({ heldAt: ago(1), heldBy: '陈书记' }),
    allowed: ['handler'],
  },
  {
    name: 'POST probation-review',
    method: 'POST',
    path: (c) => cand(c, '/probation-review'),
    body: () => ({ result: 'competent', findings: '称职' }),
    allowed: ['handler'],
  },
  {
    name: 'POST candidates/:cid/drop',
    method: 'POST',
    path: (c) => cand(c, '/drop'),
    body: () => ({ reason: '个人原因' }),
    allowed: ['handler'],
  },
  {
    name: 'POST withdraw',
    method: 'POST',
    path: (c) => `/cases/${c.caseId}/withdraw`,
    body: () => ({ reason: '职位调整' }),
    allowed: ['handler'],
  },
];

const PROBLEM = /^application\/problem\+json/;

describe('the authorization matrix: every role × every endpoint × own / other scope (DOMAIN.md §5)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let prepared: PreparedCase;

  beforeAll(async () => {
    e2e = await startE2eApp('fault_authz');
    client = new CaseClient(e2e);
    prepared = await caseInInspection(client);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function send(endpoint: Endpoint, actor: Actor) {
    const path = endpoint.path(prepared);
    return endpoint.method === 'GET' ? client.get(actor, path) : client.post(actor, path, endpoint.body?.());
  }

  async function historyLength(): Promise<number> {
    const response = await client.get(people.auditor, `/cases/${prepared.caseId}/history`);
    return (response.body as { events: unknown[] }).events.length;
  }

  it('refuses exactly the combinations §5 does not allow, with 403 problem details, and lets the others through', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const endpoint of endpoints) {
      const combos = ROLES.flatMap((role) => (['own', 'other'] as const).map((scope) => ({ role, scope })));
      const expectAllowed = ({ role, scope }: { role: Role; scope: Scope }) =>
        endpoint.allowed.includes(role) &&
        (scope === 'own' ||
          endpoint.unscoped === true ||
          (UNSCOPED_READERS.includes(role) && endpoint.method === 'GET'));
      // Refusals first: an allowed write may move the case on.
      const ordered = [...combos.filter((c) => !expectAllowed(c)), ...combos.filter(expectAllowed)];
      for (const combo of ordered) {
        const allowed = expectAllowed(combo);
        const before = allowed ? 0 : await historyLength();
        const response = await send(endpoint, actors[combo.role][combo.scope]);
        checked++;
        const label = `${endpoint.name} as ${combo.role} (${combo.scope})`;
        if (response.status >= 500)
          mismatches.push(`${label}: ${response.status} ${JSON.stringify(response.body)}`);
        else if (allowed && response.status === 403)
          mismatches.push(`${label}: expected to be allowed, got 403 ${response.body.code}`);
        else if (!allowed && response.status !== 403)
          mismatches.push(
            `${label}: expected 403, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        else if (!allowed) {
          if (!PROBLEM.test(String(response.headers['content-type'])))
            mismatches.push(`${label}: 403 without problem details`);
          if ((await historyLength()) !== before)
            mismatches.push(`${label}: a refused request changed the case`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(endpoints.length * ROLES.length * 2);
  });

  it('answers 401 on every endpoint without a token', async () => {
    const statuses = new Set<number>();
    for (const endpoint of endpoints) {
      const path = endpoint.path(prepared);
      const response =
        endpoint.method === 'GET'
          ? await e2e.http().get(path)
          : await e2e
              .http()
              .post(path)
              .send(endpoint.body?.() as object);
      statuses.add(response.status);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
    expect([...statuses]).toEqual([401]);
  });

  it('records a permitted reader in no event, and lets the candidate unit read only through its candidates', async () => {
    const other = await client.post(people.handler, '/cases', {
      ...caseBody('另一职位'),
      post: { title: '另一职位', orgUnit: CANDIDATE_UNIT, level: '副处级' },
    });
    expect(other.status).toBe(201);
    // No candidate of the secretaries' unit yet: they have no reason to read it.
    expect((await client.get(people.unitSecretary, `/cases/${other.body.caseId}`)).status).toBe(403);
    expect((await client.get(people.disciplineSecretary, `/cases/${other.body.caseId}`)).status).toBe(403);
    expect((await client.get(people.supervisor, `/cases/${other.body.caseId}`)).status).toBe(200);
  });
});
