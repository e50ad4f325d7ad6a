import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CalendarStoreModule } from '@app/calendar-store';
import { EventStoreModule } from '@app/event-store';
import { AppConfig, type Clock, PlatformModule, SlidingWindowThrottlerStorage } from '@app/platform';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { ErrorsModule } from './errors/errors.module';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SupervisionModule } from './supervision/supervision.module';

const RATE_WINDOW_MS = 60_000;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, options),
        EventStoreModule.fromConfig(config),
        CalendarStoreModule,
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: RATE_WINDOW_MS, limit: config.rateLimitPerMinute }],
          storage: new SlidingWindowThrottlerStorage(),
        }),
        CasesModule,
        HealthModule,
        ReadModelsModule,
        InboxModule.forRoot(),
        CalendarModule,
        ErrorsModule,
        SupervisionModule,
        ConsoleModule.forRoot(config),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
