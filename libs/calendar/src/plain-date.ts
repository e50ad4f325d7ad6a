import { CalendarRangeError } from './calendar.errors';

/** A calendar date without time or zone: 'YYYY-MM-DD' (the dates of API.md are Asia/Shanghai dates). */
export type PlainDate = string;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function parsePlainDate(date: string): DateParts {
  const match = typeof date === 'string' ? PLAIN_DATE.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new CalendarRangeError(
    'CALENDAR.INVALID_DATE',
    `${String(date)} is not a calendar date in YYYY-MM-DD form`,
    {
      date,
    },
  );
}

export function isPlainDate(date: unknown): date is PlainDate {
  if (typeof date !== 'string') return false;
  try {
    parsePlainDate(date);
    return true;
  } catch {
    return false;
  }
}

export function formatPlainDate({ year, month, day }: DateParts): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: PlainDate): number {
  const { year, month, day } = parsePlainDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function addDays(date: PlainDate, n: number): PlainDate {
  assertInteger(n);
  const { year, month, day } = parsePlainDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + n * DAY_MS);
  return formatPlainDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

/** Calendar months; a day past the end of the target month is clamped to its last day (01-31 + 1 → 02-28). */
export function addMonths(date: PlainDate, n: number): PlainDate {
  assertInteger(n);
  const { year, month, day } = parsePlainDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatPlainDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  parsePlainDate(a);
  parsePlainDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An instant written in Asia/Shanghai time (`…+08:00`), as clerks read it. */
export function toShanghaiTime(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The Asia/Shanghai date of an instant. */
export function shanghaiDateOf(instant: Date): PlainDate {
  return toShanghaiTime(instant).slice(0, 10);
}

function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw new CalendarRangeError(
      'CALENDAR.INVALID_COUNT',
      `${String(n)} is not a whole number of days or months`,
      { n },
    );
  }
}
