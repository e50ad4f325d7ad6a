import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { CursorCodec } from '@app/platform';
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

/** Short in `npm test` (a 2-core CI); FAULT_FUZZ_REQUESTS=20000 for the full run. */
const REQUESTS = Number(process.env.FAULT_FUZZ_REQUESTS ?? (process.env.FAULT_LONG === '1' ? 50_000 : 1_500));
const SEED = Number(process.env.FAULT_FUZZ_SEED ?? 20_240_601);
const CONCURRENCY = 8;

type Body = Record<string, unknown>;

interface Shape {
  path: (ids: PathIds) => string;
  body: () => Body;
  method?: 'GET' | 'POST';
  /** Valid query parameters, each kept, dropped or replaced by the fuzzer. */
  query?: (ids: PathIds) => Record<string, string>;
  headers?: Record<string, string>;
  /** Who would send it for real; the fuzzer also sends it as anybody else. */
  actor?: Actor;
}

interface PathIds {
  caseId: string;
  cursor: string;
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
    path: () => '/cases',
    body: () => ({}),
    query: (i) => ({
      stage: 'inspecting',
      orgUnit: '市委组织部',
      overdue: 'false',
      q: '副主任',
      cursor: i.cursor,
      limit: '5',
    }),
  },
  { method: 'GET', path: (i) => `/cases/${i.caseId}`, body: () => ({}), actor: people.auditor },
  { method: 'GET', path: (i) => `/cases/${i.caseId}/history`, body: () => ({}), actor: people.auditor },
  { method: 'GET', path: (i) => `/cases/${i.caseId}/verify`, body: () => ({}), actor: people.auditor },
  {
    method: 'GET',
    path: (i) => `/cases/${i.caseId}/state`,
    body: () => ({}),
    query: () => ({ asOf: ago(0), revision: '3' }),
    actor: people.auditor,
  },
  {
    method: 'GET',
    path: (i) => `/cases/${i.caseId}/timeline`,
    body: () => ({}),
    query: (i) => ({ candidateId: i.candidateId, asOf: ago(0) }),
    actor: people.auditor,
  },
  {
    method: 'GET',
    path: (i) => `/cases/${i.caseId}/record`,
    body: () => ({}),
    headers: { Accept: 'application/json' },
    actor: people.auditor,
  },
  { method: 'GET', path: () => '/inbox', body: () => ({}), query: () => ({ unread: 'true', limit: '10' }) },
  { path: (i) => `/inbox/${i.objectionId}/read`, body: () => ({}) },
  { method: 'GET', path: () => '/admin/projections', body: () => ({}), actor: people.admin },
  // Junk names only: a real name would start a rebuild, which is not what this test is about.
  { path: (i) => `/admin/projections/x-${i.check}/rebuild`, body: () => ({}), actor: people.admin },
  { path: () => '/admin/reminders/reconcile', body: () => ({}), actor: people.admin },
];

/** Text the service must refuse: NUL and other control characters, lone surrogates. */
const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udfff\ud800',
  '\u001b[31m',
  '\u007f',
  '\u0085',
];
/** Moments that are not real instants, or that PostgreSQL cannot hold. */
const HOSTILE_MOMENTS = [
  '2025-13-45T25:61:00Z',
  '2025-04-08T10:00:00+99:99',
  '2025-04-08T24:00:00+08:00',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59-01:00',
  '2025-02-29',
];
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT, ...HOSTILE_MOMENTS),
  fc.string({ unit: anyCodeUnit, maxLength: 30 }),
  fc.constantFrom(1e308, -1e308, 2 ** 64, 5e-324, -0, true, [], {}, [[[]]]),
);

/** Any JSON value, including the awkward ones: huge and odd strings, big and fractional numbers, deep nesting. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  hostile,
  hostile,
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

/** Who sends a request: a person of the fixture, a token that is no token, none, or a hostile token. */
type Sender = Actor | 'bad-token' | 'none' | `hostile-token-${number}`;

interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  actor: Sender;
  /** A JSON value, or a raw string sent as is with Content-Type: application/json. */
  body: { json: unknown } | { raw: string };
  headers: Record<string, string>;
}

const senderName = (sender: Sender): string => (typeof sender === 'string' ? sender : sender.role);

/** Percent-encoding that also carries lone surrogates (as their WTF-8 bytes), which encodeURIComponent refuses. */
function percent(text: string): string {
  return Array.from(text, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      const unit = ch.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
  }).join('');
}

const deepJson = (depth: number, array: boolean): string =>
  array ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Bodies JSON.stringify cannot write: 10 000-deep nesting, prototype keys, a number beyond a double. */
