import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingCalendar, mergeHolidayData, readHolidaySupplement } from './calendar.loader';

const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// An illustrative arrangement for a year the package does not know yet (not the official 2027 notice).
const year2027 = file(
  'extra-2027.json',
  JSON.stringify({
    holidays: { '2027-01-01': '元旦', '2027-02-05': '春节', '2027-02-08': '春节' },
    workdays: { '2027-02-06': '春节调休' },
  }),
);

describe('a holiday supplement (CALENDAR_EXTRA_FILE)', () => {
  it('is refused as out of range without a supplement for 2027', () => {
    expect(() => loadWorkingCalendar().nthWorkingDay('2026-12-28', 5)).toThrow(/2027/);
  });

  it('extends the known years, so a notice from late December 2026 ends in January 2027', () => {
    const calendar = loadWorkingCalendar({ calendarExtraFile: year2027 });
    expect(calendar.coverage.lastYear).toBe(2027);
    // 12-28 Mon … 12-31 Thu are days 1–4; 2027-01-01 (Fri) is a holiday; day 5 is Mon 2027-01-04.
    expect(calendar.nthWorkingDay('2026-12-28', 5)).toBe('2027-01-04');
    expect(calendar.isWorkingDay('2027-02-06')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
  });

  it('wins over the package where they disagree', () => {
    const merged = mergeHolidayData(
      { holidays: { '2026-10-01': '国庆节' }, workdays: { '2026-09-27': '国庆节调休' } },
      { holidays: { '2026-09-27': 'corrected' }, workdays: { '2026-10-01': 'corrected' } },
    );
    expect(merged.holidays).toEqual({ '2026-09-27': 'corrected' });
    expect(merged.workdays).toEqual({ '2026-10-01': 'corrected' });
  });

  it('names the variable and each problem of a malformed file', () => {
    expect(() => readHolidaySupplement(join(dir, 'missing.json'))).toThrow(
      /^CALENDAR_EXTRA_FILE: cannot read/,
    );
    const bad = file(
      'bad.json',
      JSON.stringify({ holidays: { '2027-13-01': '元旦' }, workdays: { '2027-01-01': 1 } }),
    );
    expect(() => readHolidaySupplement(bad)).toThrow(
      /"holidays" has "2027-13-01".*"workdays.2027-01-01" must be a name/,
    );
    const both = file(
      'both.json',
      JSON.stringify({ holidays: { '2027-01-01': 'a' }, workdays: { '2027-01-01': 'b' } }),
    );
    expect(() => readHolidaySupplement(both)).toThrow(/both holiday and workday: 2027-01-01/);
  });
});
