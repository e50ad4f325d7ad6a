/** The open deadlines of a case: DOMAIN.md §3 evaluated on the state after each event. */
import type { AppointmentState } from '@app/appointment/appointment.state';
import type { Deadline, DeadlinePolicyDeps } from '@app/reminders/deadline-policy';
import { openDeadlines } from '@app/reminders/deadline-policy';

/** A deadline as the projection stores it: with the revision of the event that last set it. */
export interface ProjectedDeadline extends Deadline {
  revision: string;
}

export function caseDeadlines(stateAfter: AppointmentState, deps: DeadlinePolicyDeps): Deadline[] {
  return openDeadlines(stateAfter, deps);
}
