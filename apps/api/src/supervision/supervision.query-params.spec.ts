import { queryRefusal as refusal, readQuery } from '@app/platform/testing/query-validation';
import { AnnualReportParams, FindingsParams } from './supervision.query-params';

describe('GET /supervision/findings and /reports/annual query parameters', () => {
  it('reads decimal integers', async () => {
    await expect(readQuery(FindingsParams, { limit: '16', open: 'true' })).resolves.toEqual({
      limit: 16,
      open: 'true',
    });
    await expect(readQuery(AnnualReportParams, { year: '2025' })).resolves.toEqual({
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
