import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, PlatformModule } from '@app/platform';
import { CasesModule } from './cases/cases.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SupervisionModule } from './supervision/supervision.module';

const RATE_WINDOW_MS = 60_000;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule.fromConfig(config),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: RATE_WINDOW_MS, limit: config.rateLimitPerMinute }],
        }),
        CasesModule,
        HealthModule,
        ReadModelsModule,
        InboxModule.forRoot(),
        SupervisionModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
