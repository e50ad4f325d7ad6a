/**
 * Supervision (DOMAIN.md §8) figures:
 *  1. rebuilding the supervision projection over the store vs the timeline's rate in the same run;
 *  2. GET /supervision/findings with 100 000 cases and 50 000 findings (rows bulk-inserted), p99 of
 *     the query the endpoint runs (FindingsService, signed cursors included), for an auditor and a
 *     supervisor, with filters and successive pages;
 *  3. the yearly statistics over ≥ 10 000 cases (AnnualReportService), target < 2 s.
 *
 * Standalone: npx tsx bench/supervision.bench.ts [--events 200000] [--cases 100000] [--findings 50000]
 * In `npm run bench` it runs after the timeline rebuild, on the same store.
 */
import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { createProjections, migrateProjections, rebuildProjection } from '@app/projections';
import { AnnualReportService } from '../apps/api/src/supervision/annual-report.service';
import { FindingsService } from '../apps/api/src/supervision/findings.service';
import { dropTestDatabase, freshTestDatabase } from '../test/setup/test-db';
import { growStore } from './lib/replay';
import { round, summarise, type LatencySummary } from './lib/stats';

export interface SupervisionBenchResult {
  events: number;
  rebuild: { timelineEventsPerSecond: number; supervisionEventsPerSecond: number; ratio: number };
  findings: {
    cases: number;
    findings: number;
    requests: number;
    latency: LatencySummary;
    targetMs: number;
    /** A first page with totals=true: the count reads every matching finding. */
    totals: LatencySummary;
  };
  annual: { cases: number; latency: LatencySummary; targetMs: number };
}

