export { CalendarStoreModule } from './calendar-store.module';
export { readCalendarSeed } from './calendar-seed';
export {
  CALENDAR_STREAM,
  CALENDAR_YEAR_LOADED,
  toLoadedArrangement,
  type CalendarYearLoadedData,
} from './calendar-stream';
export { WORKING_CALENDAR } from './working-calendar.token';
export {
  CALENDAR_CHANGED_CHANNEL,
  COVERAGE_WARNING_DAYS,
  WorkingCalendarService,
  type CalendarActor,
  type CalendarDescription,
  type CalendarLoaded,
  type CoverageWarning,
} from './working-calendar.service';
