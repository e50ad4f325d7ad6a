import { Pool } from 'pg';
import request from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { waitForProjections } from '@app/projections/testing/projection-tables';
import { loadConfig, signLocalToken, type UserRole } from '@app/platform';
import { createProjections, migrateProjections, ProjectionRunner } from '@app/projections';
import { createApp } from '../../apps/api/src/bootstrap';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../setup/test-db';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The api with ReadModelsModule on a fresh test database, and the projection runners of a worker beside it. */
export async function startReadSideApp(label: string) {
  const databaseUrl = await freshTestDatabase(label);
  const config = loadConfig({
    NODE_ENV: 'test',
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const app = await createApp(config);
  await app.init();
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
  // With the store: the R27 process the api registers runs here too, so every checkpoint catches up.
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() }, store });
  await migrateProjections(pool, projections);
  const runners = [new ProjectionRunner({ pool, store, projections, batchMs: 10, logger: quiet })];
  runners.forEach((r) => r.start());
  const tokens = new Map<string, string>();
  const token = async (actor: Actor): Promise<string> => {
    const key = `${actor.role}/${actor.id}/${actor.orgUnit}`;
    if (!tokens.has(key))
      tokens.set(
        key,
        await signLocalToken(config.jwtSecret, {
          sub: actor.id,
          name: actor.name,
          role: actor.role as UserRole,
          orgUnit: actor.orgUnit,
        }),
      );
    return tokens.get(key) as string;
  };
  return {
    app,
    pool,
    store,
    projections,
    runners,
    get: async (actor: Actor, path: string, accept = 'application/json') =>
      request(app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${await token(actor)}`)
        .set('Accept', accept),
    post: async (actor: Actor, path: string, body: object) =>
      request(app.getHttpServer())
        .post(path)
        .set('Authorization', `Bearer ${await token(actor)}`)
        .send(body),
    /** Waits until every projection has applied every event appended so far. */
    async caughtUp(): Promise<void> {
      await waitForProjections(pool);
    },
    async close(): Promise<void> {
      await Promise.all(runners.map((r) => r.stop()));
      await store.close();
      await pool.end();
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

export type ReadSideApp = Awaited<ReturnType<typeof startReadSideApp>>;
