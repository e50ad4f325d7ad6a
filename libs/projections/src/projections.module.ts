import { Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Pool } from 'pg';
import type { WorkingCalendar } from '@app/appointment/appointment.config';
import { loadWorkingCalendar } from '@app/calendar';
import { WORKING_CALENDAR } from '@app/calendar-store';
import { EVENT_STORE, type EventStore, PG_POOL } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import {
  rebuildProjection,
  RebuildInProgressError,
  type RebuildProgress,
  UnknownProjectionError,
} from './projection-rebuild';
import { type ProjectionStatus, projectionStatuses } from './projection-status';
import type { Projection } from './projection.types';
import { createProjections } from './projections.registry';
import { migrateProjections } from './projections.schema';
import { DEADLINE_SINK, type DeadlineSink } from './writers/deadlines.writer';

/** DI token: the Projection[] of the service. */
export const PROJECTIONS = Symbol('PROJECTIONS');

const projectionsProvider = {
  provide: PROJECTIONS,
  inject: [APP_CONFIG, ModuleRef, EVENT_STORE, { token: WORKING_CALENDAR, optional: true }],
  useFactory: (
    config: AppConfig,
    moduleRef: ModuleRef,
    store: EventStore,
    live?: WorkingCalendar,
  ): Projection[] => {
    const logger = new Logger('DeadlineSink');
    let sink: DeadlineSink | null | undefined;
    return createProjections({
      policy: { calendar: live ?? loadWorkingCalendar(config), rules: config.rules },
      store,
      recommenderSuspensionMonths: config.rules.recommenderSuspensionMonths,
      deadlineSink: () => {
        if (sink === undefined) {
          try {
            sink = moduleRef.get<DeadlineSink>(DEADLINE_SINK, { strict: false });
          } catch {
            sink = null;
          }
        }
        return sink ?? undefined;
      },
      onSinkError: (err) =>
        logger.error(
          `deadline sink failed; the reconciler will repair the timers: ${err instanceof Error ? err.message : String(err)}`,
        ),
    });
  },
};

/** Creates the read-model schema when the application starts. */
@Injectable()
export class ProjectionsSchema implements OnModuleInit {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  onModuleInit(): Promise<void> {
    return migrateProjections(this.pool, this.projections);
  }
}

export interface RebuildStarted {
  name: string;
  status: 'started' | 'already-running';
}

/** Rebuilds in the background of this process; the status is kept in projection_checkpoints for every process to see. */
@Injectable()
export class ProjectionRebuildService {
  private readonly logger = new Logger(ProjectionRebuildService.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  names(): string[] {
    return this.projections.map((p) => p.name);
  }

  has(name: string): boolean {
    return this.projections.some((p) => p.name === name);
  }

  start(name: string, onProgress?: (progress: RebuildProgress) => void): RebuildStarted {
    if (!this.has(name)) throw new UnknownProjectionError(name);
    if (this.running.has(name)) return { name, status: 'already-running' };
    const run = rebuildProjection(name, {
      pool: this.pool,
      store: this.store,
      projections: this.projections,
      onProgress,
    })
      .then((result) =>
        this.logger.log(`rebuilt ${name}: ${result.processed} events in ${result.durationMs} ms`),
      )
      .catch((err: Error) => {
        if (err instanceof RebuildInProgressError) this.logger.warn(err.message);
        else this.logger.error(`rebuild of ${name} failed: ${err.message}`);
      })
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    return { name, status: 'started' };
  }

  /** Resolves when this process's rebuild of `name` (if any) has ended. */
  async settled(name: string): Promise<void> {
    await this.running.get(name);
  }

  list(): Promise<ProjectionStatus[]> {
    return projectionStatuses(this.pool, this.names());
  }
}

/**
 * The read side shared by the api and the worker: the projections, their schema and rebuilds.
 * Needs EventStoreModule (EVENT_STORE, PG_POOL) and PlatformModule (APP_CONFIG) in the app.
 */
@Module({
  providers: [projectionsProvider, ProjectionsSchema, ProjectionRebuildService],
  exports: [PROJECTIONS, ProjectionRebuildService],
})
export class ProjectionsModule {}
