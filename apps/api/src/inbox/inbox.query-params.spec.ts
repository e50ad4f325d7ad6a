import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ProblemDetails, toProblemResponse, validationExceptionFactory } from '@app/platform';
import { InboxQueryParams } from './inbox.query-params';

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
  validationError: { target: true },
});
const asQuery: ArgumentMetadata = { type: 'query', metatype: InboxQueryParams };

async function refusal(query: Record<string, string>, lang = 'zh'): Promise<ProblemDetails> {
  try {
    await pipe.transform(query, asQuery);
  } catch (error) {
    return toProblemResponse(error, { headers: { 'accept-language': lang } }).problem;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('GET /inbox query parameters', () => {
  it('accepts unread=true|false and a decimal limit', async () => {
    await expect(pipe.transform({ unread: 'true', limit: '10' }, asQuery)).resolves.toEqual({
      unread: 'true',
      limit: 10,
    });
  });

  it('names the allowed values of unread', async () => {
    expect((await refusal({ unread: 'yes' })).errors).toEqual([
      { field: 'unread', label: '是否只看未读', messages: ['须为 true（是）或 false（否）'] },
    ]);
    expect((await refusal({ unread: 'yes' }, 'en')).errors?.[0].messages).toEqual(['must be true or false']);
  });

  it.each(['0x10', '+5', ' 5', '5.0'])(
    'refuses limit=%j instead of reading a number into it',
    async (limit) => {
      const problem = await refusal({ limit });
      expect(problem.errors).toMatchObject([{ field: 'limit', label: '每页条数' }]);
      expect(problem.errors?.[0].messages).toContain('须为整数');
    },
  );
});
