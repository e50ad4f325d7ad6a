import { Alert } from 'antd';
import { ApiError, isMissingEndpoint } from '../api/api-client';

/** A polite notice for a failed read: not yet offered by this service, not allowed, or another problem. */
export function LoadProblem({ error, what }: { error: unknown; what: string }) {
  if (isMissingEndpoint(error))
    return (
      <Alert
        type="info"
        showIcon
        message={`本服务暂未提供“${what}”功能`}
        description="该功能将在服务升级后开放，请稍后再试或联系系统管理员。"
      />
    );
  if (error instanceof ApiError && error.status === 403)
    return (
      <Alert type="warning" showIcon message={`您没有查看“${what}”的权限`} description={error.message} />
    );
  return (
    <Alert
      type="error"
      showIcon
      message={`“${what}”加载失败`}
      description={error instanceof Error ? error.message : String(error)}
    />
  );
}
