import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { queryRefusal, readQuery } from '../testing/query-validation';
import { isAcceptedText, isBlankText, IsNotBlank } from './accepted-text';

class Named {
  @IsString()
  @IsNotEmpty()
  @IsNotBlank()
  name!: string;

  @IsOptional()
  @IsString({ each: true })
  @IsNotBlank({ each: true })
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
      { field: 'name', messages: ['不能只有空格'] },
    ]);
    expect((await queryRefusal(Named, { name: '\u3000' }, 'en')).errors).toMatchObject([
      { field: 'name', messages: ['must not be only white space'] },
    ]);
  });

  it('leaves an empty name to IsNotEmpty alone', async () => {
    expect((await queryRefusal(Named, { name: '' })).errors).toMatchObject([
      { field: 'name', messages: ['不能为空'] },
    ]);
  });

  it('checks each item of a list', async () => {
    expect((await queryRefusal(Named, { name: '张三', ids: ['p-1', ' '] })).errors).toMatchObject([
      { field: 'ids', messages: ['不能只有空格'] },
    ]);
  });

  it('accepts a name with spaces around it as it is', async () => {
    await expect(readQuery(Named, { name: ' 张三 ' })).resolves.toEqual({ name: ' 张三 ' });
  });
});
