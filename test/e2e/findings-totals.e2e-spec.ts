import type { Actor } from '@app/appointment/appointment.commands';
import { CANDIDATE_UNIT, DEPARTMENT, OTHER_DEPARTMENT, people } from '../support/people';
import { appointedCase, type SupervisionApp, startSupervisionApp } from '../supervision/supervision-app';

type Severity = 'red' | 'yellow' | 'blue';

interface FindingItem {
  findingId: string;
  code: string;
  severity: Severity;
  caseId: string;
  ownerOrgUnit: string;
  postName?: string;
  caseOpenedAt?: string;
}

interface FindingsPage {
  items: FindingItem[];
  nextCursor: string | null;
  total: number;
  bySeverity: Record<Severity, number>;
}

const DAY = 24 * 60 * 60 * 1000;
const otherSecretary: Actor = {
  id: 'cs-900',
  name: '钱书记',
  role: 'committee-secretary',
  orgUnit: OTHER_DEPARTMENT,
};
const otherSupervisor: Actor = {
  id: 'sv-900',
  name: '钱部长',
  role: 'supervisor',
  orgUnit: OTHER_DEPARTMENT,
};

const countBySeverity = (items: FindingItem[]): Record<Severity, number> => ({
  red: items.filter((f) => f.severity === 'red').length,
  yellow: items.filter((f) => f.severity === 'yellow').length,
  blue: items.filter((f) => f.severity === 'blue').length,
});

/**
 * GET /supervision/findings counts what its filters match on every page (total, bySeverity) and
 * names the post of each finding's case (postName, the unit once), so an inspector needs neither
 * to page through everything nor to open each case.
 */
