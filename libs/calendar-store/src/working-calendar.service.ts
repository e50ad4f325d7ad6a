import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { shanghaiDate, shanghaiTime } from '@app/time';
import {
  addDays,
  type ArrangementProblem,
  type CalendarSeed,
  type CalendarSourceInfo,
  type CalendarYear,
  composeCalendar,
  type ComposedCalendar,
  type LoadedArrangement,
  LiveWorkingCalendar,
  parseArrangementYear,
  summarizeYear,
  validateArrangement,
  type YearSummary,
} from '@app/calendar';
import { EVENT_STORE, type EventStore, WrongExpectedRevisionError } from '@app/event-store';
import {
  APP_CONFIG,
  type AppConfig,
  CLOCK,
  type Clock,
  type FieldError,
  ID_GENERATOR,
  type IdGenerator,
  REDIS,
} from '@app/platform';
import { arrangementError, arrangementFieldError, invalidYear } from './arrangement-problems';
import { readCalendarSeed } from './calendar-seed';
import {
  CALENDAR_STREAM,
  CALENDAR_YEAR_LOADED,
  type CalendarYearLoadedData,
  toLoadedArrangement,
} from './calendar-stream';

/** Published after a load so every api and worker process re-reads the stream at once. */
export const CALENDAR_CHANGED_CHANNEL = 'calendar:changed';
/** Fallback when a change message is missed (Redis down at that moment). */
const POLL_MS = 30_000;
/** DOMAIN.md §9: health warns this many days before the last covered day. */
export const COVERAGE_WARNING_DAYS = 60;
const APPEND_ATTEMPTS = 3;
const DAY_MS = 86_400_000;

export interface CalendarActor {
  id: string;
  name: string;
  role: string;
  orgUnit: string;
}

export interface CoverageWarning {
  code: 'CALENDAR.COVERAGE_ENDING';
  lastCoveredDay: string;
  nextYear: number;
  daysLeft: number;
  message: string;
  messageEn: string;
}

export interface CalendarDescription {
  version: string;
  coverage: { firstYear: number; lastYear: number; lastCoveredDay: string };
  years: CalendarYear[];
  sources: CalendarSourceInfo[];
  warning?: CoverageWarning;
}

export interface CalendarLoaded {
  year: number;
  documentNo: string;
  publishedAt: string;
  revision: string;
  version: string;
  loadedAt: string;
  summary: YearSummary;
  coverage: CalendarDescription['coverage'];
}

/**
 * The working-day calendar as data (DOMAIN.md §9): the seeds, plus every arrangement recorded in the
 * `calendar` stream. Each process holds one LiveWorkingCalendar and swaps its data when the stream
 * grows: at once in the process that loaded it, on a Redis message in the others, and by polling.
 */
