import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/platform.errors';
import {
  type AuthenticatedRequest,
  IS_PUBLIC_KEY,
  ROLES_BY_PARAM_KEY,
  ROLES_KEY,
  type RolesByParam,
} from './auth.decorators';
import { JwtVerifier } from './jwt-verifier';
import type { UserRole } from './roles';

/** Every HTTP route needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.actor ??= await this.verifier.verify(bearerToken(request.headers.authorization));

    const roles =
      this.rolesByParam(context, request) ??
      this.reflector.getAllAndOverride<readonly UserRole[] | undefined>(ROLES_KEY, targets);
    if (
      roles !== undefined &&
      roles.length > 0 &&
      !(roles as readonly string[]).includes(request.actor.role)
    ) {
      throw new ForbiddenError(
        'AUTH.ROLE_NOT_ALLOWED',
        `the role ${request.actor.role} may not do this; allowed: ${roles.join(', ')}`,
        { role: request.actor.role, allowed: roles },
      );
    }
    return true;
  }

  /** The roles for this value of the route's @RolesByParam parameter, if it has one and the value is listed. */
  private rolesByParam(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): readonly UserRole[] | undefined {
    const byParam = this.reflector.get<RolesByParam | undefined>(ROLES_BY_PARAM_KEY, context.getHandler());
    const value = byParam === undefined ? undefined : request.params?.[byParam.param];
    return byParam !== undefined && value !== undefined && Object.hasOwn(byParam.roles, value)
      ? byParam.roles[value]
      : undefined;
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match)
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'the Authorization header must be "Bearer <token>"');
  return match[1];
}
