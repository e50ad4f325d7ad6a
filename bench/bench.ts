/**
 * npm run bench — one run on the local defaults (PostgreSQL event store, Redis db 15), on fresh
 * databases whose names contain `test`:
 *  1. raw baselines: PostgreSQL INSERT throughput and Redis round trips at the same concurrency;
 *  2. command throughput and latency through HTTP (autocannon) at concurrency 1, 8 and 32, spread over
 *     1 000 cases, with the ratio to the raw INSERT baseline and to the HTTP floor (the same load on a
 *     bare NestJS route that makes one INSERT, bench/lib/http-floor.ts); 3. projection lag under that load;
 *  4. replay: folding a 300-event case, GET /cases/:id of a 2 000-event case, and rebuilding the
 *     timeline over 1 000 000 events (events/s, peak memory, and the ratio to reading the same events
 *     alone in the same run), then again with the events reordered so that 3 000 cases run side by
 *     side (--side-by-side N), as in a store where cases last months; 5. reminders: firing delay over 1 000
 *     simultaneous deadlines; 6. stores side by side (bench/lib/store-compare.ts). Writes
 * bench/results/<date>.json and prints a table.
 *
 * The api runs compiled, as a child process: `npm run build` first (tsx cannot boot Nest).
 *
 *   npx tsx bench/bench.ts [--seconds 10] [--levels 1,8,32] [--cases 1000] [--baseline 10000]
 *     [--fold-events 300] [--big-case 2000] [--rebuild-events 1000000] [--side-by-side 3000] [--reminders 1000]
 *     [--store-events 10000] [--skip baselines,floor,commands,replay,rebuild,stores,supervision,reminders,record]
 *     [--api dist/apps/api/src/main.js] [--worker dist/apps/worker/src/main.js]
 *     [--rebuild-script dist/scripts/projections-rebuild.js] [--profile] [--quick]
 *
 * Commands run against the compiled api and worker, and the rebuild is the compiled operators'
 * script, each a process of its own, as the image runs them; the CPU each used
 * per command (and PostgreSQL's) is read from /proc. --profile also runs both under --cpu-prof and
 * prints where their CPU went (bench/results/profiles).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { LOCAL_JWT_SECRET, signLocalToken } from '@app/platform';
import { createProjections, migrateProjections } from '@app/projections';
import { waitForProjections } from '../libs/projections/src/testing/projection-tables';
import { appendGrownCase } from '../test/fault/support/grown-case';
import { people } from '../test/support/people';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../test/setup/test-db';
import { type ApiProcess, type ServiceProcess, startApi, startWorker } from './lib/api-process';
import {
  APPLICATION_NAMES,
  cpuAvailable,
  cpuPerCommand,
  type CpuPerCommand,
  postgresOwners,
  sampleCpu,
} from './lib/cpu-usage';
import { type ProfileSummary, summariseProfiles } from './lib/cpu-profile';
import { type BaselineRow, postgresInsertBaseline, redisRoundTripBaseline } from './lib/baselines';
import { type FloorResult, httpFloor } from './lib/http-floor';
import { loadApi, type LoadResult } from './lib/command-load';
import { phase } from './lib/progress';
import { ProjectionLagProbe, type LagResult } from './lib/projection-lag';
import { remindersDelay, type RemindersResult } from './lib/reminders-delay';
import {
  foldBench,
  type FoldResult,
  growStore,
  interleaveStore,
  type ReadFloor,
  readFloor,
  rebuildBench,
  type RebuildResult,
  type SideBySide,
} from './lib/replay';
import { round } from './lib/stats';
import { recordBench, type RecordBenchResult, recordBenchRow } from './record.bench';
import { supervisionBench, supervisionRows, type SupervisionBenchResult } from './supervision.bench';
import { compareStores, type StoreRun, storeTable } from './lib/store-compare';

const ROOT = resolve(__dirname, '..');
const GET_TARGET_MS = 20;

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function numberFlag(name: string, fallback: number): number {
  const value = flag(name);
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${value}`);
  return n;
}

const quick = process.argv.includes('--quick');
const options = {
  seconds: numberFlag('seconds', quick ? 3 : 10),
  levels: (flag('levels') ?? '1,8,32').split(',').map(Number),
  cases: numberFlag('cases', quick ? 100 : 1000),
  baseline: numberFlag('baseline', quick ? 1000 : 10000),
  foldEvents: numberFlag('fold-events', 300),
  bigCase: numberFlag('big-case', 2000),
  rebuildEvents: numberFlag('rebuild-events', quick ? 50_000 : 1_000_000),
  sideBySide: numberFlag('side-by-side', quick ? 500 : 3000),
  reminders: numberFlag('reminders', quick ? 100 : 1000),
  storeEvents: numberFlag('store-events', quick ? 2000 : 10_000),
  skip: new Set((flag('skip') ?? '').split(',').filter(Boolean)),
  api: resolve(ROOT, flag('api') ?? 'dist/apps/api/src/main.js'),
  worker: resolve(ROOT, flag('worker') ?? 'dist/apps/worker/src/main.js'),
  rebuildScript: resolve(ROOT, flag('rebuild-script') ?? 'dist/scripts/projections-rebuild.js'),
  profile: process.argv.includes('--profile'),
};
const PROFILE_DIR = join(ROOT, 'bench/results/profiles');

interface Results {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; node: string };
  options: Record<string, unknown>;
  baselines?: { postgresInsert: BaselineRow[]; redisRoundTrip: BaselineRow[] };
  /** The commands' load on a bare NestJS route with one INSERT, per level. */
  httpFloor?: FloorResult[];
  commands?: Array<
    LoadResult & {
      ratioToInsert: number | null;
      ratioToFloor: number | null;
      cpuMsPerCommand: CpuPerCommand | null;
      /** PostgreSQL transactions of the api and the worker together (pg_stat_database), per command. */
      transactionsPerCommand: number;
    }
  >;
  profile?: ProfileSummary[];
  projectionLag?: LagResult;
  getBigCase?: LoadResult & { events: number; targetMs: number; withinTarget: boolean };
  fold?: FoldResult;
  rebuild?: RebuildResult;
  /** The same events read alone through the store, in the same run: the rebuild's floor. */
  rebuildFloor?: ReadFloor;
  /** The rebuild again, on the same events reordered so that many cases run side by side. */
  rebuildSideBySide?: RebuildResult & SideBySide;
  reminders?: RemindersResult;
  record?: RecordBenchResult;
  supervision?: SupervisionBenchResult;
  stores?: StoreRun[];
}

