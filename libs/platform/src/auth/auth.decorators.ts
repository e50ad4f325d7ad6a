import type { Actor } from '@app/appointment/appointment.commands';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { UnauthorizedError } from '../errors/platform.errors';
import type { UserRole } from './roles';

export const IS_PUBLIC_KEY = 'platform:isPublic';
export const ROLES_KEY = 'platform:roles';

/** The route answers without a token (health, metrics, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Only these roles may call the route; the AuthGuard refuses the others with 403. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

export const ROLES_BY_PARAM_KEY = 'platform:rolesByParam';

export interface RolesByParam {
  param: string;
  roles: Readonly<Record<string, readonly UserRole[]>>;
}

/**
 * Narrows @Roles by a path parameter (`checks/:check`: who may record which check), so a refusal
 * names the roles that may do this very thing. A value not in the table keeps @Roles' list; the
 * route's pipes refuse it afterwards.
 */
export const RolesByParam = (param: string, roles: RolesByParam['roles']): MethodDecorator =>
  SetMetadata(ROLES_BY_PARAM_KEY, { param, roles } satisfies RolesByParam);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  actor?: Actor;
}

/** The person the AuthGuard authenticated. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (actor === undefined) throw new UnauthorizedError('AUTH.MISSING_TOKEN', 'a bearer token is required');
  return actor;
});
