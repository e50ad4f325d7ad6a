export { ChinaWorkingCalendar, type CalendarCoverage, type HolidayData } from './china-working.calendar';
export { CalendarArrangementError, CalendarRangeError, type CalendarErrorCode } from './calendar.errors';
export {
  addDays,
  addMonths,
  comparePlainDates,
  dayOfWeek,
  daysInMonth,
  formatPlainDate,
  isPlainDate,
  parsePlainDate,
  type DateParts,
  type PlainDate,
} from './plain-date';
export {
  CALENDAR_EXTRA_VARIABLE,
  loadWorkingCalendar,
  mergeHolidayData,
  readHolidaySupplement,
} from './calendar.loader';
export {
  FIRST_LOADABLE_YEAR,
  LAST_LOADABLE_YEAR,
  parseArrangementYear,
  summarizeYear,
  validateArrangement,
  WORKING_DAYS_RANGE,
  type ArrangementProblem,
  type ArrangementReason,
  type YearArrangement,
  type YearSummary,
} from './calendar-arrangement';
export {
  composeCalendar,
  type CalendarSeed,
  type CalendarSourceInfo,
  type CalendarSourceKind,
  type CalendarYear,
  type ComposedCalendar,
  type LoadedArrangement,
} from './calendar-composition';
export { LiveWorkingCalendar } from './live-working.calendar';