async function seedCases(
  url: string,
  token: string,
  secretaryToken: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  const post = async (path: string, auth: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { caseId: string };
  };
  await phase('open and approve cases', count, 'cases', async (tick) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < count; i = next++) {
          const { caseId } = await post('/cases', token, {
            post: { title: `副主任 ${i}`, orgUnit: '市发展和改革委员会', level: '副处级' },
            grounds: '领导班子分析研判：职位空缺',
          });
          await post(`/cases/${caseId}/initiation/approve`, secretaryToken, {});
          ids.push(caseId);
          tick();
        }
      }),
    );
  });
  return ids;
}

/** Transactions committed in this database so far (the statistics are flushed within a second). */
async function transactionCount(pool: Pool): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { rows } = await pool.query<{ n: string }>(
    `SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(rows[0].n);
}

const roundBody = (i: number) => ({
  kind: 'talk',
  heldAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  eligible: 30,
  participants: 25,
  results: [{ personId: `p-${i % 7}`, name: `候选人${i % 7}`, votes: 10 + (i % 5) }],
});

/** Where a rebuild's time went: its own CPU, PostgreSQL's, and how busy both kept the cores. */
const rebuildCpu = ({ cpu }: RebuildResult): string =>
  cpu
    ? `; CPU: rebuild ${cpu.rebuildSeconds} s, PostgreSQL ${cpu.postgresSeconds} s, cores ${Math.round(cpu.busyShare * 100)}% busy`
    : '';

function table(results: Results): string {
  const rows: Array<[string, string]> = [];
  const ms = (n: number) => `${n} ms`;
  for (const b of results.baselines?.postgresInsert ?? [])
    rows.push([
      `PostgreSQL INSERT, ${b.concurrency} client(s)`,
      `${b.perSecond} rows/s  p50 ${ms(b.latency.p50)}  p99 ${ms(b.latency.p99)}`,
    ]);
  for (const b of results.baselines?.redisRoundTrip ?? [])
    rows.push([
      `Redis round trip, ${b.concurrency} client(s)`,
      `${b.perSecond} trips/s  p50 ${ms(b.latency.p50)}  p99 ${ms(b.latency.p99)}`,
    ]);
  for (const f of results.httpFloor ?? []) {
    const insert = results.baselines?.postgresInsert.find((b) => b.concurrency === f.concurrency);
    const cpu = f.cpuMsPerRequest;
    rows.push([
      `HTTP floor (bare NestJS route, one INSERT), ${f.concurrency} connection(s)`,
      `${f.perSecond} req/s  p50 ${ms(f.latency.p50)}  p99 ${ms(f.latency.p99)}${
        insert ? `  ×${round(f.perSecond / insert.perSecond, 3)} of INSERT` : ''
      }${cpu ? `; CPU per request ${ms(cpu.total)} (server ${ms(cpu.server)}, PostgreSQL ${ms(cpu.postgres)})` : ''}`,
    ]);
  }
  for (const c of results.commands ?? []) {
    const refused = Object.entries(c.statuses)
      .filter(([s]) => s !== '201')
      .map(([s, n]) => `${n}×${s}`)
      .join(' ');
    rows.push([
      `commands over HTTP, ${c.concurrency} connection(s)`,
      `${c.perSecond} cmd/s  p50 ${ms(c.latency.p50)}  p95 ${ms(c.latency.p95)}  p99 ${ms(c.latency.p99)}  ×${c.ratioToInsert ?? '?'} of INSERT${c.ratioToFloor !== null ? `, ×${c.ratioToFloor} of the HTTP floor` : ''}${refused ? `  (${refused})` : ''}`,
    ]);
    const cpu = c.cpuMsPerCommand;
    if (cpu)
      rows.push([
        `  CPU per command, ${c.concurrency} connection(s)`,
        `${ms(cpu.total)}: api ${ms(cpu.api)}, worker ${ms(cpu.worker)}, PostgreSQL ${ms(cpu.postgres)}${
          cpu.postgresFor
            ? ` (for the api ${ms(cpu.postgresFor.api)}, for the worker ${ms(cpu.postgresFor.worker)}, rest ${ms(cpu.postgresFor.other)})`
            : ''
        } (load generator ${ms(cpu.bench)}); ${c.transactionsPerCommand} PostgreSQL transactions`,
      ]);
  }
  const lag = results.projectionLag;
  if (lag)
    rows.push([
      `projection lag (${lag.projection}) under load`,
      `p50 ${ms(lag.lagMs.p50)}  p95 ${ms(lag.lagMs.p95)}  p99 ${ms(lag.lagMs.p99)}  max ${ms(lag.lagMs.max)}; behind p99 ${lag.eventsBehind.p99} events`,
    ]);
  if (results.supervision) rows.push(...supervisionRows(results.supervision));
  const fold = results.fold;
  if (fold)
    rows.push([
      `replay: fold a ${fold.events}-event case`,
      `read p50 ${ms(fold.readMs.p50)}  fold p50 ${ms(fold.foldMs.p50)} p99 ${ms(fold.foldMs.p99)}  (${fold.eventsPerSecond} events/s)`,
    ]);
  const big = results.getBigCase;
  if (big)
    rows.push([
      `GET /cases/:id, ${big.events}-event case`,
      `p50 ${ms(big.latency.p50)}  p95 ${ms(big.latency.p95)}  p99 ${ms(big.latency.p99)}  ${big.withinTarget ? 'within' : 'OVER'} the ${big.targetMs} ms target (p99)`,
    ]);
  const rebuild = results.rebuild;
  const floor = results.rebuildFloor;
  if (floor)
    rows.push([
      'reading the events alone (rebuild floor)',
      `${floor.events} events in ${floor.seconds} s = ${floor.eventsPerSecond} events/s`,
    ]);
  if (rebuild)
    rows.push([
      `rebuild ${rebuild.projection}`,
      `${rebuild.events} events in ${rebuild.seconds} s = ${rebuild.eventsPerSecond} events/s` +
        (floor ? ` (×${round(rebuild.eventsPerSecond / floor.eventsPerSecond, 2)} of the floor)` : '') +
        `; peak RSS of the rebuild process ${rebuild.peakRssMb} MB` +
        rebuildCpu(rebuild),
    ]);
  const side = results.rebuildSideBySide;
  if (side)
    rows.push([
      `rebuild ${side.projection}, ${side.activeCases} cases side by side`,
      `${side.events} events in ${side.seconds} s = ${side.eventsPerSecond} events/s` +
        (rebuild
          ? ` (×${round(side.eventsPerSecond / rebuild.eventsPerSecond, 2)} of one case after another)`
          : '') +
        `; ${side.casesPerPage} cases a page; peak RSS ${side.peakRssMb} MB` +
        rebuildCpu(side),
    ]);
  const reminders = results.reminders;
  if (reminders)
    rows.push([
      'reminders: firing delay',
      reminders.measured
        ? `${reminders.reminders} due at once: p50 ${ms(reminders.p50Ms)}  p95 ${ms(reminders.p95Ms)}  p99 ${ms(reminders.p99Ms)}  max ${ms(reminders.maxMs)}`
        : `not measured (${reminders.reason})`,
    ]);
  if (results.record) rows.push(recordBenchRow(results.record));
  rows.push(...storeTable(results.stores ?? []));
  for (const p of results.profile ?? [])
    rows.push([
      `profile: ${p.process} (${p.busyMs} ms busy)`,
      p.top.map((f) => `${f.percent}% ${f.name}`).join('; '),
    ]);
  const width = Math.max(...rows.map(([k]) => k.length), 7);
  return [
    `${'measure'.padEnd(width)} | result`,
    `${'-'.repeat(width)}-|-${'-'.repeat(60)}`,
    ...rows.map(([k, v]) => `${k.padEnd(width)} | ${v}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const results: Results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    options: { ...options, skip: [...options.skip] },
  };
  const databaseUrl = await freshTestDatabase('bench_all');
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool });
  const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });
  const redisUrl = testRedisUrl();
  process.stdout.write(`bench on ${new URL(databaseUrl).pathname.slice(1)} and ${redisUrl}\n`);
  let api: ApiProcess | undefined;
  let worker: ServiceProcess | undefined;
  let probe: ProjectionLagProbe | undefined;
  try {
    await store.migrate();
    await migrateProjections(pool, createProjections({ policy: { calendar: new ChinaWorkingCalendar() } }));

    if (!options.skip.has('baselines')) {
      results.baselines = {
        postgresInsert: await postgresInsertBaseline(databaseUrl, options.levels, options.baseline),
        redisRoundTrip: await redisRoundTripBaseline(redisUrl, options.levels, options.baseline * 5),
      };
    }

    if (!options.skip.has('commands') && !options.skip.has('floor')) {
      results.httpFloor = await httpFloor(
        ROOT,
        databaseUrl,
        { method: 'POST', path: (i) => `/cases/floor-${i % options.cases}/rows`, body: roundBody },
        options.levels,
        options.seconds,
      );
    }

    if (!options.skip.has('commands')) {
      const env = {
        NODE_ENV: 'development',
        // Lets a build placed outside the repository (--api) find the repository's packages.
        NODE_PATH: join(ROOT, 'node_modules'),
        EVENT_STORE: 'postgres',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        JWT_SECRET: LOCAL_JWT_SECRET,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '1000000000',
      };
      const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      if (options.profile) rmSync(PROFILE_DIR, { recursive: true, force: true });
      api = await startApi(options.api, { ...env, PGAPPNAME: APPLICATION_NAMES.api }, nodeArgs);
      // The real worker, as deployed: every projection fed by one subscription, reminders, supervision.
      worker = await startWorker(
        options.worker,
        { ...env, PGAPPNAME: APPLICATION_NAMES.worker },
        async () => {
          const { rows } = await pool.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM pg_locks
            WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          return Number(rows[0].n) > 0;
        },
        nodeArgs,
      );
      const token = await signLocalToken(LOCAL_JWT_SECRET, {
        sub: people.handler.id,
        name: people.handler.name,
        role: 'handler',
        orgUnit: people.handler.orgUnit,
      });
      const secretary = await signLocalToken(LOCAL_JWT_SECRET, {
        sub: people.committeeSecretary.id,
        name: people.committeeSecretary.name,
        role: 'committee-secretary',
        orgUnit: people.committeeSecretary.orgUnit,
      });
      const caseIds = await seedCases(api.url, token, secretary, options.cases);
      await waitForProjections(pool, 120_000);
      probe = new ProjectionLagProbe(pool);
      probe.startSampling();
      results.commands = [];
      for (const concurrency of options.levels) {
        const before = cpuAvailable() ? sampleCpu({ api: api.pid, worker: worker.pid }) : undefined;
        const transactionsBefore = (await transactionCount(pool)) - probe.queries;
        const load = await loadApi(
          api.url,
          token,
          {
            method: 'POST',
            path: (i) => `/cases/${caseIds[i % caseIds.length]}/recommendation-rounds`,
            body: roundBody,
          },
          concurrency,
          options.seconds,
          `commands ×${concurrency}`,
        );
        // The worker's share counts once it has projected what the load appended.
        await waitForProjections(pool, 120_000);
        const after = before ? sampleCpu({ api: api.pid, worker: worker.pid }) : undefined;
        const owners = after ? await postgresOwners(pool) : undefined;
        // Less the lag sampler's own queries, and the two of transactionCount itself.
        const transactions = (await transactionCount(pool)) - probe.queries - transactionsBefore - 1;
        const insert = results.baselines?.postgresInsert.find((b) => b.concurrency === concurrency);
        const floor = results.httpFloor?.find((f) => f.concurrency === concurrency);
        results.commands.push({
          ...load,
          ratioToInsert: insert ? round(load.perSecond / insert.perSecond, 3) : null,
          ratioToFloor: floor ? round(load.perSecond / floor.perSecond, 2) : null,
          cpuMsPerCommand:
            before && after ? cpuPerCommand(before, after, load.statuses['201'] ?? 0, owners) : null,
          transactionsPerCommand: round(transactions / Math.max(1, load.statuses['201'] ?? 0), 1),
        });
      }
      results.projectionLag = await probe.stopSampling();
      probe = undefined;

      if (!options.skip.has('replay')) {
        const big = await appendGrownCase(store, decider, options.bigCase);
        // Read latency in a steady state: the worker first projects the 2 000 events just appended.
        await waitForProjections(pool, 120_000);
        const auditor = await signLocalToken(LOCAL_JWT_SECRET, {
          sub: people.auditor.id,
          name: people.auditor.name,
          role: 'auditor',
          orgUnit: people.auditor.orgUnit,
        });
        const get = await loadApi(
          api.url,
          auditor,
          { method: 'GET', path: () => `/cases/${big.caseId}` },
          1,
          Math.max(3, Math.round(options.seconds / 2)),
          `GET ${options.bigCase}-event case`,
        );
        results.getBigCase = {
          ...get,
          events: options.bigCase,
          targetMs: GET_TARGET_MS,
          withinTarget: get.latency.p99 <= GET_TARGET_MS,
        };
      }
      await worker.stop();
      worker = undefined;
      await api.stop();
      api = undefined;
      if (options.profile) results.profile = summariseProfiles(PROFILE_DIR, 15);
    }

    if (!options.skip.has('replay')) results.fold = await foldBench(store, decider, options.foldEvents, 100);

    if (!options.skip.has('rebuild')) {
      const events = await growStore(pool, store, options.rebuildEvents);
      results.rebuildFloor = await readFloor(store, events);
      results.rebuild = await rebuildBench(ROOT, options.rebuildScript, databaseUrl);
    }
    if (!options.skip.has('supervision'))
      results.supervision = await supervisionBench(pool, store, { events: options.rebuildEvents });
    if (!options.skip.has('rebuild')) {
      // Last of the sections on the grown store: it reorders the store's events.
      const side = await interleaveStore(pool, options.sideBySide);
      results.rebuildSideBySide = {
        ...(await rebuildBench(ROOT, options.rebuildScript, databaseUrl)),
        ...side,
      };
    }

    if (!options.skip.has('stores')) {
      const storesUrl = await freshTestDatabase('stores_bench');
      try {
        results.stores = await compareStores(storesUrl, {
          events: options.storeEvents,
          streams: 100,
          levels: [1, 8],
        });
      } finally {
        await dropTestDatabase(storesUrl);
      }
    }

    results.reminders = options.skip.has('reminders')
      ? { measured: false, reason: 'skipped with --skip reminders' }
      : await remindersDelay(ROOT, options.reminders);
    if (!options.skip.has('record')) results.record = await recordBench(20);
  } finally {
    await probe?.stopSampling().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await dropTestDatabase(databaseUrl);
  }
  results.finishedAt = new Date().toISOString();
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${table(results)}\n\nwritten to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
