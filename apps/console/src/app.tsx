import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './auth/session';
import { usePerson } from './auth/use-person';
import { ConsoleLayout, PAGE_ROLES } from './components/console-layout';
import { ROLE_LABELS } from './labels';
import './time';

const SignInPage = lazy(() => import('./screens/sign-in-page'));
const OidcCallbackPage = lazy(() => import('./screens/oidc-callback-page'));
const WorkbenchPage = lazy(() => import('./screens/workbench-page'));
const CaseListPage = lazy(() => import('./screens/case-list-page'));
const CasePage = lazy(() => import('./screens/case-page'));
const SignPage = lazy(() => import('./screens/sign-page'));
const RecordPage = lazy(() => import('./screens/record-page'));
const AccountabilityPage = lazy(() => import('./screens/accountability-page'));
const SupervisionPage = lazy(() => import('./screens/supervision-page'));
const AdminPage = lazy(() => import('./screens/admin-page'));

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" tip="正在加载…">
        <div style={{ height: 80 }} />
      </Spin>
    </div>
  );
}

function RequireSignIn({ children }: { children: React.ReactNode }) {
  const person = usePerson();
  const location = useLocation();
  if (person === null)
    return <Navigate to="/login" replace state={{ returnTo: location.pathname + location.search }} />;
  return <ConsoleLayout person={person}>{children}</ConsoleLayout>;
}

const signedIn = (element: React.ReactNode) => <RequireSignIn>{element}</RequireSignIn>;

/** A page only some roles use: anyone else sees one notice, and none of its buttons (finding 12). */
function RequireRole({ roles, children }: { roles: readonly Role[]; children: React.ReactNode }) {
  const person = usePerson();
  if (person !== null && !roles.includes(person.role))
    return (
      <Result
        status="403"
        title="无权访问"
        data-testid="no-access"
        subTitle={`您（${ROLE_LABELS[person.role] ?? person.role}）无权访问此页面；此页面供${roles
          .map((r) => ROLE_LABELS[r])
          .join('、')}使用。`}
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
      />
    );
  return <>{children}</>;
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          borderRadius: 4,
          // WCAG AA contrast (4.5:1) for secondary text, labels, placeholders and the success/error tags.
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
          colorTextQuaternary: '#6b6b6b',
          colorTextPlaceholder: '#6b6b6b',
          colorTextDisabled: '#6b6b6b',
          colorSuccess: '#237804',
          colorLink: '#0958d9',
          colorInfo: '#0958d9',
          colorError: '#c41d1d',
          fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
        },
      }}
    >
      <AntApp>
        <BrowserRouter basename="/console">
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/login" element={<SignInPage />} />
              <Route path="/auth/callback" element={<OidcCallbackPage />} />
              <Route path="/" element={signedIn(<WorkbenchPage />)} />
              <Route path="/cases" element={signedIn(<CaseListPage />)} />
              <Route path="/cases/:caseId" element={signedIn(<CasePage />)} />
              <Route path="/cases/:caseId/sign/:candidateId/:kind" element={signedIn(<SignPage />)} />
              <Route path="/cases/:caseId/record" element={signedIn(<RecordPage />)} />
              <Route path="/people/:personId/accountability" element={signedIn(<AccountabilityPage />)} />
              <Route
                path="/supervision"
                element={signedIn(
                  <RequireRole roles={PAGE_ROLES.supervision}>
                    <SupervisionPage />
                  </RequireRole>,
                )}
              />
              <Route
                path="/admin"
                element={signedIn(
                  <RequireRole roles={PAGE_ROLES.admin}>
                    <AdminPage />
                  </RequireRole>,
                )}
              />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
