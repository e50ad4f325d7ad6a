import { composeCalendar } from './calendar-composition';
import { parseArrangementYear, summarizeYear, validateArrangement } from './calendar-arrangement';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { arrangement2026 } from './testing/arrangement-2026.fixture';

describe('a year’s holiday arrangement', () => {
  it('accepts the 2026 arrangement and accounts for every day of the year', () => {
    const checked = validateArrangement(2026, arrangement2026, '2026-12-02');
    expect(checked.problems).toEqual([]);
    expect(summarizeYear(2026, arrangement2026.holidays, arrangement2026.workdays)).toEqual({
      days: 365,
      workingDays: 248,
      daysOff: 117,
    });
  });

  it('reads only four-digit years in range from the path', () => {
    expect(parseArrangementYear('2027')).toBe(2027);
    for (const bad of ['27', '02027', '1999', '2101', '2027.0', ' 2027'])
      expect(parseArrangementYear(bad)).toBeUndefined();
  });

  it('names every problem by its field', () => {
    const checked = validateArrangement(
      2026,
      {
        documentNo: ' ',
        publishedAt: '2026-02-30',
        holidays: { ...arrangement2026.holidays, '2026-13-01': '春节', '2025-12-31': '元旦' },
        workdays: { '2026-02-14': '', '2026-03-04': '调休' },
        extra: 1,
      },
      '2026-12-02',
    );
    expect(checked.problems.map((p) => p.field).sort()).toEqual([
      'documentNo',
      'extra',
      'holidays.2025-12-31',
      'holidays.2026-13-01',
      'publishedAt',
      'workdays.2026-02-14',
    ]);
  });

  it('refuses a weekday as a 调休 day, a date both off and worked, and a year without New Year’s Day', () => {
    const { '2026-01-01': _newYear, ...rest } = arrangement2026.holidays;
    const checked = validateArrangement(
      2026,
      {
        ...arrangement2026,
        holidays: rest,
        workdays: { ...arrangement2026.workdays, '2026-03-04': '调休', '2026-02-15': '春节' },
      },
      '2026-12-02',
    );
    expect(checked.problems.map((p) => p.field).sort()).toEqual([
      'holidays',
      'workdays.2026-02-15',
      'workdays.2026-03-04',
    ]);
  });
});

describe('composing the calendar from its sources', () => {
  const seed = { package: { data: chineseDays, name: 'chinese-days', version: '1.5.7' } };

  it('lets a loaded year replace the package’s data for that year only, and versions the result', () => {
    const composed = composeCalendar(seed, [
      {
        year: 2027,
        documentNo: 'test',
        publishedAt: '2026-11-20',
        holidays: { '2027-01-01': '元旦' },
        workdays: {},
        revision: 0,
        loadedAt: '2026-11-21T10:00:00+08:00',
        loadedBy: { id: 'ad', name: '管理员', role: 'admin' },
      },
    ]);
    expect(composed.version).toBe('chinese-days@1.5.7+calendar@1');
    expect(composed.calendar.version).toBe(composed.version);
    expect(composed.calendar.coverage.lastYear).toBe(2027);
    expect(composed.calendar.isWorkingDay('2027-01-04')).toBe(true);
    expect(composed.calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(composed.years.at(-1)).toMatchObject({ year: 2027, source: 'loaded', version: 'calendar@1' });
    expect(composeCalendar(seed, []).version).toBe('chinese-days@1.5.7');
  });
});
