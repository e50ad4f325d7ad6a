import {
  CANDIDATE_STATUS_LABELS,
  CHECK_LABELS,
  COMMAND_LABELS,
  COMMAND_LABELS_EN,
  ROLE_LABELS,
  STAGE_LABELS,
  VALUE_LABELS,
} from '@app/appointment/appointment.labels';
import { shanghaiDisplay } from '@app/time';
import { CHECK_OUTCOMES } from '@app/appointment/appointment.rules';
import { ERROR_CATALOGUE, FIELD_REASONS, type Lang } from './error-catalogue';
import { FIELD_LABELS, fieldLabel, requestBodyOf } from './field-labels';

export type Params = Readonly<Record<string, unknown>>;

const SUPPORTED: readonly Lang[] = ['zh', 'en'];

/**
 * The language of an answer from `Accept-Language` (RFC 9110 q-values): the supported language
 * the client weighs highest; Chinese when it names neither.
 */
export function negotiateLanguage(header: unknown): Lang {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || value.trim() === '') return 'zh';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of value.split(',')) {
    const [range, ...attributes] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0] as Lang;
    if (!SUPPORTED.includes(primary)) continue;
    const qAttribute = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('q='));
    const q = qAttribute === undefined ? 1 : Number(qAttribute.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (best === undefined || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'zh';
}

const STATUS_TITLES: Record<number, { zh: string; en: string }> = {
  400: { zh: '请求内容有误', en: 'Bad Request' },
  401: { zh: '未登录或登录已失效', en: 'Unauthorized' },
  403: { zh: '无权进行此项操作', en: 'Forbidden' },
  404: { zh: '未找到', en: 'Not Found' },
  405: { zh: '不支持该请求方法', en: 'Method Not Allowed' },
  406: { zh: '无法提供所要求的格式', en: 'Not Acceptable' },
  408: { zh: '请求超时', en: 'Request Timeout' },
  409: { zh: '不符合办理程序或当前状态', en: 'Conflict' },
  412: { zh: '案件已被更新', en: 'Precondition Failed' },
  413: { zh: '请求内容过大', en: 'Payload Too Large' },
  415: { zh: '不支持的内容类型', en: 'Unsupported Media Type' },
  422: { zh: '请求无法处理', en: 'Unprocessable Content' },
  429: { zh: '请求过于频繁', en: 'Too Many Requests' },
  431: { zh: '请求头过大', en: 'Request Header Fields Too Large' },
  500: { zh: '服务器内部错误', en: 'Internal Server Error' },
  503: { zh: '服务暂时不可用', en: 'Service Unavailable' },
};

export function statusTitle(status: number, lang: Lang): string {
  const known = STATUS_TITLES[status];
  if (known) return known[lang];
  if (status >= 500) return lang === 'zh' ? '服务器错误' : 'Server Error';
  return lang === 'zh' ? '请求有误' : 'Client Error';
}

/** The words of an error: its catalogue template filled with the error's parameters. */
export function describeError(code: string, params: Params, lang: Lang, fallback: string): string {
  if (!Object.hasOwn(ERROR_CATALOGUE, code)) return fallback;
  return fill(ERROR_CATALOGUE[code][lang], withNames(params), lang) || fallback;
}

/**
 * The words of why a field was refused: a FIELD_REASONS key or a catalogue code. A sentence (code
 * written before the catalogue; Chinese ones have no spaces) is shown as it is, since it is more
 * than the general words would say; an unknown check's name (`isLatLong`) in general words.
 */
export function describeReason(reason: string, params: Params, lang: Lang): string {
  if (Object.hasOwn(FIELD_REASONS, reason)) return fill(FIELD_REASONS[reason][lang], withNames(params), lang);
  if (Object.hasOwn(ERROR_CATALOGUE, reason)) return describeError(reason, params, lang, reason);
  return isSentence(reason) ? reason : fill(FIELD_REASONS.invalid[lang], params, lang);
}

/** Words rather than a check's name: spaces, or any letter beyond ASCII (a Chinese sentence). */
const isSentence = (reason: string): boolean => /\s|[^\u0000-\u007f]/.test(reason);

/** Names where the thrower knows them: a candidate's, a person's, a meeting member's, a listed value's. */
const withNames = (params: Params): Params => ({
  ...params,
  candidate: params.candidate ?? params.candidateName ?? params.candidateId,
  person: params.person ?? params.personName ?? params.personId,
  member: params.member ?? params.memberName ?? params.memberId,
  value: params.valueName ?? params.value,
  missing: params.missingNames ?? params.missing,
});

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

function fill(template: string, params: Params, lang: Lang): string {
  const filled = template.replace(PLACEHOLDER, (_all, name: string, kind?: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') return '';
    return lang === 'zh' ? inChinese(value, kind, params) : inEnglish(value, kind, params);
  });
  // a parameter the thrower did not give leaves no empty brackets (nor an empty `allowed:`) behind
  return filled
    .replace(/（\s*）|\(\s*\)|“\s*”|（[^（）]*：\s*）|\([^()]*:\s*\)/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const label = (labels: Readonly<Record<string, string>>, value: unknown): string =>
  Object.hasOwn(labels, String(value)) ? labels[String(value)] : String(value);
const joinZh = (items: string[]): string => items.join('、');
const alternatives = (items: string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}或${items[items.length - 1]}`;

function inChinese(value: unknown, kind: string | undefined, params: Params): string {
  switch (kind) {
    case 'field':
      return fieldLabel(String(value), undefined, requestBodyOf(params.command));
    case 'reason':
      return describeReason(String(value), params, 'zh');
    case 'stage':
      return label(STAGE_LABELS, value);
    case 'stages':
      return alternatives(list(value).map((v) => `“${label(STAGE_LABELS, v)}”`));
    case 'stageNames':
      return joinZh(list(value).map((v) => `${label(STAGE_LABELS, v)}（${String(v)}）`));
    case 'status':
      return label(CANDIDATE_STATUS_LABELS, value);
    case 'statuses':
      return alternatives(list(value).map((v) => `“${label(CANDIDATE_STATUS_LABELS, v)}”`));
    case 'role':
      return label(ROLE_LABELS, value);
    case 'roles':
      return joinZh(list(value).map((v) => label(ROLE_LABELS, v)));
    case 'command':
      return commandPhrase(String(value), params.about);
    case 'value':
      return label(VALUE_LABELS, value);
    case 'values':
      return allowedValues(list(value).map(String));
    case 'date':
      return chineseDate(String(value));
    case 'moment':
      return chineseMoment(String(value));
    case 'flags':
      return joinZh(list(value).map((v) => label(FIELD_LABELS, v)));
    case 'gaps':
      return joinZh(list(value).map((v) => readinessGap(String(v))));
    case 'before':
      return label(BEFORE_LABELS, value);
    case 'step':
      return label(STEP_LABELS, value);
    case 'dayList':
      return label(DAY_LIST_LABELS, value);
    case 'weekday':
      return WEEKDAYS_ZH[Number(value)] ?? String(value);
    case 'conflict':
      return value === 'leader'
        ? `组长${String(params.person)}须对考察对象${String(params.candidate)}回避，请另行指定组长`
        : `考察对象${String(params.candidate)}本人不能是考察组成员`;
    case 'list':
      return joinZh(list(value).map(String));
    default:
      return Array.isArray(value) ? joinZh(value.map(String)) : String(value);
  }
}

function inEnglish(value: unknown, kind: string | undefined, params: Params): string {
  switch (kind) {
    case 'reason':
      return describeReason(String(value), params, 'en');
    case 'command':
      return commandPhraseEn(String(value), params.about);
    case 'dayList':
      return label(DAY_LIST_LABELS_EN, value);
    case 'weekday':
      return WEEKDAYS_EN[Number(value)] ?? String(value);
    default:
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
}

/** The two lists of a year's holiday arrangement (DOMAIN.md §9). */
const DAY_LIST_LABELS: Record<string, string> = { holidays: '放假日期', workdays: '调休上班日期' };
const DAY_LIST_LABELS_EN: Record<string, string> = {
  holidays: 'the holiday',
  workdays: 'the working day in lieu',
};
const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** R28: the dated steps a later step depends on. */
const STEP_LABELS: Record<string, string> = {
  'recommendation-round': '民主推荐',
  'inspection-targets': '确定考察对象',
  'inspection-notice': '考察预告',
  'inspection-activity': '考察工作',
  check: '凡提四必核查',
  objection: '反映问题的受理',
  appointment: '任职',
};

const BEFORE_LABELS: Record<string, string> = {
  'decision-meeting': '提交讨论决定',
  'inspection-targets': '确定考察对象',
};

function readinessGap(gap: string): string {
  if (gap === 'inspection-report') return '考察报告';
  if (gap === 'exceptional-approval') return '破格提拔批复';
  if (gap.startsWith('check:')) return label(CHECK_LABELS, gap.slice('check:'.length));
  if (gap.startsWith('opinion:')) return `${label(VALUE_LABELS, gap.slice('opinion:'.length))}（双签字）`;
  return gap;
}

/** `verified（已审核无误）、discrepancy（存在不一致）`; check outcomes of several checks grouped per check. */
function allowedValues(values: string[]): string {
  const word = (v: string) => (Object.hasOwn(VALUE_LABELS, v) ? `${VALUE_LABELS[v]}（${v}）` : v);
  const checks = Object.entries(CHECK_OUTCOMES).filter(([, outcomes]) =>
    outcomes.some((o) => values.includes(o)),
  );
  const allChecked = values.every((v) => checks.some(([, outcomes]) => outcomes.includes(v as never)));
  if (checks.length > 1 && allChecked) {
    const perCheck = checks.map(
      ([check, outcomes]) => `${label(CHECK_LABELS, check)}（${check}）为${alternatives(outcomes.map(word))}`,
    );
    return `与核查项目相应的结果——${perCheck.join('；')}`;
  }
  return alternatives(values.map(word));
}

/** `签署廉政意见`, `登记信访举报核查结果`: the command with what it is about, where that is known. */
function commandPhrase(command: string, about: unknown): string {
  if (typeof about === 'string') {
    if (command === 'DraftOpinion') return `起草${label(VALUE_LABELS, about)}`;
    if (command === 'SignOpinion') return `签署${label(VALUE_LABELS, about)}`;
    if (command === 'RecordCheck') return `登记${label(CHECK_LABELS, about)}结果`;
  }
  return label(COMMAND_LABELS, command);
}

/** `sign the integrity opinion`, `record the dossier check`: the English of commandPhrase. */
function commandPhraseEn(command: string, about: unknown): string {
  if (typeof about === 'string') {
    if (command === 'DraftOpinion') return `draft the ${about} opinion`;
    if (command === 'SignOpinion') return `sign the ${about} opinion`;
    if (command === 'RecordCheck') return `record the ${about} check`;
  }
  return label(COMMAND_LABELS_EN, command);
}

/**
 * A time with an offset as a clerk in Beijing time reads it: `2025年3月14日 09:30`. A moment whose
 * Beijing time falls outside the years 0001–9999 (`9999-12-31T23:59:59Z`) is shown as it was given.
 */
function chineseMoment(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return chineseDate(value);
  const local = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(shanghaiDisplay(value));
  return local ? `${chineseDate(local[1])} ${local[2]}` : value;
}

function chineseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : value;
}
