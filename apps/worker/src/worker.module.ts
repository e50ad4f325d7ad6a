import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PlatformModule } from '@app/platform';
import { CalendarStoreModule } from '@app/calendar-store';
import { EventStoreModule } from '@app/event-store';
import { ProjectionsWorkerModule } from './projections/projections-worker.module';
import { RemindersWorkerModule } from './reminders/reminders-worker.module';
import { SupervisionWorkerModule } from './supervision/supervision-worker.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule.fromConfig(config),
        CalendarStoreModule,
        ProjectionsWorkerModule,
        RemindersWorkerModule.forRoot(),
        SupervisionWorkerModule,
      ],
    };
  }
}
