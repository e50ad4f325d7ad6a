import { Alert, Button, Space, Typography } from 'antd';
import type { NextAction } from '../../api/types';
import { ACTION_LABELS } from '../../labels';
import { pathSegment } from './action-specs';

/** Who may never do this at all: not offered, not even greyed out. */
export function isForbidden(action: NextAction): boolean {
  return (
    !action.allowed &&
    (action.blockedBy ?? []).some((b) => /^(AUTH|ACCESS)\.|FORBIDDEN|NOT_ALLOWED|ROLE/.test(b.code))
  );
}

const OPINION_SHORT: Record<string, string> = { political: '政治素质考察意见', integrity: '廉政意见' };
const CHECK_SHORT: Record<string, string> = {
  dossier: '干部档案审核',
  'personal-matters': '个人有关事项核查',
  petitions: '信访举报核查',
};

/** The button's words: the command, and which opinion or check it concerns. */
export function actionLabel(action: NextAction): string {
  const kind = action.kind ?? pathSegment(action.path, 'opinions');
  const check = action.check ?? pathSegment(action.path, 'checks');
  if (action.action === 'DraftOpinion' && kind) return `起草${OPINION_SHORT[kind] ?? kind}`;
  if (action.action === 'SignOpinion' && kind) return `签署${OPINION_SHORT[kind] ?? kind}`;
  if (action.action === 'RecordCheck' && check) return `录入${CHECK_SHORT[check] ?? check}`;
  return ACTION_LABELS[action.action] ?? action.action;
}

function BlockedReasons({ action }: { action: NextAction; inline?: boolean }) {
  return (
    <>
      {(action.blockedBy ?? []).map((b, index) => (
        <span key={b.code}>
          {index > 0 && '；'}
          {b.message}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （{b.rule ? `${b.rule} · ` : ''}
            {b.code}）
          </Typography.Text>
        </span>
      ))}
    </>
  );
}

/** The caller's next steps as buttons; blocked ones listed beneath, each with the rule that blocks it. */
export function NextActionButtons({
  actions,
  onRun,
}: {
  actions: NextAction[];
  onRun: (action: NextAction) => void;
}) {
  const offered = actions.filter((a) => !isForbidden(a));
  const allowed = offered.filter((a) => a.allowed);
  const blocked = offered.filter((a) => !a.allowed);
  if (offered.length === 0) return <Typography.Text type="secondary">暂无需要您办理的事项</Typography.Text>;
  const danger = (a: NextAction) => ['WithdrawCase', 'DropCandidate', 'RejectInitiation'].includes(a.action);
  return (
    <div>
      {allowed.length > 0 && (
        <Space wrap style={{ marginBottom: blocked.length > 0 ? 8 : 0 }}>
          {allowed.map((action) => (
            <Button
              key={`${action.action}-${action.path}`}
              type={danger(action) ? 'default' : 'primary'}
              danger={danger(action)}
              onClick={() => onRun(action)}
              data-action={action.action}
            >
              {actionLabel(action)}
            </Button>
          ))}
        </Space>
      )}
      {blocked.length > 0 && (
        <div
          data-testid="blocked-actions"
          style={{ background: '#fafafa', padding: '6px 10px', border: '1px solid #f0f0f0' }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            暂不能办理：
          </Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 13 }}>
            {blocked.map((action) => (
              <li key={`${action.action}-${action.path}`} data-blocked-action={action.action}>
                <Typography.Text strong style={{ fontSize: 13 }}>
                  {actionLabel(action)}
                </Typography.Text>
                ：
                <BlockedReasons action={action} inline />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function NoNextActionsNotice() {
  return (
    <Alert
      type="info"
      showIcon
      message="本服务暂未提供“下一步操作”"
      description="服务升级后，这里将列出您可以办理的事项及暂不能办理的原因。"
    />
  );
}
