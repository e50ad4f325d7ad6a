import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { CaseClient } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';
import {
  caseBody,
  caseInInspection,
  meetingRound,
  noFlags,
  nomination,
  PreparedCase,
} from './support/fault-case';

const REQUESTS = Number(
  process.env.FAULT_FUZZ_REQUESTS ?? (process.env.FAULT_LONG === '1' ? 50_000 : 10_000),
);
const SEED = Number(process.env.FAULT_FUZZ_SEED ?? 20_240_601);
const CONCURRENCY = 8;

type Body = Record<string, unknown>;

interface Shape {
  path: (ids: PathIds) => string;
  body: () => Body;
  method?: 'GET' | 'POST';
  /** Who would send it for real; the fuzzer also sends it as anybody else. */
  actor?: Actor;
}

interface PathIds {
  caseId: string;
  candidateId: string;
  objectionId: string;
  opinion: string;
  check: string;
}

const ago = (days: number) => new Date(Date.now() - days * 24 * 3600_000).toISOString();
const c = (ids: PathIds, rest: string) => `/cases/${ids.caseId}/candidates/${ids.candidateId}${rest}`;

/** A valid body for every endpoint (the DTO shapes of API.md); the fuzzer starts from these and breaks them. */
const shapes: Shape[] = [
  { path: () => '/cases', body: () => ({ ...caseBody(), seats: 1 }) },
  {
    path: (i) => `/cases/${i.caseId}/initiation/approve`,
    body: () => ({ comment: '同意' }),
    actor: people.committeeSecretary,
  },
  {
    path: (i) => `/cases/${i.caseId}/initiation/reject`,
    body: () => ({ comment: '不同意' }),
    actor: people.committeeSecretary,
  },
  { path: (i) => `/cases/${i.caseId}/recommendation-rounds`, body: () => meetingRound() },
  {
    path: (i) => `/cases/${i.caseId}/candidates`,
    body: () => ({
      ...nomination(`p-${randomUUID()}`),
      exceptional: { kind: 'skip-level', grounds: '破格' },
    }),
  },
  { path: (i) => c(i, '/eligibility'), body: () => noFlags },
  {
    path: (i) => c(i, '/exceptional-approval'),
    body: () => ({ approvedBy: '省委组织部', documentNo: '组干〔2024〕1号', approvedAt: ago(9) }),
  },
  {
    path: (i) => `/cases/${i.caseId}/inspection-targets`,
    body: () => ({ candidateIds: [randomUUID()], decidedAt: ago(5), basis: '部务会' }),
  },
  {
    path: (i) => `/cases/${i.caseId}/inspection-team`,
    body: () => ({
      leader: { id: 'i-1', name: '甲' },
      members: [{ id: 'i-2', name: '乙' }],
      recusals: [{ personId: 'i-2', candidateId: randomUUID(), reason: '亲属' }],
    }),
  },
  {
    path: (i) => `/cases/${i.caseId}/inspection-notice`,
    body: () => ({ publishedAt: ago(3), channel: '公告栏' }),
  },
  {
    path: (i) => c(i, '/inspection-activities'),
    body: () => ({
      kind: 'democratic-assessment',
      heldAt: ago(2),
      summary: '测评',
      count: 40,
      grades: { excellent: 30, competent: 8, basic: 2, incompetent: 0 },
    }),
    actor: people.teamMember,
  },
  {
    path: (i) => c(i, '/inspection-report'),
    body: () => ({ conclusion: '结论', strengths: '优点', weaknesses: '不足' }),
    actor: people.teamLeader,
  },
  {
    path: (i) => c(i, `/opinions/${i.opinion}`),
    body: () => ({ text: '意见正文', verdict: 'qualified' }),
    actor: people.teamLeader,
  },
  {
    path: (i) => c(i, `/opinions/${i.opinion}/signatures`),
    body: () => ({ digest: 'ab'.repeat(32) }),
    actor: people.unitSecretary,
  },
  {
    path: (i) => c(i, `/checks/${i.check}`),
    body: () => ({ outcome: 'verified', findings: '无误', checkedAt: ago(1) }),
  },
  {
    path: (i) => `/cases/${i.caseId}/decision-meetings`,
    body: () => ({
      heldAt: ago(1),
      entitled: 3,
      attendees: ['m1', 'm2', 'm3'],
      recused: [],
      principalLeaderId: 'm1',
      votes: [{ candidateId: randomUUID(), ballots: [{ memberId: 'm1', vote: 'agree' }] }],
    }),
  },
  {
    path: (i) => c(i, '/public-notice'),
    body: () => ({ startDate: '2024-04-11', waived: { ground: '换届' } }),
  },
  { path: (i) => c(i, '/objections'), body: () => ({ receivedAt: ago(1), summary: '反映问题' }) },
  {
    path: (i) => c(i, `/objections/${i.objectionId}/resolution`),
    body: () => ({ outcome: 'hold', findings: '待核实' }),
  },
  { path: (i) => c(i, '/appointment'), body: () => ({ noticeDate: '2024-04-19', probation: true }) },
  { path: (i) => c(i, '/appointment-talk'), body: () => ({ heldAt: ago(1), heldBy: '陈书记' }) },
  {
    path: (i) => c(i, '/probation-review'),
    body: () => ({ result: 'extend', findings: '延长', extendDays: 30 }),
  },
  { path: (i) => c(i, '/drop'), body: () => ({ reason: '个人原因' }) },
  { path: (i) => `/cases/${i.caseId}/withdraw`, body: () => ({ reason: '职位调整' }) },
  {
    method: 'GET',
    path: (i) => `/cases/${i.caseId}/state?revision=${i.objectionId.length % 7}`,
    body: () => ({}),
  },
  {
    method: 'GET',
    path: (i) => `/cases?limit=${i.check.length}&stage=${encodeURIComponent(i.opinion)}`,
    body: () => ({}),
  },
  {
    method: 'GET',
    path: (i) =>
      `/cases/${i.caseId}/timeline?candidateId=${encodeURIComponent(i.candidateId)}&asOf=${encodeURIComponent(i.check)}`,
    body: () => ({}),
  },
];

