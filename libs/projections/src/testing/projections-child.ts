/**
 * A worker process for the crash test: runs every projection against DATABASE_URL until killed.
 * Prints "ready" once the runners are started.
 */
import { Pool } from 'pg';
import { ChinaWorkingCalendar } from '@app/calendar';
import { CUSTOM_PLANS, PostgresEventStore } from '@app/event-store';
import { ProjectionRunner } from '../projection-runner';
import { createProjections } from '../projections.registry';
import { migrateProjections } from '../projections.schema';

const silent = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 6, options: CUSTOM_PLANS });
  const store = new PostgresEventStore({ pool });
  const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
  await migrateProjections(pool, projections);
  const batchSize = Number(process.env.BATCH_SIZE ?? 500);
  new ProjectionRunner({ pool, store, projections, batchSize, leaseRetryMs: 200, logger: silent }).start();
  process.stdout.write('ready\n');
}

void main();
