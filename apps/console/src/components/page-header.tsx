import { Breadcrumb, Typography } from 'antd';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: string;
  to?: string;
}

/** The title row of a screen, as in Ant Design Pro: breadcrumb, title, actions on the right. */
export function PageHeader({
  title,
  crumbs = [],
  extra,
  children,
}: {
  title: React.ReactNode;
  crumbs?: Crumb[];
  extra?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div
      style={{
        background: '#fff',
        padding: '16px 24px',
        margin: '-24px -24px 16px',
        borderBottom: '1px solid #f0f0f0',
      }}
    >
      {crumbs.length > 0 && (
        <Breadcrumb
          items={crumbs.map((crumb) => ({
            title: crumb.to ? <Link to={crumb.to}>{crumb.title}</Link> : crumb.title,
          }))}
        />
      )}
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 16,
          flexWrap: 'wrap',
        }}
      >
        <Typography.Title level={1} style={{ fontSize: 20, margin: '8px 0' }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {children}
    </div>
  );
}
