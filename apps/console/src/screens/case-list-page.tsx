import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { query } from '../api/api-client';
import type { CaseListItem, Page } from '../api/types';
import { useApi } from '../api/use-api';
import { usePerson } from '../auth/use-person';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { RemainingTime } from '../components/remaining-time';
import { StageTag } from '../components/stage-tag';
import { STAGE_LABELS, STAGES } from '../labels';
import { formatTime } from '../time';
import { ActionFormModal } from './case/action-form-modal';

const PAGE_SIZE = 20;

export default function CaseListPage() {
  const person = usePerson();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const [opening, setOpening] = useState(false);
  const filters = {
    // An unknown ?stage= (a stale or mistyped link) is ignored: 全部阶段, not a refused request.
    stage: (STAGES as readonly string[]).includes(params.get('stage') ?? '')
      ? (params.get('stage') as string)
      : undefined,
    orgUnit: params.get('orgUnit') ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    q: params.get('q') ?? undefined,
  };
  const cursor = cursors.at(-1);
  const { data, error, loading } = useApi<Page<CaseListItem>>(
    `/cases${query({ ...filters, cursor, limit: PAGE_SIZE })}`,
  );

  const apply = (values: Record<string, unknown>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(values))
      if (value !== undefined && value !== false && String(value).trim() !== '') next.set(key, String(value));
    setCursors([]);
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title="案件列表"
        crumbs={[{ title: '工作台', to: '/' }, { title: '案件列表' }]}
        extra={
          person?.role === 'handler' && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpening(true)}
              data-action="OpenCase"
            >
              新建案件
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          initialValues={{ ...filters, overdue: filters.overdue === 'true' }}
          onFinish={apply}
          role="search"
        >
          <Form.Item name="stage" label="阶段">
            <Select
              allowClear
              placeholder="全部阶段"
              style={{ width: 160 }}
              options={STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
            />
          </Form.Item>
          <Form.Item name="orgUnit" label="主办单位">
            <Input allowClear placeholder="如：市委组织部" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="q" label="搜索">
            <Input allowClear placeholder="职务、职位所在单位或人选姓名" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox>仅看已逾期</Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button onClick={() => apply({})}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {error !== undefined ? (
          <LoadProblem error={error} what="案件列表" />
        ) : (
          <>
            <Table
              rowKey="caseId"
              loading={loading}
              dataSource={data?.items ?? []}
              pagination={false}
              locale={{ emptyText: '没有符合条件的案件' }}
              scroll={{ x: 900 }}
              columns={[
                {
                  title: '拟任职务',
                  dataIndex: ['post', 'title'],
                  render: (title: string, row: CaseListItem) => (
                    <Link to={`/cases/${row.caseId}`}>{title}</Link>
                  ),
                },
                { title: '职位所在单位', dataIndex: ['post', 'orgUnit'] },
                { title: '职务层次', dataIndex: ['post', 'level'], width: 100 },
                {
                  title: '阶段',
                  dataIndex: 'stage',
                  width: 120,
                  render: (stage: CaseListItem['stage']) => <StageTag stage={stage} />,
                },
                {
                  title: '人选',
                  dataIndex: 'candidateNames',
                  render: (names: string[]) => names.join('、') || '—',
                },
                {
                  title: '下一时限',
                  dataIndex: 'nextDueAt',
                  width: 150,
                  render: (due: string | null, row: CaseListItem) =>
                    row.overdue && due === null ? (
                      <Tag color="red">已逾期</Tag>
                    ) : (
                      <RemainingTime dueAt={due} />
                    ),
                },
                {
                  title: '更新时间',
                  dataIndex: 'updatedAt',
                  width: 150,
                  render: (t: string) => formatTime(t),
                },
              ]}
            />
            <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
              <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
                上一页
              </Button>
              <span>第 {cursors.length + 1} 页</span>
              <Button
                disabled={!data?.nextCursor}
                onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor as string])}
              >
                下一页
              </Button>
            </Space>
          </>
        )}
      </Card>
      {opening && (
        <ActionFormModal
          request={{ action: 'OpenCase', path: '/cases' }}
          view={null}
          onClose={() => setOpening(false)}
          onDone={(result) => {
            setOpening(false);
            message.success('案件已建立');
            navigate(`/cases/${result.caseId}`);
          }}
        />
      )}
    </>
  );
}
