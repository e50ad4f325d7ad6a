import {
  addDays,
  addMonths,
  compareMoments,
  isIsoDate,
  isIsoDateTime,
  shanghaiDate,
  shanghaiDisplay,
  shanghaiIso,
} from './appointment.time';

describe('date arithmetic', () => {
  it('validates dates and times', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDateTime('2025-04-08T15:00:00+08:00')).toBe(true);
    expect(isIsoDateTime('2025-04-08T15:00:00')).toBe(false);
    expect(isIsoDateTime('2025-13-08T15:00:00Z')).toBe(false);
  });

  it('reduces a time to its Asia/Shanghai date', () => {
    expect(shanghaiDate('2025-04-08T16:30:00Z')).toBe('2025-04-09');
    expect(shanghaiDate('2025-04-08T23:30:00+08:00')).toBe('2025-04-08');
    expect(shanghaiDate('2025-04-08')).toBe('2025-04-08');
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2025-04-16', 12)).toBe('2026-04-16');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('adds days across years', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });

  it('orders moments by instant, or by Shanghai date when one is a date', () => {
    expect(compareMoments('2025-04-08T10:00:00+08:00', '2025-04-08T02:00:00Z')).toBe(0);
    expect(compareMoments('2025-04-08T10:00:00+08:00', '2025-04-08T03:00:00Z')).toBe(-1);
    expect(compareMoments('2025-04-08', '2025-04-08T20:00:00Z')).toBe(-1);
  });

  it('writes times as a clerk reads them, in Asia/Shanghai', () => {
    expect(shanghaiDisplay('2024-04-02T01:00:05.000Z')).toBe('2024-04-02 09:00');
    expect(shanghaiDisplay('2024-12-31T23:30:00+08:00')).toBe('2024-12-31 23:30');
    expect(shanghaiDisplay('2024-12-31T16:30:00Z')).toBe('2025-01-01 00:30');
    expect(shanghaiDisplay('2024-04-11')).toBe('2024-04-11');
    expect(shanghaiIso('2026-12-02T04:30:00.000Z')).toBe('2026-12-02T12:30:00.000+08:00');
  });
});
