import { LoginOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/api-client';
import demoPeople from '../auth/demo-people.json';
import { signIn, type Role } from '../auth/session';
import { ROLE_LABELS } from '../labels';

interface AuthConfig {
  mode: 'oidc' | 'local' | 'none';
  authority?: string;
  clientId?: string;
  scope?: string;
}

interface DemoPerson {
  sub: string;
  name: string;
  role: Role;
  orgUnit: string;
  title: string;
}

const ROLE_ORDER: Role[] = [
  'handler',
  'committee-secretary',
  'inspector',
  'unit-secretary',
  'discipline-secretary',
  'supervisor',
  'auditor',
  'admin',
];

function LocalSignIn({ returnTo }: { returnTo: string }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const people = demoPeople as DemoPerson[];

  async function choose(person: DemoPerson) {
    setBusy(person.sub);
    try {
      const { token } = await api<{ token: string }>('/auth/dev-token', {
        method: 'POST',
        body: { sub: person.sub, name: person.name, role: person.role, orgUnit: person.orgUnit },
      });
      signIn(token);
      navigate(returnTo, { replace: true });
    } catch (error) {
      message.error(error instanceof ApiError ? `登录失败：${error.message}` : '登录失败，请稍后重试');
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="本地演示环境"
        description="请选择一位演示人员登录。正式环境通过统一身份认证登录，不显示本页。"
      />
      {ROLE_ORDER.map((role) => {
        const group = people.filter((p) => p.role === role);
        if (group.length === 0) return null;
        return (
          <section key={role} style={{ marginBottom: 16 }}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {ROLE_LABELS[role]}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {group.map((person) => (
                <Col key={person.sub} xs={24} sm={12} lg={8}>
                  <Card size="small">
                    <div
                      style={{
                        display: 'flex',
                        justifyContent: 'space-between',
                        alignItems: 'center',
                        gap: 8,
                      }}
                    >
                      <div>
                        <Typography.Text strong>{person.name}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary">{person.title}</Typography.Text>
                        <br />
                        <Tag style={{ marginTop: 4 }}>{person.orgUnit}</Tag>
                      </div>
                      <Button
                        type="primary"
                        icon={<LoginOutlined />}
                        loading={busy === person.sub}
                        onClick={() => void choose(person)}
                        aria-label={`以${person.name}（${ROLE_LABELS[role]}）身份登录`}
                        data-testid={`sign-in-${person.sub}`}
                      >
                        登录
                      </Button>
                    </div>
                  </Card>
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
    </>
  );
}

export default function SignInPage() {
  const location = useLocation();
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo ?? '/';
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [failed, setFailed] = useState(false);
  const [redirecting, setRedirecting] = useState(false);

  useEffect(() => {
    api<AuthConfig>('/auth/config').then(setConfig, () => setFailed(true));
  }, []);

  async function oidc(settings: AuthConfig) {
    setRedirecting(true);
    const { startOidcSignIn } = await import('../auth/oidc-sign-in');
    await startOidcSignIn(
      { authority: settings.authority ?? '', clientId: settings.clientId ?? '', scope: settings.scope },
      returnTo,
    );
  }

  return (
    <main style={{ minHeight: '100vh', background: '#f5f5f5', padding: '48px 16px' }}>
      <div style={{ maxWidth: 960, margin: '0 auto' }}>
        <Typography.Title level={1} style={{ fontSize: 26, textAlign: 'center' }}>
          干部选拔任用全程纪实工作平台
        </Typography.Title>
        <Card>
          {failed && <Alert type="error" showIcon message="无法连接服务，请稍后刷新重试。" />}
          {!failed && config === null && <Spin />}
          {config?.mode === 'local' && <LocalSignIn returnTo={returnTo} />}
          {config?.mode === 'oidc' && (
            <div style={{ textAlign: 'center', padding: 32 }}>
              <Typography.Paragraph>请使用统一身份认证账号登录。</Typography.Paragraph>
              <Button
                type="primary"
                size="large"
                icon={<LoginOutlined />}
                loading={redirecting}
                onClick={() => void oidc(config)}
                data-testid="oidc-sign-in"
              >
                统一身份认证登录
              </Button>
            </div>
          )}
          {config?.mode === 'none' && (
            <Alert
              type="warning"
              showIcon
              message="尚未配置登录方式，请联系系统管理员（OIDC_CLIENT_ID、JWT_ISSUER）。"
            />
          )}
        </Card>
      </div>
    </main>
  );
}
