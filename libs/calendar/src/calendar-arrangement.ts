/**
 * DOMAIN.md §9: a year's holiday arrangement as the State Council publishes it (国务院办公厅关于某年部分
 * 节假日安排的通知), checked before it is loaded. Pure: "today" comes in with the call.
 */
import { addDays, dayOfWeek, isPlainDate, type PlainDate } from './plain-date';

export interface YearArrangement {
  year: number;
  /** e.g. 国办发明电〔2025〕7号 */
  documentNo: string;
  publishedAt: PlainDate;
  /** Days off (放假), each with its festival's name. */
  holidays: Record<PlainDate, string>;
  /** Weekend days worked in lieu (调休上班), each with the festival it belongs to. */
  workdays: Record<PlainDate, string>;
}

export interface ArrangementProblem {
  field: string;
  messages: string[];
}

export interface YearSummary {
  days: number;
  workingDays: number;
  daysOff: number;
}

export const FIRST_LOADABLE_YEAR = 2004;
export const LAST_LOADABLE_YEAR = 2100;
/** Every year since 2008 has had 248–251 working days; outside this band the arrangement is surely mistyped. */
export const WORKING_DAYS_RANGE = { min: 240, max: 256 } as const;
const MAX_HOLIDAYS = 60;
const MAX_WORKDAYS = 20;
const MAX_NAME = 50;
const MAX_DOCUMENT_NO = 100;
const FIELDS = ['documentNo', 'publishedAt', 'holidays', 'workdays'] as const;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
// Control characters, lone surrogates and the like have no place in a name or a document number.
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The year of the path (`PUT /admin/calendar/:year`), or undefined when it is not one. */
export function parseArrangementYear(raw: string): number | undefined {
  if (!/^\d{4}$/.test(raw)) return undefined;
  const year = Number(raw);
  return year >= FIRST_LOADABLE_YEAR && year <= LAST_LOADABLE_YEAR ? year : undefined;
}

/**
 * Checks a year's arrangement: every date real and in that year, each one named, none both off and
 * worked, 调休 days only on weekends, New Year's Day off, and a plausible count of working days. Every
 * other day of the year follows the week (Monday–Friday worked), so the whole year is accounted for.
 */
