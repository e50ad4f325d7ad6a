/**
 * Turns a timeline entry's structured result into the words of a printed 纪实表: Chinese labels
 * for fields and values, candidate ids shown as names, yes/no for flags. The JSON record keeps
 * the structured form.
 */
import {
  CANDIDATE_STATUS_LABELS,
  ROLE_LABELS,
  SIGNER_LABELS,
  VALUE_LABELS as DOMAIN_VALUE_LABELS,
} from '@app/appointment';
import {
  ACTIVITY_LABELS,
  CHECK_LABELS,
  OPINION_LABELS,
  OUTCOME_LABELS,
  STAGE_LABELS,
} from '@app/projections';

const FIELD_LABELS: Record<string, string> = {
  post: '职务',
  title: '名称',
  orgUnit: '单位',
  level: '层级',
  seats: '职数',
  ownerOrgUnit: '组织部门',
  decision: '决定',
  kind: '类别',
  eligible: '应参加人数',
  participants: '实参加人数',
  requiredParticipants: '法定人数',
  results: '得票',
  person: '人选',
  currentPost: '现任职务',
  birthDate: '出生日期',
  exceptional: '破格',
  grounds: '理由',
  flags: '资格审查',
  disqualifyingFlags: '否决情形',
  approvedBy: '批准机关',
  documentNo: '文号',
  approvedAt: '批准日期',
  targets: '考察对象',
  notSelected: '未列入',
  latestRoundAt: '最近有效推荐',
  recusals: '回避',
  channel: '发布渠道',
  count: '人数',
  grades: '测评等次',
  excellent: '优秀',
  competent: '称职',
  basic: '基本称职',
  incompetent: '不称职',
  conclusion: '结论',
  strengths: '主要优点',
  weaknesses: '主要不足',
  verdict: '结论',
  draftNo: '稿次',
  text: '文本',
  complete: '双签字完成',
  check: '核查项',
  outcome: '结果',
  blocking: '影响提交讨论',
  startDate: '公示开始',
  endDate: '公示截止',
  workingDays: '工作日数',
  objectionId: '问题编号',
  noticeDate: '任职通知日期',
  effectiveDate: '生效日期',
  seniorityFrom: '任职时间起算',
  probation: '试用期',
  probationEndDate: '试用期满',
  result: '结果',
  extendDays: '延长天数',
  previousEndDate: '原期满日',
  newEndDate: '新期满日',
  afterProbation: '试用期满后',
  reminderId: '提醒编号',
  subject: '事项',
  dueAt: '到期时间',
  politicalDiscipline: '违反政治纪律',
  lowAcceptance: '群众公认度不高',
  appraisalBasicOrLower: '上年度考核基本称职及以下',
  canvassing: '跑官拉票',
  familyEmigrated: '配偶子女移居国（境）外',
  disciplinaryImpactPeriod: '处于影响期内',
  personId: '编号',
  name: '姓名',
  votes: '票数',
  id: '编号',
};

/** The domain's words for values, candidate statuses and roles, plus what only the 纪实表 shows. */
const VALUE_LABELS: Record<string, string> = {
  ...OUTCOME_LABELS,
  ...ACTIVITY_LABELS,
  ...CHECK_LABELS,
  ...OPINION_LABELS,
  ...STAGE_LABELS,
  ...DOMAIN_VALUE_LABELS,
  ...CANDIDATE_STATUS_LABELS,
  ...ROLE_LABELS,
  ...SIGNER_LABELS,
  talk: '谈话调研推荐',
  meeting: '会议推荐',
  other: '其他破格',
  system: '系统',
};

const label = (key: string): string => FIELD_LABELS[key] ?? key;

/** A value in words; `names` maps candidate ids to names. */
export function describeValue(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return names.get(value) ?? VALUE_LABELS[value] ?? value;
  if (Array.isArray(value))
    return (
      value
        .map((v) => describeValue(v, names))
        .filter(Boolean)
        .join('、') || '无'
    );
  const record = value as Record<string, unknown>;
  if (typeof record.name === 'string' && typeof record.votes === 'number')
    return `${record.name} ${record.votes}票`;
  return Object.entries(record)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${label(k)}：${describeValue(v, names)}`)
    .join('，');
}

/** The result column of one entry: one line per field. */
export function describeResult(
  result: Record<string, unknown> | null,
  names: ReadonlyMap<string, string>,
): string[] {
  if (result === null) return [];
  return Object.entries(result)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${label(k)}：${describeValue(v, names)}`);
}
