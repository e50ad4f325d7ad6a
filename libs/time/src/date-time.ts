/**
 * The service's one date/time module, without a clock. Dates are 'YYYY-MM-DD' in Asia/Shanghai
 * (UTC+8, no daylight saving); times are ISO-8601 with an offset. A time is reduced to its
 * Shanghai date wherever a rule counts days. Pure: libs/appointment builds on it.
 */

/** A calendar date without time or zone: 'YYYY-MM-DD'. */
export type PlainDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const SHANGHAI_OFFSET = '+08:00';
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

/**
 * Moments the service accepts: years 0001–9999 in UTC. PostgreSQL's timestamptz reaches further,
 * but four-digit years are what ISO-8601 without expansion writes and every column round-trips.
 */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Milliseconds of UTC midnight of a date; Date.UTC would map the years 0–99 to 1900–1999. */
function utcMidnight({ year, month, day }: DateParts): number {
  const moment = new Date(0);
  moment.setUTCFullYear(year, month - 1, day);
  return moment.getTime();
}

function partsOf(ms: number): DateParts {
  const moment = new Date(ms);
  return { year: moment.getUTCFullYear(), month: moment.getUTCMonth() + 1, day: moment.getUTCDate() };
}

/** The parts of a real date from 0001-01-01 to 9999-12-31, or undefined. */
export function plainDateParts(value: unknown): DateParts | undefined {
  const match = typeof value === 'string' ? PLAIN_DATE.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

export function isPlainDate(value: unknown): value is PlainDate {
  return plainDateParts(value) !== undefined;
}

/**
 * The milliseconds of a real instant with an explicit offset (Z or ±hh:mm up to ±14:00), within the
 * years 0001–9999; NaN for anything else. One parse serves both the check and a comparison.
 */
function instantOf(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const match = DATE_TIME.exec(value);
  if (match === null || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return NaN;
  const ms = Date.parse(value);
  return ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : NaN;
}

/** A real instant with an explicit offset, within the years 0001–9999. */
export function isDateTime(value: unknown): value is string {
  return !Number.isNaN(instantOf(value));
}

/** A date or a time: both are accepted where the API says "…At". */
export function isDateOrTime(value: unknown): value is string {
  return isPlainDate(value) || isDateTime(value);
}

export function formatPlainDate({ year, month, day }: DateParts): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Asia/Shanghai date of a time (a date is its own date). */
export function shanghaiDate(value: string): PlainDate {
  if (isPlainDate(value)) return value;
  if (!isDateTime(value)) throw new RangeError(`${value} is not a date or a time with an offset`);
  return formatPlainDate(partsOf(Date.parse(value) + SHANGHAI_OFFSET_MS));
}

/** A moment written in Asia/Shanghai time, so its date part is the local date. */
export function shanghaiTime(moment: Date | number | string): string {
  const ms =
    typeof moment === 'number' ? moment : typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', SHANGHAI_OFFSET);
}

/**
 * A date or a time as a clerk writes it, in Asia/Shanghai: `2024-03-05 09:00`, or the date alone. A
 * time whose Shanghai date is past the year 9999 (`9999-12-31T23:59:59Z`) is shown as given.
 */
export function shanghaiDisplay(value: string): string {
  if (isPlainDate(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(shanghaiTime(ms));
  return local ? `${local[1]} ${local[2]}` : value;
}

/** A Shanghai date and local time of day ('HH:mm') as a time with +08:00. */
export function shanghaiDateTime(date: PlainDate, timeOfDay: string): string {
  return `${date}T${timeOfDay}:00${SHANGHAI_OFFSET}`;
}

/** Orders two "…At" values: by instant when both are times, otherwise by Shanghai date. */
export function compareMoments(a: string, b: string): number {
  return compareFrom(a, instantOf(a), b);
}

/** Whether `a` is a date or a time later than `b`, as compareMoments orders them; false when `a` is neither. */
export function isLaterMoment(a: string, b: string): boolean {
  const instant = instantOf(a);
  if (Number.isNaN(instant) && !isPlainDate(a)) return false;
  return compareFrom(a, instant, b) > 0;
}

/** compareMoments with the instant of `a` (NaN: not a time) already parsed. */
function compareFrom(a: string, instantOfA: number, b: string): number {
  const instants = instantOfA - (Number.isNaN(instantOfA) ? NaN : instantOf(b));
  if (!Number.isNaN(instants)) return Math.sign(instants);
  const da = shanghaiDate(a);
  const db = shanghaiDate(b);
  return da < db ? -1 : da > db ? 1 : 0;
}

/**
 * R28: whether an occurred time lies after `now` plus the allowed skew. A date is compared as the
 * whole Shanghai day: it is in the future only when that day has not begun by then.
 */
export function isLaterThan(value: string, now: string, skewMs: number): boolean {
  const limit = Date.parse(now) + skewMs;
  if (isPlainDate(value)) return value > shanghaiTime(limit).slice(0, 10);
  return Date.parse(value) > limit;
}

/** The Shanghai date of `now` plus the allowed skew: the latest date an occurred date may carry. */
export function latestOccurredDate(now: string, skewMs: number): PlainDate {
  return shanghaiTime(Date.parse(now) + skewMs).slice(0, 10);
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  requireDate(a);
  requireDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: PlainDate): number {
  return new Date(utcMidnight(requireDate(date))).getUTCDay();
}

export function addDays(date: PlainDate, days: number): PlainDate {
  requireWhole(days);
  return formatPlainDate(partsOf(utcMidnight(requireDate(date)) + days * DAY_MS));
}

/** Calendar months later; the day is clamped to the month's end (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  requireWhole(months);
  const { year, month, day } = requireDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return formatPlainDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

function requireDate(date: PlainDate): DateParts {
  const parts = plainDateParts(date);
  if (parts === undefined) throw new RangeError(`${String(date)} is not a calendar date in YYYY-MM-DD form`);
  return parts;
}

function requireWhole(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${String(n)} is not a whole number of days or months`);
}
