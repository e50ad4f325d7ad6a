import { testCalendar } from './test-calendar';

describe('the test calendar fixture', () => {
  it('knows weekends, holidays and make-up working days', () => {
    expect(testCalendar.isWorkingDay('2025-04-09')).toBe(true);
    expect(testCalendar.isWorkingDay('2025-04-12')).toBe(false);
    expect(testCalendar.isWorkingDay('2025-10-01')).toBe(false);
    expect(testCalendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(testCalendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(testCalendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(testCalendar.isWorkingDay('2025-02-04')).toBe(false);
    expect(testCalendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(testCalendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(testCalendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(testCalendar.isWorkingDay('2026-10-07')).toBe(false);
  });

  it('counts the start date as day one when it is a working day', () => {
    expect(testCalendar.nthWorkingDay('2025-04-09', 1)).toBe('2025-04-09');
    expect(testCalendar.nthWorkingDay('2025-04-12', 1)).toBe('2025-04-14');
    expect(testCalendar.nthWorkingDay('2025-01-24', 5)).toBe('2025-02-06');
  });

  it('adds working days without counting the date itself', () => {
    expect(testCalendar.addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    expect(testCalendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('refuses dates outside its data', () => {
    expect(() => testCalendar.isWorkingDay('2024-12-31')).toThrow(RangeError);
    expect(() => testCalendar.nthWorkingDay('2025-04-09', 0)).toThrow(RangeError);
  });
});
