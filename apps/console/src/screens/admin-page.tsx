import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api/api-client';
import { useApi } from '../api/use-api';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { dateOnly, formatTime, shanghai } from '../time';

interface ProjectionStatus {
  name: string;
  checkpoint: string | null;
  updatedAt: string | null;
  lag: { events: number | null; seconds: number | null };
  rebuild: {
    status: string;
    startedAt: string | null;
    finishedAt: string | null;
    processed: number;
    error: string | null;
  };
}

const PROJECTION_LABELS: Record<string, string> = {
  'case-list': '案件列表',
  'case-timeline': '纪实时间线',
  deadlines: '办理时限',
  supervision: '监督检查',
  'recommender-accountability': '推荐责任（R27）',
};

interface CalendarYear {
  year: number;
  source: 'package' | 'file' | 'loaded';
  version: string;
  documentNo?: string;
  publishedAt?: string;
  loadedAt?: string;
  loadedBy?: { id: string; name: string };
  holidays: number;
  workdays: number;
  workingDays: number;
}

interface CalendarDescription {
  version: string;
  coverage: { firstYear: number; lastYear: number; lastCoveredDay: string };
  years: CalendarYear[];
  warning?: { message: string };
}

const SOURCE_LABELS: Record<CalendarYear['source'], string> = {
  package: '内置数据',
  file: '数据文件',
  loaded: '管理员载入',
};

interface ReconcileReport {
  open: number;
  delivered: number;
  present: number;
  created: number;
  pastDue: number;
  webhooks: number;
  tookMs: number;
}

const reconcileReport = (r: ReconcileReport): string =>
  `对账完成（用时 ${r.tookMs} 毫秒）：未到期期限 ${r.open} 个，其中提醒已发出 ${r.delivered} 个、` +
  `定时器仍在 ${r.present} 个、补建 ${r.created} 个（已过期待补发 ${r.pastDue} 个）；补建待送达的推送 ${r.webhooks} 个。`;

const REBUILD_LABELS: Record<string, string> = {
  idle: '未在重建',
  running: '重建中',
  done: '已完成',
  failed: '失败',
};

function Projections() {
  const { message } = App.useApp();
  const { data, error, reload } = useApi<{ projections: ProjectionStatus[] }>('/admin/projections');
  const rebuild = async (name: string) => {
    try {
      await api(`/admin/projections/${name}/rebuild`, { method: 'POST' });
      message.success(`已开始重建${PROJECTION_LABELS[name] ?? name}`);
      const timer = setInterval(reload, 1000);
      setTimeout(() => clearInterval(timer), 30_000);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '重建未能开始');
    }
  };
  if (error !== undefined) return <LoadProblem error={error} what="投影状态" />;
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      loading={data === undefined}
      dataSource={data?.projections ?? []}
      columns={[
        {
          title: '投影',
          dataIndex: 'name',
          render: (name: string) => `${PROJECTION_LABELS[name] ?? name}（${name}）`,
        },
        {
          title: '最近更新',
          dataIndex: 'updatedAt',
          render: (v: string | null) => (v ? formatTime(v) : '尚未处理'),
        },
        {
          title: '滞后',
          render: (_: unknown, p: ProjectionStatus) =>
            p.lag.events === null ? (
              '—'
            ) : p.lag.events === 0 ? (
              <Tag color="success">已追平</Tag>
            ) : (
              <Tag color="orange">
                落后 {p.lag.events} 条{p.lag.seconds !== null ? `（约 ${Math.round(p.lag.seconds)} 秒）` : ''}
              </Tag>
            ),
        },
        {
          title: '重建',
          render: (_: unknown, p: ProjectionStatus) => (
            <span>
              {REBUILD_LABELS[p.rebuild.status] ?? p.rebuild.status}
              {p.rebuild.status === 'running' && `，已处理 ${p.rebuild.processed} 条`}
              {p.rebuild.finishedAt &&
                p.rebuild.status !== 'running' &&
                `（${formatTime(p.rebuild.finishedAt)}，共 ${p.rebuild.processed} 条）`}
              {p.rebuild.error && <Typography.Text type="danger">：{p.rebuild.error}</Typography.Text>}
            </span>
          ),
        },
        {
          title: '操作',
          render: (_: unknown, p: ProjectionStatus) => (
            <Button onClick={() => void rebuild(p.name)}>重建</Button>
          ),
        },
      ]}
    />
  );
}

