import { CalendarRangeError } from './calendar.errors';
import { addDays, addMonths, comparePlainDates, dayOfWeek, isPlainDate } from './plain-date';

describe('plain dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-09-29', 0)).toBe('2025-09-29');
  });

  it('adds calendar months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-10-15', 3)).toBe('2026-01-15');
    expect(addMonths('2025-10-15', 12)).toBe('2026-10-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('names the weekday of a plain date independent of the time zone', () => {
    expect(dayOfWeek('2025-09-28')).toBe(0);
    expect(dayOfWeek('2025-09-29')).toBe(1);
    expect(dayOfWeek('2025-10-11')).toBe(6);
  });

  it('compares dates', () => {
    expect(comparePlainDates('2025-09-29', '2025-10-11')).toBeLessThan(0);
    expect(comparePlainDates('2025-10-11', '2025-10-11')).toBe(0);
  });

  it('recognises only real YYYY-MM-DD dates', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2025-02-29')).toBe(false);
    expect(isPlainDate(20250929)).toBe(false);
    expect(() => addMonths('29/09/2025', 1)).toThrow(CalendarRangeError);
  });

  it('refuses a fractional count', () => {
    expect(() => addDays('2025-09-29', 0.5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_COUNT' }),
    );
  });
});
