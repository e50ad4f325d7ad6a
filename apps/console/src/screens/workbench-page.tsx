import { Badge, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
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
import { DEADLINE_LABELS, label } from '../labels';
import { actionLabel, offeredActions, stepState } from './case/next-actions';
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
          if (action.allowed && stepState(action, view) === 'todo') waiting.push({ view, action });
      }
      if (live) setState({ waiting, views: map, loading: false, error: undefined });
    })().catch((error: unknown) => live && setState((s) => ({ ...s, loading: false, error })));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function InboxCard({ views }: { views: Map<string, CaseView> }) {
  const { data, error, reload } = useApi<{ entries: InboxEntry[] }>('/inbox');
  const [extra, setExtra] = useState<Map<string, CaseView>>(new Map());
  const entries = data?.entries ?? [];
  useEffect(() => {
    const missing = [...new Set(entries.map((e) => e.caseId))].filter((id) => !views.has(id)).slice(0, 20);
    if (missing.length === 0) return;
    void Promise.all(missing.map((id) => api<CaseView>(`/cases/${id}`).catch(() => null))).then((found) =>
      setExtra(new Map(found.filter((v): v is CaseView => v !== null).map((v) => [v.caseId, v]))),
    );
  }, [entries, views]);
  const stillApplies = (entry: InboxEntry): boolean | undefined => {
    const view = views.get(entry.caseId) ?? extra.get(entry.caseId);
    if (view === undefined) return undefined;
    const base = entry.kind.replace(/-escalation$/, '');
    return (view.deadlines ?? []).some(
      (d) => d.kind.replace(/-escalation$/, '') === base && d.subject === entry.subject,
    );
  };
  return (
    <Card
      title={
        <Space>
          收件箱
          <Badge count={entries.filter((e) => e.readAt === null).length} />
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {error !== undefined ? (
        <LoadProblem error={error} what="收件箱" />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有提醒" />
      ) : (
        <List
          size="small"
          dataSource={entries.slice(0, 20)}
          renderItem={(entry) => {
            const applies = stillApplies(entry);
            return (
              <List.Item
                actions={[
                  entry.readAt === null ? (
                    <Button
                      size="small"
                      key="read"
                      onClick={() => void api(`/inbox/${entry.id}/read`, { method: 'POST' }).then(reload)}
                    >
                      标为已读
                    </Button>
                  ) : (
                    <Typography.Text type="secondary" key="read">
                      已读
                    </Typography.Text>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/cases/${entry.caseId}`}>{label(DEADLINE_LABELS, entry.kind)}</Link>
                      {entry.escalationLevel > 0 && <Tag color="volcano">已上报</Tag>}
                      {applies === true && <Tag color="orange">仍需办理</Tag>}
                      {applies === false && <Tag color="green">已办结</Tag>}
                    </Space>
                  }
                  description={`${entry.reason} · 提醒时间 ${formatTime(entry.issuedAt)}`}
                />
              </List.Item>
            );
          }}
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
                        <Link to={`/cases/${view.caseId}`}>
                          {view.post.title}
                          {view.post.title.includes(view.post.orgUnit) ? '' : `（${view.post.orgUnit}）`}
                        </Link>
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
