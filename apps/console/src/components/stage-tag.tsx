import { Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '../labels';

export function StageTag({ stage }: { stage: Stage }) {
  return <Tag color={stage === 'closed' ? 'default' : 'geekblue'}>{STAGE_LABELS[stage] ?? stage}</Tag>;
}
