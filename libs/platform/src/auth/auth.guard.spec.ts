import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/platform.errors';
import { type AuthenticatedRequest, Public, Roles, RolesByParam } from './auth.decorators';
import { AuthGuard, bearerToken } from './auth.guard';
import { JwtVerifier } from './jwt-verifier';
import { signLocalToken } from './local-token';

const secret = 'guard-test-secret-guard-test-secret';

class CasesController {
  @Roles('handler')
  open(): void {}

  read(): void {}

  @Public()
  health(): void {}

  @Roles('handler', 'auditor')
  @RolesByParam('check', { dossier: ['handler'], petitions: ['handler', 'auditor'] })
  check(): void {}
}

@Roles('admin')
class AdminController {
  rebuild(): void {}

  @Roles('admin', 'auditor')
  verify(): void {}
}

function contextFor(
  controller: { prototype: object },
  handler: string,
  request: AuthenticatedRequest,
): ExecutionContext {
  const handlerFn = (controller.prototype as Record<string, () => void>)[handler];
  return {
    getType: () => 'http',
    getHandler: () => handlerFn,
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector(), new JwtVerifier({ jwtSecret: secret }));
  const bearer = async (
    role: 'handler' | 'auditor' | 'admin',
    params?: Record<string, string>,
  ): Promise<AuthenticatedRequest> => ({
    params,
    headers: {
      authorization: `Bearer ${await signLocalToken(secret, { sub: 'u1', name: '张三', role, orgUnit: '市委组织部' })}`,
    },
  });

  it('sets request.actor from a valid token', async () => {
    const request = await bearer('handler');
    await expect(guard.canActivate(contextFor(CasesController, 'open', request))).resolves.toBe(true);
    expect(request.actor).toEqual({ id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' });
  });

  it('narrows @Roles by a path parameter, naming the roles allowed for that value', async () => {
    const refused = guard.canActivate(
      contextFor(CasesController, 'check', await bearer('auditor', { check: 'dossier' })),
    );
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({ details: { role: 'auditor', allowed: ['handler'] } });
    await expect(
      guard.canActivate(
        contextFor(CasesController, 'check', await bearer('auditor', { check: 'petitions' })),
      ),
    ).resolves.toBe(true);
    // A value the table does not list keeps the route's @Roles (its pipe refuses the value later).
    await expect(
      guard.canActivate(contextFor(CasesController, 'check', await bearer('auditor', { check: 'other' }))),
    ).resolves.toBe(true);
    await expect(
      guard.canActivate(contextFor(CasesController, 'check', await bearer('admin', { check: 'other' }))),
    ).rejects.toMatchObject({ details: { allowed: ['handler', 'auditor'] } });
  });

  it('lets any authenticated role through a route without @Roles', async () => {
    await expect(
      guard.canActivate(contextFor(CasesController, 'read', await bearer('auditor'))),
    ).resolves.toBe(true);
  });

  it('refuses a role that @Roles does not list with AUTH.ROLE_NOT_ALLOWED', async () => {
    const err = await guard
      .canActivate(contextFor(CasesController, 'open', await bearer('auditor')))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toMatchObject({ code: 'AUTH.ROLE_NOT_ALLOWED', category: 'forbidden' });
  });

  it('lets a method-level @Roles override the class-level one', async () => {
    await expect(
      guard.canActivate(contextFor(AdminController, 'verify', await bearer('auditor'))),
    ).resolves.toBe(true);
    await expect(
      guard.canActivate(contextFor(AdminController, 'rebuild', await bearer('auditor'))),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a request without a token', async () => {
    await expect(
      guard.canActivate(contextFor(CasesController, 'read', { headers: {} })),
    ).rejects.toMatchObject({
      code: 'AUTH.MISSING_TOKEN',
    });
  });

  it('skips @Public() routes', async () => {
    const request: AuthenticatedRequest = { headers: {} };
    await expect(guard.canActivate(contextFor(CasesController, 'health', request))).resolves.toBe(true);
    expect(request.actor).toBeUndefined();
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header, any case of the scheme', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it.each(['Basic dTE6cHc=', 'Bearer', 'Bearer a b', 'abc'])('refuses %p', (header) => {
    expect(() => bearerToken(header)).toThrow(UnauthorizedError);
  });
});
