import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, toProblemResponse } from './problem-details';

/** The minimal parts of Express's request and response the filter uses. */
interface HttpRequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: Record<string, unknown>;
}

interface HttpResponseLike {
  headersSent?: boolean;
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/** The one place where errors become HTTP answers (RFC 7807); controllers never catch. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const response = http.getResponse<HttpResponseLike>();
    const { problem, headers, internal } = toProblemResponse(exception, {
      url: request.originalUrl ?? request.url,
      method: request.method,
      headers: request.headers,
    });

    if (internal) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(
        `${request.method ?? ''} ${problem.instance ?? ''} failed: ${describeError(exception)}`,
        stack,
      );
    } else if (problem.status === 503) {
      this.logger.warn(
        `${request.method ?? ''} ${problem.instance ?? ''} unavailable: ${describeError(exception)}`,
      );
    }
    if (response.headersSent) return;

    response.status(problem.status);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.json(problem);
  }
}

function describeError(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
