/**
 * The printed 纪实表 of the complete two-candidate case (test/support/complete-case.ts): page
 * count, PDF size and render time through the service's own renderer (headless Chromium, the
 * embedded CJK fonts). The first render (browser launch) is reported apart from the p50 over the
 * following renders. Part of `npm run bench`; alone: `npx tsx bench/record.bench.ts [--renders 20]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import { MemoryEventStore } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { RecordPdfRenderer } from '../apps/api/src/read-models/case-record.pdf';
import { CaseRecordService } from '../apps/api/src/read-models/case-record.service';
import { appendCompleteCase } from '../test/support/complete-case';
import { people } from '../test/support/people';
import { type LatencySummary, round, summarise } from './lib/stats';

export interface RecordBenchResult {
  events: number;
  pages: number;
  bytes: number;
  firstRenderMs: number;
  renderMs: LatencySummary;
}

function pageCount(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'record-bench-'));
  try {
    const path = join(dir, 'record.pdf');
    writeFileSync(path, pdf);
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  } catch {
    return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function recordBench(renders = 20): Promise<RecordBenchResult> {
  const config = loadConfig({ CHROMIUM_PATH: process.env.CHROMIUM_PATH });
  const store = new MemoryEventStore();
  const built = await appendCompleteCase(
    store,
    createAppointmentDecider({ calendar: new ChinaWorkingCalendar() }),
  );
  const service = new CaseRecordService(store, { now: () => new Date() }, config);
  const renderer = new RecordPdfRenderer(config);
  try {
    const { document } = await service.document(people.auditor, built.caseId);
    let started = performance.now();
    let pdf = await renderer.render(document);
    const firstRenderMs = round(performance.now() - started);
    const samples: number[] = [];
    for (let i = 0; i < renders; i++) {
      started = performance.now();
      pdf = await renderer.render(document);
      samples.push(performance.now() - started);
    }
    return {
      events: built.events,
      pages: pageCount(pdf),
      bytes: pdf.length,
      firstRenderMs,
      renderMs: summarise(samples),
    };
  } finally {
    await renderer.onApplicationShutdown();
  }
}

export function recordBenchRow(r: RecordBenchResult): [string, string] {
  return [
    `纪实表 PDF, ${r.events}-event two-candidate case`,
    `${r.pages} pages, ${round(r.bytes / 1024, 1)} KiB; render p50 ${r.renderMs.p50} ms  p95 ${r.renderMs.p95} ms (${r.renderMs.samples} renders; first ${r.firstRenderMs} ms with launch)`,
  ];
}

if (require.main === module) {
  const i = process.argv.indexOf('--renders');
  recordBench(i >= 0 ? Number(process.argv[i + 1]) : 20).then(
    (r) => process.stdout.write(`${recordBenchRow(r).join(': ')}\n${JSON.stringify(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`record bench failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
