/**
 * The calendar the service answers with, composed year by year from its sources (DOMAIN.md §9):
 * the data package, the optional CALENDAR_EXTRA_FILE seed, and the arrangements an admin loaded
 * (events of the `calendar` stream). Pure: the caller reads the sources and passes them in.
 */
import { summarizeYear, type YearArrangement } from './calendar-arrangement';
import { mergeHolidayData } from './calendar.loader';
import { ChinaWorkingCalendar, type HolidayData } from './china-working.calendar';

export type CalendarSourceKind = 'package' | 'file' | 'loaded';

export interface CalendarSeed {
  package: { data: HolidayData; name: string; version: string };
  /** CALENDAR_EXTRA_FILE, read by the caller; `digest` identifies its content. */
  file?: { data: HolidayData; path: string; digest: string };
}

/** A loaded arrangement as recorded in the `calendar` stream. */
export interface LoadedArrangement extends YearArrangement {
  /** 0-based revision of its event in the `calendar` stream. */
  revision: number;
  loadedAt: string;
  loadedBy: { id: string; name: string; role: string };
}

export interface CalendarYear {
  year: number;
  source: CalendarSourceKind;
  /** The source's own version: the package's, the file's digest, or the load's revision. */
  version: string;
  documentNo?: string;
  publishedAt?: string;
  loadedAt?: string;
  loadedBy?: { id: string; name: string };
  holidays: number;
  workdays: number;
  workingDays: number;
}

export interface CalendarSourceInfo {
  kind: CalendarSourceKind;
  version: string;
  detail: string;
  years: number[];
}

export interface ComposedCalendar {
  calendar: ChinaWorkingCalendar;
  version: string;
  years: CalendarYear[];
  sources: CalendarSourceInfo[];
}

/** The loaded arrangement of a year replaces whatever the package and the file said about that year. */
export function composeCalendar(seed: CalendarSeed, loads: readonly LoadedArrangement[]): ComposedCalendar {
  const packageTag = `${seed.package.name}@${seed.package.version}`;
  const fileTag = seed.file ? `file:${seed.file.digest.slice(0, 8)}` : undefined;
  const base = seed.file ? mergeHolidayData(seed.package.data, seed.file.data) : seed.package.data;
  const fileYears = new Set(seed.file ? yearsListed(seed.file.data) : []);
  const latest = new Map<number, LoadedArrangement>();
  for (const load of [...loads].sort((a, b) => a.revision - b.revision)) latest.set(load.year, load);

  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const [date, name] of Object.entries(base.holidays))
    if (!latest.has(yearOf(date))) holidays[date] = name;
  for (const [date, name] of Object.entries(base.workdays))
    if (!latest.has(yearOf(date))) workdays[date] = name;
  for (const load of latest.values()) {
    Object.assign(holidays, load.holidays);
    Object.assign(workdays, load.workdays);
  }
  const lastRevision = loads.reduce((max, load) => Math.max(max, load.revision), -1);
  const version = [packageTag, fileTag, lastRevision >= 0 ? `calendar@${lastRevision + 1}` : undefined]
    .filter((part) => part !== undefined)
    .join('+');
  const calendar = new ChinaWorkingCalendar({ holidays, workdays }, version);

  const years: CalendarYear[] = [];
  for (let year = calendar.coverage.firstYear; year <= calendar.coverage.lastYear; year += 1) {
    const inYear = (map: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(map).filter(([date]) => yearOf(date) === year));
    const yearHolidays = inYear(holidays);
    const yearWorkdays = inYear(workdays);
    const counts = {
      holidays: Object.keys(yearHolidays).length,
      workdays: Object.keys(yearWorkdays).length,
      workingDays: summarizeYear(year, yearHolidays, yearWorkdays).workingDays,
    };
    const load = latest.get(year);
    if (load) {
      years.push({
        year,
        source: 'loaded',
        version: `calendar@${load.revision + 1}`,
        documentNo: load.documentNo,
        publishedAt: load.publishedAt,
        loadedAt: load.loadedAt,
        loadedBy: { id: load.loadedBy.id, name: load.loadedBy.name },
        ...counts,
      });
    } else if (fileYears.has(year) && fileTag) {
      years.push({ year, source: 'file', version: fileTag, ...counts });
    } else {
      years.push({ year, source: 'package', version: packageTag, ...counts });
    }
  }
  const sources: CalendarSourceInfo[] = [
    {
      kind: 'package',
      version: packageTag,
      detail: `数据包 ${seed.package.name} ${seed.package.version}`,
      years: years.filter((y) => y.source === 'package').map((y) => y.year),
    },
  ];
  if (seed.file && fileTag)
    sources.push({
      kind: 'file',
      version: fileTag,
      detail: `CALENDAR_EXTRA_FILE ${seed.file.path}`,
      years: years.filter((y) => y.source === 'file').map((y) => y.year),
    });
  for (const load of [...loads].sort((a, b) => a.revision - b.revision))
    sources.push({
      kind: 'loaded',
      version: `calendar@${load.revision + 1}`,
      detail: `${load.documentNo}（${load.publishedAt} 发布，${load.loadedBy.name} 于 ${load.loadedAt} 载入）`,
      years: [load.year],
    });
  return { calendar, version, years, sources };
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function yearsListed(data: HolidayData): number[] {
  return [...new Set([...Object.keys(data.holidays), ...Object.keys(data.workdays)].map(yearOf))];
}
