import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, PlatformModule } from '@app/platform';
import { CasesModule } from './cases/cases.module';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { ReadModelsModule } from './read-models/read-models.module';

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
        ConsoleModule.forRoot(config),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
