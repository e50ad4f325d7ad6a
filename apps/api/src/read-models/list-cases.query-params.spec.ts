import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ProblemDetails, toProblemResponse, validationExceptionFactory } from '@app/platform';
import { ListCasesParams } from './list-cases.query-params';

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
  validationError: { target: true },
});
const asQuery: ArgumentMetadata = { type: 'query', metatype: ListCasesParams };

async function refusal(query: Record<string, string>): Promise<ProblemDetails> {
  try {
    await pipe.transform(query, asQuery);
  } catch (error) {
    return toProblemResponse(error, { headers: {} }).problem;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('GET /cases query parameters', () => {
  it('reads a decimal limit and overdue=true|false', async () => {
    await expect(pipe.transform({ limit: '16', overdue: 'false' }, asQuery)).resolves.toEqual({
      limit: 16,
      overdue: 'false',
    });
  });

  it.each(['0x10', '+5', ' 5', '5.0', '1e1'])('refuses limit=%j', async (limit) => {
    const problem = await refusal({ limit });
    expect(problem.errors).toMatchObject([{ field: 'limit' }]);
    expect(problem.errors?.[0].messages).toContain('须为整数');
  });

  it('names the allowed values of overdue', async () => {
    expect((await refusal({ overdue: 'yes' })).errors).toEqual([
      { field: 'overdue', label: '是否逾期', messages: ['须为 true（是）或 false（否）'] },
    ]);
  });
});