const auditor: Actor = { id: 'au-1', name: '冯巡视', role: 'auditor', orgUnit: '市委巡察办' };
const supervisor: Actor = { id: 'sv-1', name: '郑部长', role: 'supervisor', orgUnit: '市委组织部' };

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function supervisionBench(
  pool: Pool,
  store: PostgresEventStore,
  options: { events: number; cases?: number; findings?: number; annualCases?: number },
): Promise<SupervisionBenchResult> {
  const caseRows = options.cases ?? 100_000;
  const findingRows = options.findings ?? 50_000;
  const events = await growStore(pool, store, options.events);
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
  await migrateProjections(pool, projections);
  const rate = async (name: string) => {
    const result = await rebuildProjection(name, { pool, store, projections, pageSize: 5000 });
    return round((result.processed / result.durationMs) * 1000, 0);
  };
  const timelineEventsPerSecond = await rate('case-timeline');
  const supervisionEventsPerSecond = await rate('supervision');

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const reports = new AnnualReportService(pool);
  // The report reads fact rows only: cases beyond those the rebuild produced get the rows a
  // complete case gives (opened, closed, appointed, four stage lengths, two reminders).
  await pool.query(
    `INSERT INTO supervision_annual_facts (case_id, year, owner_org_unit, kind, key, value)
     SELECT 'bench-annual-' || g, 2025, CASE WHEN g % 2 = 0 THEN '市委组织部' ELSE '区委组织部' END, f.kind, f.key, f.value
     FROM generate_series(1, GREATEST(0, $1::int -
            (SELECT count(DISTINCT case_id) FROM supervision_annual_facts WHERE year = 2025)::int)) AS g
     CROSS JOIN (VALUES ('opened', '', 1), ('closed', 'confirmed', 1), ('appointment', '副局级', 1),
                        ('stage-days', 'initiation', 2), ('stage-days', 'recommendation', 11),
                        ('stage-days', 'inspection', 14), ('stage-days', 'notice', 4), ('stage-days', 'appointment', 6),
                        ('objection', 'unfounded', 1), ('reminder', 'issued', 2)) AS f(kind, key, value)`,
    [options.annualCases ?? 10_000],
  );
  const annualCases = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(DISTINCT case_id)::text AS n FROM supervision_annual_facts WHERE year = 2025`,
      )
    ).rows[0].n,
  );
  const annual: number[] = [];
  for (let i = 0; i < 10; i++) annual.push(await timed(() => reports.report(auditor, 2025, undefined)));

  // Bulk rows for the findings endpoint: the cases and findings beyond what the rebuild produced.
  await pool.query(
    `INSERT INTO supervision_cases (case_id, owner_org_unit, revision, state)
     SELECT 'bench-' || g, CASE WHEN g % 2 = 0 THEN '市委组织部' ELSE '区委组织部' END, 0, '{}'::jsonb
     FROM generate_series(1, GREATEST(0, $1::int - (SELECT count(*) FROM supervision_cases)::int)) AS g
     ON CONFLICT DO NOTHING`,
    [caseRows],
  );
  await pool.query(
    `INSERT INTO supervision_findings (finding_id, case_id, candidate_id, owner_org_unit, code, severity, title, detail, evidence,
                                       detected_at, closed_at)
     SELECT 'bench-' || g || ':' || c.code, 'bench-' || (g % $2::int + 1), NULL,
            CASE WHEN g % 2 = 0 THEN '市委组织部' ELSE '区委组织部' END, c.code, c.severity,
            '凡提四必核查逾期：市发展和改革委员会副主任', '干部档案审核在确定考察对象后10个工作日内尚未完成，期限为2025-04-03 09:00；截至目前仍未办结。',
            '["7","12"]'::jsonb, timestamptz '2025-01-01' + g * interval '7 minutes',
            CASE WHEN g % 3 = 0 THEN timestamptz '2025-01-02' + g * interval '7 minutes' END
     FROM generate_series(1, GREATEST(0, $1::int - (SELECT count(*) FROM supervision_findings)::int)) AS g
     CROSS JOIN LATERAL (SELECT (ARRAY['CHECK_OVERDUE','BACKFILLED','EQUAL_SLATE','PROBATION_UNREVIEWED'])[g % 4 + 1] AS code,
                                (ARRAY['yellow','yellow','blue','red'])[g % 4 + 1] AS severity) AS c`,
    [findingRows, caseRows],
  );
  await pool.query('ANALYZE supervision_findings');
  const findingsCount = Number(
    (await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM supervision_findings')).rows[0].n,
  );
  const casesCount = Number(
    (await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM supervision_cases')).rows[0].n,
  );

  const service = new FindingsService(pool, config);
  const latencies: number[] = [];
  const queries: Array<[Actor, Record<string, unknown>]> = [
    [auditor, {}],
    [supervisor, {}],
    [auditor, { code: 'CHECK_OVERDUE' }],
    [auditor, { severity: 'red', open: 'true' }],
    [supervisor, { code: 'PROBATION_UNREVIEWED', open: 'false' }],
    [auditor, { orgUnit: '区委组织部', severity: 'yellow' }],
  ];
  // The count over every page (totals=true), which the console asks for with a query's first page.
  const totals: number[] = [];
  for (let round = 0; round < 10; round++)
    for (const [actor, query] of queries)
      totals.push(await timed(() => service.list(actor, { ...query, limit: 50, totals: 'true' })));
  for (let round = 0; round < 40; round++)
    for (const [actor, query] of queries) {
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        const t0 = performance.now();
        const result = await service.list(actor, { ...query, limit: 50, ...(cursor && { cursor }) });
        latencies.push(performance.now() - t0);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
    }

  return {
    events,
    rebuild: {
      timelineEventsPerSecond,
      supervisionEventsPerSecond,
      ratio: round(supervisionEventsPerSecond / timelineEventsPerSecond, 2),
    },
    findings: {
      cases: casesCount,
      findings: findingsCount,
      requests: latencies.length,
      latency: summarise(latencies),
      targetMs: 50,
      totals: summarise(totals),
    },
    annual: { cases: annualCases, latency: summarise(annual), targetMs: 2000 },
  };
}

export function supervisionRows(r: SupervisionBenchResult): Array<[string, string]> {
  return [
    [
      `rebuild supervision over ${r.events} events`,
      `${r.rebuild.supervisionEventsPerSecond} events/s vs timeline ${r.rebuild.timelineEventsPerSecond} events/s (×${r.rebuild.ratio})`,
    ],
    [
      `findings query, ${r.findings.cases} cases / ${r.findings.findings} findings`,
      `p50 ${r.findings.latency.p50} ms  p99 ${r.findings.latency.p99} ms over ${r.findings.requests} pages (target p99 < ${r.findings.targetMs} ms)`,
    ],
    [
      `findings first page with totals=true`,
      `p50 ${r.findings.totals.p50} ms  p99 ${r.findings.totals.p99} ms over ${r.findings.totals.samples} requests (the count reads every matching finding)`,
    ],
    [
      `annual report over ${r.annual.cases} cases`,
      `p50 ${r.annual.latency.p50} ms  max ${r.annual.latency.max} ms (target < ${r.annual.targetMs} ms)`,
    ],
  ];
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const url = await freshTestDatabase('bench_supervision');
  const pool = new Pool({ connectionString: url, max: 8 });
  const store = new PostgresEventStore({ pool });
  try {
    await store.migrate();
    const result = await supervisionBench(pool, store, {
      events: arg('events', 200_000),
      cases: arg('cases', 100_000),
      findings: arg('findings', 50_000),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    for (const [k, v] of supervisionRows(result)) process.stdout.write(`${k.padEnd(50)} ${v}\n`);
  } finally {
    await store.close();
    await pool.end();
    await dropTestDatabase(url);
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(
      `supervision bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
