import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { type FieldError, fieldError, RequestValidationError } from '../errors/platform.errors';

/** Enough to name every stray parameter of a real request without echoing a flood back. */
const MAX_REPORTED = 20;

/**
 * The query parameters a handler reads: `'validated'` when it takes the whole query as a DTO
 * (the ValidationPipe refuses what the DTO does not declare), `'unknown'` when it takes the raw
 * request, else the names of its `@Query('name')` parameters (none for most routes).
 */
type DeclaredQuery = 'validated' | 'unknown' | ReadonlySet<string>;

interface RouteArgument {
  data?: unknown;
}

export function declaredQuery(controller: object, method: string): DeclaredQuery {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const names = new Set<string>();
  for (const [key, { data }] of Object.entries(args)) {
    const type = key.split(':')[0];
    if (type === String(RouteParamtypes.REQUEST)) return 'unknown';
    if (type !== String(RouteParamtypes.QUERY)) continue;
    if (typeof data !== 'string') return 'validated';
    names.add(data);
  }
  return names;
}

/**
 * Global interceptor (after the guards, before the pipes): a query parameter the route does not
 * read is refused with 400 naming it, as the ValidationPipe refuses one a query DTO does not
 * declare — so `GET /cases/:id/history?limit=1` is not answered as if the limit applied.
 */
@Injectable()
export class DeclaredQueryInterceptor implements NestInterceptor {
  private readonly declared = new WeakMap<object, Map<string, DeclaredQuery>>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const query = context.switchToHttp().getRequest<{ query?: unknown }>().query;
    if (typeof query !== 'object' || query === null) return next.handle();
    const keys = Object.keys(query);
    if (keys.length === 0) return next.handle();
    const declared = this.declaredFor(context.getClass(), context.getHandler().name);
    if (declared === 'validated' || declared === 'unknown') return next.handle();
    const errors: FieldError[] = keys
      .filter((key) => !declared.has(key))
      .slice(0, MAX_REPORTED)
      .map((key) => fieldError(key, 'whitelistValidation'));
    if (errors.length > 0) throw new RequestValidationError(errors);
    return next.handle();
  }

  private declaredFor(controller: object, method: string): DeclaredQuery {
    let methods = this.declared.get(controller);
    if (methods === undefined) {
      methods = new Map();
      this.declared.set(controller, methods);
    }
    let declared = methods.get(method);
    if (declared === undefined) {
      declared = declaredQuery(controller, method);
      methods.set(method, declared);
    }
    return declared;
  }
}
