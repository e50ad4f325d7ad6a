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
  /**
   * Answers already given: an instance's data never changes (a loaded year makes a new calendar),
   * and the deadline policy asks the same sums for every event of a case. Replaying 20 000 events
   * into the deadlines projection spent three quarters of its time walking dates again.
   */
  private readonly kinds = new Map<PlainDate, boolean>();
  private readonly sums = new Map<string, PlainDate>();

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
    const known = this.kinds.get(date);
    if (known !== undefined) return known;
    this.assertCovered(date);
    let working: boolean;
    if (this.data.workdays[date] !== undefined) working = true;
    else if (this.data.holidays[date] !== undefined) working = false;
    else {
      const weekday = dayOfWeek(date);
      working = weekday !== 0 && weekday !== 6;
    }
    return remember(this.kinds, date, working);
  }

  nthWorkingDay(date: PlainDate, n: number): PlainDate {
    assertCount(n, 1);
    const key = `${date}#${n}`;
    const known = this.sums.get(key);
    if (known !== undefined) return known;
    let day = date;
    let counted = this.isWorkingDay(day) ? 1 : 0;
    while (counted < n) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return remember(this.sums, key, day);
  }

  addWorkingDays(date: PlainDate, n: number): PlainDate {
    assertCount(n, 0);
    const key = `${date}+${n}`;
    const known = this.sums.get(key);
    if (known !== undefined) return known;
    this.assertCovered(date);
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return remember(this.sums, key, day);
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

/** Bounded memo: cleared when full rather than tracking use (a year of days and its sums fit). */
const MEMO_LIMIT = 20_000;
function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
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
