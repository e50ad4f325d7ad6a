import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { queryRefusal, readQuery } from '../testing/query-validation';
import { DecimalInteger, decimalInteger, QueryBoolean } from './query-values';

class PageParams {
  @IsOptional()
  @QueryBoolean()
  unread?: 'true' | 'false';

  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const refusal = (query: Record<string, unknown>, lang = 'zh') => queryRefusal(PageParams, query, lang);

describe('integer query values', () => {
  it('reads plain decimal digits as a number and leaves anything else as text', () => {
    expect(decimalInteger('16')).toBe(16);
    expect(decimalInteger('-5')).toBe(-5);
    for (const text of ['0x10', '+5', ' 5', '5 ', '5.0', '1e1', '0b1', '', '５'])
      expect(decimalInteger(text)).toBe(text);
    expect(decimalInteger(['1', '2'])).toEqual(['1', '2']);
  });

  it('accepts a decimal limit', async () => {
    await expect(readQuery(PageParams, { limit: '16' })).resolves.toEqual({ limit: 16 });
  });

  it.each(['0x10', '+5', ' 5', '5.0', '1e1', 'abc'])('refuses limit=%j as not an integer', async (limit) => {
    const problem = await refusal({ limit });
    expect(problem).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
    expect(problem.errors).toMatchObject([{ field: 'limit', label: '每页条数' }]);
    // Only what is true of it: not also 不能大于 100 and 不能小于 1.
    expect(problem.errors?.[0].messages).toEqual(['须为整数']);
  });

  it('still tells a negative or huge limit its bounds', async () => {
    expect((await refusal({ limit: '-5' })).errors?.[0].messages).toEqual(['不能小于 1']);
    expect((await refusal({ limit: '99999999999999999999' })).errors?.[0].messages).toEqual(['不能大于 100']);
  });
});

describe('yes/no query values', () => {
  it('accepts true and false', async () => {
    await expect(readQuery(PageParams, { unread: 'false' })).resolves.toEqual({ unread: 'false' });
  });

  it('names both allowed values when refusing another, in Chinese and in English', async () => {
    expect((await refusal({ unread: 'yes' })).errors).toEqual([
      { field: 'unread', label: '是否只看未读', messages: ['须为 true（是）或 false（否）'] },
    ]);
    expect((await refusal({ unread: 'TRUE' }, 'en')).errors).toEqual([
      { field: 'unread', label: '是否只看未读', messages: ['must be true or false'] },
    ]);
  });
});
