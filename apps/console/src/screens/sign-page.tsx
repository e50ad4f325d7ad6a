import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { blockedText } from '../components/error-code';
import { ApiError, command } from '../api/api-client';
import type { CaseView } from '../api/types';
import { useApi } from '../api/use-api';
import { usePerson } from '../auth/use-person';
import { LoadProblem } from '../components/missing-endpoint';
import { PageHeader } from '../components/page-header';
import { OPINION_LABELS, OUTCOME_LABELS, SIGNER_LABELS, label } from '../labels';
import { formatTime } from '../time';

/** R16: the digest a signer sends is computed here, from the very text shown on screen. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export default function SignPage() {
  const { caseId = '', candidateId = '', kind = 'political' } = useParams();
  const person = usePerson();
  const { message } = App.useApp();
  const { data: view, error, reload } = useApi<CaseView>(`/cases/${caseId}`);
  const [digest, setDigest] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [signedAt, setSignedAt] = useState<string | null>(null);

  const opinionKind = kind === 'integrity' ? 'integrity' : 'political';
  const candidate = view?.candidates.find((c) => c.candidateId === candidateId);
  const opinion = candidate?.opinions[opinionKind] ?? null;
  const text = opinion?.text;

  useEffect(() => {
    setDigest(null);
    if (text !== undefined) void sha256Hex(text).then(setDigest);
  }, [text]);

  if (error !== undefined && view === undefined) return <LoadProblem error={error} what="意见签字" />;
  if (view === undefined) return <Card loading />;
  if (candidate === undefined || opinion === null)
    return <Result status="warning" title="未找到该意见" subTitle="意见尚未起草，或人选不属于本案件。" />;

  const path = `/cases/${caseId}/candidates/${candidateId}/opinions/${opinionKind}/signatures`;
  const signAction = view.nextActions?.find((a) => a.action === 'SignOpinion' && a.path === path);
  const mine = opinion.signatures.find((s) => s.id === person?.sub && s.digest === opinion.digest);
  const matches = digest !== null && digest === opinion.digest;

  async function sign() {
    if (digest === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await command(path, { digest }, crypto.randomUUID());
      setSignedAt(new Date().toISOString());
      message.success(`签字已记录（版本 ${result.revision}）`);
      reload();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : '签字未能送达服务，请重试。');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title={`${OPINION_LABELS[opinionKind]} · ${candidate.person.name}`}
        crumbs={[
          { title: '案件列表', to: '/cases' },
          { title: view.post.title, to: `/cases/${caseId}` },
          { title: '签字' },
        ]}
      />
      <Card title="意见全文" style={{ marginBottom: 16 }}>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.9 }}
          data-testid="opinion-text"
        >
          {opinion.text}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="结论">{label(OUTCOME_LABELS, opinion.verdict)}</Descriptions.Item>
          <Descriptions.Item label="起草">
            {opinion.draftedBy.name} · {formatTime(opinion.draftedAt)}（第 {opinion.draftNo} 稿）
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="签字" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="本机计算的摘要（SHA-256）">
            <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="computed-digest">
              {digest ?? '正在计算…'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="服务记录的摘要">
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {opinion.digest}
            </Typography.Text>{' '}
            {digest !== null && (matches ? <Tag color="success">一致</Tag> : <Tag color="error">不一致</Tag>)}
          </Descriptions.Item>
          {opinion.signatures
            .filter((s) => s.digest === opinion.digest)
            .map((s) => (
              <Descriptions.Item key={s.id + s.signedAs} label={label(SIGNER_LABELS, s.signedAs)}>
                {s.name} 已于 {formatTime(s.signedAt)} 签字
              </Descriptions.Item>
            ))}
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          {problem && (
            <Alert
              type="error"
              showIcon
              message="签字未成功"
              description={problem}
              style={{ marginBottom: 12 }}
            />
          )}
          {digest !== null && !matches && (
            <Alert type="error" showIcon message="本机计算的摘要与服务记录不一致，请勿签字，并联系经办人。" />
          )}
          {mine || signedAt ? (
            <Alert type="success" showIcon message="您已签字" data-testid="signed" />
          ) : signAction?.allowed ? (
            <Space direction="vertical">
              <Typography.Text>
                签字即确认您已阅读上述意见全文；签字将与上面的摘要绑定，意见修改后需重新签字。
              </Typography.Text>
              <Button
                type="primary"
                size="large"
                icon={<SafetyCertificateOutlined />}
                disabled={!matches}
                loading={busy}
                onClick={() => void sign()}
                data-testid="sign-button"
              >
                确认签字
              </Button>
            </Space>
          ) : (
            <Alert
              type="info"
              showIcon
              message="您目前不能签署此意见"
              description={
                signAction?.blockedBy?.map(blockedText).join('；') ??
                (view.nextActions === undefined
                  ? '本服务暂未提供“下一步操作”，无法判断签字权限。'
                  : '此意见不需要您签字。')
              }
            />
          )}
        </div>
        <div style={{ marginTop: 12 }}>
          <Link to={`/cases/${caseId}`}>返回案件</Link>
        </div>
      </Card>
    </>
  );
}
