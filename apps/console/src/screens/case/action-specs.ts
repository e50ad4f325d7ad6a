import type { Dayjs } from 'dayjs';
import type { Candidate, CaseView } from '../../api/types';
import { shanghai } from '../../time';
import { ACTIVITY_LABELS, CHECK_LABELS, OPINION_LABELS, OUTCOME_LABELS } from '../../labels';

export type FieldKind =
  'text' | 'textarea' | 'number' | 'datetime' | 'date' | 'select' | 'multiselect' | 'switch';

export interface FieldSpec {
  /** The body path: the form field is named after it, so the api's `errors[].field` lands next to it. */
  name: Array<string | number>;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
  help?: string;
  initial?: unknown;
  /** For a date: refuses a real date that cannot be right here (a message), or null. */
  check?: (value: Dayjs) => string | null;
  /** Shown only when this returns true for the current form values. */
  visible?: (values: Record<string, unknown>) => boolean;
}

export interface ListSpec {
  name: string;
  label: string;
  fields: FieldSpec[];
  min?: number;
  addLabel: string;
}

export interface ActionSpec {
  title: string;
  fields: FieldSpec[];
  lists?: ListSpec[];
  /** Turns form values into the request body (dates already made ISO strings). */
  body?: (values: Record<string, unknown>) => unknown;
  danger?: boolean;
}

const opts = (values: string[], labels: Record<string, string>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

const CHECK_OUTCOMES: Record<string, string[]> = {
  dossier: ['verified', 'discrepancy'],
  'personal-matters': ['consistent', 'omission', 'concealment'],
  petitions: ['none', 'unsubstantiated', 'substantiated'],
};

const FLAGS: Array<[string, string]> = [
  ['politicalDiscipline', '违反政治纪律和政治规矩'],
  ['lowAcceptance', '群众公认度不高'],
  ['appraisalBasicOrLower', '上年度考核为基本称职及以下'],
  ['canvassing', '有跑官、拉票行为'],
  ['familyEmigrated', '配偶已移居国（境）外或无配偶而子女均已移居国（境）外'],
  ['disciplinaryImpactPeriod', '在诫勉、组织处理或处分影响期内'],
];

/** Segments of an action path after the case id: candidates/<cid>/opinions/<kind>/… */
export function pathSegment(path: string, after: string): string | undefined {
  const parts = path.split('/');
  const index = parts.indexOf(after);
  return index >= 0 ? parts[index + 1] : undefined;
}

function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const cleaned = withoutEmpty(v);
      const emptyObject =
        cleaned !== null &&
        typeof cleaned === 'object' &&
        !Array.isArray(cleaned) &&
        Object.keys(cleaned).length === 0;
      if (cleaned !== undefined && cleaned !== null && cleaned !== '' && !emptyObject) out[key] = cleaned;
    }
    return out;
  }
  return value;
}

/** A cadre is at least 18 and born after 1920: anything else is a slip of the keyboard. */
export function birthDateProblem(value: Dayjs): string | null {
  const latest = shanghai().subtract(18, 'year');
  if (value.isAfter(latest, 'day'))
    return `出生日期须早于 ${latest.format('YYYY-MM-DD')}（年满 18 周岁），请核对`;
  if (value.year() < 1920) return '出生日期早于 1920 年，请核对';
  return null;
}

