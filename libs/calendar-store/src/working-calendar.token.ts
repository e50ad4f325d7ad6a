/** DI token of the process's LiveWorkingCalendar; absent where CalendarStoreModule is not imported (tests, scripts). */
export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');
