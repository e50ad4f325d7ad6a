/** The domain's own fold, shared by every projection that keeps a case's state. */
import type { AppointmentEvent, StoredEventLike } from '@app/appointment/appointment.events';
import { evolveAppointment } from '@app/appointment/appointment.evolve';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { initialAppointmentState } from '@app/appointment/appointment.state';
import { caseIdFromStream } from '@app/appointment/appointment.streams';

export function evolveCase(
  state: AppointmentState | null,
  event: AppointmentEvent | StoredEventLike,
): AppointmentState {
  return evolveAppointment(state ?? initialAppointmentState(), event);
}

export function foldCase(events: ReadonlyArray<AppointmentEvent | StoredEventLike>): AppointmentState {
  return events.reduce<AppointmentState>(
    (state, event) => evolveAppointment(state, event),
    initialAppointmentState(),
  );
}

export function caseIdOf(streamId: string): string | null {
  return caseIdFromStream(streamId);
}
