import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { queryRefusal, readQuery } from '../testing/query-validation';
import { isAcceptedText, isBlankText, IsNotBlank, isPlainId, IsPlainId } from './accepted-text';

class Named {
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  name!: string;

  @IsOptional()
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @IsPlainId({ each: true })
  ids?: string[];
}

describe('accepted text', () => {
  it('refuses control characters and lone surrogates, keeps tabs and line breaks', () => {
    expect(isAcceptedText('张三\t\n')).toBe(true);
    expect(isAcceptedText('a\u0000b')).toBe(false);
    expect(isAcceptedText('\ud800')).toBe(false);
  });

  it('takes spaces, tabs, line breaks and full-width spaces alone for blank, and nothing else', () => {
    for (const blank of [' ', '   ', '\t', '\n \r\n', '\u3000', '\u00a0'])
      expect(isBlankText(blank)).toBe(true);
    for (const text of ['', '张三', ' 张三 ', '0', 7, null, undefined]) expect(isBlankText(text)).toBe(false);
  });
});

describe('IsNotBlank', () => {
  it('refuses a blank name in Chinese and in English', async () => {
    expect((await queryRefusal(Named, { name: '  ' })).errors).toMatchObject([
      { field: 'name', messages: ['不能只有空格或不可见的字符'] },
    ]);
    expect((await queryRefusal(Named, { name: '\u3000' }, 'en')).errors).toMatchObject([
      { field: 'name', messages: ['must not be only white space or invisible characters'] },
    ]);
  });

  it('leaves an empty name to IsNotEmpty alone', async () => {
    expect((await queryRefusal(Named, { name: '' })).errors).toMatchObject([
      { field: 'name', messages: ['不能为空'] },
    ]);
  });

  it('checks each item of a list', async () => {
    expect((await queryRefusal(Named, { name: '张三', ids: ['p-1', ' '] })).errors).toMatchObject([
      { field: 'ids', messages: ['不能只有空格或不可见的字符'] },
    ]);
  });

  it('accepts a name with spaces around it as it is', async () => {
    await expect(readQuery(Named, { name: ' 张三 ' })).resolves.toEqual({ name: ' 张三 ' });
  });
});

describe('plain ids', () => {
  it('refuses an id that only looks like another: spaces at the ends, invisible or full-width characters', () => {
    for (const id of [
      'rec-1 ',
      ' rec-1',
      'rec-1\u200b',
      're\u200dc-1',
      'rec-1\u00a0',
      'rec\uff0d1',
      'ＲＥＣ-1',
      'rec-1\u3164',
    ])
      expect([id, isPlainId(id)]).toEqual([id, false]);
  });

  it('accepts ids as people write them, Chinese and inner spaces included', () => {
    for (const id of ['rec-1', 'P-2001', '张三-01', '11010519491231002X', 'a b'])
      expect([id, isPlainId(id)]).toEqual([id, true]);
  });

  it('names the field with one message, and leaves a blank id to IsNotBlank', async () => {
    expect((await queryRefusal(Named, { name: '张三', ids: ['rec-1', 'rec-1\u200b'] })).errors).toMatchObject(
      [{ field: 'ids', messages: ['编号首尾不能有空格，不能含不可见的字符或全角字符'] }],
    );
    expect((await queryRefusal(Named, { name: '张三', ids: [' '] })).errors).toMatchObject([
      { field: 'ids', messages: ['不能只有空格或不可见的字符'] },
    ]);
  });
});