/** Any JSON value, including the awkward ones: huge and odd strings, big and fractional numbers, deep nesting. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 20_000 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '2024-02-30',
    '2024-13-01T00:00:00Z',
    '../../etc/passwd',
    '__proto__',
    "'; DROP TABLE events; --",
    '\u0000',
    'ａｂｃ',
  ),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 50 }),
);

/** A valid value taken apart: each field kept, dropped, replaced with junk or recursed into. */
function mutate(value: unknown, depth: number): fc.Arbitrary<unknown> {
  if (depth > 3) return fc.oneof(fc.constant(value), junk);
  if (Array.isArray(value)) {
    return fc.oneof(
      { arbitrary: fc.tuple(...value.map((v) => mutate(v, depth + 1))), weight: 3 },
      { arbitrary: fc.constant([]), weight: 1 },
      { arbitrary: fc.array(fc.constant(value[0]), { minLength: 1, maxLength: 2000 }), weight: 1 },
      { arbitrary: junk, weight: 1 },
    );
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Body);
    const fields = Object.fromEntries(
      entries.map(([k, v]) => [
        k,
        fc.oneof(
          { arbitrary: fc.constant(v), weight: 12 },
          { arbitrary: mutate(v, depth + 1), weight: 2 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        ),
      ]),
    );
    return fc.oneof(
      { arbitrary: fc.constant(value), weight: depth === 0 ? 3 : 0 },
      {
        arbitrary: fc
          .tuple(fc.record(fields), fc.option(fc.tuple(fc.string({ maxLength: 12 }), junk), { freq: 5 }))
          .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record)),
        weight: 6,
      },
      { arbitrary: junk, weight: 1 },
    );
  }
  return fc.oneof({ arbitrary: fc.constant(value), weight: 2 }, { arbitrary: junk, weight: 1 });
}

interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  actor: Actor | 'bad-token' | 'none';
  /** A JSON value, or a raw string sent as is with Content-Type: application/json. */
  body: { json: unknown } | { raw: string };
  headers: Record<string, string>;
}

