/**
 * A small working-day calendar for unit tests: weekends, plus the Spring Festival and National
 * Day holidays of 2025 and 2026 with their make-up working days (调休), per the State Council
 * notices. Other public holidays are not in it; dates outside 2025–2026 are refused.
 */
import type { WorkingCalendar } from '../appointment.config';
import { addDays, dayOfWeek, isPlainDate as isIsoDate } from '@app/time';

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

const HOLIDAYS = new Set<string>([
  ...range('2025-01-28', '2025-02-04'), // 春节 2025
  ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节 2025
  ...range('2026-02-15', '2026-02-23'), // 春节 2026
  ...range('2026-10-01', '2026-10-07'), // 国庆节 2026
]);

const MAKE_UP_WORKING_DAYS = new Set<string>([
  '2025-01-26',
  '2025-02-08',
  '2025-09-28',
  '2025-10-11',
  '2026-02-14',
  '2026-02-28',
  '2026-09-20',
  '2026-10-10',
]);

function checkCovered(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  if (date < '2025-01-01' || date > '2026-12-31')
    throw new RangeError(`the test calendar covers 2025–2026 only: ${date}`);
}

export const testCalendar: WorkingCalendar = {
  isWorkingDay(date) {
    checkCovered(date);
    if (MAKE_UP_WORKING_DAYS.has(date)) return true;
    if (HOLIDAYS.has(date)) return false;
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  },
  nthWorkingDay(date, n) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
    let day = date;
    let counted = 0;
    for (;;) {
      if (testCalendar.isWorkingDay(day)) counted += 1;
      if (counted === n) return day;
      day = addDays(day, 1);
    }
  },
  addWorkingDays(date, n) {
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (testCalendar.isWorkingDay(day)) counted += 1;
    }
    return day;
  },
};
