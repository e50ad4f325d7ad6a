import type { Pool } from 'pg';
import { ChinaWorkingCalendar } from '@app/calendar';
import { decodePosition, HEAD_POSITION_SQL, type EventStore } from '@app/event-store';
import { createProjections, ProjectionRunner } from '@app/projections';
import { summarise, type LatencySummary } from './stats';

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
const SAMPLE_MS = 25;

export interface LagResult {
  projection: string;
  /** Time from an event being visible in the store to the projection's checkpoint passing it. */
  lagMs: LatencySummary;
  /** Events the projection was behind the head of the store, sampled every 25 ms. */
  eventsBehind: LatencySummary;
}

/**
 * The worker's projection runners, run here, with a sampler comparing the head of the store with
 * the case-timeline checkpoint while the load runs.
 */
export class ProjectionLagProbe {
  private readonly runners: ProjectionRunner[];
  private readonly name: string;
  private sampling = false;
  private sampler: Promise<void> | undefined;
  private readonly lags: number[] = [];
  private readonly behind: number[] = [];

  constructor(
    private readonly pool: Pool,
    store: EventStore,
  ) {
    const projections = createProjections({ policy: { calendar: new ChinaWorkingCalendar() } });
    this.runners = [new ProjectionRunner({ pool, store, projections, logger: quiet })];
    this.name = projections.find((p) => p.name.includes('timeline'))?.name ?? projections[0].name;
  }

  startRunners(): void {
    this.runners.forEach((runner) => runner.start());
  }

  startSampling(): void {
    this.sampling = true;
    const seen: Array<{ position: bigint; at: number }> = [];
    this.sampler = (async () => {
      while (this.sampling) {
        const { rows } = await this.pool.query<{ head: string | null; checkpoint: string | null }>(
          `SELECT (${HEAD_POSITION_SQL}) AS head, (SELECT position FROM projection_checkpoints WHERE name = $1) AS checkpoint`,
          [this.name],
        );
        const now = performance.now();
        const head = BigInt(rows[0].head ?? '0');
        const checkpoint = BigInt(rows[0].checkpoint ?? '0');
        if (seen.length === 0 || seen[seen.length - 1].position < head)
          seen.push({ position: head, at: now });
        while (seen.length > 0 && seen[0].position <= checkpoint)
          this.lags.push(now - (seen.shift() as { at: number }).at);
        const at = decodePosition(rows[0].checkpoint);
        const behind = await this.pool.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)',
          [at.transactionId, at.sequence],
        );
        this.behind.push(Number(behind.rows[0].n));
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
  }

  async stopSampling(): Promise<LagResult> {
    this.sampling = false;
    await this.sampler;
    return { projection: this.name, lagMs: summarise(this.lags), eventsBehind: summarise(this.behind) };
  }

  async stopRunners(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
