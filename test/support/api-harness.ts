import { Pool } from 'pg';
import request from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import type { Env } from '@app/platform';
import { createProjections, migrateProjections, ProjectionRunner } from '@app/projections';
import { waitForProjections } from '@app/projections/testing/projection-tables';
import { startE2eApp } from './e2e-app';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The api on a fresh test database (startE2eApp) and, beside it, the worker's projection runner with every
 * projection and the R27 process, as deployed: for tests of what the read side shows over HTTP.
 */
export async function startApiHarness(label: string, env: Env = {}) {
  const e2e = await startE2eApp(label, env);
  const { app, config, databaseUrl } = e2e;
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
  const projections = createProjections({
    policy: { calendar: new ChinaWorkingCalendar(), rules: config.rules },
    store,
    recommenderSuspensionMonths: config.rules.recommenderSuspensionMonths,
  });
  await migrateProjections(pool, projections);
  const runners = [new ProjectionRunner({ pool, store, projections, batchMs: 10, logger: quiet })];
  runners.forEach((r) => r.start());
  const tokens = new Map<string, Promise<string>>();
  const token = (actor: Actor): Promise<string> => {
    const key = `${actor.role}/${actor.id}/${actor.orgUnit}`;
    if (!tokens.has(key)) tokens.set(key, e2e.tokenFor(actor));
    return tokens.get(key) as Promise<string>;
  };
  const harness = {
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
    getBinary: async (actor: Actor, path: string, accept: string) =>
      request(app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${await token(actor)}`)
        .set('Accept', accept)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
    post: async (actor: Actor, path: string, body: object) =>
      request(app.getHttpServer())
        .post(path)
        .set('Authorization', `Bearer ${await token(actor)}`)
        .send(body),
    /** Posts and expects `status`; returns the body. */
    async ok(actor: Actor, path: string, body: object, status = 201) {
      const response = await harness.post(actor, path, body);
      if (response.status !== status)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as Record<string, string>;
    },
    /** Waits until every projection (and the R27 process) has applied every case event appended so far. */
    async caughtUp(): Promise<void> {
      await waitForProjections(pool);
    },
    async close(): Promise<void> {
      await Promise.all(runners.map((r) => r.stop()));
      await store.close();
      await pool.end();
      await e2e.close();
    },
  };
  return harness;
}

export type ApiHarness = Awaited<ReturnType<typeof startApiHarness>>;
