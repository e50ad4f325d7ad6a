import type { WorkingCalendar } from '@app/appointment/appointment.config';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { CalendarRangeError } from './calendar.errors';
import { addDays, dayOfWeek, parsePlainDate, type PlainDate } from './plain-date';

/** The State Council's yearly arrangement: days off (放假) and the weekend days worked in lieu (调休上班). */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

/**
 * Mainland-China working days from the `chinese-days` data (one entry per official notice of 国务院办公厅).
 * Weekdays are computed on plain dates, so the answer never depends on the process time zone.
 */
export class ChinaWorkingCalendar implements WorkingCalendar {
  readonly coverage: CalendarCoverage;

  /** `version` names the data that answers (recorded with every notice end date it computes). */
  constructor(
    private readonly data: HolidayData = chineseDays,
    readonly version?: string,
  ) {
    this.coverage = coverageOf(data);
  }

  /** The last day whose kind (working or not) is known. */
  get lastCoveredDay(): PlainDate {
    return `${this.coverage.lastYear}-12-31`;
  }

  isWorkingDay(date: PlainDate): boolean {
    this.assertCovered(date);
    if (this.data.workdays[date] !== undefined) return true;
    if (this.data.holidays[date] !== undefined) return false;
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  }

  nthWorkingDay(date: PlainDate, n: number): PlainDate {
    assertCount(n, 1);
    let day = date;
    let counted = this.isWorkingDay(day) ? 1 : 0;
    while (counted < n) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  addWorkingDays(date: PlainDate, n: number): PlainDate {
    assertCount(n, 0);
    this.assertCovered(date);
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  private assertCovered(date: PlainDate): void {
    const { year } = parsePlainDate(date);
    if (year < this.coverage.firstYear || year > this.coverage.lastYear) {
      throw new CalendarRangeError(
        'CALENDAR.OUT_OF_RANGE',
        `no official holiday arrangement is known for ${year} (known: ${this.coverage.firstYear}–${this.coverage.lastYear}); ` +
          `${date} cannot be classified`,
        { date, ...this.coverage },
      );
    }
  }
}

/** A year counts as known when its arrangement is present, i.e. its New Year's Day (元旦) is listed. */
function coverageOf(data: HolidayData): CalendarCoverage {
  const years = new Set(
    Object.keys(data.holidays)
      .filter((date) => date.endsWith('-01-01'))
      .map((date) => Number(date.slice(0, 4))),
  );
  if (years.size === 0) throw new Error('holiday data lists no year');
  const lastYear = Math.max(...years);
  let firstYear = lastYear;
  while (years.has(firstYear - 1)) firstYear -= 1;
  return { firstYear, lastYear };
}

function assertCount(n: number, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new CalendarRangeError(
      'CALENDAR.INVALID_COUNT',
      `${String(n)} is not a whole number ≥ ${min} of working days`,
      {
        n,
      },
    );
  }
}
