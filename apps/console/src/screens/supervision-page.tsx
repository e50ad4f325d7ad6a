import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, download, isMissingEndpoint, query } from '../api/api-client';
import { useApi } from '../api/use-api';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { CHECK_LABELS, type CheckName, SEVERITY } from '../labels';
import { formatDate, formatTime, shanghai } from '../time';

interface Finding {
  findingId: string;
  code: string;
  severity: 'red' | 'yellow' | 'blue';
  caseId: string;
  ownerOrgUnit?: string;
  /** The post with its unit once, as the service writes it; absent until its case list has the case. */
  postName?: string;
  caseOpenedAt?: string;
  candidateId?: string;
  title: string;
  detail: string;
  evidence: string[];
  detectedAt: string;
  closedAt?: string | null;
}

type Severity = Finding['severity'];

interface FindingsPage {
  items: Finding[];
  nextCursor: string | null;
  /** Every finding the filters match, on all pages: asked for with the first page only. */
  total?: number;
  bySeverity?: Record<Severity, number>;
}

type Totals = Required<Pick<FindingsPage, 'total' | 'bySeverity'>>;

const SEVERITIES: Severity[] = ['red', 'yellow', 'blue'];

/**
 * Every finding code the service reports (FINDING_CODES in libs/projections supervision-findings.ts,
 * DOMAIN.md §8), as an inspector names them, the red outcomes to investigate first.
 */
export const FINDING_KINDS: Record<string, string> = {
  SICK_PROMOTION: '带病提拔',
  RECOMMENDER_ACCOUNTABLE: '推荐人被追责（谁推荐谁负责）',
  REVOKED: '撤销试任（免去试任职务）',
  LATE_APPROVAL: '动议逾期未审批',
  CHECK_OVERDUE: '凡提四必核查逾期',
  SIGNATURE_OVERDUE: '双签字逾期',
  HOLD_TOO_LONG: '反映问题暂缓核实超期',
  TALK_OVERDUE: '任职谈话逾期',
  PROBATION_UNREVIEWED: '试用期满未考核',
  BACKFILLED: '事后补记',
  EQUAL_SLATE: '等额考察',
  EXCEPTIONAL: '破格提拔',
  REPEATED_DEFERRAL: '多次缓议',
};

