import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import type { Actor } from '@app/appointment/appointment.commands';
import { ReadAuditService } from './read-audit.service';

/** The auditor reads that are logged: GET /cases/:id and its history, state, verify, record, timeline and archive. */
const AUDITED_ROUTE = /^\/cases\/:id(?:\/(history|state|verify|record|timeline|archive))?$/;

interface AuditedRequest {
  method: string;
  originalUrl?: string;
  url: string;
  route?: { path?: string };
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  actor?: Actor;
}

/**
 * Registered globally by ReadModelsModule (APP_INTERCEPTOR): it applies to the auditor endpoints of
 * apps/api/src/cases as well, without touching their controllers.
 */
@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(ReadAuditInterceptor.name);

  constructor(private readonly audit: ReadAuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const match = request.method === 'GET' ? AUDITED_ROUTE.exec(request.route?.path ?? '') : null;
    const actor = request.actor;
    if (!match || actor?.role !== 'auditor') return next.handle();
    const write = (outcome: number): Promise<void> =>
      this.audit
        .record({
          actor,
          caseId: request.params?.id ?? null,
          resource: match[1] ?? 'case',
          path: (request.originalUrl ?? request.url).split('?')[0],
          query: request.query ?? {},
          outcome,
        })
        .catch((err: Error) => this.logger.error(`could not record an auditor read: ${err.message}`));
    return next.handle().pipe(
      mergeMap((body) => from(write(200).then(() => body))),
      catchError((err: unknown) => {
        const status = typeof (err as { category?: unknown }).category === 'string' ? statusOf(err) : 500;
        return from(write(status)).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }
}

function statusOf(err: unknown): number {
  switch ((err as { category: string }).category) {
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'validation':
      return 400;
    default:
      return 500;
  }
}
