import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/platform.errors';
import { type AuthenticatedRequest, IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
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

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (roles !== undefined && roles.length > 0 && !(roles as string[]).includes(request.actor.role)) {
      throw new ForbiddenError(
        'AUTH.ROLE_NOT_ALLOWED',
        `the role ${request.actor.role} may not do this; allowed: ${roles.join(', ')}`,
        { role: request.actor.role, allowed: roles },
      );
    }
    return true;
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match)
    throw new UnauthorizedError('AUTH.INVALID_TOKEN', 'the Authorization header must be "Bearer <token>"');
  return match[1];
}
