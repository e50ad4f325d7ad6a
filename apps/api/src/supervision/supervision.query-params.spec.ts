import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ProblemDetails, toProblemResponse, validationExceptionFactory } from '@app/platform';
import { AnnualReportParams, FindingsParams } from './supervision.query-params';

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
  validationError: { target: true },
});
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

async function refusal(metatype: ArgumentMetadata['metatype'], value: object): Promise<ProblemDetails> {
  try {
    await pipe.transform(value, query(metatype));
  } catch (error) {
    return toProblemResponse(error, { headers: {} }).problem;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('GET /supervision/findings and /reports/annual query parameters', () => {
  it('reads decimal integers', async () => {
    await expect(pipe.transform({ limit: '16', open: 'true' }, query(FindingsParams))).resolves.toEqual({
      limit: 16,
      open: 'true',
    });
    await expect(pipe.transform({ year: '2025' }, query(AnnualReportParams))).resolves.toEqual({
      year: 2025,
    });
  });

  it.each(['0x10', '+5', ' 5', '5.0'])('refuses limit=%j', async (limit) => {
    const problem = await refusal(FindingsParams, { limit });
    expect(problem.errors).toMatchObject([{ field: 'limit' }]);
    expect(problem.errors?.[0].messages).toContain('须为整数');
  });

  it.each(['0x7E9', '+2025', ' 2025', '2025.0', '2.025e3'])('refuses year=%j', async (year) => {
    const problem = await refusal(AnnualReportParams, { year });
    expect(problem.errors).toMatchObject([{ field: 'year', label: '年度' }]);
    expect(problem.errors?.[0].messages).toContain('须为整数');
  });

  it('names the allowed values of open', async () => {
    expect((await refusal(FindingsParams, { open: 'yes' })).errors).toEqual([
      { field: 'open', label: '是否未结', messages: ['须为 true（是）或 false（否）'] },
    ]);
  });
});
