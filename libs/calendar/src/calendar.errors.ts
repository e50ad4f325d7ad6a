export type CalendarErrorCode = 'CALENDAR.OUT_OF_RANGE' | 'CALENDAR.INVALID_DATE' | 'CALENDAR.INVALID_COUNT';

/** A date the calendar cannot answer for: malformed, or outside the years its holiday data covers. */
export class CalendarRangeError extends Error {
  readonly category = 'validation' as const;

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}
