import { createHash } from 'node:crypto';
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

const INTEGRITY = '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。';
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The findings of the console review (bench/scratch/review/console-report.md), each checked in
 * Chromium over the real api: dates typed as people type them, 带病提拔 on the case page, every
 * supervision category, 404 messages, codes kept secondary, to-do lists, re-draft warnings, pages
 * by role, and the record and case pages at 1440 and 1024 px.
 */
describe('console review fixes (browser)', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let seeded: { caseId: string; li: string; zhao: string };
  let api: ReturnType<typeof apiClient>;
  let secondCase: string;

  beforeAll(async () => {
    harness = await startConsoleHarness('browser_review_fixes');
    api = apiClient(harness.baseUrl);
    seeded = await seedInspectedCase(api);
    const opened = await api.post(demo.handler, '/cases', {
      post: { title: '市财政局副局长', orgUnit: '市财政局', level: '副局级' },
      seats: 1,
      grounds: '领导班子分析研判：副局长职位空缺',
    });
    secondCase = opened.caseId;
    await harness.caughtUp();
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const caseReady = async (caseId: string) => {
    await page.goto(`${harness.baseUrl}/console/cases/${caseId}`);
    await page.getByTestId('case-stage').waitFor();
    await page.waitForLoadState('networkidle');
  };

  it('6: the committee secretary sees a new case once, as one 审批动议 row, and nothing under 其他待办', async () => {
    await signInAs(page, harness.baseUrl, demo.committeeSecretary.sub);
    const approvals = page.getByTestId('waiting-approve');
    await approvals.getByText('审批动议（批准或不同意）').waitFor();
    await expect(approvals.getByTestId('waiting-item').count()).resolves.toBe(1);
    await expect(page.getByText('其他待办').count()).resolves.toBe(0);
    await expect(page.getByText('不同意动议').count()).resolves.toBe(0);
    await screenshot(page, '30-workbench-committee-secretary');
  });

  it('6: the unit secretary sees what each signature is for; the team leader sees only steps not yet done, under 待我考察', async () => {
    await signInAs(page, harness.baseUrl, demo.unitSecretary.sub);
    const sign = page.getByTestId('waiting-sign');
    await sign.getByText('签署廉政意见 · 赵强').waitFor();
    await expect(sign.getByTestId('waiting-item').count()).resolves.toBe(1);
    await screenshot(page, '31-workbench-unit-secretary');

    await signInAs(page, harness.baseUrl, demo.teamLeader.sub);
    const work = page.getByTestId('waiting-work');
    await work.getByText('待我考察').waitFor();
    await work.getByText('起草政治素质考察意见 · 赵强').waitFor();
    const text = (await work.textContent()) ?? '';
    // Both reports are submitted and 李明's political opinion is drafted: none of that is waiting.
    expect(text).not.toContain('提交考察报告');
    expect(text).not.toContain('起草政治素质考察意见 · 李明');
    expect(text).not.toContain('录入考察活动');
    await expect(work.getByTestId('waiting-item').count()).resolves.toBe(1);
    await screenshot(page, '32-workbench-team-leader');
  });

  it('7: the case page names the candidate steps waiting on the team leader in the top card', async () => {
    await caseReady(seeded.caseId);
    const top = page.getByTestId('case-actions');
    await expect(top.textContent()).resolves.not.toContain('暂无需要您办理的事项');
    await expect(top.getByTestId('candidate-work').textContent()).resolves.toContain(
      '赵强：起草政治素质考察意见',
    );
    await screenshot(page, '33-case-team-leader');
  });

  it('8: a step already done is a plain 修改 button, and re-drafting a signed opinion warns first (R16)', async () => {
    // 赵强's integrity opinion is drafted; the discipline secretary signs it, the unit secretary not yet.
    await api.post(
      demo.disciplineSecretary,
      `/cases/${seeded.caseId}/candidates/${seeded.zhao}/opinions/integrity/signatures`,
      {
        digest: sha256(INTEGRITY),
      },
    );
    await signInAs(page, harness.baseUrl, demo.disciplineSecretary.sub);
    await caseReady(seeded.caseId);
    const zhao = page.locator('[data-candidate-name="赵强"]');
    await expect(zhao.getByRole('button', { name: '起草廉政意见', exact: true }).count()).resolves.toBe(0);
    const redraft = zhao.getByRole('button', { name: '修改廉政意见（须重新签字）' });
    await expect(redraft.getAttribute('class')).resolves.not.toContain('ant-btn-primary');
    await expect(redraft.getAttribute('data-step')).resolves.toBe('redo');
    await redraft.click();
    const warning = page.getByTestId('redraft-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/已由 .+ 签字.*R16.*不再有效/);
    await screenshot(page, '34-redraft-warning');
    await page.getByRole('button', { name: '取 消' }).click();
    await warning.waitFor({ state: 'hidden' });
    await expect(page.locator('.ant-modal-wrap:visible').count()).resolves.toBe(0);
  });

  it('4: blocked steps are explained in words with the rule, without the internal code', async () => {
    await signInAs(page, harness.baseUrl, demo.handler.sub);
    await caseReady(secondCase);
    const blocked = page.getByTestId('blocked-actions').first();
    await blocked.waitFor();
    const text = (await blocked.textContent()) ?? '';
    expect(text).toMatch(/R\d+/);
    expect(text).not.toMatch(/APPOINTMENT\.|[A-Z]+_[A-Z_]+/);
  });

  it('1: 出生日期 starts empty, takes 1978/5/6, 1978年5月6日 and 19780506, and refuses what it cannot read or a date of today', async () => {
    await api.post(demo.committeeSecretary, `/cases/${secondCase}/initiation/approve`, { comment: '同意' });
    await api.post(demo.handler, `/cases/${secondCase}/recommendation-rounds`, {
      kind: 'meeting',
      heldAt: '2024-03-15T10:00:00+08:00',
      eligible: 30,
      participants: 26,
      results: [],
    });
    await caseReady(secondCase);
    await page.getByRole('button', { name: '提名人选', exact: true }).click();
    const modal = page.locator('.ant-modal');
    const birth = modal.getByLabel('出生日期', { exact: true });
    await expect(birth.inputValue()).resolves.toBe('');
    const errorUnder = modal
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('出生日期', { exact: true }) })
      .locator('.ant-form-item-explain-error');

    for (const typed of ['1978/5/6', '1978年5月6日', '19780506', '1978-5-6']) {
      await birth.fill(typed);
      await birth.blur();
      await expect(birth.inputValue()).resolves.toBe('1978-05-06');
    }
    await birth.fill('5/6/1978');
    await birth.blur();
    await errorUnder.filter({ hasText: '无法识别' }).waitFor();
    // What was typed stays; nothing snaps back to a default.
    await expect(birth.inputValue()).resolves.toBe('5/6/1978');
    await birth.fill('1978-02-30');
    await errorUnder.filter({ hasText: '不存在' }).waitFor();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await birth.fill(today);
    await errorUnder.filter({ hasText: '年满 18 周岁' }).waitFor();
    await screenshot(page, '35-nominate-birthdate-refused');

    await page.getByTestId('action-submit').click();
    await errorUnder.filter({ hasText: '年满 18 周岁' }).waitFor();
    await expect(page.locator('.ant-modal-wrap').isVisible()).resolves.toBe(true);

    await birth.fill('1978年5月6日');
    const fill = (label: string, value: string) => modal.getByLabel(label, { exact: true }).fill(value);
    await fill('人选姓名', '张建华');
    await fill('人员编号', 'p-zhang');
    await fill('现任职务', '办公室主任');
    await fill('推荐人姓名', '周国平');
    await fill('推荐人编号', 'r-201');
    await fill('推荐人身份', '党组成员');
    await fill('推荐理由', '政治坚定，业务熟悉');
    await page.getByTestId('action-submit').click();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    const state = await api.get(demo.handler, `/cases/${secondCase}`);
    const candidates = state.candidates as unknown as Array<{ person: { birthDate?: string } }>;
    expect(candidates[0].person.birthDate).toBe('1978-05-06');
  });

  it('1: other date fields start empty and refuse an unreadable time instead of snapping back', async () => {
    await caseReady(secondCase);
    await page.getByRole('button', { name: /^(再录入推荐|录入推荐)$/ }).click();
    const modal = page.locator('.ant-modal');
    const when = modal.getByLabel('推荐时间', { exact: true });
    await expect(when.inputValue()).resolves.toBe('');
    await when.fill('2026年12月3日');
    await page.getByTestId('action-submit').click();
    await modal.getByText('请同时填写时间').waitFor();
    await expect(when.inputValue()).resolves.toBe('2026年12月3日');
    await when.fill('2024年3月16日 9:30');
    await when.blur();
    await expect(when.inputValue()).resolves.toBe('2024-03-16 09:30');
    await page.getByRole('button', { name: '取 消' }).click();
  });

  it('12/15: a handler is not offered 专项检查 or 管理, sees 无权访问 by URL, and a bad ?stage= is ignored', async () => {
    await page.goto(`${harness.baseUrl}/console/`);
    await page.getByTestId('signed-in-as').waitFor();
    await expect(page.getByRole('link', { name: '专项检查' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '管理' }).count()).resolves.toBe(0);
    for (const path of ['supervision', 'admin']) {
      await page.goto(`${harness.baseUrl}/console/${path}`);
      await page.getByTestId('no-access').waitFor();
      await expect(page.getByRole('button', { name: /下载 Excel|立即对账|查 询/ }).count()).resolves.toBe(0);
    }
    await screenshot(page, '36-handler-no-access');

    await page.goto(`${harness.baseUrl}/console/cases?stage=bogus`);
    await page.locator('.ant-table').getByRole('link', { name: '市财政局副局长' }).waitFor();
    await expect(page.getByText('bogus').count()).resolves.toBe(0);
    await expect(page.getByText('请求中有填写不正确的内容').count()).resolves.toBe(0);
  });

  it('15: at 1024 px the stage names stay on one line', async () => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await caseReady(seeded.caseId);
    const titles = page.locator('.stage-progress .ant-steps-item-title');
    const count = await titles.count();
    expect(count).toBe(9);
    for (let i = 0; i < count; i += 1) {
      const box = await titles.nth(i).boundingBox();
      expect(box?.height ?? 0).toBeLessThan(30);
    }
    await screenshot(page, '37-case-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('2: a 带病提拔 finding shows on the candidate card, with its source and a link to 倒查', async () => {
    const on = (path: string) => `/cases/${seeded.caseId}/candidates/${seeded.li}${path}`;
    await api.post(demo.handler, on('/public-notice'), { startDate: '2024-04-11' });
    await api.post(demo.handler, on('/appointment'), { noticeDate: '2024-04-19', probation: true });
    await api.post(demo.handler, on('/post-appointment-findings'), {
      source: 'inspection-tour',
      foundAt: '2024-06-01T10:00:00+08:00',
      summary: '巡察发现该同志任职前在项目审批中收受礼金',
      substantiated: true,
      predatesAppointment: true,
    });
    await harness.caughtUp();
    await signInAs(page, harness.baseUrl, demo.auditor.sub);
    await caseReady(seeded.caseId);
    await page.getByTestId(`sick-promotion-${seeded.li}`).waitFor();
    const block = page.getByTestId(`post-appointment-findings-${seeded.li}`);
    const text = (await block.textContent()) ?? '';
    expect(text).toContain('带病提拔');
    expect(text).toContain('巡视巡察');
    expect(text).toContain('经查属实');
    expect(text).toContain('收受礼金');
    await screenshot(page, '38-case-sick-promotion');
    await block.getByRole('link', { name: /倒查 李明/ }).click();
    await page.getByRole('heading', { name: '倒查 · 李明' }).waitFor();
  });

  it('3/4: 专项检查 offers every category, finds 带病提拔, names the case by unit and post, and links 倒查', async () => {
    await page.getByRole('link', { name: '专项检查' }).click();
    await page.getByRole('heading', { name: '专项检查' }).waitFor();
    await page.getByLabel('类别').click();
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    for (const name of [
      '带病提拔',
      '推荐人被追责（谁推荐谁负责）',
      '撤销试任（免去试任职务）',
      '多次缓议',
      '破格提拔',
    ])
      await dropdown.getByTitle(name, { exact: true }).waitFor({ state: 'visible' });
    await expect(dropdown.locator('.ant-select-item-option').count()).resolves.toBe(13);
    await screenshot(page, '39-supervision-categories');
    await dropdown.getByTitle('带病提拔', { exact: true }).click();
    await page.getByRole('button', { name: '查 询' }).click();
    const row = page
      .getByRole('row')
      .filter({ hasText: '带病提拔' })
      .filter({ has: page.getByTestId('finding-case') });
    await row
      .first()
      .getByTestId('finding-case')
      .filter({ hasText: /^市发展和改革委员会副主任（/ })
      .waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, '40-supervision-sick-promotion');
    const detail = (await row.first().textContent()) ?? '';
    expect(detail).not.toMatch(/\/people\//);
  });

  it('5: 倒查 of an unknown person shows the service message, not "功能暂未提供"', async () => {
    await page.goto(`${harness.baseUrl}/console/people/NOBODY/accountability`);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    const text = (await notFound.textContent()) ?? '';
    expect(text).toContain('NOBODY');
    expect(text).toContain('请核对人员编号');
    expect(text).not.toContain('暂未提供');
    await expect(notFound.getByTestId('error-code').textContent()).resolves.toBe(
      '错误代码 SUPERVISION.PERSON_NOT_FOUND',
    );
    await screenshot(page, '41-accountability-unknown');
  });

  it('4/13: the record page fits the 情况 column at 1440 px and names each raw event in Chinese', async () => {
    await page.goto(`${harness.baseUrl}/console/cases/${seeded.caseId}/record`);
    await page.locator('[data-testid="timeline"] .ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    const body = page.getByTestId('timeline');
    const summary = page.getByTestId('timeline-summary').first();
    const bodyBox = await body.boundingBox();
    const cellBox = await summary.boundingBox();
    expect(bodyBox).not.toBeNull();
    expect(cellBox).not.toBeNull();
    expect((cellBox?.x ?? 0) + (cellBox?.width ?? 0)).toBeLessThanOrEqual(
      (bodyBox?.x ?? 0) + (bodyBox?.width ?? 0) + 1,
    );
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).not.toMatch(/political|integrity/);
    await screenshot(page, '42-record-1440');
    await page.getByRole('tab', { name: '原始事件' }).click();
    await page.getByTestId('event-type').filter({ hasText: '提出动议' }).first().waitFor();
    await expect(page.getByTestId('event-type').first().textContent()).resolves.toBe('提出动议 CaseOpened');
    await screenshot(page, '43-record-raw-events');
  });
});
