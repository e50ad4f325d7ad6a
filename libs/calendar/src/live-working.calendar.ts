import type { WorkingCalendar } from '@app/appointment/appointment.config';
import type { CalendarCoverage, ChinaWorkingCalendar } from './china-working.calendar';
import type { PlainDate } from './plain-date';

/**
 * The calendar a long-running process hands to its decider and deadline policy once: every call
 * answers from the latest data, which `replace` swaps in when a year is loaded (no restart). The
 * swap happens between calls, so one synchronous decision never mixes two versions.
 */
export class LiveWorkingCalendar implements WorkingCalendar {
  constructor(private current: ChinaWorkingCalendar) {}

  replace(next: ChinaWorkingCalendar): void {
    this.current = next;
  }

  get version(): string | undefined {
    return this.current.version;
  }

  get coverage(): CalendarCoverage {
    return this.current.coverage;
  }

  get lastCoveredDay(): PlainDate {
    return this.current.lastCoveredDay;
  }

  isWorkingDay(date: PlainDate): boolean {
    return this.current.isWorkingDay(date);
  }

  nthWorkingDay(date: PlainDate, n: number): PlainDate {
    return this.current.nthWorkingDay(date, n);
  }

  addWorkingDays(date: PlainDate, n: number): PlainDate {
    return this.current.addWorkingDays(date, n);
  }
}
