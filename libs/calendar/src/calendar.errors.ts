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

/** A year's arrangement an admin tried to load, refused with every problem named by its field. */
export class CalendarArrangementError extends Error {
  readonly category = 'validation' as const;
  readonly code = 'CALENDAR.INVALID_ARRANGEMENT';

  constructor(readonly errors: Array<{ field: string; messages: string[] }>) {
    super(
      `年度节假日安排有误，未载入：${errors.map((e) => `${e.field}：${e.messages.join('；')}`).join('；')}`,
    );
    this.name = 'CalendarArrangementError';
  }
}
