import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');
const CLOSE_TIMEOUT_MS = 2000;

/** BullMQ needs `maxRetriesPerRequest: null` on connections it shares; commands then wait for a reconnect. */
export function createRedisClient(url: string, logger = new Logger('Redis')): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null });
  let lastError: string | undefined;
  client.on('error', (err: Error) => {
    if (err.message !== lastError) logger.warn(`redis connection error: ${err.message}`);
    lastError = err.message;
  });
  client.on('ready', () => {
    lastError = undefined;
  });
  return client;
}

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Redis => createRedisClient(config.redisUrl),
};

@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.closed()) return;
    // quit() waits for the server; a client that is not connected would never get the answer
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    const ended = new Promise<void>((resolve) => this.redis.once('end', () => resolve()));
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
    // quit() resolves on the server's OK; the socket closes a moment later
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
    if (!this.closed()) this.redis.disconnect();
  }

  private closed(): boolean {
    return this.redis.status === 'end';
  }
}
