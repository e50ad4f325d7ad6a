import { Card, Collapse, Empty, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/use-api';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { label, postName, ROLE_LABELS } from '../labels';
import { formatTime } from '../time';

interface AccountabilityLink {
  step: string;
  responsibility: string;
  person: { id?: string; name?: string; role?: string };
  caseId: string;
  revision: string;
  at: string;
  detail?: string;
  digest?: string;
  vote?: string;
}

interface ChainCase {
  caseId: string;
  candidateId: string;
  ownerOrgUnit: string;
  post: { title: string; orgUnit: string; level: string } | null;
  links: AccountabilityLink[];
}

/** 倒查 (DOMAIN.md §7): every case the person was a candidate in, and who was responsible for each step. */
export default function AccountabilityPage() {
  const { personId = '' } = useParams();
  const { data, error } = useApi<{ personId: string; name: string | null; cases: ChainCase[] }>(
    `/people/${encodeURIComponent(personId)}/accountability`,
  );
  return (
    <>
      <PageHeader
        title={`倒查 · ${data?.name ?? '人员'}`}
        crumbs={[{ title: '工作台', to: '/' }, { title: '倒查' }]}
      />
      <Card>
        {error !== undefined ? (
          <LoadProblem
            error={error}
            what="倒查"
            notFoundHint={`人员编号“${personId}”没有作为人选的任职记录，请核对人员编号（可在案件列表中按人选姓名查找）。`}
          />
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
                  {c.post ? postName(c.post) : '案件'}（{c.ownerOrgUnit}）
                </span>
              ),
              children: (
                <>
                  <Typography.Paragraph>
                    <Link to={`/cases/${c.caseId}/record`}>查看该案全程纪实</Link>
                  </Typography.Paragraph>
                  <Table
                    size="small"
                    pagination={false}
                    data-testid="accountability-chain"
                    rowKey={(r) =>
                      `${r.revision}-${r.step}-${r.responsibility}-${r.person.id ?? r.person.name ?? ''}`
                    }
                    dataSource={c.links}
                    columns={[
                      { title: '环节', dataIndex: 'step', width: 200 },
                      { title: '责任', dataIndex: 'responsibility', width: 200 },
                      {
                        title: '责任人',
                        width: 200,
                        render: (_: unknown, r: AccountabilityLink) =>
                          `${r.person.name ?? '（未具名）'}${r.person.role ? `（${label(ROLE_LABELS, r.person.role)}）` : ''}`,
                      },
                      {
                        title: '情况',
                        render: (_: unknown, r: AccountabilityLink) => (
                          <Typography.Text>
                            {[r.vote, r.detail].filter(Boolean).join('；') || '—'}
                          </Typography.Text>
                        ),
                      },
                      { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => formatTime(t) },
                      {
                        title: '记录版本',
                        dataIndex: 'revision',
                        width: 90,
                        render: (revision: string) => (
                          <Link to={`/cases/${c.caseId}/record?revision=${revision}`}>第 {revision} 版</Link>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            }))}
          />
        )}
      </Card>
    </>
  );
}
