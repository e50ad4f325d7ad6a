import { Body, Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { lastValueFrom, of } from 'rxjs';
import { toProblemResponse } from '../errors/problem-details';
import { RequestValidationError } from '../errors/platform.errors';
import { declaredQuery, DeclaredQueryInterceptor } from './declared-query.interceptor';

class ListParams {
  limit?: string;
}

@Controller('things')
class ThingsController {
  @Get()
  list(@Query() _query: ListParams): string {
    return 'list';
  }

  @Get(':id/history')
  history(@Param('id') _id: string): string {
    return 'history';
  }

  @Get(':id/page')
  page(@Param('id') _id: string, @Query('page') _page?: string): string {
    return 'page';
  }

  @Get(':id/raw')
  raw(@Req() _request: unknown): string {
    return 'raw';
  }

  @Get(':id/body')
  body(@Body() _body: unknown): string {
    return 'body';
  }
}

const interceptor = new DeclaredQueryInterceptor();

/** The handler's name when the interceptor lets the request through; a rejection when it refuses. */
async function call(method: keyof ThingsController, query: unknown): Promise<unknown> {
  const handler = ThingsController.prototype[method] as () => string;
  const context = new ExecutionContextHost([{ query }, {}, undefined], ThingsController, handler);
  return lastValueFrom(interceptor.intercept(context, { handle: () => of(method) }));
}

describe('the query parameters a route reads', () => {
  it('reads them from the handler: a DTO, named parameters, none, or the raw request', () => {
    expect(declaredQuery(ThingsController, 'list')).toBe('validated');
    expect(declaredQuery(ThingsController, 'history')).toEqual(new Set());
    expect(declaredQuery(ThingsController, 'body')).toEqual(new Set());
    expect(declaredQuery(ThingsController, 'page')).toEqual(new Set(['page']));
    expect(declaredQuery(ThingsController, 'raw')).toBe('unknown');
  });
});

describe('a query parameter the route does not read is refused', () => {
  it('lets a request without query parameters through', async () => {
    await expect(call('history', {})).resolves.toBe('history');
    await expect(call('page', { page: '2' })).resolves.toBe('page');
  });

  it('leaves a query DTO to the ValidationPipe and the raw request to its handler', async () => {
    await expect(call('list', { limit: '1', other: 'x' })).resolves.toBe('list');
    await expect(call('raw', { anything: 'x' })).resolves.toBe('raw');
  });

  it('refuses every other parameter with 400 naming it, as the ValidationPipe does', async () => {
    const refused = (await call('history', { limit: '1', asOf: 'garbage' }).catch(
      (e: unknown) => e,
    )) as unknown;
    expect(refused).toBeInstanceOf(RequestValidationError);
    const { problem } = toProblemResponse(refused, { url: '/things/1/history?limit=1', headers: {} });
    expect(problem).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
    expect(problem.errors).toEqual([
      { field: 'limit', label: '每页条数', messages: ['本接口不接受这个字段'] },
      { field: 'asOf', label: expect.any(String), messages: ['本接口不接受这个字段'] },
    ]);
    await expect(call('page', { page: '2', size: '9' })).rejects.toMatchObject({
      errors: [{ field: 'size' }],
    });
    await expect(call('body', { x: '1' })).rejects.toBeInstanceOf(RequestValidationError);
  });

  it('names at most twenty of a flood of parameters', async () => {
    const flood = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, '1']));
    const refused = (await call('history', flood).catch((e: unknown) => e)) as RequestValidationError;
    expect(refused.errors).toHaveLength(20);
  });
});
