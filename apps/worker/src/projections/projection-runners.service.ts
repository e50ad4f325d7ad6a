import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore, PG_POOL } from '@app/event-store';
import {
  type Projection,
  projectionLag,
  projectionMetrics,
  PROJECTIONS,
  ProjectionRunner,
  type ProjectionRunnerStatus,
} from '@app/projections';

const LAG_INTERVAL_MS = 5000;

/**
 * Runs every projection in this worker with one runner (one lease, one subscription, one
 * transaction per batch for all of them) and publishes their lag. To add a projection, add it to
 * createProjections in libs/projections/src/projections.registry.ts.
 */
@Injectable()
export class ProjectionRunnersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunnersService.name);
  private readonly metrics = projectionMetrics();
  private runners: ProjectionRunner[] = [];
  private lagTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  onApplicationBootstrap(): void {
    this.runners = [
      new ProjectionRunner({
        pool: this.pool,
        store: this.store,
        projections: this.projections,
        logger: new Logger('Projections'),
      }),
    ];
    this.runners.forEach((runner) => runner.start());
    this.lagTimer = setInterval(() => void this.publishLag(), LAG_INTERVAL_MS);
    this.lagTimer.unref();
    this.logger.log(`started projections: ${this.projections.map((p) => p.name).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  statuses(): ProjectionRunnerStatus[] {
    return this.runners.flatMap((runner) => runner.statuses());
  }

  private async publishLag(): Promise<void> {
    for (const status of this.statuses()) {
      if (!status.leader) continue;
      const lag = await projectionLag(this.pool, status.checkpoint);
      if (lag.events !== null) this.metrics.lagEvents.set({ projection: status.name }, lag.events);
      if (lag.seconds !== null) this.metrics.lagSeconds.set({ projection: status.name }, lag.seconds);
    }
  }
}
