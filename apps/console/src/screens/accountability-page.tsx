import { Card, Collapse, Empty, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/use-api';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { label, ROLE_LABELS } from '../labels';

interface Responsibility {
  kind?: string;
  title?: string;
  responsibility?: string;
  person?: { id?: string; name?: string; role?: string };
  actor?: { id?: string; name?: string; role?: string };
  revision?: string;
  detail?: string;
  [key: string]: unknown;
}

interface ChainCase {
  caseId: string;
  candidateId?: string;
  post?: { title?: string };
  responsibilities?: Responsibility[];
  [key: string]: unknown;
}

/** 倒查 (DOMAIN.md §7): every case the person was a candidate in, and who was responsible for each step. */
export default function AccountabilityPage() {
  const { personId = '' } = useParams();
  const { data, error } = useApi<{ personId?: string; name?: string; cases?: ChainCase[] }>(
    `/people/${encodeURIComponent(personId)}/accountability`,
  );
  return (
    <>
      <PageHeader
        title={`倒查 · ${data?.name ?? personId}`}
        crumbs={[{ title: '工作台', to: '/' }, { title: '倒查' }]}
      />
      <Card>
        {error !== undefined ? (
          <LoadProblem error={error} what="倒查" />
        ) : data === undefined ? (
          <Card loading bordered={false} />
        ) : (data.cases ?? []).length === 0 ? (
          <Empty description="此人未在任何案件中作为人选" />
        ) : (
          <Collapse
            defaultActiveKey={(data.cases ?? []).map((c) => c.caseId)}
            items={(data.cases ?? []).map((c) => ({
              key: c.caseId,
              label: (
                <span>
                  {c.post?.title ?? c.caseId} <Link to={`/cases/${c.caseId}/record`}>查看纪实</Link>
                </span>
              ),
              children: (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(r, i) => `${r.revision ?? ''}-${i}`}
                  dataSource={c.responsibilities ?? []}
                  columns={[
                    {
                      title: '环节',
                      render: (_: unknown, r: Responsibility) => r.title ?? r.responsibility ?? r.kind ?? '—',
                    },
                    {
                      title: '责任人',
                      render: (_: unknown, r: Responsibility) => {
                        const who = r.person ?? r.actor;
                        return who
                          ? `${who.name ?? who.id ?? ''}${who.role ? `（${label(ROLE_LABELS, who.role)}）` : ''}`
                          : '—';
                      },
                    },
                    {
                      title: '情况',
                      render: (_: unknown, r: Responsibility) => (
                        <Typography.Text>{r.detail ?? ''}</Typography.Text>
                      ),
                    },
                    { title: '记录版本', dataIndex: 'revision', width: 90 },
                  ]}
                />
              ),
            }))}
          />
        )}
      </Card>
    </>
  );
}
