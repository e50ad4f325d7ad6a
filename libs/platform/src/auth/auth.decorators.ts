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

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The person the AuthGuard authenticated. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (actor === undefined) throw new UnauthorizedError('AUTH.MISSING_TOKEN', 'a bearer token is required');
  return actor;
});
