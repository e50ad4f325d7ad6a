import type { RulesConfig } from '@app/appointment/appointment.config';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type EventStoreKind = 'postgres' | 'eventstoredb' | 'memory';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  eventStore: EventStoreKind;
  databaseUrl: string;
  eventstoreConnectionString?: string;
  redisUrl: string;
  jwtSecret: string;
  jwtJwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** JWT_MAX_LIFETIME: the longest token lifetime accepted (exp − iat, or exp − now without iat). */
  jwtMaxLifetimeSeconds: number;
  /** The console's OIDC client id at JWT_ISSUER; set, the console signs in there (authorization code + PKCE). */
  oidcClientId?: string;
  oidcScope: string;
  logLevel: LogLevel;
  rateLimitPerMinute: number;
  bodyLimit: string;
  reminderWebhookUrl?: string;
  reminderWebhookSecret: string;
  rules: Partial<RulesConfig>;
  shutdownTimeoutMs: number;
  /** JSON supplement of holiday arrangements for years the calendar package does not know yet. */
  calendarExtraFile?: string;
  /** DOMAIN.md §6 backfill: how long a reminder already past due when its deadline became known waits before it fires. */
  reminderBackfillGraceMs: number;
  /** The Chromium that prints the 纪实表 as PDF. */
  chromiumPath: string;
}

export type Env = Record<string, string | undefined>;

