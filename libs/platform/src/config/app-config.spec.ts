import { ConfigError, loadConfig, type Env } from './app-config';

function problemWith(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the local defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      eventStore: 'postgres',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/appointments',
      eventstoreConnectionString: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      jwtSecret: 'local-development-secret',
      jwtJwksUrl: undefined,
      jwtIssuer: undefined,
      jwtAudience: undefined,
      jwtMaxLifetimeSeconds: 43_200,
      oidcClientId: undefined,
      oidcScope: 'openid profile',
      logLevel: 'info',
      rateLimitPerMinute: 1200,
      bodyLimit: '256kb',
      reminderWebhookUrl: undefined,
      reminderWebhookSecret: 'local-reminder-webhook-secret',
      rules: {},
      shutdownTimeoutMs: 10000,
      reminderBackfillGraceMs: 600000,
      chromiumPath: '/usr/bin/chromium',
    });
  });

  it('reads REMINDER_BACKFILL_GRACE as a duration and names it when malformed', () => {
    expect(loadConfig({ REMINDER_BACKFILL_GRACE: '30s' }).reminderBackfillGraceMs).toBe(30_000);
    expect(loadConfig({ REMINDER_BACKFILL_GRACE: '10m' }).reminderBackfillGraceMs).toBe(600_000);
    expect(loadConfig({ REMINDER_BACKFILL_GRACE: '2000ms' }).reminderBackfillGraceMs).toBe(2000);
    expect(loadConfig({ REMINDER_BACKFILL_GRACE: '0s' }).reminderBackfillGraceMs).toBe(0);
    for (const bad of ['10', 'ten minutes', '-5s', '1.5m', '25h']) {
      const err = problemWith({ REMINDER_BACKFILL_GRACE: bad });
      expect(err.problems.map((p) => p.variable)).toEqual(['REMINDER_BACKFILL_GRACE']);
      expect(err.message).toMatch(
        /^invalid configuration: REMINDER_BACKFILL_GRACE is ".*", expected a duration/,
      );
    }
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://esdb:2113?tls=false',
      DATABASE_URL: 'postgresql://app:pw@db:5432/appointments',
      REDIS_URL: 'rediss://cache:6380/2',
      JWT_SECRET: 'x'.repeat(40),
      JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      JWT_ISSUER: 'https://idp.example/',
      JWT_AUDIENCE: 'cadre-appointment',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_PER_MINUTE: '60',
      BODY_LIMIT: '1MB',
      REMINDER_WEBHOOK_URL: 'https://hooks.example/reminders',
      REMINDER_WEBHOOK_SECRET: 'hook-secret',
      RULES_RECOMMENDATION_TURNOUT: '2/3',
      RULES_DECISION_QUORUM: '0.75',
      RULES_NOTICE_WORKING_DAYS: '7',
      RULES_HOLD_MONTHS: '2',
      RULES_PROBATION_MONTHS: '6',
      SHUTDOWN_TIMEOUT_MS: '2500',
    });
    expect(config).toMatchObject({
      port: 8080,
      eventStore: 'eventstoredb',
      eventstoreConnectionString: 'esdb+discover://esdb:2113?tls=false',
      databaseUrl: 'postgresql://app:pw@db:5432/appointments',
      redisUrl: 'rediss://cache:6380/2',
      jwtJwksUrl: 'https://idp.example/.well-known/jwks.json',
      jwtIssuer: 'https://idp.example/',
      jwtAudience: 'cadre-appointment',
      logLevel: 'debug',
      rateLimitPerMinute: 60,
      bodyLimit: '1mb',
      reminderWebhookUrl: 'https://hooks.example/reminders',
      reminderWebhookSecret: 'hook-secret',
      rules: {
        recommendationTurnout: 2 / 3,
        decisionQuorum: 0.75,
        noticeWorkingDays: 7,
        holdMonths: 2,
        probationMonths: 6,
      },
      shutdownTimeoutMs: 2500,
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '  ' })).toMatchObject({
      port: 3000,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it.each([
    ['PORT', 'eighty', 'whole number'],
    ['PORT', '70000', 'whole number'],
    ['EVENT_STORE', 'mongodb', 'postgres, eventstoredb, memory'],
    ['DATABASE_URL', 'mysql://db/appointments', 'postgres://'],
    ['EVENTSTORE_CONNECTION_STRING', 'http://esdb:2113', 'esdb://'],
    ['REDIS_URL', 'localhost:6379', 'redis://'],
    ['JWT_JWKS_URL', 'not a url', 'http(s) URL'],
    ['LOG_LEVEL', 'verbose', 'fatal, error, warn, info'],
    ['RATE_LIMIT_PER_MINUTE', '0', 'whole number'],
    ['BODY_LIMIT', 'huge', '256kb'],
    ['REMINDER_WEBHOOK_URL', 'ftp://hooks', 'http(s) URL'],
    ['RULES_RECOMMENDATION_TURNOUT', '1.5', 'fraction'],
    ['RULES_DECISION_QUORUM', 'most', 'fraction'],
    ['RULES_NOTICE_WORKING_DAYS', '0', 'working days'],
    ['RULES_HOLD_MONTHS', '2.5', 'months'],
    ['RULES_PROBATION_MONTHS', '-1', 'months'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon', 'whole number'],
  ])('names %s when it is malformed (%p)', (variable, value, expected) => {
    const err = problemWith({ [variable]: value });
    expect(err.message).toContain(variable);
    expect(err.message).toContain(expected);
    expect(err.problems).toEqual([expect.objectContaining({ variable })]);
  });

  it('requires EVENTSTORE_CONNECTION_STRING when EVENT_STORE=eventstoredb', () => {
    const err = problemWith({ EVENT_STORE: 'eventstoredb' });
    expect(err.message).toContain('EVENTSTORE_CONNECTION_STRING is missing');
    expect(
      loadConfig({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }).eventStore,
    ).toBe('eventstoredb');
  });

  it('requires a JWT_SECRET of at least 32 characters in production, without echoing it', () => {
    expect(problemWith({ NODE_ENV: 'production' }).message).toContain('JWT_SECRET is missing');
    const short = problemWith({ NODE_ENV: 'production', JWT_SECRET: 'short-but-secret' });
    expect(short.message).toContain('JWT_SECRET');
    expect(short.message).not.toContain('short-but-secret');
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32), REMINDER_WEBHOOK_SECRET: 'w' })
        .jwtSecret,
    ).toBe('s'.repeat(32));
  });

  it('refuses to start in production with the in-memory event store or without REMINDER_WEBHOOK_SECRET', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) };
    expect(problemWith(production).problems).toEqual([
      {
        variable: 'REMINDER_WEBHOOK_SECRET',
        expected: 'the secret that signs reminder webhooks when NODE_ENV=production',
      },
    ]);
    const memory = problemWith({ ...production, REMINDER_WEBHOOK_SECRET: 'w', EVENT_STORE: 'memory' });
    expect(memory.problems.map((p) => p.variable)).toEqual(['EVENT_STORE']);
    expect(memory.message).toContain('EVENT_STORE is "memory"');
    expect(loadConfig({ ...production, REMINDER_WEBHOOK_SECRET: 'w' }).eventStore).toBe('postgres');
    expect(loadConfig({ EVENT_STORE: 'memory' }).eventStore).toBe('memory');
  });

  it('reads JWT_MAX_LIFETIME as a duration, 12 hours by default', () => {
    expect(loadConfig({ JWT_MAX_LIFETIME: '30m' }).jwtMaxLifetimeSeconds).toBe(1800);
    expect(loadConfig({ JWT_MAX_LIFETIME: '1d' }).jwtMaxLifetimeSeconds).toBe(86_400);
    for (const bad of ['12', '0h', '-1h', '1w', 'soon']) {
      expect(problemWith({ JWT_MAX_LIFETIME: bad }).problems.map((p) => p.variable)).toEqual([
        'JWT_MAX_LIFETIME',
      ]);
    }
  });

  it('never echoes a URL that may carry credentials', () => {
    const err = problemWith({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(err.message).not.toContain('hunter2');
  });

  it('reports every problem at once', () => {
    const err = problemWith({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(err.problems.map((p) => p.variable)).toEqual(['PORT', 'LOG_LEVEL']);
  });
});