describe('专项检查 findings: totals by severity and the post of each case (e2e)', () => {
  let s: SupervisionApp;
  let appointed = '';
  let unitInTitle = '';
  let otherUnit = '';

  /** A case whose recommendation round is recorded `daysLate` days after it was held: BACKFILLED. */
  async function backfilledCase(
    handler: Actor,
    secretary: Actor,
    post: { title: string; orgUnit: string },
    daysLate: number,
  ): Promise<string> {
    const { caseId } = await s.ok(handler, '/cases', {
      post: { ...post, level: '副局级' },
      grounds: '班子分析研判',
    });
    await s.ok(secretary, `/cases/${caseId}/initiation/approve`, {});
    await s.ok(handler, `/cases/${caseId}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: new Date(Date.now() - daysLate * DAY).toISOString(),
      eligible: 30,
      participants: 26,
      results: [],
    });
    return caseId;
  }

  /** A page with its totals (totals=true). */
  async function page(query: string, actor: Actor = people.auditor): Promise<FindingsPage> {
    const response = await s.get(
      actor,
      `/supervision/findings?${[query, 'totals=true'].filter(Boolean).join('&')}`,
    );
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as FindingsPage;
  }

  /** Every page of the query, `limit` at a time; each page must carry the same totals. */
  async function everyPage(query: string, limit: number, actor: Actor = people.auditor) {
    const paged = (cursor?: string) =>
      page([query, `limit=${limit}`, cursor && `cursor=${cursor}`].filter(Boolean).join('&'), actor);
    const first = await paged();
    const items = [...first.items];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const next = await paged(cursor);
      expect(next.items.length).toBeLessThanOrEqual(limit);
      expect({ total: next.total, bySeverity: next.bySeverity }).toEqual({
        total: first.total,
        bySeverity: first.bySeverity,
      });
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { first, items };
  }

  beforeAll(async () => {
    s = await startSupervisionApp('findings_totals');
    // Red BACKFILLED and PROBATION_UNREVIEWED, blue EQUAL_SLATE; the title names no unit.
    ({ caseId: appointed } = await appointedCase(s, {
      person: { id: 'p-qian', name: '钱七' },
      recommender: { id: 'r-qian', name: '李推荐', role: '党组成员' },
      probation: true,
    }));
    // Yellow BACKFILLED (8 days); the title already names the unit.
    unitInTitle = await backfilledCase(
      people.handler,
      people.committeeSecretary,
      { title: `${CANDIDATE_UNIT}副主任`, orgUnit: CANDIDATE_UNIT },
      8,
    );
    // Red BACKFILLED in another organisation department.
    otherUnit = await backfilledCase(
      people.otherHandler,
      otherSecretary,
      { title: '副区长', orgUnit: '某区人民政府' },
      40,
    );
    await s.caughtUp();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('total and bySeverity count every page: paging 2 at a time sees exactly total findings', async () => {
    const { first, items } = await everyPage('', 2);
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(10);
    expect(items).toHaveLength(first.total);
    expect(new Set(items.map((f) => f.findingId)).size).toBe(first.total);
    expect(first.bySeverity.red + first.bySeverity.yellow + first.bySeverity.blue).toBe(first.total);
    expect(first.bySeverity).toEqual(countBySeverity(items));
    expect(first.bySeverity.yellow).toBeGreaterThan(0);
    expect(first.bySeverity.blue).toBeGreaterThan(0);
  });

  it('the filters and the supervisor’s scope apply to the totals as to the items', async () => {
    const all = (await everyPage('', 200)).items;
    const queries: Array<[string, Actor, (f: FindingItem) => boolean]> = [
      ['severity=red', people.auditor, (f) => f.severity === 'red'],
      ['code=BACKFILLED', people.auditor, (f) => f.code === 'BACKFILLED'],
      [
        'code=BACKFILLED&severity=yellow',
        people.auditor,
        (f) => f.code === 'BACKFILLED' && f.severity === 'yellow',
      ],
      [`caseId=${appointed}`, people.auditor, (f) => f.caseId === appointed],
      [
        `orgUnit=${encodeURIComponent(OTHER_DEPARTMENT)}`,
        people.auditor,
        (f) => f.ownerOrgUnit === OTHER_DEPARTMENT,
      ],
      ['', people.supervisor, (f) => f.ownerOrgUnit === DEPARTMENT],
      ['', otherSupervisor, (f) => f.ownerOrgUnit === OTHER_DEPARTMENT],
    ];
    for (const [query, actor, keep] of queries) {
      const expected = all.filter(keep);
      // Each query narrows the findings without emptying them, so a filter left out of the count shows.
      expect([query, expected.length > 0 && expected.length < all.length]).toEqual([query, true]);
      const { first, items } = await everyPage(query, 3, actor);
      expect([query, actor.id, first.total, items.length]).toEqual([
        query,
        actor.id,
        expected.length,
        expected.length,
      ]);
      expect([query, first.bySeverity]).toEqual([query, countBySeverity(expected)]);
    }
    const open = await page('open=true&limit=1');
    const closed = await page('open=false&limit=1');
    expect(open.total + closed.total).toBe(all.length);
    const none = await page('caseId=00000000-0000-4000-8000-000000000000');
    expect(none).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
      bySeverity: { red: 0, yellow: 0, blue: 0 },
    });
  });

  it('counts only when asked: without totals=true a page carries no total', async () => {
    const response = await s.get(people.auditor, '/supervision/findings?limit=2');
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('total');
    expect(response.body).not.toHaveProperty('bySeverity');
    expect(response.body.items).toHaveLength(2);
    const refused = await s.get(people.auditor, '/supervision/findings?totals=yes');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['totals']);
  });

  it('each item names the post of its case with the unit once, and when the case was opened', async () => {
    const { items } = await everyPage('', 200);
    const named = async (caseId: string) => {
      const opened = Date.parse((await s.get(people.auditor, `/cases/${caseId}`)).body.openedAt as string);
      return new Set(
        items
          .filter((f) => f.caseId === caseId)
          .map((f) => [f.postName, Date.parse(f.caseOpenedAt ?? '') === opened].join(' ')),
      );
    };
    expect(await named(appointed)).toEqual(new Set([`${CANDIDATE_UNIT}副主任（钱七） true`]));
    // The title already names the unit: it is not prefixed again.
    expect(await named(unitInTitle)).toEqual(new Set([`${CANDIDATE_UNIT}副主任 true`]));
    expect(await named(otherUnit)).toEqual(new Set(['某区人民政府副区长 true']));
    expect(new Set(items.map((f) => f.caseId))).toEqual(new Set([appointed, unitInTitle, otherUnit]));
    // The fields the route always had are all still there.
    expect(Object.keys(items.find((f) => f.caseId === appointed) ?? {})).toEqual(
      expect.arrayContaining([
        'findingId',
        'code',
        'severity',
        'caseId',
        'ownerOrgUnit',
        'title',
        'detail',
        'evidence',
        'detectedAt',
      ]),
    );
  });
});
