import { isDateOnly, isDateTimeWithOffset } from './field.decorators';

describe('date and time formats', () => {
  it.each(['2024-02-29', '2025-12-31', '1978-06-15'])('accepts the date %s', (value) => {
    expect(isDateOnly(value)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '2024-13-01',
    '2024-04-31',
    '2024-4-1',
    '20240401',
    '2024-04-01T00:00:00Z',
    '',
    20240401,
  ])('refuses %p as a date', (value) => {
    expect(isDateOnly(value)).toBe(false);
  });

  it.each([
    '2024-03-05T09:00:00+08:00',
    '2024-03-05T09:00+08:00',
    '2024-03-05T01:00:00.123Z',
    '2024-03-05T09:00:00.123456-05:30',
  ])('accepts the time %s', (value) => {
    expect(isDateTimeWithOffset(value)).toBe(true);
  });

  it.each([
    '2024-03-05T09:00:00',
    '2024-03-05 09:00:00+08:00',
    '2024-02-30T09:00:00Z',
    '2024-03-05T24:00:00Z',
    '2024-03-05',
    'now',
  ])('refuses %p as a time with offset', (value) => {
    expect(isDateTimeWithOffset(value)).toBe(false);
  });
});
