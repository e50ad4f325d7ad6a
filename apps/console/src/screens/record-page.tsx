import { CheckCircleOutlined, DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Modal,
  Select,
  Slider,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, download, isMissingEndpoint, query } from '../api/api-client';
import type { CaseView, HistoryEvent, TimelineEntry } from '../api/types';
import { useApi } from '../api/use-api';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import {
  ACTIVITY_LABELS,
  CANDIDATE_STATUS,
  EVENT_LABELS,
  OPINION_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
  SIGNER_LABELS,
  STAGE_LABELS,
  label,
} from '../labels';
import { formatTime } from '../time';

interface Verify {
  intact: boolean;
  events: number;
  brokenAt?: string;
}

function VerifyBadge({ caseId }: { caseId: string }) {
  const { data, error } = useApi<Verify>(`/cases/${caseId}/verify`);
  if (error !== undefined) return <Tag color="default">无法校验</Tag>;
  if (data === undefined) return <Tag>正在校验…</Tag>;
  return data.intact ? (
    <Tag
      icon={<CheckCircleOutlined />}
      data-testid="verify-badge"
      style={{
        fontSize: 14,
        padding: '4px 10px',
        color: '#135200',
        background: '#f6ffed',
        borderColor: '#b7eb8f',
      }}
    >
      记录完整（共 {data.events} 条，哈希链校验通过）
    </Tag>
  ) : (
    <Tag
      icon={<WarningOutlined />}
      data-testid="verify-badge"
      style={{
        fontSize: 14,
        padding: '4px 10px',
        color: '#a8071a',
        background: '#fff1f0',
        borderColor: '#ffa39e',
      }}
    >
      记录被改动：自第 {data.brokenAt} 版起校验不通过
    </Tag>
  );
}

const RESULT_LABELS: Record<string, string> = {
  kind: '类别',
  eligible: '应参加',
  participants: '实参加',
  requiredParticipants: '须达到',
  seats: '职数',
  decision: '决定',
  outcome: '结果',
  verdict: '结论',
  count: '人数',
  agree: '同意',
  disagree: '不同意',
  defer: '缓议',
  entitled: '应到',
  attendees: '实到',
  startDate: '公示开始',
  endDate: '公示结束',
  noticeDate: '任职通知日期',
  probation: '试用期',
  result: '结果',
  channel: '发布方式',
  documentNo: '文号',
  reason: '原因',
};

const VALUE_LABELS: Record<string, string> = {
  ...OUTCOME_LABELS,
  ...ACTIVITY_LABELS,
  ...OPINION_LABELS,
  meeting: '会议推荐',
  talk: '谈话调研推荐',
  approved: '同意',
  rejected: '不同意',
  deferred: '缓议',
};

function resultValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatTime(value);
  return typeof value === 'string' ? (VALUE_LABELS[value] ?? value) : String(value);
}

/** The 情况 column: grounds, results under their Chinese names, and who took part. */
function summarise(entry: TimelineEntry): string {
  const parts: string[] = [];
  if (entry.grounds) parts.push(entry.grounds);
  if (entry.type === 'EligibilityRecorded') {
    const flags = (entry.result?.disqualifyingFlags as unknown[] | undefined) ?? [];
    parts.push(flags.length === 0 ? '未发现不得列为考察对象的情形' : '存在不得列为考察对象的情形');
  }
  if (entry.result) {
    const results = Object.entries(entry.result)
      .filter(([key, v]) => RESULT_LABELS[key] !== undefined && v !== null && typeof v !== 'object')
      // The kind (个别谈话, 廉政意见…) is what the 事项 column already names.
      .filter(([key, v]) => key !== 'kind' || !entry.title.includes(resultValue(v)))
      .map(([key, v]) => `${RESULT_LABELS[key]} ${resultValue(v)}`);
    if (results.length > 0) parts.push(results.join('，'));
  }
  // Signatures recorded before the service named the signer's part in Chinese carry its key.
  const people = entry.participants
    .filter((p) => p.name)
    .map((p) => `${SIGNER_LABELS[p.part] ?? p.part} ${p.name}`);
  if (people.length > 0) parts.push(people.join('、'));
  if (entry.digest) parts.push(`摘要 ${entry.digest.slice(0, 12)}…`);
  return parts.filter(Boolean).join('；');
}

