import { isWorkday } from 'chinese-days';
import { CalendarRangeError } from './calendar.errors';
import { ChinaWorkingCalendar } from './china-working.calendar';
import { addDays } from './plain-date';

const calendar = new ChinaWorkingCalendar();

function refusal(run: () => unknown): CalendarRangeError {
  try {
    run();
  } catch (err) {
    if (err instanceof CalendarRangeError) return err;
    throw err;
  }
  throw new Error('expected the calendar to refuse');
}

describe('ChinaWorkingCalendar', () => {
  describe('National Day 2025 (国办发明电〔2024〕12号: Oct 1–8 off, Sun Sep 28 and Sat Oct 11 worked)', () => {
    it.each([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ])('%s is a day off', (date) => expect(calendar.isWorkingDay(date)).toBe(false));

    it('counts the 调休 Sunday 2025-09-28 and Saturday 2025-10-11 as working days', () => {
      expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
      expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
      expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
    });

    it('ends a 5-working-day notice starting Mon 2025-09-29 on Sat 2025-10-11', () => {
      // Sep 29 (1), Sep 30 (2), Oct 9 (3), Oct 10 (4), Oct 11 调休 Saturday (5)
      expect(calendar.nthWorkingDay('2025-09-29', 5)).toBe('2025-10-11');
    });

    it('adds 5 working days to 2025-09-29 without counting the start: Mon 2025-10-13', () => {
      expect(calendar.addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
    });

    it('starts counting on the next working day when the start date is a holiday', () => {
      expect(calendar.nthWorkingDay('2025-10-01', 1)).toBe('2025-10-09');
      expect(calendar.nthWorkingDay('2025-09-27', 1)).toBe('2025-09-28');
    });
  });

  describe('Spring Festival 2026 (Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked)', () => {
    it('knows the holiday and both 调休 Saturdays', () => {
      expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
      expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
      for (let day = 15; day <= 23; day += 1) expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
      expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
      expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
      expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
    });

    it('ends a 5-working-day notice starting Thu 2026-02-12 on Wed 2026-02-25', () => {
      // Feb 12 (1), Feb 13 (2), Sat Feb 14 (3), Feb 24 (4), Feb 25 (5)
      expect(calendar.nthWorkingDay('2026-02-12', 5)).toBe('2026-02-25');
    });

    it('counts the 调休 Saturday 2026-02-28 as the 5th day of a notice starting Tue 2026-02-24', () => {
      expect(calendar.nthWorkingDay('2026-02-24', 5)).toBe('2026-02-28');
    });

    it('adds working days across the festival', () => {
      expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    });
  });

  it('treats an ordinary week as Monday to Friday', () => {
    expect(calendar.nthWorkingDay('2025-11-10', 5)).toBe('2025-11-14');
    expect(calendar.addWorkingDays('2025-11-14', 1)).toBe('2025-11-17');
    expect(calendar.addWorkingDays('2025-11-14', 0)).toBe('2025-11-14');
    expect(calendar.isWorkingDay('2025-11-15')).toBe(false);
  });

  it('covers at least 2025 and 2026 from the package data', () => {
    expect(calendar.coverage.firstYear).toBeLessThanOrEqual(2025);
    expect(calendar.coverage.lastYear).toBeGreaterThanOrEqual(2026);
  });

  describe('refuses rather than guesses', () => {
    it('refuses a date in the year after the last known arrangement', () => {
      const err = refusal(() => calendar.isWorkingDay(`${calendar.coverage.lastYear + 1}-03-02`));
      expect(err.code).toBe('CALENDAR.OUT_OF_RANGE');
      expect(err.category).toBe('validation');
    });

    it('refuses a date before the first known arrangement', () => {
      expect(refusal(() => calendar.nthWorkingDay('2003-06-02', 1)).code).toBe('CALENDAR.OUT_OF_RANGE');
    });

    it('refuses a count that runs past the known years', () => {
      const lastDay = `${calendar.coverage.lastYear}-12-30`;
      expect(refusal(() => calendar.addWorkingDays(lastDay, 5)).code).toBe('CALENDAR.OUT_OF_RANGE');
      expect(refusal(() => calendar.nthWorkingDay(lastDay, 5)).code).toBe('CALENDAR.OUT_OF_RANGE');
    });

    it('refuses a year with no arrangement in the data it was given', () => {
      const only2025 = new ChinaWorkingCalendar({ holidays: { '2025-01-01': 'New Year' }, workdays: {} });
      expect(only2025.isWorkingDay('2025-01-02')).toBe(true);
      expect(refusal(() => only2025.isWorkingDay('2026-01-05')).code).toBe('CALENDAR.OUT_OF_RANGE');
    });

    it.each(['2025-9-29', '2025-02-29', '2025-13-01', '2025-04-31', '', '2025-09-29T00:00:00+08:00'])(
      'refuses the malformed date %p',
      (date) => expect(refusal(() => calendar.isWorkingDay(date)).code).toBe('CALENDAR.INVALID_DATE'),
    );

    it.each([0, -1, 1.5, Number.NaN])('refuses %p as the n of nthWorkingDay', (n) => {
      expect(refusal(() => calendar.nthWorkingDay('2025-09-29', n)).code).toBe('CALENDAR.INVALID_COUNT');
    });
  });

  const inNonWesternZone = new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset() <= 0;
  // The package's own date handling reads local time; west of UTC it shifts plain dates by a day.
  (inNonWesternZone ? it : it.skip)('agrees with chinese-days isWorkday on every day of 2024–2026', () => {
    const disagreements: string[] = [];
    for (let day = '2024-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day) !== isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });
});
