import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { type Gauge, JwtVerifier, makeGaugeProvider } from '@app/platform';
import {
  REMINDER_QUEUES,
  ReminderLedgerRepository,
  RemindersModule,
  type RemindersModuleOptions,
} from '@app/reminders';
import { AdminRemindersController } from './admin-reminders.controller';
import { InboxController } from './inbox.controller';
import { adminOnly } from './queues-board.middleware';
import { RemindersHealth } from './reminders.health';

export const QUEUES_BOARD_ROUTE = '/admin/queues';

/** Outcomes as PostgreSQL records them, whichever worker fired them: the api's view of reminders issued, delivered, dropped. */
const outcomesGauge = makeGaugeProvider({
  name: 'reminder_outcomes',
  help: 'Reminders by outcome as recorded in PostgreSQL (delivered, dropped)',
  labelNames: ['outcome'],
  inject: [ReminderLedgerRepository],
  async collect(this: Gauge, ...deps: unknown[]) {
    const counts = await (deps[0] as ReminderLedgerRepository).outcomeCounts();
    for (const [outcome, n] of Object.entries(counts)) this.set({ outcome }, n);
  },
});

/**
 * The api side of reminders: GET /inbox, POST /inbox/read, POST /inbox/:id/read,
 * POST /admin/reminders/reconcile, bull-board at /admin/queues (role admin) and the `reminderQueues`
 * health indicator (RemindersHealth).
 * Import as `InboxModule.forRoot()`; the options (BullMQ prefix) must match the worker's.
 */
@Module({})
export class InboxModule {
  static forRoot(options: RemindersModuleOptions = {}): DynamicModule {
    return {
      module: InboxModule,
      global: true,
      imports: [
        RemindersModule.forRoot(options),
        TerminusModule,
        BullBoardModule.forRootAsync({
          inject: [JwtVerifier],
          useFactory: (verifier: JwtVerifier) => ({
            route: QUEUES_BOARD_ROUTE,
            adapter: ExpressAdapter,
            middleware: adminOnly(verifier),
          }),
        }),
        BullBoardModule.forFeature(...REMINDER_QUEUES.map((name) => ({ name, adapter: BullMQAdapter }))),
      ],
      controllers: [InboxController, AdminRemindersController],
      providers: [RemindersHealth, outcomesGauge],
      exports: [RemindersHealth],
    };
  }
}
