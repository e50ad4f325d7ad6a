import { FileSearchOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { CommandResult } from '../api/api-client';
import type { Candidate, CaseView, NextAction, Opinion } from '../api/types';
import { useApi } from '../api/use-api';
import { PageHeader } from '../components/page-header';
import { RemainingTime } from '../components/remaining-time';
import { LoadProblem } from '../components/missing-endpoint';
import {
  CANDIDATE_STATUS,
  CHECK_LABELS,
  CHECKS,
  DEADLINE_LABELS,
  FINDING_SOURCE_LABELS,
  OPINION_LABELS,
  OUTCOME_LABELS,
  ROLE_LABELS,
  SIGNER_LABELS,
  STAGE_LABELS,
  STAGES,
  label,
} from '../labels';
import { formatDate, formatTime, remaining } from '../time';
import { ActionFormModal, type ActionRequest } from './case/action-form-modal';
import { actionLabel, NextActionButtons, NoNextActionsNotice, offeredActions } from './case/next-actions';

/** The top card names the steps waiting on the caller in the candidate cards below (finding 7). */
function CandidateWorkSummary({ view, work }: { view: CaseView; work: NextAction[] }) {
  if (work.length === 0) return null;
  const byCandidate = view.candidates
    .map((c) => ({ candidate: c, steps: work.filter((a) => a.candidateId === c.candidateId) }))
    .filter((g) => g.steps.length > 0);
  return (
    <div data-testid="candidate-work" style={{ marginTop: 8 }}>
      <Typography.Text>人选待您办理（按钮在下方人选卡片中）：</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {byCandidate.map(({ candidate, steps }) => (
          <li key={candidate.candidateId}>
            <a
              style={{ textDecoration: 'underline' }}
              href={`#candidate-card-${candidate.candidateId}`}
              onClick={(e) => {
                e.preventDefault();
                document
                  .getElementById(`candidate-card-${candidate.candidateId}`)
                  ?.scrollIntoView({ behavior: 'smooth' });
              }}
            >
              {candidate.person.name}
            </a>
            ：{steps.map(actionLabel).join('、')}
          </li>
        ))}
      </ul>
    </div>
  );
}

const REQUIRED_SIGNERS: Record<'political' | 'integrity', string[]> = {
  political: ['inspection-leader', 'unit-secretary'],
  integrity: ['unit-secretary', 'discipline-secretary'],
};

function StageProgress({ view }: { view: CaseView }) {
  const current = STAGES.indexOf(view.stage);
  const ended = view.status === 'closed' && view.outcome !== 'confirmed' && view.outcome !== 'appointed';
  return (
    <Steps
      size="small"
      current={current}
      status={ended ? 'error' : view.status === 'closed' ? 'finish' : 'process'}
      items={STAGES.map((stage) => ({
        title: <span style={{ whiteSpace: 'nowrap' }}>{STAGE_LABELS[stage]}</span>,
      }))}
      style={{ marginTop: 8 }}
      className="stage-progress"
      responsive={false}
      titlePlacement="vertical"
    />
  );
}

function OpinionCard({
  opinion,
  kind,
  candidate,
  caseId,
}: {
  opinion: Opinion | null;
  kind: 'political' | 'integrity';
  candidate: Candidate;
  caseId: string;
}) {
  const title = OPINION_LABELS[kind];
  if (opinion === null)
    return (
      <Card size="small" title={title} type="inner">
        <Typography.Text type="secondary">尚未起草</Typography.Text>
      </Card>
    );
  const signedAs = new Set(
    opinion.signatures.filter((s) => s.digest === opinion.digest).map((s) => s.signedAs),
  );
  return (
    <Card
      size="small"
      type="inner"
      title={title}
      extra={
        <Tag color={opinion.complete ? 'success' : 'warning'}>
          {opinion.complete ? '双签字已完成' : '待签字'}
        </Tag>
      }
    >
      <Typography.Paragraph
        ellipsis={{ rows: 3, expandable: true, symbol: '展开全文' }}
        style={{ whiteSpace: 'pre-wrap' }}
      >
        {opinion.text}
      </Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="结论">{label(OUTCOME_LABELS, opinion.verdict)}</Descriptions.Item>
        <Descriptions.Item label="起草">
          {opinion.draftedBy.name} · {formatTime(opinion.draftedAt)}（第 {opinion.draftNo} 稿）
        </Descriptions.Item>
        <Descriptions.Item label="摘要（SHA-256）">
          <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {opinion.digest}
          </Typography.Text>
        </Descriptions.Item>
        {REQUIRED_SIGNERS[kind].map((role) => {
          const signature = opinion.signatures.find(
            (s) => s.signedAs === role && s.digest === opinion.digest,
          );
          return (
            <Descriptions.Item key={role} label={SIGNER_LABELS[role]}>
              {signature ? (
                <Tag color="success">
                  已签字：{signature.name} {formatTime(signature.signedAt)}
                </Tag>
              ) : (
                <Tag>{signedAs.has(role) ? '已签' : '未签字'}</Tag>
              )}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      <Link to={`/cases/${caseId}/sign/${candidate.candidateId}/${kind}`}>查看意见全文与签字情况</Link>
    </Card>
  );
}

function ChecksTable({ candidate }: { candidate: Candidate }) {
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="check"
      dataSource={CHECKS.map((check) => ({ check, state: candidate.checks[check] ?? null }))}
      columns={[
        {
          title: '凡提四必',
          dataIndex: 'check',
          render: (check: string) => CHECK_LABELS[check as keyof typeof CHECK_LABELS],
        },
        {
          title: '结果',
          render: (_: unknown, row: { state: Candidate['checks'][string] }) =>
            row.state === null ? (
              <Tag>未完成</Tag>
            ) : (
              <Tag color={row.state.blocking ? 'error' : 'success'}>
                {label(OUTCOME_LABELS, row.state.outcome)}
              </Tag>
            ),
        },
        {
          title: '核查情况',
          render: (_: unknown, row: { state: Candidate['checks'][string] }) => row.state?.findings ?? '—',
        },
        {
          title: '核查人 · 时间',
          render: (_: unknown, row: { state: Candidate['checks'][string] }) =>
            row.state ? `${row.state.checkedBy.name} · ${formatTime(row.state.checkedAt)}` : '—',
        },
      ]}
    />
  );
}

/** 任职后发现问题 (DOMAIN.md §7) on the candidate: what was found, and whether it is 带病提拔 (R27). */
function PostAppointmentFindings({ candidate }: { candidate: Candidate }) {
  const findings = candidate.postAppointmentFindings ?? [];
  if (findings.length === 0) return null;
  const sick = findings.some((f) => f.sickPromotion);
  return (
    <div
      data-testid={`post-appointment-findings-${candidate.candidateId}`}
      style={{
        border: `1px solid ${sick ? '#ffa39e' : '#ffe58f'}`,
        background: sick ? '#fff1f0' : '#fffbe6',
        padding: '8px 12px',
        marginBottom: 12,
      }}
    >
      <Typography.Text strong>任职后发现问题（{findings.length}）</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {findings.map((f) => (
          <li key={f.findingId} data-testid="post-appointment-finding">
            <Space size={4} wrap>
              {f.sickPromotion && <Tag color="error">带病提拔</Tag>}
              <Tag>来源：{label(FINDING_SOURCE_LABELS, f.source)}</Tag>
              <Tag color={f.substantiated ? 'error' : 'default'}>
                {f.substantiated ? '经查属实' : '经查不属实'}
              </Tag>
              <Tag>{f.predatesAppointment ? '问题发生在任职前' : '问题发生在任职后'}</Tag>
              <Typography.Text type="secondary">发现于 {formatTime(f.foundAt)}</Typography.Text>
            </Space>
            <div style={{ whiteSpace: 'pre-wrap' }}>{f.summary}</div>
          </li>
        ))}
      </ul>
      <Space size="middle" wrap style={{ marginTop: 4 }}>
        <Link to={`/people/${encodeURIComponent(candidate.person.id)}/accountability`}>
          倒查 {candidate.person.name} 的选任责任链
        </Link>
        {sick && (
          <Typography.Text type="secondary">
            依“谁推荐谁负责”（R27），实名推荐人 {candidate.recommendedBy.name} 的推荐资格暂停
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}

function CandidateCard({
  caseId,
  candidate,
  actions,
  onRun,
  hasActions,
  view,
}: {
  caseId: string;
  candidate: Candidate;
  actions: NextAction[];
  onRun: (a: NextAction) => void;
  hasActions: boolean;
  view: CaseView;
}) {
  const status = CANDIDATE_STATUS[candidate.status] ?? { label: candidate.status, color: 'default' };
  return (
    <Card
      style={{ marginBottom: 16, scrollMarginTop: 16 }}
      id={`candidate-card-${candidate.candidateId}`}
      title={
        <Space>
          <span>{candidate.person.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {candidate.person.currentPost} · {candidate.person.orgUnit}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {candidate.vetoed && <Tag color="error">政治素质一票否决</Tag>}
          {(candidate.postAppointmentFindings ?? []).some((f) => f.sickPromotion) && (
            <Tag color="error" data-testid={`sick-promotion-${candidate.candidateId}`}>
              带病提拔
            </Tag>
          )}
          {(candidate.postAppointmentFindings ?? []).length > 0 &&
            !(candidate.postAppointmentFindings ?? []).some((f) => f.sickPromotion) && (
              <Tag color="warning">任职后发现问题</Tag>
            )}
          <Tag color={status.color} data-testid={`candidate-status-${candidate.candidateId}`}>
            {status.label}
          </Tag>
        </Space>
      }
      data-testid={`candidate-${candidate.candidateId}`}
      data-candidate-name={candidate.person.name}
    >
      {hasActions && actions.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <NextActionButtons actions={actions} onRun={onRun} view={view} />
        </div>
      )}
      <PostAppointmentFindings candidate={candidate} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="推荐人">
          {candidate.recommendedBy.name}（{candidate.recommendedBy.role}）
        </Descriptions.Item>
        <Descriptions.Item label="推荐理由">{candidate.reason}</Descriptions.Item>
        <Descriptions.Item label="考察报告">
          {candidate.report ? `已提交（${formatTime(candidate.report.submittedAt)}）` : '未提交'}
        </Descriptions.Item>
        {candidate.decision && (
          <Descriptions.Item label="讨论决定">
            同意 {candidate.decision.agree} / 应到 {candidate.decision.entitled}（
            {label(CANDIDATE_STATUS_TEXT, candidate.decision.outcome)}）
          </Descriptions.Item>
        )}
        {candidate.publicNotice && (
          <Descriptions.Item label="任前公示">
            {candidate.publicNotice.startDate} 至 {candidate.publicNotice.endDate}
          </Descriptions.Item>
        )}
        {candidate.appointment && (
          <Descriptions.Item label="任职">
            {candidate.appointment.noticeDate} 发文{candidate.appointment.probation ? '，试用期一年' : ''}
          </Descriptions.Item>
        )}
        {candidate.appointmentTalk && (
          <Descriptions.Item label="任职谈话">
            {formatTime(candidate.appointmentTalk.heldAt)} · {candidate.appointmentTalk.heldBy}
          </Descriptions.Item>
        )}
        {candidate.dropped && (
          <Descriptions.Item label="退出原因">{candidate.dropped.reason}</Descriptions.Item>
        )}
      </Descriptions>
      <ChecksTable candidate={candidate} />
      {candidate.objections.length > 0 && (
        <List
          size="small"
          header="公示期间反映的问题"
          dataSource={candidate.objections}
          renderItem={(o) => (
            <List.Item>
              {formatTime(o.receivedAt)} {o.summary} —{' '}
              <Tag>
                {o.status === 'resolved'
                  ? label(OUTCOME_LABELS, o.outcome)
                  : o.status === 'on-hold'
                    ? '暂缓'
                    : '待核实'}
              </Tag>
            </List.Item>
          )}
        />
      )}
      <Row gutter={16} style={{ marginTop: 12 }}>
        {(['political', 'integrity'] as const).map((kind) => (
          <Col key={kind} xs={24} lg={12}>
            <OpinionCard
              opinion={candidate.opinions[kind]}
              kind={kind}
              candidate={candidate}
              caseId={caseId}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

const CANDIDATE_STATUS_TEXT: Record<string, string> = {
  approved: '通过',
  rejected: '未通过',
  deferred: '缓议',
};

export default function CasePage() {
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: view, error, reload } = useApi<CaseView>(`/cases/${caseId}`);
  const [request, setRequest] = useState<ActionRequest | null>(null);

  if (error !== undefined && view === undefined) return <LoadProblem error={error} what="案件" />;
  if (view === undefined) return <Card loading />;

  const actions = view.nextActions;
  const run = (action: NextAction) => {
    if (action.action === 'SignOpinion') {
      const parts = action.path.split('/');
      navigate(
        `/cases/${caseId}/sign/${parts[parts.indexOf('candidates') + 1]}/${parts[parts.indexOf('opinions') + 1]}`,
      );
      return;
    }
    setRequest({ action: action.action, path: action.path, title: actionLabel(action) });
  };
  const done = (result: CommandResult) => {
    const title = request?.title ?? '';
    setRequest(null);
    message.success(`已办理${title ? `：${title}` : ''}（记录版本 ${result.revision}）`);
    reload();
  };
  const caseActions = (actions ?? []).filter((a) => a.candidateId === undefined);
  const candidateWork = offeredActions(actions ?? []).filter(
    (a) => a.candidateId !== undefined && a.allowed && a.step === 'todo',
  );
  const deadlines = (view.deadlines ?? []).filter((d) => d.escalationLevel === 0);
  const escalations = (view.deadlines ?? []).length - deadlines.length;

  return (
    <>
      <PageHeader
        title={view.post.title}
        crumbs={[{ title: '案件列表', to: '/cases' }, { title: view.post.title }]}
        extra={
          <Space>
            <Link to={`/cases/${caseId}/record`}>
              <Button icon={<FileSearchOutlined />}>全程纪实</Button>
            </Link>
          </Space>
        }
      >
        <StageProgress view={view} />
      </PageHeader>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="下一步操作" style={{ marginBottom: 16 }} data-testid="case-actions">
            {actions === undefined ? (
              <NoNextActionsNotice />
            ) : (
              <>
                <NextActionButtons
                  actions={caseActions}
                  onRun={run}
                  view={view}
                  emptyText={candidateWork.length > 0 ? null : '暂无需要您办理的事项'}
                />
                <CandidateWorkSummary view={view} work={candidateWork} />
              </>
            )}
          </Card>
          <Card title="案件信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="当前阶段">
                <Tag color="geekblue" data-testid="case-stage">
                  {STAGE_LABELS[view.stage]}
                </Tag>
                {view.status === 'closed' && view.closedFromStage && view.closedFromStage !== 'appointed' && (
                  <Typography.Text type="secondary">
                    （于{STAGE_LABELS[view.closedFromStage]}阶段结束）
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="职位所在单位">{view.post.orgUnit}</Descriptions.Item>
              <Descriptions.Item label="职务层次">{view.post.level}</Descriptions.Item>
              <Descriptions.Item label="职数">{view.seats}</Descriptions.Item>
              <Descriptions.Item label="主办单位">{view.ownerOrgUnit}</Descriptions.Item>
              <Descriptions.Item label="动议">
                {view.openedBy.name} · {formatTime(view.openedAt)}
              </Descriptions.Item>
              <Descriptions.Item label="动议依据" span={2}>
                {view.grounds}
              </Descriptions.Item>
              {view.team && (
                <Descriptions.Item label="考察组" span={2}>
                  组长 {view.team.leader.name}；组员 {view.team.members.map((m) => m.name).join('、')}
                </Descriptions.Item>
              )}
              {view.withdrawal && (
                <Descriptions.Item label="撤销原因" span={2}>
                  {view.withdrawal.reason}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="记录版本">{view.revision}</Descriptions.Item>
              <Descriptions.Item label="最近更新">{formatTime(view.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title="办理时限"
            style={{ marginBottom: 16 }}
            extra={
              escalations > 0 ? (
                <Typography.Text type="secondary">另有 {escalations} 项逾期后将报分管领导</Typography.Text>
              ) : null
            }
          >
            {deadlines.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有未到期的时限" />
            ) : (
              <List
                size="small"
                dataSource={deadlines}
                renderItem={(d) => (
                  <List.Item>
                    <div>
                      <div>{label(DEADLINE_LABELS, d.kind)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {/* The reason is the reminder's text, true once it is due: before, say when it is due. */}
                        {remaining(d.dueAt).overdue
                          ? `${d.reason} · `
                          : `须于 ${formatDate(d.dueAt)} 前办理 · `}
                        到期提醒 {d.recipientRoles.map((r) => label(ROLE_LABELS, r)).join('、')}
                      </Typography.Text>
                    </div>
                    <RemainingTime dueAt={d.dueAt} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        人选（{view.candidates.length}）
      </Typography.Title>
      {view.candidates.length === 0 && (
        <Card>
          <Empty description="尚未提名人选" />
        </Card>
      )}
      {view.candidates.map((candidate) => (
        <CandidateCard
          key={candidate.candidateId}
          caseId={caseId}
          candidate={candidate}
          hasActions={actions !== undefined}
          view={view}
          actions={(actions ?? []).filter((a) => a.candidateId === candidate.candidateId)}
          onRun={run}
        />
      ))}
      {request && (
        <ActionFormModal request={request} view={view} onClose={() => setRequest(null)} onDone={done} />
      )}
    </>
  );
}
