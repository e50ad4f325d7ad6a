import type { LoadedArrangement, YearArrangement } from '@app/calendar';
import type { RecordedEvent } from '@app/event-store';

/** DOMAIN.md §9: every loaded arrangement is an event of this one stream (who, when, which document). */
export const CALENDAR_STREAM = 'calendar';
export const CALENDAR_YEAR_LOADED = 'CalendarYearLoaded';

export interface CalendarYearLoadedData extends YearArrangement {
  loadedBy: { id: string; name: string; role: string; orgUnit: string };
  loadedAt: string;
}

export function toLoadedArrangement(event: RecordedEvent): LoadedArrangement | undefined {
  if (event.type !== CALENDAR_YEAR_LOADED) return undefined;
  const data = event.data as CalendarYearLoadedData;
  return {
    year: data.year,
    documentNo: data.documentNo,
    publishedAt: data.publishedAt,
    holidays: data.holidays,
    workdays: data.workdays,
    loadedAt: data.loadedAt,
    loadedBy: data.loadedBy,
    revision: Number(event.revision),
  };
}
