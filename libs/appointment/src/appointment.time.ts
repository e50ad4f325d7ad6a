/**
 * Date arithmetic without a clock. Dates are 'YYYY-MM-DD' in Asia/Shanghai; times are ISO-8601
 * with an offset. A time is reduced to its Shanghai date wherever a rule counts days.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function isIsoDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    DATE_TIME.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A date or a time: both are accepted where the API says "…At". */
export function isDateOrTime(value: unknown): value is string {
  return isIsoDate(value) || isIsoDateTime(value);
}

export function shanghaiDate(value: string): string {
  if (isIsoDate(value)) return value;
  return new Date(Date.parse(value) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Orders two "…At" values: by instant when both are times, otherwise by Shanghai date. */
export function compareMoments(a: string, b: string): number {
  if (isIsoDateTime(a) && isIsoDateTime(b)) return Math.sign(Date.parse(a) - Date.parse(b));
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
  if (isIsoDate(value)) return value > shanghaiDate(new Date(limit).toISOString());
  return Date.parse(value) > limit;
}

/** The Shanghai date of `now` plus the allowed skew: the latest date an occurred date may carry. */
export function latestOccurredDate(now: string, skewMs: number): string {
  return shanghaiDate(new Date(Date.parse(now) + skewMs).toISOString());
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Calendar months later; the day is clamped to the month's end (2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return format(ny, nm, Math.min(d, last));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}
