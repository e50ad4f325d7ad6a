import type { Type } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { lastValueFrom, of } from 'rxjs';
import { DeclaredQueryInterceptor, RequestValidationError, toProblemResponse } from '@app/platform';
import { ReadModelsController } from '../../read-models/read-models.controller';
import { GetCaseController } from './get-case/get-case.controller';
import { GetCaseHistoryController } from './get-case-history/get-case-history.controller';
import { GetCaseStateController } from './get-case-state/get-case-state.controller';
import { VerifyCaseController } from './verify-case/verify-case.controller';

const interceptor = new DeclaredQueryInterceptor();

/** 'served' when the interceptor lets the request through to the pipes and the handler. */
async function read(controller: Type, method: string, query: Record<string, string>): Promise<unknown> {
  const handler = (controller.prototype as Record<string, () => unknown>)[method];
  const context = new ExecutionContextHost([{ query }, {}, undefined], controller, handler);
  return lastValueFrom(interceptor.intercept(context, { handle: () => of('served') }));
}

describe('the case reads refuse query parameters they do not document (API.md)', () => {
  it.each([
    { route: 'history', controller: GetCaseHistoryController, method: 'getCaseHistory', param: 'limit' },
    { route: 'verify', controller: VerifyCaseController, method: 'verifyCase', param: 'revision' },
    { route: 'record', controller: ReadModelsController, method: 'record', param: 'asOf' },
    { route: 'the case', controller: GetCaseController, method: 'getCase', param: 'x' },
  ])('$route refuses ?$param= with 400 naming it', async ({ controller, method, param }) => {
    const refused = await read(controller, method, { [param]: 'garbage' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RequestValidationError);
    const { problem } = toProblemResponse(refused, { headers: {} });
    expect(problem).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
    expect(problem.errors).toMatchObject([{ field: param, messages: ['本接口不接受这个字段'] }]);
  });

  it('serves them without query parameters', async () => {
    await expect(read(GetCaseHistoryController, 'getCaseHistory', {})).resolves.toBe('served');
    await expect(read(VerifyCaseController, 'verifyCase', {})).resolves.toBe('served');
    await expect(read(ReadModelsController, 'record', {})).resolves.toBe('served');
  });

  it('leaves the documented parameters of state and timeline to their query DTOs', async () => {
    await expect(read(GetCaseStateController, 'getCaseState', { revision: '3' })).resolves.toBe('served');
    await expect(read(ReadModelsController, 'timeline', { candidateId: 'c' })).resolves.toBe('served');
  });
});
