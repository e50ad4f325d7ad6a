import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/api-client';

export default function OidcCallbackPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const config = await api<{ authority?: string; clientId?: string; scope?: string }>('/auth/config');
      const { completeOidcSignIn } = await import('../auth/oidc-sign-in');
      const returnTo = await completeOidcSignIn({
        authority: config.authority ?? '',
        clientId: config.clientId ?? '',
        scope: config.scope,
      });
      navigate(returnTo.replace(/^\/console/, '') || '/', { replace: true });
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [navigate]);
  return (
    <main style={{ padding: 48 }}>
      {error === null ? (
        <Spin tip="正在完成登录…">
          <div style={{ height: 80 }} />
        </Spin>
      ) : (
        <Alert type="error" showIcon message="登录未完成" description={error} />
      )}
    </main>
  );
}
