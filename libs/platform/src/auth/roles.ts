import type { Role } from '@app/appointment/appointment.commands';

/** DOMAIN.md §5: the roles a person can hold. `system` is the service itself and never comes in a token. */
export type UserRole = Exclude<Role, 'system'>;

export const USER_ROLES: readonly UserRole[] = [
  'handler',
  'inspector',
  'unit-secretary',
  'discipline-secretary',
  'committee-secretary',
  'supervisor',
  'auditor',
  'admin',
];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}