export interface ConfigProblem {
  variable: string;
  expected: string;
  got?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `invalid configuration: ${problems
        .map(
          (p) =>
            `${p.variable} ${p.got === undefined ? 'is missing' : `is ${JSON.stringify(p.got)}`}, expected ${p.expected}`,
        )
        .join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

export const LOCAL_JWT_SECRET = 'local-development-secret';
export const LOCAL_REMINDER_WEBHOOK_SECRET = 'local-reminder-webhook-secret';
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 12 * 3600;
const EVENT_STORES: readonly EventStoreKind[] = ['postgres', 'eventstoredb', 'memory'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates every variable at once; all problems are reported together. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: ConfigProblem[] = [];
  const read = makeReader(env, problems);
  const nodeEnv = read.text('NODE_ENV', 'development');
  const eventStore = read.oneOf('EVENT_STORE', EVENT_STORES, 'postgres');
  const esdbExpected = 'an esdb:// or esdb+discover:// connection string';
  const config: AppConfig = {
    nodeEnv,
    port: read.integer('PORT', 3000, 0, 65_535),
    eventStore,
    databaseUrl: read.withDefault(
      'DATABASE_URL',
      'postgres://postgres@127.0.0.1:5432/appointments',
      (value) => urlWithScheme(value, ['postgres:', 'postgresql:']),
      'a postgres:// or postgresql:// URL',
      SENSITIVE,
    ),
    eventstoreConnectionString:
      eventStore === 'eventstoredb'
        ? read.required(
            'EVENTSTORE_CONNECTION_STRING',
            esdbUrl,
            `${esdbExpected} when EVENT_STORE=eventstoredb`,
            SENSITIVE,
          )
        : read.optional('EVENTSTORE_CONNECTION_STRING', esdbUrl, esdbExpected, SENSITIVE),
    redisUrl: read.withDefault(
      'REDIS_URL',
      'redis://127.0.0.1:6379',
      (value) => urlWithScheme(value, ['redis:', 'rediss:']),
      'a redis:// or rediss:// URL',
      SENSITIVE,
    ),
    jwtSecret:
      nodeEnv === 'production'
        ? (read.required(
            'JWT_SECRET',
            atLeast32,
            'a secret of at least 32 characters when NODE_ENV=production',
            SENSITIVE,
          ) ?? '')
        : read.text('JWT_SECRET', LOCAL_JWT_SECRET),
    jwtJwksUrl: read.optional('JWT_JWKS_URL', httpUrl, 'an http(s) URL of a JWKS document'),
    jwtIssuer: read.optional('JWT_ISSUER', nonEmpty, 'the expected iss claim'),
    jwtAudience: read.optional('JWT_AUDIENCE', nonEmpty, 'the expected aud claim'),
    jwtMaxLifetimeSeconds: read.withDefault(
      'JWT_MAX_LIFETIME',
      DEFAULT_JWT_MAX_LIFETIME_SECONDS,
      durationSeconds,
      'a duration such as 30m, 8h or 1d',
    ),
    oidcClientId: read.optional('OIDC_CLIENT_ID', nonEmpty, "the console's client id at the OIDC issuer"),
    oidcScope: read.text('OIDC_SCOPE', 'openid profile'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000_000),
    bodyLimit: read.withDefault('BODY_LIMIT', '256kb', byteSize, 'a size such as 256kb, 1mb or 4096b'),
    reminderWebhookUrl: read.optional('REMINDER_WEBHOOK_URL', httpUrl, 'an http(s) URL'),
    reminderWebhookSecret:
      nodeEnv === 'production'
        ? (read.required(
            'REMINDER_WEBHOOK_SECRET',
            nonEmpty,
            'the secret that signs reminder webhooks when NODE_ENV=production',
            SENSITIVE,
          ) ?? '')
        : read.text('REMINDER_WEBHOOK_SECRET', LOCAL_REMINDER_WEBHOOK_SECRET),
    rules: readRules(read),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    calendarExtraFile: read.optional(
      'CALENDAR_EXTRA_FILE',
      nonEmpty,
      'the path of a JSON file of extra holiday arrangements',
    ),
    reminderBackfillGraceMs: read.withDefault(
      'REMINDER_BACKFILL_GRACE',
      10 * 60_000,
      duration,
      'a duration such as 30s, 10m or 1h (up to 24h)',
    ),
    chromiumPath: read.text('CHROMIUM_PATH', '/usr/bin/chromium'),
  };
  if (nodeEnv === 'production' && eventStore === 'memory') {
    problems.push({
      variable: 'EVENT_STORE',
      expected: 'postgres or eventstoredb when NODE_ENV=production (memory loses every case on restart)',
      got: eventStore,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function readRules(read: Reader): Partial<RulesConfig> {
  const rules: Partial<RulesConfig> = {};
  const recommendationTurnout = read.optional(
    'RULES_RECOMMENDATION_TURNOUT',
    fraction,
    'a fraction in (0, 1], e.g. 0.6667 or 2/3',
  );
  const decisionQuorum = read.optional(
    'RULES_DECISION_QUORUM',
    fraction,
    'a fraction in (0, 1], e.g. 0.6667 or 2/3',
  );
  const noticeWorkingDays = read.optional(
    'RULES_NOTICE_WORKING_DAYS',
    positiveInteger,
    'a whole number of working days ≥ 1',
  );
  const holdMonths = read.optional('RULES_HOLD_MONTHS', positiveInteger, 'a whole number of months ≥ 1');
  const probationMonths = read.optional(
    'RULES_PROBATION_MONTHS',
    positiveInteger,
    'a whole number of months ≥ 1',
  );
  if (recommendationTurnout !== undefined) rules.recommendationTurnout = recommendationTurnout;
  if (decisionQuorum !== undefined) rules.decisionQuorum = decisionQuorum;
  if (noticeWorkingDays !== undefined) rules.noticeWorkingDays = noticeWorkingDays;
  if (holdMonths !== undefined) rules.holdMonths = holdMonths;
  if (probationMonths !== undefined) rules.probationMonths = probationMonths;
  const suspensionMonths = read.optional(
    'RULES_RECOMMENDER_SUSPENSION_MONTHS',
    positiveInteger,
    'a whole number of months ≥ 1',
  );
  if (suspensionMonths !== undefined) rules.recommenderSuspensionMonths = suspensionMonths;
  return rules;
}

type Parse<T> = (value: string) => T | undefined;
/** Values that may hold credentials are never echoed in an error message. */
const SENSITIVE = true;

interface Reader {
  text(name: string, fallback: string): string;
  integer(name: string, fallback: number, min: number, max: number): number;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  withDefault<T>(name: string, fallback: T, parse: Parse<T>, expected: string, sensitive?: boolean): T;
  optional<T>(name: string, parse: Parse<T>, expected: string, sensitive?: boolean): T | undefined;
  required<T>(name: string, parse: Parse<T>, expected: string, sensitive?: boolean): T | undefined;
}

/** A blank variable counts as unset: `FOO=` in an env file usually means "no value". */
function makeReader(env: Env, problems: ConfigProblem[]): Reader {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const parsed = <T>(
    name: string,
    value: string,
    parse: Parse<T>,
    expected: string,
    sensitive: boolean,
  ): T | undefined => {
    const result = parse(value);
    if (result === undefined)
      problems.push({ variable: name, expected, got: sensitive ? '<redacted>' : value });
    return result;
  };
  const reader: Reader = {
    text: (name, fallback) => raw(name) ?? fallback,
    integer: (name, fallback, min, max) =>
      reader.withDefault(
        name,
        fallback,
        (value) => integerIn(value, min, max),
        `a whole number from ${min} to ${max}`,
      ),
    oneOf: (name, allowed, fallback) =>
      reader.withDefault(
        name,
        fallback,
        (value) => allowed.find((option) => option === value),
        `one of ${allowed.join(', ')}`,
      ),
    withDefault: (name, fallback, parse, expected, sensitive = false) => {
      const value = raw(name);
      return value === undefined ? fallback : (parsed(name, value, parse, expected, sensitive) ?? fallback);
    },
    optional: (name, parse, expected, sensitive = false) => {
      const value = raw(name);
      return value === undefined ? undefined : parsed(name, value, parse, expected, sensitive);
    },
    required: (name, parse, expected, sensitive = false) => {
      const value = raw(name);
      if (value === undefined) problems.push({ variable: name, expected });
      return value === undefined ? undefined : parsed(name, value, parse, expected, sensitive);
    },
  };
  return reader;
}

function integerIn(value: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

function positiveInteger(value: string): number | undefined {
  return integerIn(value, 1, 1_000_000);
}

function fraction(value: string): number | undefined {
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const n = ratio
    ? Number(ratio[1]) / Number(ratio[2])
    : /^\d*\.?\d+$/.test(value)
      ? Number(value)
      : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= 1 ? n : undefined;
}

function atLeast32(value: string): string | undefined {
  return value.length >= 32 ? value : undefined;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function durationSeconds(value: string): number | undefined {
  const match = /^(\d{1,7})(s|m|h|d)$/.exec(value);
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2]] : 0;
  return seconds > 0 ? seconds : undefined;
}

function byteSize(value: string): string | undefined {
  return /^\d+(b|kb|mb)$/i.test(value) ? value.toLowerCase() : undefined;
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function duration(value: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]) * DURATION_UNITS_MS[match[2]];
  return Number.isSafeInteger(ms) && ms <= 24 * 3_600_000 ? ms : undefined;
}

function esdbUrl(value: string): string | undefined {
  return /^esdb(\+discover)?:\/\/\S+$/.test(value) ? value : undefined;
}

function httpUrl(value: string): string | undefined {
  return urlWithScheme(value, ['https:', 'http:']);
}

function nonEmpty(value: string): string | undefined {
  return value.length > 0 ? value : undefined;
}

function urlWithScheme(value: string, schemes: string[]): string | undefined {
  try {
    return schemes.includes(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}
