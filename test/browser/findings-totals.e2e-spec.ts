import type { Page } from 'playwright-core';
import {
  apiClient,
  type ConsoleHarness,
  screenshot,
  signInAs,
  startConsoleHarness,
} from './support/console-harness';
import { demo } from './support/demo';
import { seedInspectedCase } from './support/seed-case';

interface FindingsBody {
  items: Array<{ caseId: string; postName?: string }>;
  total: number;
  bySeverity: { red: number; yellow: number; blue: number };
}

const totalsLine = (b: FindingsBody) =>
  `共 ${b.total} 条：红色${b.bySeverity.red} · 黄色${b.bySeverity.yellow} · 蓝色${b.bySeverity.blue}`;

/**
 * The 专项检查 page over the real api: the counts of every page above the table, as the service
 * gives them for the filters, and a 职务 column naming each case's post from the findings
 * themselves, without fetching each case.
 */
describe('专项检查: totals by severity and the 职务 column (browser)', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  let seeded: string;
  let finance: string;

  beforeAll(async () => {
    harness = await startConsoleHarness('browser_findings_totals');
    api = apiClient(harness.baseUrl);
    seeded = (await seedInspectedCase(api)).caseId;
    // A recommendation round recorded 10 days late: a yellow BACKFILLED, under a title without its unit.
    const opened = await api.post(demo.handler, '/cases', {
      post: { title: '副局长', orgUnit: '市财政局', level: '副局级' },
      seats: 1,
      grounds: '领导班子分析研判：副局长职位空缺',
    });
    finance = opened.caseId;
    await api.post(demo.committeeSecretary, `/cases/${finance}/initiation/approve`, { comment: '同意启动' });
    await api.post(demo.handler, `/cases/${finance}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: new Date(Date.now() - 10 * 24 * 60 * 60 * 1000).toISOString(),
      eligible: 30,
      participants: 26,
      results: [],
    });
    await harness.caughtUp();
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows 共 N 条 by severity for the filters, and each finding’s post under 职务, without fetching each case', async () => {
    const expected = (await api.get(
      demo.auditor,
      '/supervision/findings?open=true&totals=true',
    )) as unknown as FindingsBody;
    expect(expected.total).toBeGreaterThanOrEqual(expected.items.length);
    expect(expected.bySeverity.red + expected.bySeverity.yellow + expected.bySeverity.blue).toBe(
      expected.total,
    );
    expect(new Set(expected.items.map((f) => f.postName))).toEqual(
      new Set(['市发展和改革委员会副主任', '市财政局副局长']),
    );

    await signInAs(page, harness.baseUrl, demo.auditor.sub);
    const caseLookups: string[] = [];
    page.on('request', (r) => {
      if (/\/cases\/[^/?]+$/.test(new URL(r.url()).pathname)) caseLookups.push(r.url());
    });
    await page.getByRole('link', { name: '专项检查' }).click();
    await page.getByRole('heading', { name: '专项检查' }).waitFor();
    const totals = page.getByTestId('findings-totals');
    await totals.waitFor();
    await expect(totals.textContent()).resolves.toBe(totalsLine(expected));

    await expect(page.getByRole('columnheader', { name: '职务' }).count()).resolves.toBe(1);
    const posts = page.getByTestId('finding-case');
    await posts
      .filter({ hasText: /^市财政局副局长（\d{4}-\d{2}-\d{2} 动议）$/ })
      .first()
      .waitFor();
    const seededPost = posts.filter({ hasText: /^市发展和改革委员会副主任（\d{4}-\d{2}-\d{2} 动议）$/ });
    await seededPost.first().waitFor();
    await expect(seededPost.first().getAttribute('href')).resolves.toBe(`/console/cases/${seeded}`);
    await expect(posts.count()).resolves.toBe(expected.items.length);
    await page.waitForLoadState('networkidle');
    expect(caseLookups).toEqual([]);
    await screenshot(page, '60-supervision-totals');

    await page.getByLabel('等级').click();
    await page.getByTitle('黄色').click();
    await page.getByRole('button', { name: '查 询' }).click();
    const yellow = (await api.get(
      demo.auditor,
      '/supervision/findings?open=true&severity=yellow&totals=true',
    )) as unknown as FindingsBody;
    expect(yellow.bySeverity.yellow).toBeGreaterThan(0);
    expect(totalsLine(yellow)).toBe(`共 ${yellow.total} 条：红色0 · 黄色${yellow.total} · 蓝色0`);
    await page
      .getByTestId('findings-totals')
      .filter({ hasText: totalsLine(yellow) })
      .waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '61-supervision-totals-yellow');
  });
});
