import { type DynamicModule, Module } from '@nestjs/common';
import { DEADLINE_SINK } from '@app/projections';
import { ReminderScheduler, RemindersModule, type RemindersModuleOptions } from '@app/reminders';
import { ReminderWebhooksProcessor } from './reminder-webhooks.processor';
import { RemindersMaintenanceProcessor } from './reminders-maintenance.processor';
import { RemindersProcessor } from './reminders.processor';
import { RemindersStartup } from './reminders-startup.service';

const processors = [RemindersProcessor, ReminderWebhooksProcessor, RemindersMaintenanceProcessor];

/**
 * The worker's reminders: one processor per queue, the reconciler at start and every 5 minutes,
 * and DEADLINE_SINK (global) for the deadlines projection. Workers close on shutdown after their
 * active jobs finish (@nestjs/bullmq calls worker.close()).
 */
@Module({})
export class RemindersWorkerModule {
  static forRoot(options: RemindersModuleOptions = {}): DynamicModule {
    return {
      module: RemindersWorkerModule,
      global: true,
      imports: [RemindersModule.forRoot(options)],
      providers: [
        ...processors,
        RemindersStartup,
        { provide: DEADLINE_SINK, useExisting: ReminderScheduler },
      ],
      exports: [DEADLINE_SINK, RemindersModule],
    };
  }
}
