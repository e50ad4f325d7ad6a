import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { AppConfig, type Clock, Env, loadConfig, signLocalToken, UserRole } from '@app/platform';
import { createApp } from '../../apps/api/src/bootstrap';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../setup/test-db';

export interface E2eApp {
  app: NestExpressApplication;
  config: AppConfig;
  databaseUrl: string;
  /** supertest bound to the running app. */
  http(): ReturnType<typeof request>;
  /** A bearer token for this person, signed with the app's local secret. */
  tokenFor(actor: Actor): Promise<string>;
  close(): Promise<void>;
}

/**
 * The api as main.ts builds it, on a fresh PostgreSQL test database (EVENT_STORE=postgres) and
 * the test Redis database. Logging is silenced and the rate limit raised unless overridden.
 */
export async function startE2eApp(
  label: string,
  overrides: Env = {},
  options: { clock?: Clock } = {},
): Promise<E2eApp> {
  const databaseUrl = await freshTestDatabase(label);
  const config = loadConfig({
    NODE_ENV: 'test',
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
  const app = await createApp(config, options);
  await app.init();
  return {
    app,
    config,
    databaseUrl,
    http: () => request(app.getHttpServer()),
    tokenFor: (actor) =>
      signLocalToken(config.jwtSecret, {
        sub: actor.id,
        name: actor.name,
        role: actor.role as UserRole,
        orgUnit: actor.orgUnit,
      }),
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}
