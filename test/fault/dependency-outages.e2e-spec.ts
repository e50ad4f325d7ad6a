import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';
import { caseBody } from './support/fault-case';
import { ThrowawayRedis } from './support/redis-server';

const CLIENTS = 4;
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? (process.env.FAULT_LONG === '1' ? 10_000 : 2_500));
const RECOVERY_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  at: number;
  path: string;
  status: number;
  retryAfter: string | null;
  contentType: string;
  body: Record<string, unknown>;
}

/**
 * The api under a steady load of commands and health probes while PostgreSQL connections are
 * killed and Redis crashes and comes back. The api must answer 503 + Retry-After while a
 * dependency is down (never 500), heal without a restart, and keep every command it acknowledged.
 */
describe('dependencies dropping out under load (fault)', () => {
  let e2e: E2eApp;
  let redis: ThrowawayRedis;
  let admin: Pool;
  let base: string;
  const tokens = new Map<string, string>();
  const answers: Answer[] = [];
  let loading = false;
  let load: Promise<void> | undefined;

  beforeAll(async () => {
    redis = await ThrowawayRedis.start();
    e2e = await startE2eApp('fault_outages', { REDIS_URL: redis.url });
    await e2e.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(e2e.app.getHttpServer().address() as AddressInfo).port}`;
    admin = new Pool({ connectionString: e2e.databaseUrl, max: 2 });
    admin.on('error', () => undefined);
    tokens.set(people.handler.id, await e2e.tokenFor(people.handler));
  });

  afterAll(async () => {
    loading = false;
    await load;
    await admin?.end();
    await e2e?.close();
    await redis?.kill();
  });

  async function call(method: 'GET' | 'POST', path: string, actor?: Actor, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (actor) headers.Authorization = `Bearer ${tokens.get(actor.id)}`;
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      return {
        at: Date.now(),
        path,
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        contentType: response.headers.get('content-type') ?? '',
        body: JSON.parse(text || '{}'),
      };
    } catch (error) {
      return {
        at: Date.now(),
        path,
        status: 0,
        retryAfter: null,
        contentType: '',
        body: { error: String(error) },
      };
    }
  }

  function startLoad(): void {
    loading = true;
    load = Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        for (let n = 0; loading; n++) {
          answers.push(
            i === 0 && n % 2 === 0
              ? await call('GET', '/health')
              : await call('POST', '/cases', people.handler, caseBody(`职位 ${i}-${n}`)),
          );
        }
      }),
    ).then(() => undefined);
  }

  async function until(what: string, ok: () => Promise<boolean>, ms = RECOVERY_MS): Promise<number> {
    const started = Date.now();
    while (!(await ok())) {
      if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
      await sleep(100);
    }
    return Date.now() - started;
  }

  async function terminateAppConnections(): Promise<number> {
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rowCount ?? 0;
  }

  function expectOnly503WithRetryAfterOr(ok: number[], during: Answer[]): void {
    const bad = during.filter(
      (a) =>
        !ok.includes(a.status) &&
        !(a.status === 503 && a.retryAfter !== null && /^application\/problem\+json/.test(a.contentType)),
    );
    expect(bad.map((a) => `${a.path} ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`)).toEqual([]);
  }

  it('answers only 201 or 503 + Retry-After while PostgreSQL connections are killed, heals, and loses no acknowledged command', async () => {
    startLoad();
    await sleep(500);
    const from = answers.length;
    const stop = Date.now() + OUTAGE_MS;
    let killed = 0;
    while (Date.now() < stop) {
      killed += await terminateAppConnections();
      await sleep(50);
    }
    expect(killed).toBeGreaterThan(0);
    const outage = answers.slice(from);
    const healedIn = await until(
      'a command succeeds again',
      async () => (await call('POST', '/cases', people.handler, caseBody('恢复'))).status === 201,
    );
    await until('health is green again', async () => (await call('GET', '/health')).status === 200);
    loading = false;
    await load;

    expectOnly503WithRetryAfterOr([200, 201], outage);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    const acknowledged = answers
      .filter((a) => a.status === 201)
      .map((a) => `appointment-${String(a.body.caseId)}`);
    const { rows } = await admin.query<{ stream_id: string }>(
      'SELECT DISTINCT stream_id FROM events WHERE stream_id = ANY($1)',
      [acknowledged],
    );
    expect(rows).toHaveLength(new Set(acknowledged).size);
    process.stdout.write(
      `postgres outage: ${outage.length} answers (${outage.filter((a) => a.status === 503).length} × 503), healed ${healedIn} ms after the last kill\n`,
    );
  });

  it('answers /health 503 + Retry-After naming Redis while it is down, keeps taking commands, and is green again once Redis is back', async () => {
    answers.length = 0;
    startLoad();
    await sleep(300);
    await redis.kill();
    const from = answers.length;
    await sleep(OUTAGE_MS);
    const down = answers.slice(from);
    const health = await call('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.retryAfter).not.toBeNull();
    expect(health.body).toMatchObject({ details: { error: { redis: { status: 'down' } } } });

    await redis.restart();
    const healedIn = await until(
      'health is green again',
      async () => (await call('GET', '/health')).status === 200,
    );
    loading = false;
    await load;

    expectOnly503WithRetryAfterOr([200, 201], down);
    expect(down.filter((a) => a.path === '/cases').every((a) => a.status === 201)).toBe(true);
    const acknowledged = answers
      .filter((a) => a.status === 201)
      .map((a) => `appointment-${String(a.body.caseId)}`);
    const { rows } = await admin.query<{ n: string }>(
      'SELECT count(DISTINCT stream_id)::text AS n FROM events WHERE stream_id = ANY($1)',
      [acknowledged],
    );
    expect(Number(rows[0].n)).toBe(new Set(acknowledged).size);
    process.stdout.write(
      `redis outage: ${down.length} answers, health green ${healedIn} ms after the restart\n`,
    );
  });
});
