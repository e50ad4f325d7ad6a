/**
 * npm run bench:store — appends/s of the PostgreSQL event store next to a raw INSERT loop with the
 * same concurrency, in a fresh database `cadre_bench_test`.
 * Knobs: BENCH_PG_URL (server, no database), BENCH_EVENTS, BENCH_WRITERS, BENCH_STREAMS, BENCH_KEEP=1.
 */
import { randomUUID } from 'node:crypto';
import cliProgress from 'cli-progress';
import { Client, Pool } from 'pg';
import { PostgresEventStore, type AppendContext } from '@app/event-store';

const SERVER = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'cadre_bench_test';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 100);

interface Row {
  name: string;
  events: number;
  seconds: number;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function context(): AppendContext {
  const id = randomUUID();
  return {
    actor: { id: 'bench', name: 'Bench', role: 'system', orgUnit: 'bench' },
    commandId: id,
    correlationId: id,
    causationId: id,
    occurredAt: new Date().toISOString(),
  };
}

/** Runs `writers` loops that together perform `total` operations; returns elapsed seconds. */
async function measure(
  name: string,
  total: number,
  writers: number,
  op: (i: number) => Promise<void>,
): Promise<Row> {
  const bar = new cliProgress.SingleBar(
    {
      format: `${name.padEnd(34)} [{bar}] {value}/{total} {eps} ev/s`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { eps: 0 });
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < total; i = next++) {
        await op(i);
        done += 1;
        if (done % 100 === 0 || done === total) bar.update(done, { eps: Math.round(done / elapsed()) });
      }
    }),
  );
  const seconds = elapsed();
  bar.update(total, { eps: Math.round(total / seconds) });
  bar.stop();
  return { name, events: total, seconds };
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DATABASE}"`);
  const url = `${SERVER}/${DATABASE}`;
  console.log(`PostgreSQL ${url}: ${EVENTS} one-event appends, ${WRITERS} writers, ${STREAMS} streams\n`);

  const rows: Row[] = [];
  const store = new PostgresEventStore({ connectionString: url, poolSize: WRITERS + 2 });
  await store.migrate();
  try {
    rows.push(
      await measure('event store append (expected any)', EVENTS, WRITERS, async (i) => {
        await store.append(`bench-${i % STREAMS}`, [{ type: 'BenchEvent', data: { i, at: Date.now() } }], {
          expectedRevision: 'any',
          context: context(),
        });
      }),
    );
    const known = new Map<string, string>();
    rows.push(
      await measure('event store append (exact revision)', EVENTS, WRITERS, async (i) => {
        const stream = `bench-exact-${i % STREAMS}`;
        for (;;) {
          try {
            const result = await store.append(stream, [{ type: 'BenchEvent', data: { i, at: Date.now() } }], {
              expectedRevision: known.get(stream) ?? 'no-stream',
              context: context(),
            });
            known.set(stream, result.revision);
            return;
          } catch (err) {
            const actual = (err as { actual?: string }).actual;
            if (actual === undefined) throw err;
            if (actual === 'no-stream') known.delete(stream);
            else known.set(stream, actual);
          }
        }
      }),
    );
  } finally {
    await store.close();
  }

  const pool = new Pool({ connectionString: url, max: WRITERS });
  try {
    await pool.query(
      `CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`,
    );
    rows.push(
      await measure('raw INSERT (same concurrency)', EVENTS, WRITERS, async (i) => {
        await pool.query('INSERT INTO raw_events (stream_id, type, data, metadata) VALUES ($1, $2, $3, $4)', [
          `bench-${i % STREAMS}`,
          'BenchEvent',
          JSON.stringify({ i, at: Date.now() }),
          JSON.stringify(context()),
        ]);
      }),
    );
  } finally {
    await pool.end();
  }

  const raw = rows[rows.length - 1];
  const rawRate = raw.events / raw.seconds;
  console.log('');
  console.log(
    `${'measure'.padEnd(38)}${'events'.padStart(8)}${'seconds'.padStart(10)}${'events/s'.padStart(11)}${'vs raw'.padStart(9)}`,
  );
  for (const row of rows) {
    const rate = row.events / row.seconds;
    console.log(
      `${row.name.padEnd(38)}${String(row.events).padStart(8)}${row.seconds.toFixed(2).padStart(10)}${Math.round(rate).toString().padStart(11)}${`${Math.round((rate / rawRate) * 100)}%`.padStart(9)}`,
    );
  }

  if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
