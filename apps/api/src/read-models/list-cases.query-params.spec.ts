import { queryRefusal, readQuery } from '@app/platform/testing/query-validation';
import { ListCasesParams, TimelineParams } from './list-cases.query-params';

const refusal = (query: Record<string, string>) => queryRefusal(ListCasesParams, query);

describe('GET /cases query parameters', () => {
  it('reads a decimal limit and overdue=true|false', async () => {
    await expect(readQuery(ListCasesParams, { limit: '16', overdue: 'false' })).resolves.toEqual({
      limit: 16,
      overdue: 'false',
    });
  });

  it.each(['0x10', '+5', ' 5', '5.0', '1e1'])('refuses limit=%j', async (limit) => {
    const problem = await refusal({ limit });
    expect(problem.errors).toMatchObject([{ field: 'limit' }]);
    expect(problem.errors?.[0].messages).toContain('须为整数');
  });

  it.each([
    ['', '不能为空'],
    ['  ', '不能只有空格或不可见的字符'],
  ])('refuses orgUnit=%j by name', async (orgUnit, message) => {
    expect((await refusal({ orgUnit })).errors).toEqual([
      { field: 'orgUnit', label: expect.any(String), messages: [message] },
    ]);
  });

  it('names the allowed values of overdue', async () => {
    expect((await refusal({ overdue: 'yes' })).errors).toEqual([
      { field: 'overdue', label: '是否逾期', messages: ['须为 true（是）或 false（否）'] },
    ]);
  });

  it.each(['', ' ', 'abc', '　'])(
    'refuses candidateId=%j on the timeline as not a candidate id',
    async (candidateId) => {
      expect((await queryRefusal(TimelineParams, { candidateId })).errors).toEqual([
        { field: 'candidateId', label: expect.any(String), messages: ['须为 UUID 格式的编号'] },
      ]);
    },
  );
});
