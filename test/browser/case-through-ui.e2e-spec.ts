import type { Locator, Page } from 'playwright-core';
import {
  type ConsoleHarness,
  type DemoPerson,
  screenshot,
  seriousViolations,
  signInAs,
  startConsoleHarness,
} from './support/console-harness';
import { demo } from './support/demo';

const POST = '市发展和改革委员会副主任';
const MEMBERS = ['m1 陈卫东', 'm2 郑明华', 'm3 黄志远', 'm4 许丽', 'm5 邓斌', 'm6 曹阳', 'm7 彭涛'];

/**
 * One case from 动议 to 结案 through the console alone: the handler, the committee secretary, both
 * inspectors and both signers sign in in turn and use only the buttons the case page offers them.
 * Occurred times are typed in 2024 (补录), so the notice and the appointment can follow at once.
 */
describe('a case from 动议 to 结案 through the console (browser)', () => {
  let harness: ConsoleHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await startConsoleHarness('browser_lifecycle');
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function as(person: DemoPerson): Promise<void> {
    await signInAs(page, harness.baseUrl, person.sub);
    await harness.caughtUp();
    await page.getByRole('link', { name: '案件列表' }).click();
    await page.waitForURL('**/console/cases');
    await page.locator('.ant-table').getByRole('link', { name: POST }).click();
    await page.getByTestId('case-stage').waitFor();
    await page.waitForLoadState('networkidle');
  }

  const stageIs = (text: string) =>
    page
      .getByTestId('case-stage')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor();
  const candidate = (): Locator => page.locator('[data-candidate-name="李明"]');

  /** The buttons the case page offers this person now. */
  async function offered(): Promise<string[]> {
    await page.getByTestId('case-stage').waitFor();
    await page.waitForLoadState('networkidle');
    return page.locator('button[data-action]').allTextContents();
  }

  async function open(name: string, scope: Locator | Page = page): Promise<void> {
    await scope.getByRole('button', { name, exact: true }).click();
    await page.locator('.ant-modal').waitFor();
  }

  async function submit(): Promise<void> {
    await page.getByTestId('action-submit').click();
    const problem = page.getByTestId('action-problem');
    const refused = problem.waitFor().then(async () => {
      throw new Error(`refused: ${await problem.textContent()}`);
    });
    await Promise.race([page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' }), refused]).catch(
      async (error: Error) => {
        await screenshot(page, 'failed-submit');
        throw error;
      },
    );
    refused.catch(() => undefined);
    await page.waitForLoadState('networkidle');
  }

  const field = (label: string): Locator => page.locator('.ant-modal').getByLabel(label, { exact: true });
  const fill = (label: string, value: string) => field(label).fill(value);
  async function when(label: string, value: string): Promise<void> {
    await field(label).click();
    await field(label).fill(value);
    await field(label).press('Enter');
  }
  async function choose(label: string, option: string): Promise<void> {
    await field(label).click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(option, { exact: true })
      .click();
  }

  it('the handler opens the case (动议); only the committee secretary is offered its approval', async () => {
    await signInAs(page, harness.baseUrl, demo.handler.sub);
    await page.getByRole('link', { name: '案件列表' }).click();
    await page.getByRole('button', { name: '新建案件' }).click();
    // Spaces alone are not a post or grounds: each field says so under it, in one answer.
    await fill('拟任职务', '   ');
    await fill('职位所在单位', '市发展和改革委员会');
    await fill('职务层次', '副局级');
    await fill('动议依据（分析研判情况）', '\u3000\u3000');
    await page.getByTestId('action-submit').click();
    const said = (label: string) =>
      page
        .locator('.ant-modal .ant-form-item')
        .filter({ has: page.getByLabel(label, { exact: true }) })
        .locator('.ant-form-item-explain-error');
    await said('拟任职务').filter({ hasText: '不能只有空格' }).waitFor();
    await expect(said('动议依据（分析研判情况）').textContent()).resolves.toContain('不能只有空格');
    await screenshot(page, '19-form-open-case-blank');
    await fill('拟任职务', POST);
    await fill('职位所在单位', '市发展和改革委员会');
    await fill('职务层次', '副局级');
    await fill('动议依据（分析研判情况）', '领导班子分析研判：副主任职位空缺，需从本系统选拔');
    await screenshot(page, '20-form-open-case');
    await submit();
    await stageIs('动议');
    expect(await offered()).not.toContain('批准动议');

    await as(demo.committeeSecretary);
    expect(await offered()).toEqual(expect.arrayContaining(['批准动议', '不同意动议']));
    await open('批准动议');
    await submit();
    await stageIs('动议审批');
  });

  it('the handler records the round, nominates 李明, checks eligibility, determines the target, forms the team, publishes the notice', async () => {
    await as(demo.handler);
    await open('录入推荐');
    await when('推荐时间', '2024-03-15 10:00');
    await fill('应参加人数', '30');
    await fill('实参加人数', '26');
    await submit();
    await stageIs('民主推荐');

    await open('提名人选');
    await fill('人选姓名', '李明');
    await fill('人员编号', 'p-li');
    await fill('现任职务', '市发展和改革委员会综合处处长');
    await fill('推荐人姓名', '钱永新');
    await fill('推荐人编号', 'r-101');
    await fill('推荐人身份', '党组成员');
    await fill('推荐理由', '政治坚定，熟悉发展改革业务，会议推荐得票第一');
    await screenshot(page, '21-form-nominate');
    await submit();
    await candidate().waitFor();

    await open('资格审查', candidate());
    await submit();
    await open('确定考察对象');
    await choose('考察对象', '李明（市发展和改革委员会综合处处长）');
    await when('研究确定时间', '2024-03-20 15:00');
    await submit();
    await stageIs('确定考察对象');

    await open('组成考察组');
    await fill('组长姓名', demo.teamLeader.name);
    await fill('组长编号', demo.teamLeader.sub);
    await fill('组员姓名', demo.teamMember.name);
    await fill('组员编号', demo.teamMember.sub);
    await submit();
    await open('发布考察预告');
    await when('发布时间', '2024-03-22 09:00');
    await submit();
    await stageIs('考察');
    expect(await offered()).not.toContain('签署政治素质考察意见');
  });

  it('the inspectors record a talk, the report and the political opinion; the leader and the unit secretary sign it', async () => {
    await as(demo.teamMember);
    expect(await offered()).not.toContain('提交考察报告');
    await open('录入考察活动', candidate());
    await when('时间', '2024-03-25 09:00');
    await fill('人数', '25');
    await fill('情况摘要', '与 25 名干部职工个别谈话，普遍反映该同志政治坚定、业务精通');
    await submit();

    await as(demo.teamLeader);
    await open('提交考察报告', candidate());
    await fill('考察结论', '考察组认为该同志符合拟任职务要求');
    await fill('主要优点', '政治素质好，业务能力强，作风扎实');
    await fill('主要不足', '开拓创新意识有待加强');
    await submit();
    await open('起草政治素质考察意见', candidate());
    await fill(
      '意见全文',
      '该同志政治素质好，政治立场坚定，能够坚决贯彻落实党中央决策部署和省委、市委工作要求。',
    );
    await submit();
    await candidate().getByRole('button', { name: '签署政治素质考察意见', exact: true }).click();
    await page.getByTestId('sign-button').click();
    await page.getByTestId('signed').waitFor();

    await as(demo.unitSecretary);
    expect(await offered()).not.toContain('录入讨论决定');
    await candidate().getByRole('button', { name: '签署政治素质考察意见', exact: true }).click();
    await page.getByTestId('opinion-text').waitFor();
    await screenshot(page, '22-sign-political');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('sign-button').click();
    await page.getByTestId('signed').waitFor();
  });

  it('the discipline secretary drafts and signs the integrity opinion and checks petitions; the unit secretary signs', async () => {
    await as(demo.disciplineSecretary);
    await open('起草廉政意见', candidate());
    await fill('意见全文', '经查，未发现该同志有违反廉洁纪律的问题，无不同意见。');
    await submit();
    await open('录入信访举报核查', candidate());
    await fill('核查情况', '近三年未收到反映该同志问题的信访举报');
    await when('核查时间', '2024-03-28 15:00');
    await submit();
    await candidate().getByRole('button', { name: '签署廉政意见', exact: true }).click();
    await page.getByTestId('sign-button').click();
    await page.getByTestId('signed').waitFor();

    await as(demo.unitSecretary);
    await candidate().getByRole('button', { name: '签署廉政意见', exact: true }).click();
    await page.getByTestId('sign-button').click();
    await page.getByTestId('signed').waitFor();
  });

  it('the handler completes 凡提四必, records the meeting, the notice, the appointment and the talk: 结案', async () => {
    await as(demo.handler);
    await screenshot(page, '23-case-before-checks');
    const blocked = await page.getByTestId('blocked-actions').first().textContent();
    expect(blocked).toMatch(/R\d+/);
    await open('录入干部档案审核', candidate());
    await fill('核查情况', '三龄两历一身份无误');
    await when('核查时间', '2024-03-28 10:00');
    await submit();
    await open('录入个人有关事项核查', candidate());
    await fill('核查情况', '查核一致');
    await when('核查时间', '2024-03-28 11:00');
    await submit();

    await open('录入讨论决定');
    await when('会议时间', '2024-04-10 15:00');
    await fill('应到会成员数', '7');
    await fill('会议成员（每行一人：编号 姓名）', MEMBERS.join('\n'));
    await choose('主要负责同志', '陈卫东');
    await screenshot(page, '24-form-meeting');
    await submit();
    await stageIs('讨论决定');
    expect(await page.locator('[data-testid^="candidate-status-"]').first().textContent()).toBe('会议通过');

    await open('开始任前公示', candidate());
    await when('公示开始日期', '2024-04-11');
    await submit();
    await open('发文任职', candidate());
    await when('任职通知日期', '2024-04-19');
    await field('实行试用期').click();
    await submit();
    await open('录入任职谈话', candidate());
    await when('谈话时间', '2024-04-22 10:00');
    await fill('谈话人', demo.committeeSecretary.name);
    await submit();
    await stageIs('结案');
    // DOMAIN.md §7: a closed case takes only a post-appointment finding
    expect(await offered()).toEqual(['登记任职后发现问题']);
    await screenshot(page, '25-case-closed');
  });
});
