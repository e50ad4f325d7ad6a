import type { Page } from 'playwright-core';
import { type Deadline, type DeadlineKind, InboxRepository, type Recipient } from '@app/reminders';
import {
  apiClient,
  type ConsoleHarness,
  type DemoPerson,
  screenshot,
  seriousViolations,
  signInAs,
  startConsoleHarness,
} from './support/console-harness';
import { demo } from './support/demo';

const recipient = (person: DemoPerson): Recipient =>
  ({ role: person.role, orgUnit: person.orgUnit }) as Recipient;

/**
 * The supervisor's inbox on the 工作台 in Chromium over the real api: reminders grouped by case, newest
 * case first, each case marked read at once, then the whole inbox after a confirmation.
 */
describe('the workbench inbox (browser)', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  const cases: Record<'fgw' | 'czj' | 'jyj', string> = { fgw: '', czj: '', jyj: '' };

  const inboxOf = async (
    person: DemoPerson,
    query = '',
  ): Promise<Array<{ id: string; reminderId: string }>> =>
    (await api.get(person, `/inbox${query}`)).entries as unknown as Array<{ id: string; reminderId: string }>;
  const unreadOf = async (person: DemoPerson): Promise<number> =>
    (await inboxOf(person, '?unread=true')).length;

  beforeAll(async () => {
    harness = await startConsoleHarness('browser_inbox');
    api = apiClient(harness.baseUrl);
    const open = async (title: string, orgUnit: string): Promise<string> =>
      (
        await api.post(demo.handler, '/cases', {
          post: { title, orgUnit, level: '副局级' },
          seats: 1,
          grounds: '领导班子分析研判：职位空缺',
        })
      ).caseId;
    cases.fgw = await open('市发展和改革委员会副主任', '市发展和改革委员会');
    cases.czj = await open('副局长', '市财政局');
    cases.jyj = await open('市教育局副局长', '市教育局');
    await harness.caughtUp();

    // Reminders as the worker delivers them, a minute apart: 财政局 holds the newest one.
    const inbox = new InboxRepository(harness.pool);
    const approval = '动议已报 3 个工作日，尚未审批';
    const escalated = '动议超过 5 个工作日未审批，报分管领导';
    const reminders: Array<[string, DeadlineKind, number, string]> = [
      [cases.jyj, 'initiation-approval', 0, approval],
      [cases.fgw, 'initiation-approval', 0, approval],
      [cases.fgw, 'initiation-approval-escalation', 1, escalated],
      [cases.jyj, 'initiation-approval-escalation', 1, escalated],
      [cases.fgw, 'check-outstanding', 0, '凡提四必尚有核查未完成'],
      [cases.czj, 'initiation-approval', 0, approval],
    ];
    for (const [i, [caseId, kind, escalationLevel, reason]] of reminders.entries()) {
      const deadline: Deadline = {
        deadlineId: `${caseId}-${kind}-case`,
        caseId,
        kind,
        subject: 'case',
        dueAt: '2026-03-02T09:00:00+08:00',
        recipientRoles: ['handler', 'supervisor'],
        reason,
        escalationLevel,
      };
      await inbox.deliver(
        [
          {
            reminderId: `r-${i}`,
            deadline,
            recipients: [recipient(demo.supervisor), recipient(demo.handler)],
            issuedAt: `2026-03-02T09:0${i}:00+08:00`,
          },
        ],
        new Date(Date.UTC(2026, 2, 2, 1, i)),
      );
    }
    // 教育局's oldest reminder was read already: it shows apart from the unread ones.
    await inbox.deliverNotice(
      {
        reminderId: 'calendar-coverage-2026',
        recipientRole: 'admin',
        kind: 'calendar-coverage',
        subject: '2026',
        reason: '工作日历只覆盖到 2026-12-31，请载入 2027 年节假日安排',
        dueAt: '2026-11-01T09:00:00+08:00',
      },
      new Date('2026-11-01T01:00:00Z'),
    );
    const oldest = (await inboxOf(demo.supervisor)).find((e) => e.reminderId === 'r-0');
    await api.post(demo.supervisor, `/inbox/${oldest?.id ?? ''}/read`, {});
    page = await harness.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const groups = () => page.getByTestId('inbox-group');
  const group = (caseId: string) => page.locator(`[data-testid="inbox-group"][data-case-id="${caseId}"]`);

  it('groups the reminders by case, newest case first, with the unread count of each', async () => {
    await signInAs(page, harness.baseUrl, demo.supervisor.sub);
    await groups().first().waitFor();
    await expect(groups().count()).resolves.toBe(3);
    await expect(
      groups().evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id'))),
    ).resolves.toEqual([cases.czj, cases.fgw, cases.jyj]);
    const titles = await page.getByTestId('inbox-group-title').allTextContents();
    expect(titles).toEqual([
      '市财政局副局长1 条未读共 1 条',
      '市发展和改革委员会副主任3 条未读共 3 条',
      '市教育局副局长1 条未读共 2 条',
    ]);
    await expect(
      group(cases.jyj).locator('[data-testid="inbox-entry"][data-read="true"]').count(),
    ).resolves.toBe(1);
    await expect(page.getByText('已上报').count()).resolves.toBe(2);
    await screenshot(page, '50-workbench-inbox-grouped');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('marks one case read with 本案标为已读, and leaves the other cases unread', async () => {
    await group(cases.fgw).getByTestId('inbox-read-case').click();
    await group(cases.fgw).getByText('均已读').waitFor();
    await expect(
      group(cases.fgw).locator('[data-testid="inbox-entry"][data-read="false"]').count(),
    ).resolves.toBe(0);
    await expect(group(cases.czj).getByText('1 条未读').count()).resolves.toBe(1);
    await expect(unreadOf(demo.supervisor)).resolves.toBe(2);
  });

  it('marks the whole inbox read after 全部标为已读 is confirmed, and the handler’s stays unread', async () => {
    await page.getByTestId('inbox-read-all').click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('共 2 条未读提醒，涉及 2 个案件，全部标为已读？').waitFor();
    await screenshot(page, '51-workbench-inbox-confirm');
    await confirm.getByRole('button', { name: '标为已读' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('已将 2 条提醒标为已读').waitFor();
    // The list is read again after the answer: its last unread entry goes once that has come.
    await page
      .locator('[data-testid="inbox-entry"][data-read="false"]')
      .first()
      .waitFor({ state: 'detached' });
    await expect(page.getByTestId('inbox-read-all').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="inbox-entry"][data-read="false"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="inbox-entry"][data-read="true"]').count()).resolves.toBe(6);
    await expect(page.getByText('均已读').count()).resolves.toBe(3);
    await expect(unreadOf(demo.supervisor)).resolves.toBe(0);
    await expect(unreadOf(demo.handler)).resolves.toBe(6);
    await screenshot(page, '52-workbench-inbox-read');
  });

  it('shows cases read through folded on the next visit; the arrow opens one', async () => {
    await page.reload();
    await groups().first().waitFor();
    await expect(page.getByText('均已读').count()).resolves.toBe(3);
    await expect(page.locator('[data-testid="inbox-entry"]:visible').count()).resolves.toBe(0);
    await group(cases.fgw).locator('.ant-collapse-expand-icon').click();
    await group(cases.fgw).getByTestId('inbox-entry').first().waitFor();
    await expect(group(cases.fgw).getByTestId('inbox-entry').count()).resolves.toBe(3);
  });

  it('gives the admins’ notices, which concern no case, a group of their own, marked read one by one', async () => {
    await signInAs(page, harness.baseUrl, demo.admin.sub);
    const notices = group('');
    await notices.getByText('系统通知').waitFor();
    await notices.getByText('工作日历即将到期').waitFor();
    await screenshot(page, '53-workbench-inbox-notice');
    await notices.getByRole('button', { name: '本组标为已读' }).click();
    await notices.getByText('均已读').waitFor();
    await expect(unreadOf(demo.admin)).resolves.toBe(0);
  });
});
