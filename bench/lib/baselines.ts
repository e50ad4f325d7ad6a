import Redis from 'ioredis';
import { Pool } from 'pg';
import { phase } from './progress';
import { round, summarise, throughput, type LatencySummary } from './stats';

export interface BaselineRow {
  concurrency: number;
  perSecond: number;
  latency: LatencySummary;
}

/** Raw single-row INSERTs of an event-sized row, each its own transaction, as the event store's appends are. */
export async function postgresInsertBaseline(
  databaseUrl: string,
  levels: number[],
  perLevel: number,
): Promise<BaselineRow[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: Math.max(...levels) });
  const rows: BaselineRow[] = [];
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`,
    );
    const metadata = JSON.stringify({
      actor: { id: 'bench', name: '压测', role: 'handler', orgUnit: '市委组织部' },
      commandId: crypto.randomUUID(),
      hash: 'a'.repeat(64),
      prevHash: 'b'.repeat(64),
    });
    const insert = (i: number) =>
      pool.query('INSERT INTO bench_raw_events (stream_id, type, data, metadata) VALUES ($1, $2, $3, $4)', [
        `s-${i % 1000}`,
        'RecommendationRoundRecorded',
        JSON.stringify({ i, kind: 'talk', eligible: 30, participants: 25 }),
        metadata,
      ]);
    // Every connection open and warm before the clock starts: with `--levels 32` alone, opening 32
    // connections inside a one-second run had cut the baseline in half. Eight rows per connection
    // were not enough either: in three processes the first measured run gave 7,300–9,000 rows/s and
    // the runs after it 8,000–12,000. With as many rows as one level written first, the first run
    // gave 9,250–10,200, as the later ones do.
    await throughput(perLevel, Math.max(...levels), (i) => insert(-1 - i));
    for (const concurrency of levels) {
      const result = await phase(`PostgreSQL INSERT ×${concurrency}`, perLevel, 'rows', (tick) =>
        throughput(perLevel, concurrency, insert, tick),
      );
      rows.push({ concurrency, perSecond: round(result.perSecond, 0), latency: summarise(result.latencies) });
    }
    await pool.query('DROP TABLE bench_raw_events');
  } finally {
    await pool.end();
  }
  return rows;
}

/** Redis round trips (SET then GET of a small value) on the test database, one connection per client. */
export async function redisRoundTripBaseline(
  redisUrl: string,
  levels: number[],
  perLevel: number,
): Promise<BaselineRow[]> {
  const rows: BaselineRow[] = [];
  for (const concurrency of levels) {
    const clients = Array.from({ length: concurrency }, () => new Redis(redisUrl, { lazyConnect: false }));
    try {
      await Promise.all(clients.map((c) => c.ping()));
      let turn = 0;
      const result = await phase(`Redis round trip ×${concurrency}`, perLevel, 'trips', (tick) =>
        throughput(
          perLevel,
          concurrency,
          async (i) => {
            const client = clients[turn++ % concurrency];
            await client.set(`bench:rt:${i % 1000}`, String(i), 'EX', 60);
          },
          tick,
        ),
      );
      rows.push({ concurrency, perSecond: round(result.perSecond, 0), latency: summarise(result.latencies) });
    } finally {
      clients.forEach((c) => c.disconnect());
    }
  }
  return rows;
}
