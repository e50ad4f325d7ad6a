import { queryRefusal, readQuery } from '@app/platform/testing/query-validation';
import { InboxQueryParams } from './inbox.query-params';

const refusal = (query: Record<string, string>, lang = 'zh') => queryRefusal(InboxQueryParams, query, lang);

describe('GET /inbox query parameters', () => {
  it('accepts unread=true|false and a decimal limit', async () => {
    await expect(readQuery(InboxQueryParams, { unread: 'true', limit: '10' })).resolves.toEqual({
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
