import { Module } from '@nestjs/common';
import { AdminCalendarController } from './admin-calendar.controller';

/** GET /admin/calendar, PUT /admin/calendar/:year; the calendar itself is CalendarStoreModule's (global). */
@Module({ controllers: [AdminCalendarController] })
export class CalendarModule {}
