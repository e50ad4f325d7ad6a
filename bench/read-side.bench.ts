/**
 * The read side on PostgreSQL, on a fresh database whose name contains `test`:
 *  1. projection lag (append → row visible in case_timeline), p50/p99, under ~200 appends/s for ~20 s;
 *  2. rebuild speed of the case-timeline projection over ≥ 500 000 events (seeded by direct appends);
 *  3. history (read the stream) + verify (hash chain) latency for a 300-event case.
 *
 *   npx tsx bench/read-side.bench.ts [--rate 200] [--seconds 20] [--events 500000]
 */
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { Pool } from 'pg';
import { caseStreamId } from '@app/appointment';
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import { ChinaWorkingCalendar } from '@app/calendar';
import { type NewEvent, PostgresEventStore, verifyChain } from '@app/event-store';
import { createProjections, migrateProjections, ProjectionRunner, rebuildProjection } from '@app/projections';
import { caseEvents, contextFor, seedCases } from '../libs/projections/src/testing/case-events.fixture';
import { dropTestDatabase, freshTestDatabase } from '../test/setup/test-db';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: string) => process.stderr.write(`${m}\n`),
};
const actor = { id: 'bench-h', name: '压测经办', role: 'handler' };
const rows: Array<[string, string]> = [];

async function lagBench(pool: Pool, store: PostgresEventStore, rate: number, seconds: number): Promise<void> {
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
  const runners = [new ProjectionRunner({ pool, store, projections, logger: quiet })];
  runners.forEach((r) => r.start());
  const cases = Array.from({ length: 50 }, () => crypto.randomUUID());
  const heads = new Map<string, number>();
  const appendedAt = new Map<string, number>();
  const lags: number[] = [];
  let lastPosition = '0';
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const { rows: seen } = await pool.query<{ case_id: string; revision: string; global_position: string }>(
        'SELECT case_id, revision::text, global_position FROM case_timeline WHERE global_position::numeric > $1::numeric',
        [lastPosition],
      );
      const now = performance.now();
      for (const row of seen) {
        const at = appendedAt.get(`${row.case_id}/${row.revision}`);
        if (at !== undefined) lags.push(now - at);
        if (BigInt(row.global_position) > BigInt(lastPosition)) lastPosition = row.global_position;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const bar = new SingleBar({ format: 'lag       [{bar}] {value}/{total} appends' }, Presets.shades_classic);
  const total = rate * seconds;
  bar.start(total, 0);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const caseId = cases[i % cases.length];
    const next = heads.get(caseId) ?? 0;
    heads.set(caseId, next + 1);
    const event: AppointmentEvent =
      next === 0
        ? caseEvents(caseId, i, 1)[0]
        : {
            type: 'InspectionNoticePublished',
            data: {
              caseId,
              publishedAt: new Date().toISOString(),
              channel: `bench ${next}`,
              publishedBy: { id: 'bench-h', name: '压测经办', role: 'handler' },
            },
          };
    inFlight.push(
      store
        .append(caseStreamId(caseId), [event as NewEvent], {
          expectedRevision: next === 0 ? 'no-stream' : String(next - 1),
          context: contextFor(actor),
        })
        .then(() => {
          appendedAt.set(`${caseId}/${next}`, performance.now());
          bar.increment();
        }),
    );
    if (inFlight.length >= 50) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  while (lags.length < total && performance.now() - started < (seconds + 30) * 1000)
    await new Promise((resolve) => setTimeout(resolve, 20));
  bar.stop();
  polling = false;
  await poller;
  await Promise.all(runners.map((r) => r.stop()));
  rows.push(['append rate achieved', `${(total / elapsed).toFixed(0)} /s over ${elapsed.toFixed(1)} s`]);
  rows.push(['projection lag p50 (append → timeline row)', `${percentile(lags, 50).toFixed(1)} ms`]);
  rows.push(['projection lag p99', `${percentile(lags, 99).toFixed(1)} ms`]);
  rows.push(['lag samples', `${lags.length}/${total}`]);
}

async function rebuildBench(pool: Pool, store: PostgresEventStore, target: number): Promise<void> {
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
  const { rows: counted } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  let have = Number(counted[0].n);
  const seedBar = new SingleBar(
    { format: 'seed      [{bar}] {value}/{total} events' },
    Presets.shades_classic,
  );
  seedBar.start(target, Math.min(have, target));
  while (have < target) {
    const batch = await Promise.all(Array.from({ length: 8 }, () => seedCases(store, 25)));
    have += batch.reduce((n, b) => n + b.events, 0);
    seedBar.update(Math.min(have, target));
  }
  seedBar.stop();
  const bar = new SingleBar({ format: 'rebuild   [{bar}] {value}/{total} events' }, Presets.shades_classic);
  let started = false;
  const result = await rebuildProjection('case-timeline', {
    pool,
    store,
    projections,
    pageSize: 5000,
    onProgress: (p) => {
      if (!started) bar.start(p.total ?? have, 0);
      started = true;
      bar.update(p.processed);
    },
  });
  bar.stop();
  rows.push([
    'rebuild case-timeline',
    `${result.processed} events in ${(result.durationMs / 1000).toFixed(1)} s`,
  ]);
  rows.push(['rebuild speed', `${Math.round((result.processed / result.durationMs) * 1000)} events/s`]);
}

async function historyBench(store: PostgresEventStore): Promise<void> {
  const caseId = crypto.randomUUID();
  const first = caseEvents(caseId, 0, 1) as NewEvent[];
  const rest = Array.from({ length: 299 }, (_, i): NewEvent => ({
    type: 'InspectionNoticePublished',
    data: {
      caseId,
      publishedAt: new Date().toISOString(),
      channel: `渠道 ${i}`,
      publishedBy: { id: 'bench-h', name: '压测经办', role: 'handler' },
    },
  }));
  await store.append(caseStreamId(caseId), first, {
    expectedRevision: 'no-stream',
    context: contextFor(actor),
  });
  for (let i = 0; i < rest.length; i += 30)
    await store.append(caseStreamId(caseId), rest.slice(i, i + 30), {
      expectedRevision: 'any',
      context: contextFor(actor),
    });
  const history: number[] = [];
  const verify: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const events = await store.read(caseStreamId(caseId));
    const t1 = performance.now();
    if (!verifyChain(events).intact) throw new Error('chain broken');
    const t2 = performance.now();
    history.push(t1 - t0);
    verify.push(t2 - t0);
  }
  rows.push([
    'history (300 events) p50 / p99',
    `${percentile(history, 50).toFixed(1)} / ${percentile(history, 99).toFixed(1)} ms`,
  ]);
  rows.push([
    'history + verify (300 events) p50 / p99',
    `${percentile(verify, 50).toFixed(1)} / ${percentile(verify, 99).toFixed(1)} ms`,
  ]);
}

async function main(): Promise<void> {
  const url = await freshTestDatabase('bench_read_side');
  const pool = new Pool({ connectionString: url, max: 12 });
  const store = new PostgresEventStore({ pool, pollIntervalMs: 20 });
  try {
    await store.migrate();
    await migrateProjections(pool, createProjections({ policy: { calendar: new ChinaWorkingCalendar() } }));
    await lagBench(pool, store, arg('rate', 200), arg('seconds', 20));
    await historyBench(store);
    await rebuildBench(pool, store, arg('events', 500_000));
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`\n${'measure'.padEnd(width)} | result\n${'-'.repeat(width)}-|-------\n`);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)} | ${v}\n`);
  } finally {
    await store.close();
    await pool.end();
    await dropTestDatabase(url);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
