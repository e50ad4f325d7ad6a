import { AppointmentCommandType, COMMAND_ROLES } from '@app/appointment';
import { CHECK_ROLES, DRAFTER_ROLES } from '@app/appointment/appointment.rules';
import { isUserRole, UserRole } from '@app/platform';

/** The coarse route check uses the domain's own table, so the two can never disagree. */
export const rolesFor = (command: AppointmentCommandType): UserRole[] =>
  COMMAND_ROLES[command].filter(isUserRole);

/** Who may record each 凡提四必 check: the route's refusal names these, not every role of RecordCheck. */
export const rolesByCheck: Record<string, UserRole[]> = Object.fromEntries(
  Object.entries(CHECK_ROLES).map(([check, roles]) => [check, roles.filter(isUserRole)]),
);

/** Who may draft each opinion: the route's refusal names these, not every role of DraftOpinion. */
export const rolesByOpinionKind: Record<string, UserRole[]> = Object.fromEntries(
  Object.entries(DRAFTER_ROLES).map(([kind, roles]) => [kind, roles.filter(isUserRole)]),
);
