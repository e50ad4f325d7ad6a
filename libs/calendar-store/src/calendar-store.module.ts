import { Global, Module } from '@nestjs/common';
import { WORKING_CALENDAR } from './working-calendar.token';
import { WorkingCalendarService } from './working-calendar.service';

/**
 * The live working-day calendar for the whole app (api and worker): WORKING_CALENDAR is what the
 * decider, the deadline policy and the projections count with. Needs PlatformModule and EventStoreModule.
 */
@Global()
@Module({
  providers: [
    WorkingCalendarService,
    {
      provide: WORKING_CALENDAR,
      inject: [WorkingCalendarService],
      useFactory: (service: WorkingCalendarService) => service.live,
    },
  ],
  exports: [WorkingCalendarService, WORKING_CALENDAR],
})
export class CalendarStoreModule {}
