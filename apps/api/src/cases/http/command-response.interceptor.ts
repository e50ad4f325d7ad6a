import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import type { CommandOutcome, CommandResponse } from '../case-commands.service';
import type { HttpResponse } from './http.types';

/** 201 for a new answer, 200 for an idempotent replay; the case revision as ETag either way. */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor<CommandOutcome, CommandResponse> {
  intercept(context: ExecutionContext, next: CallHandler<CommandOutcome>): Observable<CommandResponse> {
    const response = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((outcome) => {
        response.status(outcome.replayed ? HttpStatus.OK : HttpStatus.CREATED);
        response.setHeader('ETag', `"${outcome.response.revision}"`);
        return outcome.response;
      }),
    );
  }
}
