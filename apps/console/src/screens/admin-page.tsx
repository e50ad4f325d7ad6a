import { App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
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
};

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
      message.success(`已开始重建 ${name}`);
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
        { title: '检查点（全局位置）', dataIndex: 'checkpoint', render: (v: string | null) => v ?? '—' },
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
            void api<Record<string, unknown>>('/admin/reminders/reconcile', { method: 'POST' }).then(
              (r) => setReport(JSON.stringify(r)),
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
      {report && <Typography.Text code>{report}</Typography.Text>}
    </Space>
  );
}

function Calendar() {
  const { message } = App.useApp();
  const { data, error, reload } = useApi<Record<string, unknown>>('/admin/calendar');
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
        <pre style={{ background: '#fafafa', padding: 12, maxHeight: 200, overflow: 'auto' }}>
          {data ? JSON.stringify(data, null, 2) : '加载中…'}
        </pre>
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
