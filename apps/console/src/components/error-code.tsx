import { Typography } from 'antd';
import type { BlockedBy } from '../api/types';

/** The service's error code, for a call to the help desk: small and grey, never the message itself. */
export function ErrorCode({ code }: { code?: string | null }) {
  if (!code) return null;
  return (
    <Typography.Text
      type="secondary"
      style={{ fontSize: 12, display: 'block', marginTop: 4 }}
      data-testid="error-code"
    >
      错误代码 {code}
    </Typography.Text>
  );
}

/** A blocking reason in words: the message, with the rule it cites when the message does not already. */
export function blockedText(b: BlockedBy): string {
  return b.rule && !b.message.includes(b.rule) ? `${b.message}（${b.rule}）` : b.message;
}
