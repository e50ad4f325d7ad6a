import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore, PG_POOL } from '@app/event-store';
import { REDIS } from '@app/platform';

const PROBE_TIMEOUT_MS = 2_000;

const withTimeout = <T>(probe: Promise<T>, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
    probe.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/** Readiness of what the api cannot work without: the event store, PostgreSQL (read models) and Redis. */
@Injectable()
export class DependenciesHealth {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redisClient: Redis,
  ) {}

  eventStore(): Promise<HealthIndicatorResult> {
    return this.probe('eventStore', () => this.store.ping());
  }

  postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.pool.query('SELECT 1'));
  }

  redis(): Promise<HealthIndicatorResult> {
    return this.probe('redis', async () => {
      // A command sent while disconnected waits in the offline queue for good (maxRetriesPerRequest: null).
      if (this.redisClient.status !== 'ready')
        throw new Error(`redis connection is ${this.redisClient.status}`);
      await this.redisClient.ping();
    });
  }

  private async probe(key: string, ping: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await withTimeout(ping(), key);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
