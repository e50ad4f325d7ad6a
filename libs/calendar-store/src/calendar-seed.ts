import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import { type CalendarSeed, readHolidaySupplement } from '@app/calendar';

/** The seeds the loaded years build on: the data package and, when configured, CALENDAR_EXTRA_FILE. */
export function readCalendarSeed(options: { calendarExtraFile?: string }): CalendarSeed {
  const seed: CalendarSeed = {
    package: { data: chineseDays, name: 'chinese-days', version: chineseDaysPackage.version },
  };
  const path = options.calendarExtraFile;
  if (path !== undefined) {
    const data = readHolidaySupplement(path);
    const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
    seed.file = { data, path, digest };
  }
  return seed;
}
