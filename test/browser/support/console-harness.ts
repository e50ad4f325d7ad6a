import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { type AppConfig, type Env, loadConfig } from '@app/platform';
import {
  createProjections,
  migrateProjections,
  ProjectionRunner,
  projectionStatuses,
} from '@app/projections';
import { createApp } from '../../../apps/api/src/bootstrap';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../../setup/test-db';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '..', '..', '..');
const CONSOLE_SOURCE = join(ROOT, 'apps', 'console');
const CONSOLE_BUILD = join(ROOT, 'dist', 'console', 'index.html');
export const SCREENSHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    return Math.max(newest, time);
  }, 0);
}

/** Builds the console when dist/console is missing or older than its sources. */
export function ensureConsoleBuilt(): void {
  let built = 0;
  try {
    built = statSync(CONSOLE_BUILD).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestSource(join(CONSOLE_SOURCE, 'src'))) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(CONSOLE_SOURCE, 'vite.config.mts'),
      '--logLevel',
      'error',
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

export interface ConsoleHarness {
  baseUrl: string;
  config: AppConfig;
  databaseUrl: string;
  pool: Pool;
  store: PostgresEventStore;
  browser: Browser;
  newPage(): Promise<Page>;
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/** The api on a free port with the console, the projection runners of a worker beside it, and Chromium. */
export async function startConsoleHarness(label: string, overrides: Env = {}): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const databaseUrl = await freshTestDatabase(label);
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    PORT: String(port),
    ...overrides,
  });
  const app: NestExpressApplication = await createApp(config);
  await app.listen(config.port, '127.0.0.1');
  const pool = new Pool({ connectionString: databaseUrl, max: 6 });
  const store = new PostgresEventStore({ pool, pollIntervalMs: 50 });
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() }, store });
  await migrateProjections(pool, projections);
  const runners = projections.map(
    (projection) => new ProjectionRunner({ pool, store, projection, batchMs: 10, logger: quiet }),
  );
  runners.forEach((runner) => runner.start());
  const names = projections.map((projection) => projection.name);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const baseUrl = `http://127.0.0.1:${config.port}`;
  return {
    baseUrl,
    config,
    databaseUrl,
    pool,
    store,
    browser,
    async newPage() {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async caughtUp() {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const statuses = await projectionStatuses(pool, names);
        if (statuses.every((status) => status.lag.events === 0)) return;
        if (Date.now() > deadline) throw new Error('projections did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    },
    async close() {
      await browser.close();
      await Promise.all(runners.map((runner) => runner.stop()));
      await store.close();
      await pool.end();
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

/** Signs in through the local sign-in page as one of the demo people. */
export async function signInAs(page: Page, baseUrl: string, sub: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByTestId(`sign-in-${sub}`).click();
  await page.getByTestId('signed-in-as').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours are read once running transitions have ended: a button that has just been enabled fades
  // in over 0.2 s, and axe sampling it half-way found its text short of contrast on a loaded machine.
  await page.evaluate(
    `Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined)))`,
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')})`,
    );
}

export interface DemoPerson {
  sub: string;
  name: string;
  role: string;
  orgUnit: string;
}

/** Calls the api as a demo person (for setting up a case the screens then show). */
export function apiClient(baseUrl: string) {
  const tokens = new Map<string, string>();
  const token = async (person: DemoPerson): Promise<string> => {
    let value = tokens.get(person.sub);
    if (value === undefined) {
      const response = await fetch(`${baseUrl}/auth/dev-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sub: person.sub,
          name: person.name,
          role: person.role,
          orgUnit: person.orgUnit,
        }),
      });
      value = ((await response.json()) as { token: string }).token;
      tokens.set(person.sub, value);
    }
    return value;
  };
  const call = async (person: DemoPerson, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await token(person)}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json as Record<string, string> & Record<string, unknown>;
  };
  return {
    post: (person: DemoPerson, path: string, body: unknown) => call(person, 'POST', path, body),
    get: (person: DemoPerson, path: string) => call(person, 'GET', path),
  };
}

/** The JavaScript the console's index.html loads before any screen: its entry script and the modules it preloads, gzipped. */
export function initialJsGzipBytes(): number {
  const html = readFileSync(CONSOLE_BUILD, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(ROOT, 'dist', 'console', file))).length,
    0,
  );
}

/** Figures the run measured, kept beside the screenshots for the closing note. */
export function recordMeasurement(name: string, value: number | string): void {
  const file = join(SCREENSHOTS, 'measurements.json');
  let all: Record<string, number | string> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | string>;
  } catch {
    all = {};
  }
  all[name] = value;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
