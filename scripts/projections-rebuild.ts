/**
 * Rebuilds one projection (or all) from position zero and swaps it in:
 *   npm run projections:rebuild -- <case-list|case-timeline|deadlines|all>
 * Uses DATABASE_URL and the configured event store, like the apps.
 */
import { relative } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Pool } from 'pg';
import { ChinaWorkingCalendar } from '@app/calendar';
import { CUSTOM_PLANS, type EventStore, PostgresEventStore } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { createProjections, migrateProjections, rebuildProjection } from '@app/projections';

async function openStore(kind: string, pool: Pool, esdb: string | undefined): Promise<EventStore> {
  if (kind === 'eventstoredb' && esdb) {
    const { EventStoreDbEventStore } = (await import('@app/event-store/adapters/eventstoredb')) as {
      EventStoreDbEventStore: new (url: string) => EventStore;
    };
    return new EventStoreDbEventStore(esdb);
  }
  return new PostgresEventStore({ pool });
}

/** How this script was started, for its usage line: through npm from source, or built with node. */
function invocation(): string {
  return process.env.npm_lifecycle_event === 'projections:rebuild'
    ? 'npm run projections:rebuild --'
    : `node ${relative(process.cwd(), process.argv[1]) || process.argv[1]}`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4, options: CUSTOM_PLANS });
  const store = await openStore(config.eventStore, pool, config.eventstoreConnectionString);
  const projections = createProjections({
    policy: { calendar: new ChinaWorkingCalendar(), rules: config.rules },
  });
  const requested = process.argv[2];
  const names = requested === 'all' ? projections.map((p) => p.name) : requested ? [requested] : [];
  const unknown = names.filter((name) => !projections.some((p) => p.name === name));
  if (names.length === 0 || unknown.length > 0) {
    process.stderr.write(`usage: ${invocation()} <${projections.map((p) => p.name).join('|')}|all>\n`);
    process.exitCode = 2;
  } else {
    await migrateProjections(pool, projections);
    for (const name of names) {
      const bar = new SingleBar(
        {
          format: `${name} [{bar}] {percentage}% | {value}/{total} events | {phase}`,
          hideCursor: true,
          // In a log (no terminal) a line every 5 s instead of a bar.
          noTTYOutput: true,
          notTTYSchedule: 5000,
        },
        Presets.shades_classic,
      );
      let started = false;
      const cpuBefore = process.cpuUsage();
      const result = await rebuildProjection(name, {
        pool,
        store,
        projections,
        onProgress: (p) => {
          if (!started) bar.start(p.total ?? 0, 0, { phase: p.phase });
          started = true;
          bar.setTotal(Math.max(p.total ?? 0, p.processed));
          bar.update(p.processed, { phase: p.phase });
        },
      });
      bar.stop();
      const rate =
        result.durationMs > 0 ? Math.round((result.processed / result.durationMs) * 1000) : result.processed;
      // Peak resident memory of this process so far, and the CPU time it used for this projection
      // (user and system): the bench reads both off this line.
      const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const cpu = process.cpuUsage(cpuBefore);
      process.stdout.write(
        `${name}: ${result.processed} events in ${(result.durationMs / 1000).toFixed(1)} s (${rate} events/s), peak memory ${peakMb} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, checkpoint ${result.position ?? 'none'}\n`,
      );
    }
  }
  await store.close();
  await pool.end();
}

main().catch((err: Error) => {
  process.stderr.write(`rebuild failed: ${err.message}\n`);
  process.exit(1);
});
