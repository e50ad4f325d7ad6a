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

/**
 * One thing wrong with an arrangement: the field, and why as a reason key with its parameters. The
 * api words it in the client's language (the `calendar-*` reasons of the error catalogue).
 */
export interface ArrangementProblem {
  field: string;
  reason: ArrangementReason;
  params: Record<string, string | number>;
}

export type ArrangementReason =
  | 'calendar-body'
  | 'calendar-field-unknown'
  | 'calendar-document-required'
  | 'calendar-document-too-long'
  | 'calendar-document-unprintable'
  | 'calendar-published-format'
  | 'calendar-published-year'
  | 'calendar-published-future'
  | 'calendar-days-required'
  | 'calendar-days-not-object'
  | 'calendar-days-too-many'
  | 'calendar-day-format'
  | 'calendar-day-other-year'
  | 'calendar-day-name-required'
  | 'calendar-day-name-invalid'
  | 'calendar-day-both'
  | 'calendar-workday-weekday'
  | 'calendar-new-year-missing'
  | 'calendar-working-days';

type Report = (field: string, reason: ArrangementReason, params?: ArrangementProblem['params']) => void;

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
  const problem: Report = (field, reason, params = {}) => problems.push({ field, reason, params });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    problem('body', 'calendar-body');
    return { problems };
  }
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key)) problem(key, 'calendar-field-unknown', { key });
  }

  const documentNo = text(input.documentNo);
  if (documentNo === undefined) problem('documentNo', 'calendar-document-required');
  else if (documentNo.length > MAX_DOCUMENT_NO)
    problem('documentNo', 'calendar-document-too-long', { max: MAX_DOCUMENT_NO });
  else if (UNPRINTABLE.test(documentNo)) problem('documentNo', 'calendar-document-unprintable');

  const publishedAt = input.publishedAt;
  if (!isPlainDate(publishedAt)) {
    problem('publishedAt', 'calendar-published-format');
  } else {
    const publishedYear = Number(publishedAt.slice(0, 4));
    if (publishedYear !== year - 1 && publishedYear !== year)
      problem('publishedAt', 'calendar-published-year', { previousYear: year - 1, year });
    if (publishedAt > today)
      problem('publishedAt', 'calendar-published-future', { date: publishedAt, today });
  }

  const holidays = dateMap(year, input.holidays, 'holidays', MAX_HOLIDAYS, problem);
  const workdays = dateMap(year, input.workdays, 'workdays', MAX_WORKDAYS, problem);
  if (holidays && workdays) {
    for (const date of Object.keys(workdays)) {
      if (date in holidays) problem(`workdays.${date}`, 'calendar-day-both', { date });
    }
  }
  if (workdays) {
    for (const date of Object.keys(workdays)) {
      const weekday = dayOfWeek(date);
      if (weekday !== 0 && weekday !== 6)
        problem(`workdays.${date}`, 'calendar-workday-weekday', { date, weekday });
    }
  }
  if (holidays && !(`${year}-01-01` in holidays)) problem('holidays', 'calendar-new-year-missing', { year });

  if (problems.length === 0 && holidays && workdays) {
    const { workingDays } = summarizeYear(year, holidays, workdays);
    if (workingDays < WORKING_DAYS_RANGE.min || workingDays > WORKING_DAYS_RANGE.max)
      problem('holidays', 'calendar-working-days', { year, workingDays, ...WORKING_DAYS_RANGE });
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
  list: 'holidays' | 'workdays',
  max: number,
  problem: Report,
): Record<PlainDate, string> | undefined {
  if (value === undefined) {
    problem(list, 'calendar-days-required', { list });
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem(list, 'calendar-days-not-object', { list });
    return undefined;
  }
  const entries = Object.entries(value);
  if (entries.length > max) problem(list, 'calendar-days-too-many', { list, max, count: entries.length });
  const result: Record<PlainDate, string> = {};
  let valid = entries.length <= max;
  for (const [date, name] of entries) {
    const at = `${list}.${date}`;
    if (!isPlainDate(date)) {
      problem(at, 'calendar-day-format', { list, date });
      valid = false;
      continue;
    }
    if (!date.startsWith(`${year}-`)) {
      problem(at, 'calendar-day-other-year', { list, date, year });
      valid = false;
    }
    const named = text(name);
    if (named === undefined) {
      problem(at, 'calendar-day-name-required', { list, date });
      valid = false;
    } else if (named.length > MAX_NAME || UNPRINTABLE.test(named)) {
      problem(at, 'calendar-day-name-invalid', { list, date, max: MAX_NAME });
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
