import type { Provider } from '@nestjs/common';
import { AppointmentDecider, createAppointmentDecider } from '@app/appointment';
import type { WorkingCalendar } from '@app/appointment/appointment.config';
import { loadWorkingCalendar } from '@app/calendar';
import { WORKING_CALENDAR } from '@app/calendar-store';
import { APP_CONFIG, AppConfig } from '@app/platform';

export const APPOINTMENT_DECIDER = Symbol('APPOINTMENT_DECIDER');
export type { AppointmentDecider };

/** One decider for the process: the live calendar takes a newly loaded year without a restart (DOMAIN.md §9). */
export const appointmentDeciderProvider: Provider = {
  provide: APPOINTMENT_DECIDER,
  inject: [APP_CONFIG, { token: WORKING_CALENDAR, optional: true }],
  useFactory: (config: AppConfig, live?: WorkingCalendar): AppointmentDecider =>
    createAppointmentDecider({ calendar: live ?? loadWorkingCalendar(config), rules: config.rules }),
};