export function specFor(action: string, path: string, view: CaseView | null): ActionSpec | null {
  const candidates: Candidate[] = view?.candidates ?? [];
  switch (action) {
    case 'OpenCase':
      return {
        title: '新建案件（动议）',
        fields: [
          {
            name: ['post', 'title'],
            label: '拟任职务',
            kind: 'text',
            required: true,
            placeholder: '如：市发展和改革委员会副主任',
          },
          { name: ['post', 'orgUnit'], label: '职位所在单位', kind: 'text', required: true },
          {
            name: ['post', 'level'],
            label: '职务层次',
            kind: 'text',
            required: true,
            placeholder: '如：副局级',
          },
          { name: ['seats'], label: '职数', kind: 'number', initial: 1 },
          { name: ['grounds'], label: '动议依据（分析研判情况）', kind: 'textarea', required: true },
        ],
      };
    case 'ApproveInitiation':
      return {
        title: '批准动议',
        fields: [{ name: ['comment'], label: '审批意见', kind: 'textarea', initial: '同意启动选拔任用工作' }],
      };
    case 'RejectInitiation':
      return {
        title: '不同意动议',
        danger: true,
        fields: [{ name: ['comment'], label: '审批意见', kind: 'textarea', required: true }],
      };
    case 'RecordRecommendationRound':
      return {
        title: '录入民主推荐',
        fields: [
          {
            name: ['kind'],
            label: '推荐方式',
            kind: 'select',
            required: true,
            initial: 'meeting',
            options: [
              { value: 'meeting', label: '会议推荐' },
              { value: 'talk', label: '谈话调研推荐' },
            ],
          },
          { name: ['heldAt'], label: '推荐时间', kind: 'datetime', required: true },
          { name: ['eligible'], label: '应参加人数', kind: 'number', required: true },
          {
            name: ['participants'],
            label: '实参加人数',
            kind: 'number',
            required: true,
            help: '会议推荐须达到应参加人数的三分之二（R2）',
          },
        ],
        lists: [
          {
            name: 'results',
            label: '推荐得票',
            addLabel: '添加得票人',
            fields: [
              { name: ['personId'], label: '人员编号', kind: 'text', required: true },
              { name: ['name'], label: '姓名', kind: 'text', required: true },
              { name: ['votes'], label: '得票数', kind: 'number', required: true },
            ],
          },
        ],
        body: (v) => ({ ...v, results: v.results ?? [] }),
      };
    case 'NominateCandidate':
      return {
        title: '提名人选（实名推荐）',
        fields: [
          { name: ['person', 'name'], label: '人选姓名', kind: 'text', required: true },
          {
            name: ['person', 'id'],
            label: '人员编号',
            kind: 'text',
            required: true,
            help: '干部信息系统中的人员编号',
          },
          {
            name: ['person', 'birthDate'],
            label: '出生日期',
            kind: 'date',
            help: '可填 1978-05-06、1978/5/6、1978年5月6日 或 19780506；不详的请留空',
            check: birthDateProblem,
          },
          { name: ['person', 'currentPost'], label: '现任职务', kind: 'text', required: true },
          {
            name: ['person', 'orgUnit'],
            label: '所在单位',
            kind: 'text',
            required: true,
            initial: view?.post.orgUnit,
          },
          { name: ['recommendedBy', 'name'], label: '推荐人姓名', kind: 'text', required: true },
          { name: ['recommendedBy', 'id'], label: '推荐人编号', kind: 'text', required: true },
          {
            name: ['recommendedBy', 'role'],
            label: '推荐人身份',
            kind: 'text',
            required: true,
            placeholder: '如：党组成员',
          },
          { name: ['reason'], label: '推荐理由', kind: 'textarea', required: true },
          {
            name: ['exceptional', 'kind'],
            label: '破格提拔',
            kind: 'select',
            options: [
              { value: 'skip-level', label: '越级提拔' },
              { value: 'unrecommended', label: '未经民主推荐' },
              { value: 'other', label: '其他破格' },
            ],
            help: '不属于破格的请留空',
          },
          {
            name: ['exceptional', 'grounds'],
            label: '破格理由',
            kind: 'textarea',
            visible: (v) => Boolean((v.exceptional as { kind?: string } | undefined)?.kind),
          },
        ],
        body: (v) => {
          const body = withoutEmpty(v) as Record<string, unknown>;
          if (!(body.exceptional as { kind?: string } | undefined)?.kind) delete body.exceptional;
          return body;
        },
      };
    case 'RecordEligibility':
      return {
        title: '资格审查（《条例》第二十四条）',
        fields: FLAGS.map(([key, text]) => ({
          name: ['flags', key],
          label: text,
          kind: 'switch' as const,
          initial: false,
        })),
      };
    case 'RecordExceptionalApproval':
      return {
        title: '录入上级组织部门破格批复',
        fields: [
          { name: ['approvedBy'], label: '批复机关', kind: 'text', required: true },
          { name: ['documentNo'], label: '批复文号', kind: 'text', required: true },
          { name: ['approvedAt'], label: '批复时间', kind: 'datetime', required: true },
        ],
      };
    case 'DetermineInspectionTargets':
      return {
        title: '确定考察对象',
        fields: [
          {
            name: ['candidateIds'],
            label: '考察对象',
            kind: 'multiselect',
            required: true,
            options: candidates
              .filter((c) => c.status === 'nominated')
              .map((c) => ({ value: c.candidateId, label: `${c.person.name}（${c.person.currentPost}）` })),
          },
          { name: ['decidedAt'], label: '研究确定时间', kind: 'datetime', required: true },
          {
            name: ['basis'],
            label: '确定依据',
            kind: 'textarea',
            required: true,
            initial: '部务会研究确定考察对象',
          },
        ],
      };
    case 'FormInspectionTeam':
      return {
        title: '组成考察组',
        fields: [
          { name: ['leader', 'name'], label: '组长姓名', kind: 'text', required: true },
          { name: ['leader', 'id'], label: '组长编号', kind: 'text', required: true },
        ],
        lists: [
          {
            name: 'members',
            label: '组员',
            min: 1,
            addLabel: '添加组员',
            fields: [
              { name: ['name'], label: '组员姓名', kind: 'text', required: true },
              { name: ['id'], label: '组员编号', kind: 'text', required: true },
            ],
          },
        ],
      };
    case 'PublishInspectionNotice':
      return {
        title: '发布考察预告',
        fields: [
          { name: ['publishedAt'], label: '发布时间', kind: 'datetime', required: true },
          { name: ['channel'], label: '发布方式', kind: 'text', required: true, initial: '单位内部公告栏' },
        ],
      };
    case 'RecordInspectionActivity':
      return {
        title: '录入考察活动',
        fields: [
          {
            name: ['kind'],
            label: '活动类别',
            kind: 'select',
            required: true,
            initial: 'individual-talk',
            options: opts(Object.keys(ACTIVITY_LABELS), ACTIVITY_LABELS),
          },
          { name: ['heldAt'], label: '时间', kind: 'datetime', required: true },
          { name: ['count'], label: '人数', kind: 'number' },
          { name: ['summary'], label: '情况摘要', kind: 'textarea', required: true },
          ...(['excellent', 'competent', 'basic', 'incompetent'] as const).map((grade) => ({
            name: ['grades', grade],
            label: { excellent: '优秀票', competent: '称职票', basic: '基本称职票', incompetent: '不称职票' }[
              grade
            ],
            kind: 'number' as const,
            required: true,
            visible: (v: Record<string, unknown>) => v.kind === 'democratic-assessment',
          })),
        ],
        body: (v) => {
          const body = withoutEmpty(v) as Record<string, unknown>;
          if (body.kind !== 'democratic-assessment') delete body.grades;
          return body;
        },
      };
    case 'SubmitInspectionReport':
      return {
        title: '提交考察报告',
        fields: [
          { name: ['conclusion'], label: '考察结论', kind: 'textarea', required: true },
          { name: ['strengths'], label: '主要优点', kind: 'textarea', required: true },
          { name: ['weaknesses'], label: '主要不足', kind: 'textarea', required: true },
        ],
      };
    case 'DraftOpinion': {
      const kind = (pathSegment(path, 'opinions') ?? 'political') as 'political' | 'integrity';
      const verdicts = kind === 'political' ? ['qualified', 'unqualified'] : ['no-objection', 'objection'];
      return {
        title: `起草${OPINION_LABELS[kind]}`,
        fields: [
          {
            name: ['text'],
            label: '意见全文',
            kind: 'textarea',
            required: true,
            help: '签字人将看到并签署此全文；修改全文须重新签字（R16）',
          },
          {
            name: ['verdict'],
            label: kind === 'political' ? '政治素质结论' : '廉政结论',
            kind: 'select',
            required: true,
            initial: verdicts[0],
            options: opts(verdicts, OUTCOME_LABELS),
          },
        ],
      };
    }
    case 'RecordCheck': {
      const check = pathSegment(path, 'checks') ?? 'dossier';
      return {
        title: `录入${CHECK_LABELS[check as keyof typeof CHECK_LABELS] ?? check}`,
        fields: [
          {
            name: ['outcome'],
            label: '结果',
            kind: 'select',
            required: true,
            initial: CHECK_OUTCOMES[check]?.[0],
            options: opts(CHECK_OUTCOMES[check] ?? [], OUTCOME_LABELS),
          },
          { name: ['findings'], label: '核查情况', kind: 'textarea', required: true },
          { name: ['checkedAt'], label: '核查时间', kind: 'datetime', required: true },
        ],
      };
    }
    case 'StartPublicNotice':
      return {
        title: '开始任前公示',
        fields: [
          {
            name: ['startDate'],
            label: '公示开始日期',
            kind: 'date',
            required: true,
            help: '结束日期由系统按 5 个工作日计算（R21）',
          },
          {
            name: ['waived', 'ground'],
            label: '免于公示的理由',
            kind: 'textarea',
            help: '仅特殊岗位或换届时已公示的可免于公示（R23）；一般情况请留空',
          },
        ],
        body: (v) => withoutEmpty(v),
      };
    case 'RecordObjection':
      return {
        title: '登记公示期间反映的问题',
        fields: [
          { name: ['receivedAt'], label: '收到时间', kind: 'datetime', required: true },
          { name: ['summary'], label: '反映问题摘要', kind: 'textarea', required: true },
        ],
      };
    case 'ResolveObjection':
      return {
        title: '办结反映问题',
        fields: [
          {
            name: ['outcome'],
            label: '核实结果',
            kind: 'select',
            required: true,
            options: opts(['unfounded', 'minor', 'serious', 'hold'], OUTCOME_LABELS),
          },
          { name: ['findings'], label: '核实情况', kind: 'textarea', required: true },
          {
            name: ['reminderTalk', 'heldAt'],
            label: '提醒谈话时间',
            kind: 'datetime',
            required: true,
            visible: (v) => v.outcome === 'minor',
          },
          {
            name: ['reminderTalk', 'heldBy'],
            label: '谈话人',
            kind: 'text',
            required: true,
            visible: (v) => v.outcome === 'minor',
          },
        ],
        body: (v) => withoutEmpty(v),
      };
    case 'RecordPostAppointmentFinding':
      return {
        title: '登记任职后发现的问题',
        fields: [
          {
            name: ['source'],
            label: '问题来源',
            kind: 'select',
            required: true,
            options: [
              { value: 'discipline', label: '纪检监察' },
              { value: 'inspection-tour', label: '巡视巡察' },
              { value: 'audit', label: '审计' },
              { value: 'petition', label: '信访举报' },
              { value: 'other', label: '其他' },
            ],
          },
          { name: ['foundAt'], label: '发现时间', kind: 'datetime', required: true },
          { name: ['summary'], label: '问题摘要', kind: 'textarea', required: true },
          { name: ['substantiated'], label: '经查属实', kind: 'switch', initial: false },
          { name: ['predatesAppointment'], label: '问题发生在任职前', kind: 'switch', initial: false },
        ],
      };
    case 'IssueAppointment':
      return {
        title: '发文任职',
        fields: [
          {
            name: ['noticeDate'],
            label: '任职通知日期',
            kind: 'date',
            required: true,
            help: '须晚于公示结束日期（R23）',
          },
          { name: ['probation'], label: '实行试用期', kind: 'switch', initial: true },
        ],
      };
    case 'RecordAppointmentTalk':
      return {
        title: '录入任职谈话',
        fields: [
          { name: ['heldAt'], label: '谈话时间', kind: 'datetime', required: true },
          { name: ['heldBy'], label: '谈话人', kind: 'text', required: true },
        ],
      };
    case 'ReviewProbation':
      return {
        title: '试用期满考核',
        fields: [
          {
            name: ['result'],
            label: '考核结果',
            kind: 'select',
            required: true,
            options: opts(['competent', 'incompetent', 'extend'], OUTCOME_LABELS),
          },
          { name: ['findings'], label: '考核情况', kind: 'textarea', required: true },
          {
            name: ['extendDays'],
            label: '延长天数',
            kind: 'number',
            required: true,
            visible: (v) => v.result === 'extend',
          },
        ],
      };
    case 'DropCandidate':
      return {
        title: '人选退出',
        danger: true,
        fields: [{ name: ['reason'], label: '退出原因', kind: 'textarea', required: true }],
      };
    case 'WithdrawCase':
      return {
        title: '撤销案件',
        danger: true,
        fields: [{ name: ['reason'], label: '撤销原因', kind: 'textarea', required: true }],
      };
    default:
      return null;
  }
}