function requests(prepared: PreparedCase): fc.Arbitrary<FuzzRequest> {
  const idOrJunk = (valid: string) =>
    fc.oneof(
      { arbitrary: fc.constant(valid), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    );
  const pathIds = fc.record({
    caseId: idOrJunk(prepared.caseId),
    candidateId: idOrJunk(prepared.candidateId),
    objectionId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
    opinion: fc.oneof(
      { arbitrary: fc.constantFrom('political', 'integrity'), weight: 6 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    check: fc.oneof(
      { arbitrary: fc.constantFrom('dossier', 'personal-matters', 'petitions'), weight: 6 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
  });
  const anybody = fc.oneof(
    { arbitrary: fc.constantFrom<Actor>(...Object.values(people)), weight: 12 },
    { arbitrary: fc.constantFrom<'bad-token' | 'none'>('bad-token', 'none'), weight: 1 },
  );
  const headers = fc.option(
    fc.record(
      {
        'If-Match': fc.oneof(
          fc.constantFrom('"0"', '"7"', '"8"', '*', 'W/"1"', '"-1"', '"99999999999999999999"'),
          fc.string({ maxLength: 20 }),
        ),
        'Idempotency-Key': fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
        'X-Correlation-Id': fc.string({ maxLength: 300 }),
      },
      { requiredKeys: [] },
    ),
    { freq: 3, nil: {} },
  );
  return fc
    .tuple(
      fc.integer({ min: 0, max: shapes.length - 1 }),
      pathIds,
      anybody,
      fc.boolean(),
      headers,
      fc.integer({ min: 0, max: 19 }),
    )
    .chain(([index, ids, somebody, usual, extra, rawChance]) => {
      const shape = shapes[index];
      const who = usual ? (shape.actor ?? people.handler) : somebody;
      const path = shape.path({
        ...ids,
        caseId: encodeURIComponent(ids.caseId),
        candidateId: encodeURIComponent(ids.candidateId),
        objectionId: encodeURIComponent(ids.objectionId),
        opinion: encodeURIComponent(ids.opinion),
        check: encodeURIComponent(ids.check),
      });
      const body: fc.Arbitrary<FuzzRequest['body']> =
        rawChance === 0
          ? fc.string({ maxLength: 200 }).map((raw) => ({ raw: `{${raw}` }))
          : mutate(shape.body(), 0).map((json) => ({ json }));
      const asciiHeaders = Object.fromEntries(
        Object.entries(extra as Record<string, string>).map(([k, v]) => [
          k,
          String(v).replace(/[^\x20-\x7e]/g, ''),
        ]),
      );
      return body.map((b): FuzzRequest => ({
        method: shape.method ?? 'POST',
        path,
        actor: who,
        body: b,
        headers: asciiHeaders,
      }));
    });
}

/**
 * Property-based fuzzing of the whole api from the DTO shapes: every answer is below 500, every
 * refusal is RFC 7807 problem details, and the only events in the store are those of acknowledged
 * commands (refused requests change nothing).
 */
describe(`fuzzing the api with ${REQUESTS} property-based requests (fault)`, () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let pool: Pool;
  let base: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    e2e = await startE2eApp('fault_fuzz');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 2 });
    await e2e.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(e2e.app.getHttpServer().address() as AddressInfo).port}`;
    for (const person of Object.values(people)) tokens.set(person.id, await e2e.tokenFor(person));
  });

  afterAll(async () => {
    await pool?.end();
    await e2e?.close();
  });

  async function eventCount(): Promise<number> {
    return Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0].n);
  }

  async function send(request: FuzzRequest): Promise<{ status: number; contentType: string; body: unknown }> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.actor === 'bad-token') headers.Authorization = 'Bearer not.a.token';
    else if (request.actor !== 'none') headers.Authorization = `Bearer ${tokens.get(request.actor.id)}`;
    let payload: string | undefined;
    if (request.method === 'POST') {
      headers['Content-Type'] = 'application/json';
      payload = 'raw' in request.body ? request.body.raw : (JSON.stringify(request.body.json) ?? 'null');
    }
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers,
      body: payload,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: judged below by its content type
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  }

  it('never answers 500, refuses only with problem details, and refused requests append nothing', async () => {
    const prepared = await caseInInspection(client);
    // A second, untouched case of the same unit: nothing the fuzzer sends may change it.
    const bystander = (await client.post(people.handler, '/cases', caseBody('旁观职位'))).body
      .caseId as string;
    const bystanderRevision = await client.revisionOf(bystander, people.auditor);
    const initial = await eventCount();
    const samples = fc.sample(requests(prepared), { seed: SEED, numRuns: REQUESTS });
    expect(samples).toHaveLength(REQUESTS);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let acknowledgedEvents = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < samples.length; i = next++) {
          const request = samples[i];
          const { status, contentType, body } = await send(request);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const what = `#${i} ${request.method} ${request.path} as ${typeof request.actor === 'string' ? request.actor : request.actor.role} → ${status}`;
          if (status >= 500)
            failures.push(
              `${what}: ${JSON.stringify(body).slice(0, 300)} for ${JSON.stringify(request.body).slice(0, 300)}`,
            );
          if (status === 201) acknowledgedEvents += ((body as { events?: unknown[] }).events ?? []).length;
          if (status >= 400) {
            const problem = body as Record<string, unknown>;
            const isProblem =
              /^application\/problem\+json/.test(contentType) &&
              problem.status === status &&
              ['type', 'title', 'code', 'detail'].every((k) => typeof problem[k] === 'string');
            if (!isProblem)
              failures.push(
                `${what}: not problem details (${contentType}): ${JSON.stringify(body).slice(0, 200)}`,
              );
            // written in Chinese by default, whatever the input: no English sentence reaches the clerk
            else if (![problem.title, problem.detail].every((text) => /[\u4e00-\u9fff]/.test(String(text))))
              failures.push(`${what}: not in Chinese: ${JSON.stringify(body).slice(0, 200)}`);
          }
        }
      }),
    );
    process.stdout.write(
      `fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // The fuzzer does get through sometimes: otherwise it would test only the validation layer.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    expect((statuses.get(400) ?? 0) + (statuses.get(403) ?? 0) + (statuses.get(409) ?? 0)).toBeGreaterThan(
      REQUESTS / 2,
    );
    expect(await eventCount()).toBe(initial + acknowledgedEvents);
    expect(await client.revisionOf(bystander, people.auditor)).toBe(bystanderRevision);
  });
});
