export { ChinaWorkingCalendar, type CalendarCoverage, type HolidayData } from './china-working.calendar';
export { CalendarRangeError, type CalendarErrorCode } from './calendar.errors';
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