/** A path to a 倒查 page in the service's text becomes a link; a bare id after a name is dropped. */
export function FindingText({ text }: { text: string }) {
  const cleaned = text.replace(/([\u4e00-\u9fa5])（[a-z]+-[a-z0-9-]+）/g, '$1');
  const parts = cleaned.split(/(\/people\/[^\s/，。；）)]+\/accountability)/);
  return (
    <>
      {parts.map((part, index) =>
        /^\/people\/[^/]+\/accountability$/.test(part) ? (
          <Link key={index} to={part}>
            倒查链
          </Link>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

function Findings() {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({ open: 'true' });
  const [cursors, setCursors] = useState<string[]>([]);
  const first = cursors.length === 0;
  const { data, error, loading } = useApi<FindingsPage>(
    `/supervision/findings${query({ ...filters, cursor: cursors.at(-1), limit: 50, totals: first ? 'true' : undefined })}`,
  );
  // The count comes with the first page of a query and stays while the inspector pages on.
  const [totals, setTotals] = useState<Totals>();
  useEffect(() => {
    if (data?.total !== undefined && data.bySeverity !== undefined)
      setTotals({ total: data.total, bySeverity: data.bySeverity });
  }, [data]);
  const items = data?.items ?? [];
  return (
    <Card title="专项检查发现" style={{ marginBottom: 16 }}>
      <Form
        layout="inline"
        initialValues={filters}
        onFinish={(v: Record<string, string | undefined>) => {
          setCursors([]);
          setTotals(undefined);
          setFilters(v);
        }}
        style={{ marginBottom: 12 }}
      >
        <Form.Item name="severity" label="等级">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={Object.entries(SEVERITY).map(([value, s]) => ({ value, label: s.label }))}
          />
        </Form.Item>
        <Form.Item name="code" label="类别">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 260 }}
            listHeight={13 * 32 + 8}
            showSearch={{ optionFilterProp: 'label' }}
            options={Object.entries(FINDING_KINDS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="orgUnit" label="单位">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="open" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={[
              { value: 'true', label: '未整改' },
              { value: 'false', label: '已整改' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      {error !== undefined ? (
        <LoadProblem error={error} what="专项检查发现" />
      ) : (
        <>
          {totals && (
            <Typography.Paragraph data-testid="findings-totals" style={{ marginBottom: 12 }}>
              共 {totals.total} 条：
              {SEVERITIES.map((s, index) => (
                <span key={s}>
                  {index > 0 && ' · '}
                  <Tag color={SEVERITY[s].color} style={{ marginInlineEnd: 4 }}>
                    {SEVERITY[s].label}
                  </Tag>
                  {totals.bySeverity[s]}
                </span>
              ))}
            </Typography.Paragraph>
          )}
          <Table
            size="small"
            rowKey="findingId"
            loading={loading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: '没有发现' }}
            columns={[
              {
                title: '等级',
                dataIndex: 'severity',
                width: 80,
                render: (s: Severity) => <Tag color={SEVERITY[s]?.color}>{SEVERITY[s]?.label ?? s}</Tag>,
              },
              {
                title: '类别',
                dataIndex: 'code',
                width: 110,
                render: (code: string) => FINDING_KINDS[code] ?? code,
              },
              {
                title: '职务',
                width: 220,
                render: (_: unknown, f: Finding) => (
                  <Link to={`/cases/${f.caseId}`} data-testid="finding-case">
                    {f.postName ?? (f.ownerOrgUnit ? `${f.ownerOrgUnit} 的案件` : '查看案件')}
                    {f.caseOpenedAt && `（${formatDate(f.caseOpenedAt)} 动议）`}
                  </Link>
                ),
              },
              { title: '发现', dataIndex: 'title' },
              {
                title: '说明',
                dataIndex: 'detail',
                render: (detail: string) => <FindingText text={detail} />,
              },
              {
                title: '证据（记录版本）',
                render: (_: unknown, f: Finding) =>
                  f.evidence.length > 0 ? (
                    <Space size={4} wrap>
                      {f.evidence.map((revision) => (
                        <Link key={revision} to={`/cases/${f.caseId}/record?revision=${revision}`}>
                          第 {revision} 版
                        </Link>
                      ))}
                    </Space>
                  ) : (
                    <Link to={`/cases/${f.caseId}/record`}>查看纪实</Link>
                  ),
              },
              {
                title: '发现时间',
                dataIndex: 'detectedAt',
                width: 150,
                render: (t: string) => formatTime(t),
              },
              {
                title: '整改',
                dataIndex: 'closedAt',
                width: 150,
                render: (t?: string | null) =>
                  t ? `已整改 ${formatTime(t)}` : <Tag color="orange">未整改</Tag>,
              },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              上一页
            </Button>
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
  );
}

interface AnnualReportBody {
  year: number;
  orgUnit: string | null;
  casesOpened: number;
  casesClosed: number;
  appointmentsByLevel: Record<string, number>;
  appointments: number;
  exceptional: number;
  vetoes: number;
  blocksByCheck: Record<string, number>;
  objectionsByOutcome: Record<string, number>;
  revocations: number;
  sickPromotions: number;
  averageWorkingDaysByStage: Record<string, number | null>;
  remindersIssued: number;
  remindersEscalated: number;
}

const STAGE_SPANS: Array<[string, string]> = [
  ['initiation', '动议至审批'],
  ['recommendation', '审批至确定考察对象'],
  ['inspection', '确定考察对象至讨论决定'],
  ['notice', '任前公示'],
  ['appointment', '讨论决定至任职'],
];

const OBJECTION_OUTCOMES: Record<string, string> = {
  unfounded: '不属实',
  minor: '轻微（提醒谈话）',
  serious: '严重（取消任职）',
  hold: '暂缓核实',
  open: '未办结',
};

/** The same rows (项目, 分项, 数值) as the CSV and XLSX the service gives. */
function annualRows(r: AnnualReportBody): Array<[string, string, string]> {
  const rows: Array<[string, string, number | string]> = [
    ['案件', '新启动动议', r.casesOpened],
    ['案件', '结案', r.casesClosed],
    ['任职', '合计', r.appointments],
    ...Object.entries(r.appointmentsByLevel)
      .sort()
      .map(([level, n]): [string, string, number] => ['任职（按职级）', level, n]),
    ['破格提拔', '', r.exceptional],
    ['政治素质一票否决', '', r.vetoes],
    ...Object.entries(r.blocksByCheck).map(([check, n]): [string, string, number] => [
      '凡提四必未通过',
      CHECK_LABELS[check as CheckName] ?? check,
      n,
    ]),
    ...Object.entries(r.objectionsByOutcome)
      .sort()
      .map(([o, n]): [string, string, number] => ['任前公示反映问题', OBJECTION_OUTCOMES[o] ?? o, n]),
    ['免去试任职务', '', r.revocations],
    ['带病提拔', '', r.sickPromotions],
    ...STAGE_SPANS.map(([key, label]): [string, string, number | string] => [
      '平均用时（工作日）',
      label,
      r.averageWorkingDaysByStage[key] ?? '—',
    ]),
    ['提醒', '发出', r.remindersIssued],
    ['提醒', '其中升级督办', r.remindersEscalated],
  ];
  return rows.map(([item, sub, value]) => [item, sub, String(value)]);
}

function AnnualReport() {
  const { message } = App.useApp();
  const [year, setYear] = useState(shanghai().year());
  const [orgUnit, setOrgUnit] = useState('');
  const { data, error } = useApi<AnnualReportBody>(`/reports/annual${query({ year, orgUnit })}`);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = data ? annualRows(data) : [];
  return (
    <Card title="年度统计（一报告两评议）">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} aria-label="年度" />
        <Input
          placeholder="单位（留空为全部）"
          value={orgUnit}
          onChange={(e) => setOrgUnit(e.target.value)}
          style={{ width: 200 }}
          aria-label="单位"
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void download(
              `/reports/annual${query({ year, orgUnit })}`,
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              `选人用人年度统计-${year}.xlsx`,
            ).catch((e: unknown) => {
              if (isMissingEndpoint(e) || (e instanceof ApiError && e.status === 406))
                setNotice('本服务暂未提供年度统计下载，服务升级后即可使用。');
              else void message.error(e instanceof Error ? e.message : '下载失败');
            })
          }
        >
          下载 Excel
        </Button>
      </Space>
      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 12 }} />}
      {error !== undefined ? (
        <LoadProblem error={error} what="年度统计" />
      ) : (
        <Table
          size="small"
          pagination={false}
          data-testid="annual-report"
          rowKey={([item, sub]) => `${item}/${sub}`}
          dataSource={rows}
          title={() => (data ? `${data.year} 年度 · ${data.orgUnit ?? '全部单位'}` : '')}
          columns={[
            { title: '项目', render: (_: unknown, [item]: [string, string, string]) => item },
            { title: '分项', render: (_: unknown, [, sub]: [string, string, string]) => sub || '—' },
            { title: '数值', render: (_: unknown, [, , value]: [string, string, string]) => value },
          ]}
        />
      )}
    </Card>
  );
}

export default function SupervisionPage() {
  return (
    <>
      <PageHeader title="专项检查" crumbs={[{ title: '工作台', to: '/' }, { title: '专项检查' }]} />
      <Findings />
      <AnnualReport />
    </>
  );
}
