import * as time from '@app/time';
import type { DateParts, PlainDate } from '@app/time';
import { CalendarRangeError } from './calendar.errors';

export type { DateParts, PlainDate } from '@app/time';
export { daysInMonth, formatPlainDate, isPlainDate } from '@app/time';

/** The date arithmetic of @app/time, refusing bad input with the calendar's typed errors. */
export function parsePlainDate(date: string): DateParts {
  const parts = time.plainDateParts(date);
  if (parts !== undefined) return parts;
  throw new CalendarRangeError(
    'CALENDAR.INVALID_DATE',
    `${String(date)} is not a calendar date in YYYY-MM-DD form`,
    {
      date,
    },
  );
}

export function dayOfWeek(date: PlainDate): number {
  parsePlainDate(date);
  return time.dayOfWeek(date);
}

export function addDays(date: PlainDate, n: number): PlainDate {
  parsePlainDate(date);
  assertInteger(n);
  return time.addDays(date, n);
}

/** Calendar months; a day past the end of the target month is clamped to its last day (01-31 + 1 → 02-28). */
export function addMonths(date: PlainDate, n: number): PlainDate {
  parsePlainDate(date);
  assertInteger(n);
  return time.addMonths(date, n);
}

export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  parsePlainDate(a);
  parsePlainDate(b);
  return time.comparePlainDates(a, b);
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
