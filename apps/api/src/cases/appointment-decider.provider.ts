import type { Provider } from '@nestjs/common';
import { AppointmentDecider, createAppointmentDecider } from '@app/appointment';
import { loadWorkingCalendar } from '@app/calendar';
import { APP_CONFIG, AppConfig } from '@app/platform';

export const APPOINTMENT_DECIDER = Symbol('APPOINTMENT_DECIDER');
export type { AppointmentDecider };

/** One decider for the process: the calendar and the configured rules never change while it runs. */
export const appointmentDeciderProvider: Provider = {
  provide: APPOINTMENT_DECIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): AppointmentDecider =>
    createAppointmentDecider({ calendar: loadWorkingCalendar(config), rules: config.rules }),
};
