import type { Pool } from 'pg';
import { decodePosition, HEAD_POSITION_SQL } from '@app/event-store';
import { CASE_TIMELINE } from '@app/projections';
import { summarise, type LatencySummary } from './stats';

/**
 * Pause between samples. A lag is known only to within the time between two samples (an event
 * seen at one sample became visible at some moment since the one before), so the interval bounds the
 * probe's error: at 25 ms plus two queries under load, about ±35 ms.
 */
const SAMPLE_MS = 5;
/** Events behind are counted at every tenth sample only: the count is the costlier query. */
const COUNT_EVERY = 10;

export interface LagResult {
  projection: string;
  /** Time from an event being visible in the store to the projection's checkpoint passing it. */
  lagMs: LatencySummary;
  /** Events the projection was behind the head of the store, counted every tenth sample. */
  eventsBehind: LatencySummary;
}

/**
 * Samples, while the load runs, the head of the store against the case-timeline checkpoint that the
 * worker (a process of its own) writes.
 */
export class ProjectionLagProbe {
  private readonly name = CASE_TIMELINE;
  private sampling = false;
  private sampler: Promise<void> | undefined;
  private readonly lags: number[] = [];
  private readonly behind: number[] = [];
  /** Queries the sampler made: the bench takes them out of the transactions it counts per command. */
  queries = 0;

  constructor(private readonly pool: Pool) {}

  startSampling(): void {
    this.sampling = true;
    const seen: Array<{ position: bigint; at: number }> = [];
    let samples = 0;
    this.sampler = (async () => {
      while (this.sampling) {
        const { rows } = await this.pool.query<{ head: string | null; checkpoint: string | null }>(
          `SELECT (${HEAD_POSITION_SQL}) AS head, (SELECT position FROM projection_checkpoints WHERE name = $1) AS checkpoint`,
          [this.name],
        );
        this.queries += 1;
        const now = performance.now();
        const head = BigInt(rows[0].head ?? '0');
        const checkpoint = BigInt(rows[0].checkpoint ?? '0');
        if (seen.length === 0 || seen[seen.length - 1].position < head)
          seen.push({ position: head, at: now });
        while (seen.length > 0 && seen[0].position <= checkpoint)
          this.lags.push(now - (seen.shift() as { at: number }).at);
        if (++samples % COUNT_EVERY === 0) {
          const at = decodePosition(rows[0].checkpoint);
          const behind = await this.pool.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)',
            [at.transactionId, at.sequence],
          );
          this.queries += 1;
          this.behind.push(Number(behind.rows[0].n));
        }
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
  }

  async stopSampling(): Promise<LagResult> {
    this.sampling = false;
    await this.sampler;
    return { projection: this.name, lagMs: summarise(this.lags), eventsBehind: summarise(this.behind) };
  }
}