function Reminders() {
  const { message } = App.useApp();
  const [report, setReport] = useState<string | null>(null);
  return (
    <Space direction="vertical">
      <Typography.Paragraph>
        提醒定时器保存在 Redis，期限以数据库为准；对账会为每个未到期的期限补建定时器。
      </Typography.Paragraph>
      <Space>
        <Button
          onClick={() =>
            void api<ReconcileReport>('/admin/reminders/reconcile', { method: 'POST' }).then(
              (r) => setReport(reconcileReport(r)),
              (e: unknown) => message.error(e instanceof Error ? e.message : '对账失败'),
            )
          }
        >
          立即对账
        </Button>
        <a href="/admin/queues" target="_blank" rel="noreferrer">
          打开队列看板
        </a>
      </Space>
      {report && <Typography.Text data-testid="reconcile-report">{report}</Typography.Text>}
    </Space>
  );
}

function Calendar() {
  const { message } = App.useApp();
  const { data, error, reload } = useApi<CalendarDescription>('/admin/calendar');
  const [form] = Form.useForm();
  const load = async (values: {
    year: number;
    documentNo: string;
    publishedAt: ReturnType<typeof shanghai>;
    holidays: string;
    workdays: string;
  }) => {
    const parse = (text: string) =>
      Object.fromEntries(
        text
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .filter((p) => p[0])
          .map(([date, ...name]) => [date, name.join(' ')]),
      );
    try {
      await api(`/admin/calendar/${values.year}`, {
        method: 'PUT',
        body: {
          documentNo: values.documentNo,
          publishedAt: dateOnly(values.publishedAt),
          holidays: parse(values.holidays ?? ''),
          workdays: parse(values.workdays ?? ''),
        },
      });
      form.setFields(
        ['year', 'documentNo', 'publishedAt', 'holidays', 'workdays'].map((name) => ({ name, errors: [] })),
      );
      message.success(`${values.year} 年节假日安排已载入`);
      reload();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(
          (e.problem.errors ?? []).map((f) => ({ name: f.field.split('.')[0], errors: f.messages })),
        );
        message.error(e.message);
      }
    }
  };
  return (
    <>
      {error !== undefined ? (
        <LoadProblem error={error} what="工作日历" />
      ) : (
        <>
          <Typography.Paragraph data-testid="calendar-coverage">
            {data
              ? `工作日历覆盖 ${data.coverage.firstYear} 年至 ${data.coverage.lastYear} 年，最后覆盖日 ${data.coverage.lastCoveredDay}。`
              : '加载中…'}
          </Typography.Paragraph>
          {data?.warning && (
            <Alert type="warning" showIcon message={data.warning.message} style={{ marginBottom: 12 }} />
          )}
          <Table
            size="small"
            rowKey="year"
            loading={data === undefined}
            dataSource={[...(data?.years ?? [])].sort((a, b) => b.year - a.year)}
            pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '年度', dataIndex: 'year', render: (y: number) => `${y} 年` },
              {
                title: '来源',
                render: (_: unknown, y: CalendarYear) =>
                  y.source === 'loaded'
                    ? `${SOURCE_LABELS.loaded}${y.loadedBy ? `（${y.loadedBy.name}）` : ''}`
                    : SOURCE_LABELS[y.source],
              },
              { title: '通知文号', render: (_: unknown, y: CalendarYear) => y.documentNo ?? '—' },
              { title: '放假日', dataIndex: 'holidays', render: (n: number) => `${n} 天` },
              { title: '调休上班日', dataIndex: 'workdays', render: (n: number) => `${n} 天` },
              { title: '全年工作日', dataIndex: 'workingDays', render: (n: number) => `${n} 天` },
            ]}
          />
        </>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void load(v)}
        initialValues={{ year: shanghai().year() + 1, publishedAt: shanghai() }}
        style={{ maxWidth: 640 }}
      >
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item
            name="documentNo"
            label="国务院办公厅通知文号"
            rules={[{ required: true, message: '请填写文号' }]}
          >
            <Input style={{ width: 260 }} placeholder="国办发明电〔2026〕X号" />
          </Form.Item>
          <Form.Item name="publishedAt" label="发布日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="holidays" label="放假日期（每行：日期 名称）">
          <Input.TextArea autoSize={{ minRows: 3 }} placeholder="2027-01-01 元旦" />
        </Form.Item>
        <Form.Item name="workdays" label="调休上班日期（每行：日期 名称）">
          <Input.TextArea autoSize={{ minRows: 2 }} placeholder="2027-02-06 春节调休" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          载入
        </Button>
      </Form>
    </>
  );
}

export default function AdminPage() {
  return (
    <>
      <PageHeader
        title="管理"
        crumbs={[{ title: '工作台', to: '/' }, { title: '管理' }]}
        extra={
          <Typography.Text type="secondary">更新于 {formatTime(new Date().toISOString())}</Typography.Text>
        }
      />
      <Card title="投影（读模型）" style={{ marginBottom: 16 }}>
        <Projections />
      </Card>
      <Card title="提醒队列" style={{ marginBottom: 16 }}>
        <Reminders />
      </Card>
      <Card title="工作日历">
        <Calendar />
      </Card>
    </>
  );
}
