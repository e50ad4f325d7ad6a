import { ChinaWorkingCalendar } from '@app/calendar';
import { createAppointmentDecider } from '@app/appointment';
import type { Page } from 'playwright-core';
import { appendGrownCase } from '../fault/support/grown-case';
import {
  apiClient,
  type ConsoleHarness,
  initialJsGzipBytes,
  recordMeasurement,
  screenshot,
  seriousViolations,
  signInAs,
  startConsoleHarness,
} from './support/console-harness';
import { demo } from './support/demo';

async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page
    .getByTestId(testId)
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
}
import { seedInspectedCase } from './support/seed-case';

const HOLIDAYS_2027 = [
  '2027-01-01 元旦',
  '2027-01-02 元旦',
  '2027-01-03 元旦',
  ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((d) => `2027-02-${String(d).padStart(2, '0')} 春节`),
  '2027-04-03 清明节',
  '2027-04-04 清明节',
  '2027-04-05 清明节',
  ...[1, 2, 3, 4, 5].map((d) => `2027-05-0${d} 劳动节`),
  '2027-06-09 端午节',
  '2027-09-15 中秋节',
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2027-10-0${d} 国庆节`),
].join('\n');
const WORKDAYS_2027 = [
  '2027-01-31 春节调休',
  '2027-02-20 春节调休',
  '2027-05-08 劳动节调休',
  '2027-09-26 国庆节调休',
  '2027-10-09 国庆节调休',
].join('\n');

/**
 * The console's screens in Chromium over a real api, PostgreSQL and projections: what each person sees,
 * the auditor's replay and verify badge, accessibility, and a screenshot of each screen.
 */
describe('the console screens (browser)', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let seeded: { caseId: string; li: string; zhao: string };

  beforeAll(async () => {
    harness = await startConsoleHarness('browser_screens');
    seeded = await seedInspectedCase(apiClient(harness.baseUrl));
    await harness.caughtUp();
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('serves the console at / and lists the demo people by role in local mode', async () => {
    const started = Date.now();
    await page.goto(`${harness.baseUrl}/`);
    await page.getByTestId('sign-in-h-001').waitFor();
    expect(page.url()).toBe(`${harness.baseUrl}/console/login`);
    const firstLoad = Date.now() - started;
    recordMeasurement('firstLoadMs', firstLoad);
    expect(firstLoad).toBeLessThan(10_000);
    const initial = initialJsGzipBytes();
    recordMeasurement('initialJsGzipBytes', initial);
    expect(initial).toBeLessThanOrEqual(400 * 1024);
    await expect(page.getByText('王志强').count()).resolves.toBe(1);
    await screenshot(page, '00-sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('serves client routes under /console without shadowing the api, under a CSP that lets the console run', async () => {
    const root = await fetch(`${harness.baseUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const clientRoute = await fetch(`${harness.baseUrl}/console/cases/${seeded.caseId}/record`);
    expect(clientRoute.status).toBe(200);
    expect(await clientRoute.text()).toContain('<div id="root"></div>');
    const csp = clientRoute.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    const api = await fetch(`${harness.baseUrl}/cases/${seeded.caseId}`, {
      headers: { Accept: 'text/html' },
    });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shows a handler the workbench and the case list with filters', async () => {
    await signInAs(page, harness.baseUrl, demo.handler.sub);
    await page.getByTestId('waiting-work').getByText('待我经办').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '01-workbench-handler');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '案件列表' }).click();
    await page.locator('.ant-table').getByRole('link', { name: '市发展和改革委员会副主任' }).waitFor();
    await screenshot(page, '02-case-list');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the case: stages, candidates, 凡提四必, opinions and deadlines', async () => {
    await page.locator('.ant-table').getByRole('link', { name: '市发展和改革委员会副主任' }).click();
    await page.getByTestId('case-stage').waitFor();
    await expect(page.getByTestId('case-stage').textContent()).resolves.toBe('讨论决定');
    await expect(page.getByTestId(`candidate-status-${seeded.li}`).textContent()).resolves.toBe('会议通过');
    // A deadline not yet due says when it is due; its reminder's text (已满…尚未…) only once it is overdue.
    const deadlines = await page
      .locator('.ant-card')
      .filter({ has: page.getByText('办理时限', { exact: true }) })
      .locator('.ant-list-item')
      .allTextContents();
    expect(deadlines.length).toBeGreaterThan(0);
    for (const line of deadlines) expect(line).toMatch(/已逾期|^(?!.*已满).*须于/);
    await screenshot(page, '03-case-handler');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a unit secretary the full opinion text and the digest computed in the browser', async () => {
    await signInAs(page, harness.baseUrl, demo.unitSecretary.sub);
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}/sign/${seeded.zhao}/integrity`);
    await page.getByTestId('opinion-text').waitFor();
    await expect(page.getByTestId('computed-digest').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, '04-sign-unit-secretary');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets an auditor replay the case with the slider and see it intact, then broken at the changed revision', async () => {
    await signInAs(page, harness.baseUrl, demo.auditor.sub);
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}/record`);
    await page.getByTestId('verify-badge').waitFor();
    await expect(page.getByTestId('verify-badge').textContent()).resolves.toContain('记录完整');
    await page.waitForLoadState('networkidle');
    await screenshot(page, '05-record-timeline');

    const pdfResponse = page.waitForResponse((r) => r.url().endsWith(`/cases/${seeded.caseId}/record`));
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载纪实表（PDF）' }).click();
    expect((await pdfResponse).headers()['content-type']).toContain('application/pdf');
    expect((await pdfDownload).suggestedFilename()).toBe('纪实表-市发展和改革委员会副主任.pdf');
    const zipResponse = page.waitForResponse((r) => r.url().endsWith(`/cases/${seeded.caseId}/archive`));
    const zipDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载一案一档' }).click();
    expect((await zipResponse).headers()['content-type']).toContain('application/zip');
    expect((await zipDownload).suggestedFilename()).toBe('一案一档-市发展和改革委员会副主任.zip');

    await page.getByRole('link', { name: '李明' }).click();
    await page.getByRole('heading', { name: '倒查 · 李明' }).waitFor();
    const chain = page.getByTestId('accountability-chain').first();
    await chain.getByText('提出动议').waitFor();
    await chain.getByText('实名推荐人（谁推荐谁负责）').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '05b-accountability');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}/record`);
    await page.getByTestId('verify-badge').waitFor();
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}`);
    await page.getByTestId('case-stage').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('button[data-action]').count()).toBe(0);
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}/record`);
    await page.getByTestId('verify-badge').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: '历史回放' }).click();
    await page.getByTestId('replay-stage').waitFor();
    await expect(page.getByTestId('replay-stage').textContent()).resolves.toBe('讨论决定');
    const handle = page.getByRole('slider', { name: '记录版本' });
    await handle.focus();
    await page.keyboard.press('Home');
    await waitForText(page, 'replay-stage', '动议');
    await expect(page.getByText('第 0 版时的案件状态').count()).resolves.toBe(1);
    await screenshot(page, '06-record-replay-revision-0');
    await page.keyboard.press('ArrowRight');
    await waitForText(page, 'replay-stage', '动议审批');
    await page.getByRole('tab', { name: '原始事件' }).click();
    await page.getByText('CaseOpened').waitFor();
    await screenshot(page, '07-record-events');

    await harness.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{reason}', '"改写的推荐理由"') WHERE stream_id = $1 AND revision = 4`,
      [`appointment-${seeded.caseId}`],
    );
    await page.reload();
    await page.getByTestId('verify-badge').waitFor();
    await expect(page.getByTestId('verify-badge').textContent()).resolves.toContain('自第 4 版起');
    await screenshot(page, '08-record-tampered');
  });

  it('shows the supervisor the findings of the seeded case with links to the revisions, and the yearly statistics', async () => {
    await signInAs(page, harness.baseUrl, demo.supervisor.sub);
    await page.getByRole('link', { name: '专项检查' }).click();
    await page.getByRole('heading', { name: '专项检查' }).waitFor();
    const late = page.getByRole('row').filter({ hasText: '事后补记（超过30天）：市发展和改革委员会副主任' });
    await late.first().waitFor();
    await page.getByTestId('annual-report').getByText('新启动动议').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '09-supervision');
    expect(await seriousViolations(page)).toEqual([]);

    const xlsxResponse = page.waitForResponse((r) => r.url().includes('/reports/annual'));
    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Excel' }).click();
    expect((await xlsxResponse).headers()['content-type']).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await xlsx).suggestedFilename()).toMatch(/^选人用人年度统计-\d{4}\.xlsx$/);

    await page.getByLabel('等级').click();
    await page.getByTitle('黄色').click();
    await page.getByRole('button', { name: '查 询' }).click();
    await page.getByRole('row').filter({ hasText: '凡提四必核查逾期' }).first().waitFor();
    await expect(late.count()).resolves.toBe(0);
    await page.getByLabel('类别').click();
    await page.getByTitle('双签字逾期').click();
    await page.getByRole('button', { name: '查 询' }).click();
    await page.getByText('没有发现').waitFor();
    await page.getByLabel('类别').click();
    await page.getByTitle('凡提四必核查逾期').click();
    await page.getByRole('button', { name: '查 询' }).click();

    const evidence = page
      .getByRole('row')
      .filter({ hasText: '凡提四必核查逾期' })
      .first()
      .getByRole('link', { name: /^第 \d+ 版$/ })
      .first();
    const revision = ((await evidence.textContent()) ?? '').replace(/\D/g, '');
    await evidence.click();
    await page.getByText(`第 ${revision} 版时的案件状态`).waitFor();
  });

  it('shows the admin the projections in words, the calendar coverage, and loads a year', async () => {
    await signInAs(page, harness.baseUrl, demo.admin.sub);
    await page.getByRole('link', { name: '管理' }).click();
    await page.getByText('投影（读模型）').waitFor();
    await page.getByText('推荐责任（R27）').waitFor();
    await expect(page.getByTestId('calendar-coverage').textContent()).resolves.toMatch(
      /^工作日历覆盖 \d{4} 年至 \d{4} 年，最后覆盖日 \d{4}-12-31。$/,
    );
    await page.getByRole('button', { name: '立即对账' }).click();
    await expect(page.getByTestId('reconcile-report').textContent()).resolves.toMatch(
      /^对账完成（用时 \d+ 毫秒）：未到期期限 \d+ 个/,
    );
    await page.waitForLoadState('networkidle');
    await screenshot(page, '10-admin');
    expect(await seriousViolations(page)).toEqual([]);

    // chinese-days covers up to 2026; 2027 is loaded as data (a test arrangement, not the real notice).
    await expect(page.getByTestId('calendar-coverage').textContent()).resolves.toContain('至 2026 年');
    await page.getByLabel('年度').fill('2027');
    await page.getByLabel('国务院办公厅通知文号').fill('测试用安排（非国务院办公厅正式通知）');
    await page.getByLabel('放假日期（每行：日期 名称）').fill(HOLIDAYS_2027);
    await page.getByLabel('调休上班日期（每行：日期 名称）').fill(WORKDAYS_2027);
    await page.getByRole('button', { name: '载 入' }).click();
    await page.getByText('2027 年节假日安排已载入').waitFor();
    await waitForText(page, 'calendar-coverage', '工作日历覆盖 \\d{4} 年至 2027 年，最后覆盖日 2027-12-31。');
    await page.getByRole('row').filter({ hasText: '测试用安排（非国务院办公厅正式通知）' }).waitFor();
    await expect(page.locator('.ant-form-item-explain-error').count()).resolves.toBe(0);
    await screenshot(page, '10b-admin-calendar-loaded');
  });

  it('renders a 2 000-event timeline virtualised: a few dozen rows in the page, quickly', async () => {
    const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });
    const { caseId } = await appendGrownCase(harness.store, decider, 2000);
    await harness.caughtUp();
    await signInAs(page, harness.baseUrl, demo.auditor.sub);
    const started = Date.now();
    await page.goto(`${harness.baseUrl}/console/cases/${caseId}/record`);
    await page.getByText('共 2000 条', { exact: true }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="timeline"] .ant-table-row').first().waitFor();
    const rendered = Date.now() - started;
    recordMeasurement('timeline2000RenderMs', rendered);
    const rows = await page.locator('[data-testid="timeline"] .ant-table-row').count();
    recordMeasurement('timeline2000RowsInDom', rows);
    expect(rows).toBeLessThan(100);
    expect(rendered).toBeLessThan(15_000);
    await screenshot(page, '11-record-2000-events');
  });
});
