import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import { liveTableNames, type Projection, PROJECTIONS } from '@app/projections';
import { SupervisionProjection } from '@app/projections/writers/supervision.writer';

/** Findings become true at most this long before they are listed, with no event needed. */
export const SUPERVISION_SWEEP_MS = 30_000;

/**
 * Time-based supervision findings (a deadline passing with nothing recorded): every sweep judges
 * again the cases whose next deadline has come. Safe on several workers at once (rows are
 * claimed with SKIP LOCKED).
 */
@Injectable()
export class SupervisionSweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SupervisionSweepService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, SUPERVISION_SWEEP_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<number> {
    const projection = this.projections.find((p) => p instanceof SupervisionProjection);
    if (!(projection instanceof SupervisionProjection)) return 0;
    let total = 0;
    try {
      for (let judged = -1; judged !== 0;) {
        judged = await projection.sweep(this.pool, liveTableNames(projection));
        total += judged;
      }
    } catch (err) {
      this.logger.warn(
        `supervision sweep failed, retried at the next one: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return total;
  }
}