function rawShape(body: Body, kind: number, depth: number, array: boolean): string {
  const fields = Object.keys(body);
  const known = fields.length > 0 ? fields[depth % fields.length] : 'reason';
  const put = (field: string, raw: string) =>
    JSON.stringify({ ...body, [field]: '\u0001RAW' }).replace('"\\u0001RAW"', raw);
  switch (kind) {
    case 1:
      return put(known, deepJson(depth, array));
    case 2:
      return put('zz', deepJson(depth, array));
    case 3:
      return `{"__proto__":{"role":"admin"},${JSON.stringify(body).slice(1)}`;
    case 4:
      return put(known, array ? '{"constructor":{"prototype":1}}' : '{"__proto__":1}');
    default:
      return put(known, '1e400');
  }
}

function requests(prepared: PreparedCase, tokens: number, cursors: string[]): fc.Arbitrary<FuzzRequest> {
  const idOrJunk = (valid: string) =>
    fc.oneof(
      { arbitrary: fc.constant(valid), weight: 6 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
      { arbitrary: fc.constantFrom(...HOSTILE_TEXT), weight: 1 },
    );
  const pathIds = fc.record({
    caseId: idOrJunk(prepared.caseId),
    candidateId: idOrJunk(prepared.candidateId),
    objectionId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE_TEXT)),
    opinion: fc.oneof(
      { arbitrary: fc.constantFrom('political', 'integrity'), weight: 6 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    check: fc.oneof(
      { arbitrary: fc.constantFrom('dossier', 'personal-matters', 'petitions'), weight: 6 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    ),
    cursor: fc.constantFrom(...cursors),
  });
  const anybody = fc.oneof(
    { arbitrary: fc.constantFrom<Actor>(...Object.values(people)), weight: 12 },
    { arbitrary: fc.constantFrom<Sender>('bad-token', 'none'), weight: 1 },
    {
      arbitrary: fc.integer({ min: 0, max: tokens - 1 }).map((n): Sender => `hostile-token-${n}`),
      weight: 2,
    },
  );
  // A few keys shared by everyone, so that replays by another person or on another route happen.
  const sharedKeys = Array.from({ length: 4 }, (_, i) => `0000000${i}-0000-4000-8000-000000000000`);
  const headers = fc.option(
    fc.record(
      {
        'If-Match': fc.oneof(
          fc.constantFrom('"0"', '"7"', '"8"', '*', 'W/"1"', '"-1"', '"99999999999999999999"', '"1e400"'),
          fc.string({ maxLength: 20 }),
        ),
        'Idempotency-Key': fc.oneof(fc.uuid(), fc.constantFrom(...sharedKeys), fc.string({ maxLength: 40 })),
        'X-Correlation-Id': fc.string({ maxLength: 300 }),
      },
      { requiredKeys: [] },
    ),
    { freq: 3, nil: {} },
  );
  const queryValue = (valid: string) =>
    fc.oneof(
      { arbitrary: fc.constant<string | undefined>(valid), weight: 4 },
      { arbitrary: fc.constant<string | undefined>(undefined), weight: 2 },
      { arbitrary: hostile.map((value) => String(value)), weight: 3 },
      { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    );
  return fc
    .tuple(
      fc.integer({ min: 0, max: shapes.length - 1 }),
      pathIds,
      anybody,
      fc.boolean(),
      headers,
      fc.integer({ min: 0, max: 19 }),
      fc.integer({ min: 10_000, max: 12_000 }),
    )
    .chain(([index, ids, somebody, usual, extra, rawChance, depth]) => {
      const shape = shapes[index];
      const who = usual ? (shape.actor ?? people.handler) : somebody;
      const path = shape.path({
        ...ids,
        caseId: percent(ids.caseId),
        candidateId: percent(ids.candidateId),
        objectionId: percent(ids.objectionId),
        opinion: percent(ids.opinion),
        check: percent(ids.check),
      });
      const valid = shape.body();
      const body: fc.Arbitrary<FuzzRequest['body']> =
        rawChance === 0
          ? fc.string({ maxLength: 200 }).map((raw) => ({ raw: `{${raw}` }))
          : rawChance <= 5
            ? fc.constant({ raw: rawShape(valid, rawChance, depth, depth % 2 === 0) })
            : mutate(valid, 0).map((json) => ({ json }));
      const query = shape.query
        ? fc.record(Object.fromEntries(Object.entries(shape.query(ids)).map(([k, v]) => [k, queryValue(v)])))
        : fc.constant({});
      const asciiHeaders = Object.fromEntries(
        Object.entries(extra as Record<string, string>).map(([k, v]) => [
          k,
          String(v).replace(/[^\x20-\x7e]/g, ''),
        ]),
      );
      return fc.tuple(body, query).map(([b, q]): FuzzRequest => {
        const search = Object.entries(q as Record<string, string | undefined>)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => `${key}=${percent(value as string)}`)
          .join('&');
        return {
          method: shape.method ?? 'POST',
          path: search === '' ? path : `${path}?${search}`,
          actor: who,
          body: b,
          headers: { ...shape.headers, ...asciiHeaders },
        };
      });
    });
}

/** Tokens signed with the service's own secret whose claims it must still refuse (401, never 5xx). */
async function hostileTokens(secret: string): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(secret);
  const base = { name: '王经办', role: 'handler', orgUnit: '市委组织部' };
  const variants: Array<{ claims: Record<string, unknown>; sub?: string; iat?: number; exp: number }> = [
    { claims: { ...base, name: '王\u0000' }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: { ...base, orgUnit: '\ud800' }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: { ...base, orgUnit: '市委\u001b组织部' }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: base, sub: 'h\u0000001', iat: now, exp: now + 3600 },
    { claims: { ...base, sub: ['h-001'] }, iat: now, exp: now + 3600 },
    { claims: { ...base, role: 7 }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: { ...base, orgUnit: { __proto__: 1 } }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: { ...base, name: '长'.repeat(300) }, sub: 'h-001', iat: now, exp: now + 3600 },
    { claims: base, sub: 'h-001', iat: now, exp: now + 365 * 86_400 },
    { claims: base, sub: 'h-001', exp: now + 30 * 86_400 },
    { claims: base, sub: 'h-001', iat: now, exp: 8_640_000_000_000 },
  ];
  return Promise.all(
    variants.map(({ claims, sub, iat, exp }) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp);
      if (sub !== undefined) jwt.setSubject(sub);
      if (iat !== undefined) jwt.setIssuedAt(iat);
      return jwt.sign(key);
    }),
  );
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
  let cursors: string[] = [];

  beforeAll(async () => {
    e2e = await startE2eApp('fault_fuzz');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 2 });
    await e2e.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(e2e.app.getHttpServer().address() as AddressInfo).port}`;
    for (const person of Object.values(people)) tokens.set(person.id, await e2e.tokenFor(person));
    (await hostileTokens(e2e.config.jwtSecret)).forEach((token, n) =>
      tokens.set(`hostile-token-${n}`, token),
    );
    const codec = new CursorCodec(e2e.config.jwtSecret);
    const signed = codec.encode('cases', ['2025-03-03T01:00:00.000Z', randomUUID()]);
    const [payload, tag] = signed.split('.');
    cursors = [
      signed,
      `${payload}.${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`,
      `${Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', "'; DROP TABLE events; --"])).toString('base64url')}.${tag}`,
      codec.encode('findings', ['2025-03-03T01:00:00.000Z', randomUUID()]),
      new CursorCodec('another-server').encode('cases', ['2025-03-03T01:00:00.000Z', randomUUID()]),
      Buffer.from(JSON.stringify(['+275760-09-13T00:00:00Z', 'x'])).toString('base64url'),
      payload,
    ];
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
    else if (request.actor !== 'none')
      headers.Authorization = `Bearer ${tokens.get(typeof request.actor === 'string' ? request.actor : request.actor.id)}`;
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

  it(
    'never answers 500, refuses only with problem details, and refused requests append nothing',
    async () => {
      const prepared = await caseInInspection(client);
      // A second, untouched case of the same unit: nothing the fuzzer sends may change it.
      const bystander = (await client.post(people.handler, '/cases', caseBody('旁观职位'))).body
        .caseId as string;
      const bystanderRevision = await client.revisionOf(bystander, people.auditor);
      const initial = await eventCount();
      const hostile = [...tokens.keys()].filter((key) => key.startsWith('hostile-token-')).length;
      const samples = fc.sample(requests(prepared, hostile, cursors), { seed: SEED, numRuns: REQUESTS });
      expect(samples).toHaveLength(REQUESTS);

      const failures: string[] = [];
      const statuses = new Map<number, number>();
      const started = performance.now();
      let acknowledgedEvents = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < samples.length; i = next++) {
            const request = samples[i];
            const { status, contentType, body } = await send(request);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const what = `#${i} ${request.method} ${request.path} as ${senderName(request.actor)} → ${status}`;
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
        `fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
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
    },
    Math.max(60_000, REQUESTS * 30),
  );
});
