import { BullModule } from '@nestjs/bullmq';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { createAppointmentDecider } from '@app/appointment';
import type { WorkingCalendar } from '@app/appointment/appointment.config';
import { loadWorkingCalendar } from '@app/calendar';
import { WORKING_CALENDAR } from '@app/calendar-store';
import { PG_POOL } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import type { DeadlinePolicyDeps } from './deadline-policy';
import { InboxRepository } from './inbox.repository';
import { OPEN_DEADLINE_SOURCE } from './open-deadline.source';
import { PgOpenDeadlineSource } from './pg-open-deadline.source';
import { ReminderBatch } from './reminder-batch';
import { ReminderFiring } from './reminder-firing.service';
import { REMINDER_QUEUES } from './reminder-jobs';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { reminderMetricProviders } from './reminder-metrics';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler';
import {
  DEADLINE_POLICY,
  REMINDERS_DECIDER,
  REMINDERS_OPTIONS,
  type RemindersModuleOptions,
  resolveRemindersOptions,
} from './reminders.options';
import { migrateRemindersSchema } from './reminders.schema';
import { WebhookNotifier } from './webhook.notifier';

/** Creates the inbox and ledger tables at start (idempotent). */
@Injectable()
export class RemindersSchema implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onModuleInit(): Promise<void> {
    return migrateRemindersSchema(this.pool);
  }
}

const services = [
  RemindersSchema,
  InboxRepository,
  ReminderLedgerRepository,
  ReminderScheduler,
  ReminderReconciler,
  ReminderFiring,
  ReminderBatch,
  WebhookNotifier,
];

/**
 * The reminder queues (BullMQ on REDIS_URL) and what both apps use: scheduling, reconciling,
 * firing, the inbox. Needs PlatformModule (APP_CONFIG, CLOCK) and EventStoreModule (EVENT_STORE, PG_POOL).
 */
@Module({})
export class RemindersModule {
  static forRoot(options: RemindersModuleOptions = {}): DynamicModule {
    const resolved = resolveRemindersOptions(options);
    const providers: Provider[] = [
      { provide: REMINDERS_OPTIONS, useValue: resolved },
      {
        provide: DEADLINE_POLICY,
        inject: [APP_CONFIG, { token: WORKING_CALENDAR, optional: true }],
        useFactory: (config: AppConfig, live?: WorkingCalendar): DeadlinePolicyDeps => ({
          calendar: options.calendar ?? live ?? loadWorkingCalendar(config),
          rules: config.rules,
          periods: options.periods,
        }),
      },
      {
        provide: REMINDERS_DECIDER,
        inject: [APP_CONFIG, { token: WORKING_CALENDAR, optional: true }],
        useFactory: (config: AppConfig, live?: WorkingCalendar) =>
          createAppointmentDecider({
            calendar: options.calendar ?? live ?? loadWorkingCalendar(config),
            rules: config.rules,
          }),
      },
      { provide: OPEN_DEADLINE_SOURCE, useClass: PgOpenDeadlineSource },
      ...reminderMetricProviders,
      ...services,
    ];
    return {
      module: RemindersModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.redisUrl, maxRetriesPerRequest: null },
            prefix: resolved.prefix,
          }),
        }),
        BullModule.registerQueue(...REMINDER_QUEUES.map((name) => ({ name }))),
      ],
      providers,
      exports: [
        BullModule,
        REMINDERS_OPTIONS,
        DEADLINE_POLICY,
        REMINDERS_DECIDER,
        OPEN_DEADLINE_SOURCE,
        ...reminderMetricProviders,
        ...services,
      ],
    };
  }
}
