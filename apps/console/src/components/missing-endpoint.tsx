import { Alert } from 'antd';
import { ApiError, isMissingEndpoint } from '../api/api-client';
import { ErrorCode } from './error-code';

/**
 * A polite notice for a failed read: a route this service does not offer, not allowed, not found
 * (the service's own Chinese message, e.g. an unknown 人员编号), or another problem.
 */
export function LoadProblem({
  error,
  what,
  notFoundHint,
}: {
  error: unknown;
  what: string;
  notFoundHint?: string;
}) {
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
      <Alert
        type="warning"
        showIcon
        message={`您没有查看“${what}”的权限`}
        description={
          <>
            {error.message}
            <ErrorCode code={error.problem.code} />
          </>
        }
      />
    );
  if (error instanceof ApiError && error.status === 404)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="not-found"
        message={`未找到：${error.message}`}
        description={
          <>
            {notFoundHint ?? '请核对链接或编号是否正确。'}
            <ErrorCode code={error.problem.code} />
          </>
        }
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      message={`“${what}”加载失败`}
      description={
        <>
          {error instanceof Error ? error.message : String(error)}
          {error instanceof ApiError && <ErrorCode code={error.problem.code} />}
        </>
      }
    />
  );
}
