import { Tag, Tooltip } from 'antd';
import { formatTime, remaining } from '../time';

export function RemainingTime({ dueAt }: { dueAt: string | null | undefined }) {
  if (!dueAt) return <span>—</span>;
  const { text, overdue } = remaining(dueAt);
  return (
    <Tooltip title={`期限：${formatTime(dueAt)}`}>
      <Tag color={overdue ? 'red' : 'blue'}>{text}</Tag>
    </Tooltip>
  );
}