export function validateArrangement(
  year: number,
  body: unknown,
  today: PlainDate,
):
  | { arrangement: YearArrangement; problems: [] }
  | { arrangement?: undefined; problems: ArrangementProblem[] } {
  const problems: ArrangementProblem[] = [];
  const problem = (field: string, message: string): void => {
    const existing = problems.find((p) => p.field === field);
    if (existing) existing.messages.push(message);
    else problems.push({ field, messages: [message] });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    problem('body', '请求体须为 JSON 对象：文号、发布日期、放假日期、调休上班日期');
    return { problems };
  }
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) problem(key, `不允许的字段“${key}”`);
  }

  const documentNo = text(input.documentNo);
  if (documentNo === undefined) problem('documentNo', '文号（documentNo）须填写，如“国办发明电〔2025〕7号”');
  else if (documentNo.length > MAX_DOCUMENT_NO) problem('documentNo', `文号不能超过 ${MAX_DOCUMENT_NO} 个字`);
  else if (UNPRINTABLE.test(documentNo)) problem('documentNo', '文号含有不可显示的字符');

  const publishedAt = input.publishedAt;
  if (!isPlainDate(publishedAt)) {
    problem('publishedAt', '发布日期（publishedAt）须为 YYYY-MM-DD 格式的有效日期');
  } else {
    const publishedYear = Number(publishedAt.slice(0, 4));
    if (publishedYear !== year - 1 && publishedYear !== year)
      problem('publishedAt', `发布日期须在 ${year - 1} 年或 ${year} 年内`);
    if (publishedAt > today) problem('publishedAt', `发布日期 ${publishedAt} 晚于今天（${today}）`);
  }

  const holidays = dateMap(year, input.holidays, 'holidays', '放假日期', MAX_HOLIDAYS, problem);
  const workdays = dateMap(year, input.workdays, 'workdays', '调休上班日期', MAX_WORKDAYS, problem);
  if (holidays && workdays) {
    for (const date of Object.keys(workdays)) {
      if (date in holidays) problem(`workdays.${date}`, `${date} 同时列为放假日期和调休上班日期`);
    }
  }
  if (workdays) {
    for (const date of Object.keys(workdays)) {
      const weekday = dayOfWeek(date);
      if (weekday !== 0 && weekday !== 6)
        problem(
          `workdays.${date}`,
          `${date} 是${WEEKDAY_NAMES[weekday]}，本来就上班；调休上班日只能是星期六或星期日`,
        );
    }
  }
  if (holidays && !(`${year}-01-01` in holidays))
    problem('holidays', `放假日期须包含元旦（${year}-01-01）：缺少元旦的安排不是完整的年度安排`);

  if (problems.length === 0 && holidays && workdays) {
    const { workingDays } = summarizeYear(year, holidays, workdays);
    if (workingDays < WORKING_DAYS_RANGE.min || workingDays > WORKING_DAYS_RANGE.max)
      problem(
        'holidays',
        `按此安排 ${year} 年共有 ${workingDays} 个工作日，不在合理范围（${WORKING_DAYS_RANGE.min}–${WORKING_DAYS_RANGE.max}）内，请核对放假和调休日期`,
      );
  }
  if (problems.length > 0 || documentNo === undefined || !holidays || !workdays || !isPlainDate(publishedAt))
    return { problems };
  return {
    arrangement: { year, documentNo, publishedAt, holidays: sorted(holidays), workdays: sorted(workdays) },
    problems: [],
  };
}

/** Every day of the year: listed holidays off, listed 调休 days worked, otherwise Monday–Friday worked. */
export function summarizeYear(
  year: number,
  holidays: Record<PlainDate, string>,
  workdays: Record<PlainDate, string>,
): YearSummary {
  let days = 0;
  let workingDays = 0;
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    days += 1;
    const weekday = dayOfWeek(day);
    const working = day in workdays ? true : day in holidays ? false : weekday !== 0 && weekday !== 6;
    if (working) workingDays += 1;
  }
  return { days, workingDays, daysOff: days - workingDays };
}

function dateMap(
  year: number,
  value: unknown,
  field: string,
  label: string,
  max: number,
  problem: (field: string, message: string) => void,
): Record<PlainDate, string> | undefined {
  if (value === undefined) {
    problem(field, `${label}（${field}）须填写：{ "YYYY-MM-DD": "名称" }`);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem(field, `${label}（${field}）须为对象：{ "YYYY-MM-DD": "名称" }`);
    return undefined;
  }
  const entries = Object.entries(value);
  if (entries.length > max) problem(field, `${label}最多 ${max} 个，收到 ${entries.length} 个`);
  const result: Record<PlainDate, string> = {};
  let valid = entries.length <= max;
  for (const [date, name] of entries) {
    const at = `${field}.${date}`;
    if (!isPlainDate(date)) {
      problem(at, `${label}“${date}”不是 YYYY-MM-DD 格式的有效日期`);
      valid = false;
      continue;
    }
    if (!date.startsWith(`${year}-`)) {
      problem(at, `${label} ${date} 不在 ${year} 年内`);
      valid = false;
    }
    const named = text(name);
    if (named === undefined) {
      problem(at, `${label} ${date} 须注明名称（如“春节”）`);
      valid = false;
    } else if (named.length > MAX_NAME || UNPRINTABLE.test(named)) {
      problem(at, `${label} ${date} 的名称须为不超过 ${MAX_NAME} 个可显示字符的文字`);
      valid = false;
    } else {
      result[date] = named;
    }
  }
  return valid ? result : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function sorted(map: Record<PlainDate, string>): Record<PlainDate, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)));
}
