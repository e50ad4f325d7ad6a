/**
 * Reminders on BullMQ (Redis db 15) and PostgreSQL (a fresh database whose name contains `test`):
 *  - firing delay: 1 000 reminders due in the same minute, from the due instant to the inbox row (p50/p95/p99);
 *  - reconcile: 10 000 open deadlines in the deadlines table, with Redis empty and then with every job present.
 *
 *   npx tsx bench/reminders.bench.ts [--reminders 1000] [--deadlines 10000]
 *
 * The services are constructed by hand, as in bench/commands.bench.ts: tsx emits no decorator metadata.
 * The worker is a plain BullMQ Worker with the worker app's options, running the worker app's
 * RemindersProcessor (which hands each job to ReminderBatch). A webhook URL is configured, so every
 * firing also stores its webhook body and queues its webhook job; no one sends them here.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Presets, SingleBar } from 'cli-progress';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { Counter, Registry } from 'prom-client';
import {
  type Actor,
  type AppointmentCommand,
  caseStreamId,
  createAppointmentDecider,
} from '@app/appointment';
import { addMonths } from '@app/time';
import { ChinaWorkingCalendar } from '@app/calendar';
import { handleCommand, PostgresEventStore } from '@app/event-store';
import { loadConfig, SystemClock } from '@app/platform';
import { DeadlinesProjection, liveTableNames } from '@app/projections';
import {
  type Deadline,
  type DeadlinePolicyDeps,
  InboxRepository,
  migrateRemindersSchema,
  openDeadlines,
  PgOpenDeadlineSource,
  REMINDER_FIRING_WORKER,
  REMINDER_WEBHOOKS_QUEUE,
  ReminderBatch,
  ReminderFiring,
  ReminderLedgerRepository,
  ReminderReconciler,
  REMINDERS_QUEUE,
  type ReminderJobData,
  ReminderScheduler,
  resolveRemindersOptions,
} from '../libs/reminders/src';
import { RemindersProcessor } from '../apps/worker/src/reminders/reminders.processor';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../test/setup/test-db';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const REMINDERS = argument('reminders', 1000);
const DEADLINES = argument('deadlines', 10_000);
const SHANGHAI_MS = 8 * 3600_000;
const handler: Actor = { id: 'bench-h', name: '压测经办', role: 'handler', orgUnit: '市委组织部' };
const secretary: Actor = {
  id: 'bench-cs',
  name: '压测书记',
  role: 'committee-secretary',
  orgUnit: '市委组织部',
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const databaseUrl = await freshTestDatabase('reminders_bench');
  const prefix = `bench-reminders-${process.pid}`;
  // As the worker's PG_POOL (EventStoreModule): pg's default size of 10 connections.
  const pool = new Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  // DROP DATABASE … WITH (FORCE) at the end ends whatever connection is still idle.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool });
  const connection = { url: testRedisUrl(), maxRetriesPerRequest: null };
  const reminders = new Queue<ReminderJobData>(REMINDERS_QUEUE, { connection, prefix });
  const webhooks = new Queue(REMINDER_WEBHOOKS_QUEUE, { connection, prefix });
  let worker: Worker<ReminderJobData> | undefined;
  try {
    await store.migrate();
    await migrateRemindersSchema(pool);
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'silent',
      REMINDER_WEBHOOK_URL: 'http://127.0.0.1:9/reminders',
    });
    const clock = new SystemClock();
    const calendar = new ChinaWorkingCalendar();
    const dueDate = new Date(Date.now() + 5 * 60_000 + SHANGHAI_MS).toISOString().slice(0, 10);
    const policy: DeadlinePolicyDeps = { calendar, rules: config.rules };
    const decider = createAppointmentDecider({ calendar, rules: config.rules });
    const registry = new Registry();
    const counter = (name: string, labelNames: string[] = []) =>
      new Counter({ name, help: name, labelNames, registers: [registry] });
    const inbox = new InboxRepository(pool);
    const ledger = new ReminderLedgerRepository(pool);
    const scheduler = new ReminderScheduler(reminders, clock, config);
    const firing = new ReminderFiring(
      store,
      decider,
      policy,
      clock,
      config,
      resolveRemindersOptions({}),
      inbox,
      ledger,
      webhooks,
      counter('issued'),
      counter('delivered'),
      counter('dropped', ['why']),
    );

    // R4: a recommendation expires 11 months after the round: rounds held 11 months before the due date.
    const roundAt = `${addMonths(dueDate, -11)}T10:00:00+08:00`;
    const bar = new SingleBar({ format: 'seeding cases {bar} {value}/{total}' }, Presets.shades_classic);
    bar.start(REMINDERS, 0);
    const cases: string[] = [];
    const run = async (caseId: string, type: AppointmentCommand['type'], actor: Actor, data: unknown) => {
      const commandId = randomUUID();
      const command = { type, caseId, actor, at: roundAt, data } as AppointmentCommand;
      await handleCommand(store, caseStreamId(caseId), decider, command, {
        context: { actor, commandId, correlationId: commandId, causationId: commandId, occurredAt: roundAt },
      });
    };
    for (let i = 0; i < REMINDERS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, REMINDERS - i) }, async () => {
          const caseId = randomUUID();
          await run(caseId, 'OpenCase', handler, {
            post: { title: '副主任', orgUnit: '市发改委', level: '副处级' },
            grounds: '职位空缺',
          });
          await run(caseId, 'ApproveInitiation', secretary, {});
          await run(caseId, 'RecordRecommendationRound', handler, {
            roundId: randomUUID(),
            kind: 'meeting',
            heldAt: roundAt,
            eligible: 30,
            participants: 26,
            results: [{ personId: 'p', name: '李四', votes: 20 }],
          });
          cases.push(caseId);
          bar.increment();
        }),
      );
    }
    bar.stop();
    // Every reminder falls due at the start of the same coming minute (Shanghai time), 20–80 s from now.
    const dueMs = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
    const dueLocal = new Date(dueMs + SHANGHAI_MS).toISOString();
    if (dueLocal.slice(0, 10) !== dueDate)
      throw new Error('seeding crossed midnight in Shanghai: run the bench again');
    policy.periods = { reminderTime: dueLocal.slice(11, 16) };
    const due: Deadline[] = [];
    for (const caseId of cases) {
      const state = (await store.read(caseStreamId(caseId))).reduce(
        (s, e) => decider.evolve(s, e),
        decider.initialState(),
      );
      due.push(...openDeadlines(state, policy).filter((d) => d.kind === 'recommendation-expiry'));
    }
    if (due.some((d) => Date.parse(d.dueAt) !== dueMs))
      throw new Error('the seeded reminders are not all due at the same instant');
    await scheduler.schedule(due);
    const processor = new RemindersProcessor(new ReminderBatch(firing, clock), clock);
    worker = new Worker<ReminderJobData>(REMINDERS_QUEUE, (job, token) => processor.process(job, token), {
      connection,
      prefix,
      ...REMINDER_FIRING_WORKER,
    });
    process.stdout.write(`${due.length} reminders due at ${new Date(dueMs).toISOString()}; waiting…\n`);
    let deliveredRows = 0;
    while (deliveredRows < due.length) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      deliveredRows = Number(
        (await pool.query<{ n: string }>(`SELECT count(DISTINCT reminder_id) AS n FROM inbox`)).rows[0].n,
      );
    }
    const delays = (
      await pool.query<{ ms: number }>(
        `SELECT extract(epoch FROM min(delivered_at) - min(due_at)) * 1000 AS ms FROM inbox GROUP BY reminder_id`,
      )
    ).rows
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    await worker.close();
    worker = undefined;

    // Reconcile: 10 000 open deadlines in the projection's table.
    const projection = new DeadlinesProjection(policy);
    for (const sql of projection.createTables(liveTableNames(projection))) await pool.query(sql);
    await pool.query('DELETE FROM case_deadlines');
    const future = Date.now() + 30 * 24 * 3600_000;
    for (let i = 0; i < DEADLINES; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, DEADLINES - i) }, (_, j): Deadline => {
        const caseId = randomUUID();
        return {
          deadlineId: `${caseId}-notice-ends-case`,
          caseId,
          kind: 'notice-ends',
          subject: 'case',
          dueAt: new Date(future + (i + j) * 1000).toISOString(),
          recipientRoles: ['handler'],
          reason: 'bench',
          escalationLevel: 0,
        };
      });
      await pool.query(
        `INSERT INTO case_deadlines (deadline_id, case_id, kind, subject, due_at, recipient_roles, reason, escalation_level, revision, deadline)
         SELECT d->>'deadlineId', d->>'caseId', d->>'kind', d->>'subject', (d->>'dueAt')::timestamptz, d->'recipientRoles', d->>'reason', 0, 0, d
           FROM jsonb_array_elements($1::jsonb) AS d`,
        [JSON.stringify(rows)],
      );
    }
    const reconciler = new ReminderReconciler(
      new PgOpenDeadlineSource(pool),
      reminders,
      scheduler,
      ledger,
      clock,
      webhooks,
      resolveRemindersOptions({}),
      inbox,
    );
    let t = performance.now();
    const empty = await reconciler.reconcile();
    const emptyMs = performance.now() - t;
    t = performance.now();
    const full = await reconciler.reconcile();
    const fullMs = performance.now() - t;

    console.log(
      `\nReminders: BullMQ on ${testRedisUrl()} (prefix ${prefix}), PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}`,
    );
    console.table([
      {
        measure: `firing delay, due → inbox row (${delays.length} due in the same minute)`,
        p50: `${percentile(delays, 50).toFixed(0)} ms`,
        p95: `${percentile(delays, 95).toFixed(0)} ms`,
        p99: `${percentile(delays, 99).toFixed(0)} ms`,
        max: `${delays[delays.length - 1].toFixed(0)} ms`,
      },
      {
        measure: `reconcile ${empty.open} open deadlines, Redis empty (${empty.created} jobs created)`,
        p50: `${emptyMs.toFixed(0)} ms`,
        p95: '',
        p99: '',
        max: '',
      },
      {
        measure: `reconcile ${full.open} open deadlines, all jobs present (${full.created} created)`,
        p50: `${fullMs.toFixed(0)} ms`,
        p95: '',
        p99: '',
        max: '',
      },
    ]);
  } finally {
    await worker?.close();
    await reminders.close();
    await webhooks.close();
    const redis = new Redis(testRedisUrl());
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await store.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await dropTestDatabase(databaseUrl);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