@Injectable()
export class WorkingCalendarService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkingCalendarService.name);
  private readonly seed: CalendarSeed;
  readonly live: LiveWorkingCalendar;
  private composed: ComposedCalendar;
  private readonly loads: LoadedArrangement[] = [];
  private nextRevision = 0;
  private queue: Promise<void> = Promise.resolve();
  private subscriber?: Redis;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.seed = readCalendarSeed(config);
    this.composed = composeCalendar(this.seed, []);
    this.live = new LiveWorkingCalendar(this.composed.calendar);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.refresh();
    } catch (err) {
      this.logger.warn(`calendar stream not read at start, retrying every ${POLL_MS} ms: ${message(err)}`);
    }
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), POLL_MS);
    this.timer.unref();
    this.subscribeInBackground();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.subscriber?.disconnect();
  }

  /**
   * Never awaited: with Redis unreachable a SUBSCRIBE waits in ioredis's offline queue until Redis
   * answers (maxRetriesPerRequest: null), and start-up must not wait with it. The client keeps
   * reconnecting and resubscribes on every reconnect; once subscribed, and on each reconnection, it
   * re-reads the stream for the messages missed meanwhile, and polling covers the rest.
   */
  private subscribeInBackground(): void {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => undefined);
    subscriber.on('message', () => void this.refresh().catch(() => undefined));
    subscriber.on('ready', () => void this.refresh().catch(() => undefined));
    this.subscriber = subscriber;
    subscriber.subscribe(CALENDAR_CHANGED_CHANNEL).then(
      () => this.refresh().catch(() => undefined),
      (err: unknown) => {
        if (!this.stopped)
          this.logger.warn(`calendar change channel not subscribed, polling only: ${message(err)}`);
      },
    );
  }

  /** Reads what the stream gained since the last read; one read at a time. */
  refresh(): Promise<void> {
    const run = this.queue.then(() => this.readNew());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNew(): Promise<void> {
    const events = await this.store.read(CALENDAR_STREAM, { fromRevision: String(this.nextRevision) });
    if (events.length === 0) return;
    for (const event of events) {
      const loaded = toLoadedArrangement(event);
      if (loaded) this.loads.push(loaded);
    }
    this.nextRevision = Number(events[events.length - 1].revision) + 1;
    this.composed = composeCalendar(this.seed, this.loads);
    this.live.replace(this.composed.calendar);
    this.logger.log(
      `working-day calendar now ${this.composed.version}, covering to ${this.live.lastCoveredDay}`,
    );
  }

  describe(): CalendarDescription {
    const { firstYear, lastYear } = this.live.coverage;
    const warning = this.coverageWarning();
    return {
      version: this.composed.version,
      coverage: { firstYear, lastYear, lastCoveredDay: this.live.lastCoveredDay },
      years: this.composed.years,
      sources: this.composed.sources,
      ...(warning ? { warning } : {}),
    };
  }

  /** From 60 days before the last covered day until the next year is loaded. */
  coverageWarning(now: Date = this.clock.now()): CoverageWarning | undefined {
    const today = shanghaiDate(shanghaiTime(now));
    const last = this.live.lastCoveredDay;
    if (today < addDays(last, -COVERAGE_WARNING_DAYS)) return undefined;
    const nextYear = this.live.coverage.lastYear + 1;
    const daysLeft = Math.round(
      (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
    );
    const left = daysLeft >= 0 ? `还剩 ${daysLeft} 天` : `已超出 ${-daysLeft} 天`;
    return {
      code: 'CALENDAR.COVERAGE_ENDING',
      lastCoveredDay: last,
      nextYear,
      daysLeft,
      message:
        `工作日历只载入到 ${last}（${left}）。请在国务院办公厅公布 ${nextYear} 年部分节假日安排后立即载入` +
        `（PUT /admin/calendar/${nextYear}）；载入前，凡计算到 ${nextYear} 年的工作日（如任前公示期满日）一律拒绝，不作推测。`,
      messageEn: `the working-day calendar ends on ${last}; load the ${nextYear} holiday arrangement (PUT /admin/calendar/${nextYear})`,
    };
  }

  /** Validates the year's arrangement, records it in the `calendar` stream and puts it in force. */
  async load(rawYear: string, body: unknown, actor: CalendarActor): Promise<CalendarLoaded> {
    const now = this.clock.now();
    const year = parseArrangementYear(rawYear);
    if (year === undefined) throw arrangementError([invalidYear(rawYear)]);
    await this.refresh();
    const checked = validateArrangement(year, body, shanghaiDate(shanghaiTime(now)));
    const problems: Array<ArrangementProblem | FieldError> = [...checked.problems];
    const lastYear = this.live.coverage.lastYear;
    if (year > lastYear + 1)
      problems.unshift(
        arrangementFieldError('year', 'calendar-year-skipped', { lastYear, nextYear: lastYear + 1 }),
      );
    if (problems.length > 0 || checked.arrangement === undefined) throw arrangementError(problems);

    const loadedAt = shanghaiTime(now);
    const data: CalendarYearLoadedData = {
      ...checked.arrangement,
      loadedBy: { id: actor.id, name: actor.name, role: actor.role, orgUnit: actor.orgUnit },
      loadedAt,
    };
    const commandId = this.ids.uuid();
    let revision = '';
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.store.append(CALENDAR_STREAM, [{ type: CALENDAR_YEAR_LOADED, data }], {
          expectedRevision: this.nextRevision === 0 ? 'no-stream' : String(this.nextRevision - 1),
          context: {
            actor,
            commandId,
            correlationId: commandId,
            causationId: commandId,
            occurredAt: loadedAt,
          },
        });
        revision = result.revision;
        break;
      } catch (err) {
        if (!(err instanceof WrongExpectedRevisionError) || attempt >= APPEND_ATTEMPTS) throw err;
        await this.refresh();
      }
    }
    await this.refresh();
    this.publishChange(revision);
    const { firstYear, lastYear: coveredTo } = this.live.coverage;
    return {
      year,
      documentNo: data.documentNo,
      publishedAt: data.publishedAt,
      revision,
      version: this.composed.version,
      loadedAt,
      summary: summarizeYear(year, data.holidays, data.workdays),
      coverage: { firstYear, lastYear: coveredTo, lastCoveredDay: this.live.lastCoveredDay },
    };
  }

  /** Not awaited either: a PUBLISH to an unreachable Redis would hold the load's answer for good. */
  private publishChange(revision: string): void {
    const missed = (reason: string) =>
      this.logger.warn(
        `calendar change not published; other processes pick it up within ${POLL_MS} ms: ${reason}`,
      );
    if (this.redis.status !== 'ready') return missed(`redis connection is ${this.redis.status}`);
    this.redis.publish(CALENDAR_CHANGED_CHANNEL, revision).catch((err: unknown) => missed(message(err)));
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
