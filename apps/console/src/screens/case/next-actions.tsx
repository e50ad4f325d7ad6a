import { Alert, App, Button, Space, Typography } from 'antd';
import type { CaseView, NextAction } from '../../api/types';
import { ACTION_LABELS } from '../../labels';
import { blockedText } from '../../components/error-code';
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
  'discipline-opinion': '纪检监察机关意见',
  petitions: '信访举报核查',
};

/** The opinion a re-draft would replace, when someone has already signed it (R16). */
export function signedOpinionReplaced(action: NextAction, view: CaseView | undefined) {
  const kind = (action.kind ?? pathSegment(action.path, 'opinions')) as 'political' | 'integrity' | undefined;
  if (!action.voidsSignatures || kind === undefined) return null;
  const opinion = view?.candidates.find((c) => c.candidateId === action.candidateId)?.opinions[kind];
  return { kind, draftNo: opinion?.draftNo, signers: action.voidsSignatures };
}

/** The words of a button for a step already done: 修改 / 重新录入, never the same words as the first time. */
export function redoLabel(action: NextAction, view: CaseView | undefined): string {
  const kind = action.kind ?? pathSegment(action.path, 'opinions');
  const check = action.check ?? pathSegment(action.path, 'checks');
  switch (action.action) {
    case 'DraftOpinion':
      return `修改${OPINION_SHORT[kind ?? ''] ?? '意见'}${signedOpinionReplaced(action, view) ? '（须重新签字）' : ''}`;
    case 'RecordCheck':
      return `重新录入${CHECK_SHORT[check ?? ''] ?? '核查'}`;
    case 'SubmitInspectionReport':
      return '修改考察报告';
    case 'RecordEligibility':
      return '重新资格审查';
    case 'RecordInspectionActivity':
      return '再录入考察活动';
    case 'RecordRecommendationRound':
      return '再录入推荐';
    default:
      return actionLabel(action);
  }
}

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
        <span key={b.code} title={`错误代码 ${b.code}`}>
          {index > 0 && '；'}
          {blockedText(b)}
        </span>
      ))}
    </>
  );
}

/** What a person may act on at all (not those their role may never do). */
export function offeredActions(actions: NextAction[]): NextAction[] {
  return actions.filter((a) => !isForbidden(a));
}

/**
 * The caller's next steps as buttons: a step not yet done is a primary button; a step already done
 * (修改 / 重新录入 / 再录入) is a plain one, and re-drafting a signed opinion asks first (R16).
 * Blocked steps are listed beneath, each with the rule that blocks it.
 */
export function NextActionButtons({
  actions,
  onRun,
  view,
  emptyText = '暂无需要您办理的事项',
}: {
  actions: NextAction[];
  onRun: (action: NextAction) => void;
  view?: CaseView;
  emptyText?: React.ReactNode;
}) {
  const { modal } = App.useApp();
  const offered = offeredActions(actions);
  const allowed = offered.filter((a) => a.allowed);
  const blocked = offered.filter((a) => !a.allowed);
  if (offered.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  const danger = (a: NextAction) => ['WithdrawCase', 'DropCandidate', 'RejectInitiation'].includes(a.action);
  const ordered = [...allowed.filter((a) => a.step === 'todo'), ...allowed.filter((a) => a.step !== 'todo')];
  const run = (action: NextAction) => {
    const replaced = signedOpinionReplaced(action, view);
    if (replaced === null) {
      onRun(action);
      return;
    }
    void modal.confirm({
      title: `重新起草${OPINION_SHORT[replaced.kind]}？`,
      content: (
        <div data-testid="redraft-warning">
          该意见{replaced.draftNo ? `（第 ${replaced.draftNo} 稿）` : ''}已由{' '}
          {replaced.signers.map((s) => s.name).join('、')}{' '}
          签字。按规定（R16），重新起草后，已有签字对新稿不再有效，须重新办理双签字。
        </div>
      ),
      okText: '仍要重新起草',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: () => onRun(action),
    });
  };
  return (
    <div>
      {allowed.length > 0 && (
        <Space wrap style={{ marginBottom: blocked.length > 0 ? 8 : 0 }}>
          {ordered.map((action) => {
            const state = action.step;
            return (
              <Button
                key={`${action.action}-${action.path}`}
                type={danger(action) || state !== 'todo' ? 'default' : 'primary'}
                danger={danger(action)}
                onClick={() => run(action)}
                data-action={action.action}
                data-step={state}
              >
                {state === 'todo' ? actionLabel(action) : redoLabel(action, view)}
              </Button>
            );
          })}
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
