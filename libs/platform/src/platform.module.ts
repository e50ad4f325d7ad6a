import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { type Clock, CLOCK, SystemClock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CryptoIdGenerator, ID_GENERATOR } from './ids/id-generator';
import { loggerOptions } from './logging/logger.options';
import { defaultMetricsAlreadyRegistered, METRICS_PATH, MetricsController } from './metrics/metrics';
import { REDIS, redisProvider, RedisShutdown } from './redis/redis.provider';

/**
 * What both apps share: the validated config, clock, ids, pino logging, Prometheus /metrics, the
 * Redis client and authentication. AuthGuard is registered here as the global APP_GUARD.
 */
@Global()
@Module({})
export class PlatformModule {
  /** `clock`: the service's clock, for tests that run the whole app at another date (default: the system clock). */
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      options.clock ? { provide: CLOCK, useValue: options.clock } : { provide: CLOCK, useClass: SystemClock },
      { provide: ID_GENERATOR, useClass: CryptoIdGenerator },
      redisProvider,
      RedisShutdown,
      JwtVerifier,
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        PrometheusModule.register({
          global: true,
          path: METRICS_PATH,
          controller: MetricsController,
          defaultMetrics: { enabled: !defaultMetricsAlreadyRegistered() },
        }),
      ],
      providers,
      exports: [APP_CONFIG, CLOCK, ID_GENERATOR, REDIS, JwtVerifier],
    };
  }
}
