import { AppointmentCommandType, COMMAND_ROLES } from '@app/appointment';
import { isUserRole, UserRole } from '@app/platform';

/** The coarse route check uses the domain's own table, so the two can never disagree. */
export const rolesFor = (command: AppointmentCommandType): UserRole[] =>
  COMMAND_ROLES[command].filter(isUserRole);
