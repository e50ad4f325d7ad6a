import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Collapse,
  Empty,
  List,
  Popconfirm,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, query } from '../api/api-client';
import type { CaseListItem, CaseView, InboxEntry, NextAction, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { usePerson } from '../auth/use-person';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { RemainingTime } from '../components/remaining-time';
import { StageTag } from '../components/stage-tag';
import { DEADLINE_LABELS, label, postName } from '../labels';
import { actionLabel, offeredActions } from './case/next-actions';
import { formatTime } from '../time';

interface Waiting {
  view: CaseView;
  action: NextAction;
}

/** The lists of the workbench: approvals, signatures, and the rest of the caller's work under a title for their role. */
const APPROVALS = ['ApproveInitiation', 'RejectInitiation'];
const SIGNATURES = ['SignOpinion'];

const WORK_TITLES: Record<string, string> = {
  handler: '待我经办',
  inspector: '待我考察',
  'discipline-secretary': '待我出具意见与核查',
  'unit-secretary': '待我办理',
  'committee-secretary': '待我办理',
  supervisor: '待我办理',
  auditor: '待我办理',
  admin: '待我办理',
};

/** Which lists a role always sees (even empty); others appear only when they hold something. */
const ROLE_LISTS: Record<string, string[]> = {
  'committee-secretary': ['approve'],
  'unit-secretary': ['sign'],
  'discipline-secretary': ['sign', 'work'],
  inspector: ['work', 'sign'],
  handler: ['work'],
};

function candidateName(view: CaseView, candidateId?: string): string {
  return view.candidates.find((c) => c.candidateId === candidateId)?.person.name ?? '';
}

/** One row per case in a list: its steps named (签署廉政意见 · 张建华), a decision's two buttons as one. */
function stepsText(view: CaseView, actions: NextAction[]): string[] {
  const texts = actions.map((action) => {
    if (APPROVALS.includes(action.action)) return '审批动议（批准或不同意）';
    const name = candidateName(view, action.candidateId);
    return `${actionLabel(action)}${name ? ` · ${name}` : ''}`;
  });
  return [...new Set(texts)];
}

/** The cases the caller can read, each with its next actions: what waits on them now. */
function useWaiting(): {
  waiting: Waiting[];
  views: Map<string, CaseView>;
  loading: boolean;
  error: unknown;
} {
  const [state, setState] = useState<{
    waiting: Waiting[];
    views: Map<string, CaseView>;
    loading: boolean;
    error: unknown;
  }>({
    waiting: [],
    views: new Map(),
    loading: true,
    error: undefined,
  });
  useEffect(() => {
    let live = true;
    (async () => {
      const page = await api<Page<CaseListItem>>(`/cases${query({ limit: 50 })}`);
      const open = page.items.filter((c) => c.status !== 'closed').slice(0, 30);
      const views = await Promise.all(open.map((c) => api<CaseView>(`/cases/${c.caseId}`).catch(() => null)));
      const map = new Map<string, CaseView>();
      const waiting: Waiting[] = [];
      for (const view of views) {
        if (view === null) continue;
        map.set(view.caseId, view);
        // Only steps still outstanding: a step already done (a drafted opinion, a recorded check) is not work waiting.
        for (const action of offeredActions(view.nextActions ?? []))
          if (action.allowed && action.step === 'todo') waiting.push({ view, action });
      }
      if (live) setState({ waiting, views: map, loading: false, error: undefined });
    })().catch((error: unknown) => live && setState((s) => ({ ...s, loading: false, error })));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** The reminders of one case (caseId '': the notices that concern no case, e.g. the calendar's). */
interface InboxGroup {
  caseId: string;
  entries: InboxEntry[];
  unread: number;
}

/** Enough for a supervisor's reminders over many cases to be grouped whole, not only the newest page. */
const INBOX_LIMIT = 200;

/** Entries come newest first, so each case's group falls where its newest reminder is: newest case first. */
function groupByCase(entries: InboxEntry[]): InboxGroup[] {
  const groups = new Map<string, InboxGroup>();
  for (const entry of entries) {
    const group = groups.get(entry.caseId) ?? { caseId: entry.caseId, entries: [], unread: 0 };
    group.entries.push(entry);
    if (entry.readAt === null) group.unread += 1;
    groups.set(entry.caseId, group);
  }
  return [...groups.values()];
}

function InboxCard({ views }: { views: Map<string, CaseView> }) {
  const { message } = App.useApp();
  const { data, error, reload } = useApi<{ entries: InboxEntry[] }>(`/inbox${query({ limit: INBOX_LIMIT })}`);
  const [extra, setExtra] = useState<Map<string, CaseView>>(new Map());
  const [marking, setMarking] = useState<string | null>(null);
  const entries = data?.entries ?? [];
  const groups = groupByCase(entries);
  const unread = entries.filter((e) => e.readAt === null).length;
  const unreadCases = groups.filter((g) => g.unread > 0 && g.caseId !== '').length;
  // A full page may leave older unread entries unlisted; POST /inbox/read marks those too.
  const unreadText = entries.length >= INBOX_LIMIT ? `${unread} 条以上` : `${unread} 条`;
  useEffect(() => {
    const missing = [...new Set(entries.map((e) => e.caseId))]
      .filter((id) => id !== '' && !views.has(id))
      .slice(0, 20);
    if (missing.length === 0) return;
    void Promise.all(missing.map((id) => api<CaseView>(`/cases/${id}`).catch(() => null))).then((found) =>
      setExtra(new Map(found.filter((v): v is CaseView => v !== null).map((v) => [v.caseId, v]))),
    );
  }, [entries, views]);
  const viewOf = (caseId: string): CaseView | undefined => views.get(caseId) ?? extra.get(caseId);
  const stillApplies = (entry: InboxEntry): boolean | undefined => {
    const view = viewOf(entry.caseId);
    if (view === undefined) return undefined;
    const base = entry.kind.replace(/-escalation$/, '');
    return (view.deadlines ?? []).some(
      (d) => d.kind.replace(/-escalation$/, '') === base && d.subject === entry.subject,
    );
  };
  const groupTitle = (group: InboxGroup): string => {
    if (group.caseId === '') return '系统通知';
    const view = viewOf(group.caseId);
    return view ? postName(view.post) : (group.entries.find((e) => e.postTitle)?.postTitle ?? '案件');
  };
  const linkOf = (caseId: string): string => (caseId === '' ? '/admin' : `/cases/${caseId}`);

  /** Runs one marking (its button shows busy), says what went wrong if it failed, then reloads. */
  const runMarking = async (key: string, work: () => Promise<void>): Promise<void> => {
    setMarking(key);
    try {
      await work();
    } catch (e: unknown) {
      void message.error(e instanceof Error ? e.message : '标为已读未成功，请稍后重试');
    } finally {
      setMarking(null);
      reload();
    }
  };
  /** Marks the caller's unread entries read (one case's when given). */
  const markAll = (caseId?: string): Promise<void> =>
    runMarking(caseId ?? 'all', async () => {
      const { marked } = await api<{ marked: number }>('/inbox/read', {
        method: 'POST',
        body: caseId === undefined ? {} : { caseId },
      });
      void message.success(marked > 0 ? `已将 ${marked} 条提醒标为已读` : '没有未读的提醒');
    });
  /** Notices that concern no case have no case to name: they are marked one by one. */
  const markNotices = (group: InboxGroup): Promise<void> =>
    runMarking('notices', async () => {
      for (const entry of group.entries.filter((e) => e.readAt === null))
        await api(`/inbox/${entry.id}/read`, { method: 'POST' });
    });

  const renderEntry = (entry: InboxEntry) => {
    const applies = stillApplies(entry);
    const read = entry.readAt !== null;
    return (
      <List.Item
        data-testid="inbox-entry"
        data-read={read ? 'true' : 'false'}
        actions={[
          read ? (
            <Typography.Text type="secondary" key="read">
              已读
            </Typography.Text>
          ) : (
            <Button
              size="small"
              key="read"
              onClick={() => void api(`/inbox/${entry.id}/read`, { method: 'POST' }).then(reload)}
            >
              标为已读
            </Button>
          ),
        ]}
      >
        <List.Item.Meta
          avatar={<Badge status={read ? 'default' : 'error'} />}
          title={
            <Space wrap>
              <Link to={linkOf(entry.caseId)} style={read ? { fontWeight: 'normal' } : undefined}>
                {label(DEADLINE_LABELS, entry.kind)}
              </Link>
              {entry.escalationLevel > 0 && <Tag color="volcano">已上报</Tag>}
              {applies === true && <Tag color="orange">仍需办理</Tag>}
              {applies === false && <Tag color="green">已办结</Tag>}
            </Space>
          }
          description={
            <>
              {entry.reason} ·{' '}
              <span style={{ whiteSpace: 'nowrap' }}>提醒时间 {formatTime(entry.issuedAt)}</span>
            </>
          }
        />
      </List.Item>
    );
  };

  return (
    <Card
      title={
        <Space>
          收件箱
          <Badge count={unread} />
        </Space>
      }
      extra={
        <Popconfirm
          title="全部标为已读"
          description={`共 ${unreadText}未读提醒${unreadCases > 0 ? `，涉及 ${unreadCases} 个案件` : ''}，全部标为已读？`}
          okText="标为已读"
          cancelText="取消"
          onConfirm={() => markAll()}
          disabled={unread === 0}
        >
          <Button
            size="small"
            disabled={unread === 0}
            loading={marking === 'all'}
            data-testid="inbox-read-all"
          >
            全部标为已读
          </Button>
        </Popconfirm>
      }
      style={{ marginBottom: 16 }}
    >
      {error !== undefined ? (
        <LoadProblem error={error} what="收件箱" />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有提醒" />
      ) : (
        <Collapse
          size="small"
          // Only the arrow folds a case: the header holds the case's link and button, which must not sit inside another control.
          collapsible="icon"
          // Cases with unread reminders open; a case read through stays folded until asked for.
          defaultActiveKey={groups.filter((g) => g.unread > 0).map((g) => g.caseId)}
          items={groups.map((group) => ({
            key: group.caseId,
            label: (
              <Space wrap data-testid="inbox-group-title">
                <Link to={linkOf(group.caseId)}>{groupTitle(group)}</Link>
                {group.unread > 0 ? (
                  <Tag color="red">{group.unread} 条未读</Tag>
                ) : (
                  <Typography.Text type="secondary">均已读</Typography.Text>
                )}
                <Typography.Text type="secondary">共 {group.entries.length} 条</Typography.Text>
              </Space>
            ),
            extra:
              group.unread > 0 ? (
                <Button
                  size="small"
                  loading={marking === (group.caseId || 'notices')}
                  data-testid="inbox-read-case"
                  onClick={() => void (group.caseId === '' ? markNotices(group) : markAll(group.caseId))}
                >
                  {group.caseId === '' ? '本组标为已读' : '本案标为已读'}
                </Button>
              ) : null,
            children: <List size="small" dataSource={group.entries} renderItem={renderEntry} />,
            'data-testid': 'inbox-group',
            'data-case-id': group.caseId,
          }))}
        />
      )}
    </Card>
  );
}

export default function WorkbenchPage() {
  const person = usePerson();
  const { waiting, views, loading, error } = useWaiting();
  const overdue = useApi<Page<CaseListItem>>(
    person && ['handler', 'supervisor', 'committee-secretary'].includes(person.role)
      ? `/cases${query({ overdue: 'true', orgUnit: person.orgUnit, limit: 20 })}`
      : null,
  );
  const role = person?.role ?? '';
  const lists = [
    { key: 'approve', title: '待我审批', items: waiting.filter((w) => APPROVALS.includes(w.action.action)) },
    { key: 'sign', title: '待我签字', items: waiting.filter((w) => SIGNATURES.includes(w.action.action)) },
    {
      key: 'work',
      title: WORK_TITLES[role] ?? '待我办理',
      items: waiting.filter((w) => ![...APPROVALS, ...SIGNATURES].includes(w.action.action)),
    },
  ]
    .filter((list) => list.items.length > 0 || (ROLE_LISTS[role] ?? []).includes(list.key))
    .map((list) => {
      const byCase = new Map<string, { view: CaseView; actions: NextAction[] }>();
      for (const { view, action } of list.items) {
        const entry = byCase.get(view.caseId) ?? { view, actions: [] };
        entry.actions.push(action);
        byCase.set(view.caseId, entry);
      }
      return { ...list, cases: [...byCase.values()] };
    });

  return (
    <>
      <PageHeader title="工作台" />
      {error !== undefined && <LoadProblem error={error} what="待办事项" />}
      <Row gutter={16}>
        {lists.map((group) => (
          <Col key={group.key} xs={24} md={12} xl={8}>
            <Card
              title={
                <Space>
                  {group.title}
                  <Badge
                    count={group.cases.length}
                    showZero
                    color={group.cases.length ? '#b71c1c' : '#bfbfbf'}
                  />
                </Space>
              }
              loading={loading}
              style={{ marginBottom: 16 }}
              data-testid={`waiting-${group.key}`}
            >
              {group.cases.length === 0 ? (
                <Typography.Text type="secondary">暂无</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={group.cases.slice(0, 8)}
                  renderItem={({ view, actions }) => (
                    <List.Item data-testid="waiting-item">
                      <div>
                        <Link to={`/cases/${view.caseId}`}>{postName(view.post)}</Link>
                        {stepsText(view, actions).map((text) => (
                          <div key={text} style={{ fontSize: 12, color: '#595959' }}>
                            {text}
                          </div>
                        ))}
                      </div>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <InboxCard views={views} />
        </Col>
        <Col xs={24} xl={12}>
          {overdue.data !== undefined || overdue.error !== undefined ? (
            <Card title="本单位逾期案件">
              {overdue.error !== undefined ? (
                <LoadProblem error={overdue.error} what="逾期案件" />
              ) : (
                <List
                  size="small"
                  locale={{ emptyText: '没有逾期案件' }}
                  dataSource={overdue.data?.items ?? []}
                  renderItem={(item) => (
                    <List.Item extra={<RemainingTime dueAt={item.nextDueAt} />}>
                      <Space>
                        <Link to={`/cases/${item.caseId}`}>{item.post.title}</Link>
                        <StageTag stage={item.stage} />
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}
