/**
 * npm run bench:store — the side-by-side store section alone: raw INSERT with UNIQUE(stream_id,
 * revision), this project's PostgreSQL store and Emmett's, on single-event appends with an exact
 * expected revision, with 1 and 8 writers, and the catch-up completeness of each, in a fresh
 * database `cadre_store_bench_test`.
 * Knobs: BENCH_PG_URL (server, no database), BENCH_EVENTS, BENCH_STREAMS, BENCH_LEVELS, BENCH_KEEP=1.
 */
import { Client } from 'pg';
import { compareStores, storeTable } from './lib/store-compare';

const SERVER = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'cadre_store_bench_test';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DATABASE}"`);
  try {
    const rows = await compareStores(`${SERVER}/${DATABASE}`, {
      events: Number(process.env.BENCH_EVENTS ?? 10_000),
      streams: Number(process.env.BENCH_STREAMS ?? 100),
      levels: (process.env.BENCH_LEVELS ?? '1,8').split(',').map(Number),
    });
    process.stdout.write(
      `\n${storeTable(rows)
        .map(([k, v]) => `${k.padEnd(26)} | ${v}`)
        .join('\n')}\n`,
    );
    process.stdout.write(`\n${JSON.stringify(rows)}\n`);
  } finally {
    if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
