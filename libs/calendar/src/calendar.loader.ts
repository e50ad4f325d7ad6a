import { readFileSync } from 'node:fs';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { ChinaWorkingCalendar, type HolidayData } from './china-working.calendar';
import { isPlainDate } from './plain-date';

export const CALENDAR_EXTRA_VARIABLE = 'CALENDAR_EXTRA_FILE';

/**
 * The State Council publishes next year's arrangement each autumn, often before the data package
 * catches up. A supplement file lets a site add that year at once:
 * `{ "holidays": { "2027-01-01": "元旦", … }, "workdays": { "2027-02-06": "春节调休", … } }`.
 * A year counts as known once its New Year's Day is listed among the holidays.
 */
export function readHolidaySupplement(path: string): HolidayData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${CALENDAR_EXTRA_VARIABLE}: cannot read ${path} as JSON (${(err as Error).message})`);
  }
  const problems: string[] = [];
  const section = (name: 'holidays' | 'workdays'): Record<string, string> => {
    const value = (parsed as Record<string, unknown> | null)?.[name] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`"${name}" must be an object of date → name`);
      return {};
    }
    for (const [date, label] of Object.entries(value)) {
      if (!isPlainDate(date)) problems.push(`"${name}" has "${date}", not a YYYY-MM-DD date`);
      if (typeof label !== 'string') problems.push(`"${name}.${date}" must be a name (string)`);
    }
    return value as Record<string, string>;
  };
  const supplement = { holidays: section('holidays'), workdays: section('workdays') };
  const both = Object.keys(supplement.holidays).filter((date) => date in supplement.workdays);
  if (both.length > 0) problems.push(`dates listed as both holiday and workday: ${both.join(', ')}`);
  if (problems.length > 0) throw new Error(`${CALENDAR_EXTRA_VARIABLE}: ${path}: ${problems.join('; ')}`);
  return supplement;
}

const loaded = new Map<string, ChinaWorkingCalendar>();

/** The service's calendar: the package data plus the optional supplement; one instance per file. */
export function loadWorkingCalendar(options: { calendarExtraFile?: string } = {}): ChinaWorkingCalendar {
  const key = options.calendarExtraFile ?? '';
  let calendar = loaded.get(key);
  if (!calendar) {
    const extra = options.calendarExtraFile
      ? readHolidaySupplement(options.calendarExtraFile)
      : { holidays: {}, workdays: {} };
    calendar = new ChinaWorkingCalendar(mergeHolidayData(chineseDays, extra));
    loaded.set(key, calendar);
  }
  return calendar;
}

/** The supplement wins: a date it lists as a holiday is no longer a workday, and the other way round. */
export function mergeHolidayData(base: HolidayData, extra: HolidayData): HolidayData {
  const holidays: Record<string, string> = { ...base.holidays, ...extra.holidays };
  const workdays: Record<string, string> = { ...base.workdays, ...extra.workdays };
  for (const date of Object.keys(extra.workdays)) delete holidays[date];
  for (const date of Object.keys(extra.holidays)) delete workdays[date];
  return { holidays, workdays };
}
