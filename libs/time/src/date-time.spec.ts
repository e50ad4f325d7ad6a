import {
  addDays,
  addMonths,
  compareMoments,
  isDateOrTime,
  isDateTime as isIsoDateTime,
  isLaterMoment,
  isPlainDate as isIsoDate,
  shanghaiDate,
  shanghaiDisplay,
  shanghaiTime,
} from './date-time';

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

  it('tells a later moment as compareMoments orders them, and nothing later for what is not a moment', () => {
    const moments = [
      '2025-04-08',
      '2025-04-09',
      '2025-04-08T10:00:00+08:00',
      '2025-04-08T02:00:00Z',
      '2025-04-08T20:00:00Z',
      '2025-04-08T23:59:59.123456789+14:00',
    ];
    for (const a of [...moments, '', 'soon', '2025-02-29', '2025-04-08T24:00:00Z'])
      for (const b of moments)
        expect([a, b, isLaterMoment(a, b)]).toEqual([a, b, isDateOrTime(a) && compareMoments(a, b) > 0]);
    expect(() => isLaterMoment('2025-04-08', 'soon')).toThrow(RangeError);
    expect(() => compareMoments('2025-04-08', 'soon')).toThrow(RangeError);
  });

  it('accepts only real instants with a real offset, within the years 0001–9999', () => {
    expect(isIsoDateTime('2025-13-45T25:61:00Z')).toBe(false);
    expect(isIsoDateTime('2025-04-08T23:59:59.123456789+14:00')).toBe(true);
    expect(isIsoDateTime('2025-04-08T10:00:00+99:99')).toBe(false);
    expect(isIsoDateTime('2025-04-08T10:00:00+15:00')).toBe(false);
    expect(isIsoDateTime('2025-04-08T24:00:00Z')).toBe(false);
    expect(isIsoDateTime('2025-02-29T10:00:00Z')).toBe(false);
    expect(isIsoDateTime('0000-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDateTime('0001-01-01T00:00:00+01:00')).toBe(false);
    expect(isIsoDateTime('0001-01-01T00:00:00Z')).toBe(true);
    expect(isIsoDateTime('+275760-09-13T00:00:00Z')).toBe(false);
    expect(isIsoDateTime('-271821-04-20T00:00:00Z')).toBe(false);
    expect(isIsoDateTime('9999-12-31T23:59:59Z')).toBe(true);
    expect(isIsoDateTime('9999-12-31T23:59:59-01:00')).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0004-02-29')).toBe(true);
  });

  it('does early years without mapping 0–99 onto the 1900s', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(shanghaiDate('0050-06-01T20:00:00Z')).toBe('0050-06-02');
  });

  it('writes the service clock in Asia/Shanghai time', () => {
    expect(shanghaiTime(new Date('2025-04-08T16:30:00Z'))).toBe('2025-04-09T00:30:00.000+08:00');
  });

  it('refuses to reduce what is not a date or a time', () => {
    expect(() => shanghaiDate('2025-13-45T25:61:00Z')).toThrow(RangeError);
    expect(() => addDays('2025-04-08', 0.5)).toThrow(RangeError);
  });

  it('writes times as a clerk reads them, in Asia/Shanghai', () => {
    expect(shanghaiDisplay('2024-04-02T01:00:05.000Z')).toBe('2024-04-02 09:00');
    expect(shanghaiDisplay('2024-12-31T23:30:00+08:00')).toBe('2024-12-31 23:30');
    // Past the year 9999 in Shanghai: shown as given, not as `+010000-01 01T07`.
    expect(shanghaiDisplay('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59Z');
    expect(shanghaiDisplay('2024-12-31T16:30:00Z')).toBe('2025-01-01 00:30');
    expect(shanghaiDisplay('2024-04-11')).toBe('2024-04-11');
    expect(shanghaiTime('2026-12-02T04:30:00.000Z')).toBe('2026-12-02T12:30:00.000+08:00');
  });
});