function TimelineTab({ caseId, view }: { caseId: string; view: CaseView }) {
  const [candidateId, setCandidateId] = useState<string | undefined>(undefined);
  const { data, error, loading } = useApi<{ entries: TimelineEntry[] }>(
    `/cases/${caseId}/timeline${query({ candidateId })}`,
  );
  const started = useMemo(() => performance.now(), [data]);
  useEffect(() => {
    if (data) performance.measure('timeline-render', { start: started, end: performance.now() });
  }, [data, started]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>人选：</span>
        <Select
          style={{ width: 220 }}
          value={candidateId ?? ''}
          onChange={(v) => setCandidateId(v === '' ? undefined : v)}
          options={[
            { value: '', label: '全部（一案一表）' },
            ...view.candidates.map((c) => ({ value: c.candidateId, label: `${c.person.name}（一人一表）` })),
          ]}
          aria-label="按人选筛选"
        />
        {data && <Typography.Text type="secondary">共 {data.entries.length} 条</Typography.Text>}
      </Space>
      {error !== undefined ? (
        <LoadProblem error={error} what="纪实时间线" />
      ) : (
        <Table
          virtual
          size="small"
          rowKey={(e) => `${e.revision}-${e.seq}`}
          loading={loading}
          dataSource={data?.entries ?? []}
          pagination={false}
          scroll={{ x: 1100, y: 560 }}
          data-testid="timeline"
          columns={[
            { title: '版本', dataIndex: 'revision', width: 56 },
            {
              title: '阶段',
              dataIndex: 'stage',
              width: 96,
              render: (s: TimelineEntry['stage']) => STAGE_LABELS[s] ?? s,
            },
            { title: '事项', dataIndex: 'title', width: 190 },
            { title: '发生时间', dataIndex: 'time', width: 128, render: (t: string) => formatTime(t) },
            { title: '录入时间', dataIndex: 'recordedAt', width: 128, render: (t: string) => formatTime(t) },
            {
              title: '办理人',
              dataIndex: 'actor',
              width: 150,
              render: (a: TimelineEntry['actor']) => `${a.name}（${label(ROLE_LABELS, a.role)}）`,
            },
            {
              title: '情况',
              width: 352,
              render: (_: unknown, e: TimelineEntry) => (
                <div style={{ whiteSpace: 'normal', wordBreak: 'break-all' }} data-testid="timeline-summary">
                  {summarise(e) || '—'}
                </div>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function ReplayTab({ caseId, view, at }: { caseId: string; view: CaseView; at?: number }) {
  const last = Number(view.revision);
  const start = at !== undefined && at >= 0 && at <= last ? at : last;
  const [revision, setRevision] = useState(start);
  const [shown, setShown] = useState(start);
  const { data, error } = useApi<CaseView>(`/cases/${caseId}/state${query({ revision: shown })}`);
  return (
    <>
      <Typography.Paragraph>
        拖动滑块，查看案件在每一版记录时的状态（由历史事件逐条推演，不取自汇总表）。
      </Typography.Paragraph>
      <Slider
        min={0}
        max={last}
        value={revision}
        onChange={setRevision}
        onChangeComplete={setShown}
        marks={{ 0: '第 0 版', [last]: `第 ${last} 版` }}
        tooltip={{ open: false }}
        ariaLabelForHandle="记录版本"
        data-testid="replay-slider"
      />
      {error !== undefined && <LoadProblem error={error} what="历史状态" />}
      {data && (
        <Card size="small" title={`第 ${data.revision} 版时的案件状态`} data-testid="replay-state">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="阶段">
              <Tag color="geekblue" data-testid="replay-stage">
                {STAGE_LABELS[data.stage]}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="动议审批">
              {{ pending: '待审批', approved: '已批准', rejected: '未同意' }[data.initiation.decision] ??
                data.initiation.decision}
            </Descriptions.Item>
            <Descriptions.Item label="最近更新">{formatTime(data.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="candidateId"
            pagination={false}
            dataSource={data.candidates}
            locale={{ emptyText: '此时尚无人选' }}
            columns={[
              { title: '人选', render: (_: unknown, c: CaseView['candidates'][number]) => c.person.name },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string) => (
                  <Tag color={CANDIDATE_STATUS[s]?.color}>{CANDIDATE_STATUS[s]?.label ?? s}</Tag>
                ),
              },
              {
                title: '双签字',
                render: (_: unknown, c: CaseView['candidates'][number]) =>
                  (['political', 'integrity'] as const)
                    .map(
                      (k) =>
                        `${k === 'political' ? '政治素质' : '廉政'}：${c.opinions[k] ? (c.opinions[k]?.complete ? '已完成' : '待签字') : '未起草'}`,
                    )
                    .join('；'),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

function EventsTab({ caseId }: { caseId: string }) {
  const { data, error, loading } = useApi<{ events: HistoryEvent[] }>(`/cases/${caseId}/history`);
  const [open, setOpen] = useState<HistoryEvent | null>(null);
  if (error !== undefined) return <LoadProblem error={error} what="原始事件" />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        原始数据：服务按时间顺序保存的每一条事件及其哈希，供检查人员核对；事件类型后的英文为系统内部名称。
      </Typography.Paragraph>
      <Table
        virtual
        size="small"
        loading={loading}
        rowKey="revision"
        dataSource={data?.events ?? []}
        pagination={false}
        scroll={{ x: 1000, y: 560 }}
        columns={[
          { title: '版本', dataIndex: 'revision', width: 70 },
          {
            title: '事件（原始类型）',
            dataIndex: 'type',
            width: 260,
            render: (type: string) => (
              <span data-testid="event-type">
                {EVENT_LABELS[type] ?? '未命名事件'}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {type}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: '办理人',
            width: 160,
            render: (_: unknown, e: HistoryEvent) => e.metadata.actor?.name ?? '—',
          },
          {
            title: '录入时间',
            width: 150,
            render: (_: unknown, e: HistoryEvent) => formatTime(e.metadata.recordedAt),
          },
          {
            title: '哈希',
            width: 280,
            render: (_: unknown, e: HistoryEvent) => (
              <Typography.Text code style={{ fontSize: 12 }}>
                {String(e.metadata.hash ?? '').slice(0, 24)}…
              </Typography.Text>
            ),
          },
          {
            title: '',
            width: 90,
            render: (_: unknown, e: HistoryEvent) => (
              <Button size="small" onClick={() => setOpen(e)}>
                查看
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        width={760}
        title={open ? `第 ${open.revision} 版 · ${EVENT_LABELS[open.type] ?? open.type} · 原始数据` : ''}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message="以下为服务保存的原始事件数据（JSON，字段名为英文），供检查人员核对哈希链与原始记录使用；纪实内容请看“纪实时间线”。"
        />
        <pre
          tabIndex={0}
          style={{ maxHeight: 520, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 12 }}
        >
          {JSON.stringify(open, null, 2)}
        </pre>
      </Modal>
    </>
  );
}

function Downloads({ caseId, view }: { caseId: string; view: CaseView }) {
  const { message } = App.useApp();
  const [notice, setNotice] = useState<string | null>(null);
  const get = async (path: string, accept: string, name: string, what: string) => {
    setNotice(null);
    try {
      await download(path, accept, name);
    } catch (error) {
      if (isMissingEndpoint(error) || (error instanceof ApiError && error.status === 406))
        setNotice(`本服务暂未提供“${what}”下载，服务升级后即可使用。`);
      else message.error(error instanceof Error ? error.message : '下载失败');
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void get(
              `/cases/${caseId}/record`,
              'application/pdf',
              `纪实表-${view.post.title}.pdf`,
              '纪实表 PDF',
            )
          }
        >
          下载纪实表（PDF）
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void get(
              `/cases/${caseId}/archive`,
              'application/zip',
              `一案一档-${view.post.title}.zip`,
              '一案一档',
            )
          }
        >
          下载一案一档
        </Button>
      </Space>
      {notice && <Alert type="info" showIcon message={notice} />}
    </Space>
  );
}

export default function RecordPage() {
  const { caseId = '' } = useParams();
  const [search] = useSearchParams();
  const at = /^\d+$/.test(search.get('revision') ?? '') ? Number(search.get('revision')) : undefined;
  const { data: view, error } = useApi<CaseView>(`/cases/${caseId}`);
  if (error !== undefined) return <LoadProblem error={error} what="全程纪实" />;
  if (view === undefined) return <Card loading />;
  return (
    <>
      <PageHeader
        title={`全程纪实 · ${view.post.title}`}
        crumbs={[
          { title: '案件列表', to: '/cases' },
          { title: view.post.title, to: `/cases/${caseId}` },
          { title: '全程纪实' },
        ]}
        extra={<VerifyBadge caseId={caseId} />}
      >
        <Space wrap style={{ marginTop: 8 }}>
          <Downloads caseId={caseId} view={view} />
        </Space>
        <div style={{ marginTop: 8 }}>
          倒查：
          {view.candidates.map((c) => (
            <Link
              key={c.candidateId}
              to={`/people/${encodeURIComponent(c.person.id)}/accountability`}
              style={{ marginRight: 12 }}
            >
              {c.person.name}
            </Link>
          ))}
        </div>
      </PageHeader>
      <Card>
        <Tabs
          defaultActiveKey={at === undefined ? 'timeline' : 'replay'}
          items={[
            { key: 'timeline', label: '纪实时间线', children: <TimelineTab caseId={caseId} view={view} /> },
            { key: 'replay', label: '历史回放', children: <ReplayTab caseId={caseId} view={view} at={at} /> },
            { key: 'events', label: '原始事件', children: <EventsTab caseId={caseId} /> },
          ]}
        />
      </Card>
    </>
  );
}
