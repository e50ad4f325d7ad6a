import {
  AuditOutlined,
  DashboardOutlined,
  LogoutOutlined,
  SettingOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { signOut, type Person, type Role } from '../auth/session';
import { ROLE_LABELS } from '../labels';

const { Header, Sider, Content } = Layout;

/** The roles each restricted page is for; the menu offers it to them alone. */
export const PAGE_ROLES = {
  supervision: ['auditor', 'supervisor'] as readonly Role[],
  admin: ['admin'] as readonly Role[],
};

function menuFor(person: Person) {
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">工作台</Link> },
    { key: '/cases', icon: <UnorderedListOutlined />, label: <Link to="/cases">案件列表</Link> },
  ];
  if (PAGE_ROLES.supervision.includes(person.role))
    items.push({
      key: '/supervision',
      icon: <AuditOutlined />,
      label: <Link to="/supervision">专项检查</Link>,
    });
  if (PAGE_ROLES.admin.includes(person.role))
    items.push({ key: '/admin', icon: <SettingOutlined />, label: <Link to="/admin">管理</Link> });
  return items;
}

export function ConsoleLayout({ person, children }: { person: Person; children: React.ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const selected = location.pathname.startsWith('/cases')
    ? '/cases'
    : location.pathname === '/'
      ? '/'
      : `/${location.pathname.split('/')[1]}`;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
        <div style={{ color: '#fff', padding: '18px 16px', fontSize: 16, fontWeight: 600, lineHeight: 1.4 }}>
          干部选拔任用
          <br />
          <span style={{ fontSize: 13, fontWeight: 400, opacity: 0.85 }}>全程纪实工作平台</span>
        </div>
        <nav aria-label="主菜单">
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={menuFor(person)} />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space size="middle">
            <Typography.Text data-testid="signed-in-as">
              {person.name}（{ROLE_LABELS[person.role] ?? person.role}）· {person.orgUnit}
            </Typography.Text>
            <Button
              icon={<LogoutOutlined />}
              onClick={() => {
                signOut();
                navigate('/login');
              }}
            >
              退出
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={null}>{children}</Suspense>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
