/**
 * Command latency through the api's CaseCommandsService, in process, on the PostgreSQL event store:
 * 1 000 commands on ONE case stream (each folds a growing history) and 1 000 commands on
 * 1 000 different case streams. Runs on a fresh database whose name contains `test`.
 *
 *   npx tsx bench/commands.bench.ts [--commands 1000]
 *
 * The service is constructed by hand rather than through Nest: tsx (esbuild) emits no decorator
 * metadata, so Nest's constructor injection cannot run under it. The path measured is the same
 * one every command handler takes: build the command, load, decide, append.
 */
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { createAppointmentDecider } from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { CryptoIdGenerator, SystemClock } from '@app/platform';
import { CaseCommandsService } from '../apps/api/src/cases/case-commands.service';
import { requestHash, WriteContext } from '../apps/api/src/cases/http/write-context';
import { dropTestDatabase, freshTestDatabase } from '../test/setup/test-db';

const handler: Actor = { id: 'bench-h', name: '压测经办', role: 'handler', orgUnit: '市委组织部' };
const secretary: Actor = {
  id: 'bench-cs',
  name: '压测书记',
  role: 'committee-secretary',
  orgUnit: '市委组织部',
};

const openCaseData = (n: number) => ({
  post: { title: `副主任 ${n}`, orgUnit: '市发展和改革委员会', level: '副处级' },
  seats: 1,
  grounds: '领导班子分析研判：职位空缺',
});

const roundData = (n: number) => ({
  kind: 'talk' as const,
  heldAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  eligible: 30,
  participants: 25,
  results: [{ personId: `p-${n % 7}`, name: `候选人${n % 7}`, votes: 10 + (n % 5) }],
});

const write = (path: string, body: unknown): WriteContext => ({
  requestHash: requestHash('POST', path, body),
});

interface Row {
  scenario: string;
  commands: number;
  'p50 ms': string;
  'p99 ms': string;
  'mean ms': string;
  'max ms': string;
  'commands/s': string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function measure(scenario: string, count: number, run: (i: number) => Promise<unknown>): Promise<Row> {
  const bar = new SingleBar(
    { format: `${scenario.padEnd(30)} [{bar}] {value}/{total}  eta {eta}s` },
    Presets.shades_classic,
  );
  const latencies: number[] = [];
  bar.start(count, 0);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run(i);
    latencies.push(performance.now() - t0);
    bar.increment();
  }
  const elapsed = performance.now() - started;
  bar.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scenario,
    commands: count,
    'p50 ms': percentile(sorted, 50).toFixed(2),
    'p99 ms': percentile(sorted, 99).toFixed(2),
    'mean ms': (elapsed / count).toFixed(2),
    'max ms': sorted[sorted.length - 1].toFixed(2),
    'commands/s': ((count / elapsed) * 1000).toFixed(0),
  };
}

async function main(): Promise<void> {
  const countArg = process.argv.indexOf('--commands');
  const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 1000;
  if (!Number.isInteger(count) || count < 1) throw new Error('--commands must be a positive integer');

  const databaseUrl = await freshTestDatabase('bench');
  const store = new PostgresEventStore({ connectionString: databaseUrl });
  const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });
  const service = new CaseCommandsService(store, decider, new SystemClock(), new CryptoIdGenerator());
  try {
    await store.migrate();
    const opened = await service.open(handler, write('/cases', openCaseData(0)), openCaseData(0));
    const caseId = opened.response.caseId;
    await service.execute(caseId, secretary, write(`/cases/${caseId}/initiation/approve`, {}), () => ({
      type: 'ApproveInitiation',
      data: {},
    }));

    const rows: Row[] = [];
    rows.push(
      await measure('one stream, growing history', count, (i) =>
        service.execute(
          caseId,
          handler,
          write(`/cases/${caseId}/recommendation-rounds`, roundData(i)),
          (ids) => ({
            type: 'RecordRecommendationRound',
            data: { ...roundData(i), roundId: ids.uuid() },
          }),
        ),
      ),
    );
    rows.push(
      await measure('a new stream per command', count, (i) =>
        service.open(handler, write('/cases', openCaseData(i + 1)), openCaseData(i + 1)),
      ),
    );
    console.log(
      `\nCommand latency: PostgreSQL event store (${new URL(databaseUrl).pathname.slice(1)}), one at a time, in process`,
    );
    console.table(rows);
  } finally {
    await store.close();
    await dropTestDatabase(databaseUrl);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
