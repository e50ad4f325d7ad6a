import { printed } from './case-record.html';

const unescape = (html: string): string =>
  html
    .replace(/<wbr>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('text on the printed record', () => {
  it('may break a run of more than 64 characters without spaces after every 8', () => {
    expect(printed('G'.repeat(70))).toBe(`${'GGGGGGGG<wbr>'.repeat(8)}GGGGGG`);
    const url = `见 https://example.org/${'a1'.repeat(60)}?x=1&y=2 原文`;
    expect(printed(url)).toContain('<wbr>');
    expect(unescape(printed(url))).toBe(url);
  });

  it('leaves words, short runs and Chinese text as they are', () => {
    expect(printed('政治坚定'.repeat(100))).toBe('政治坚定'.repeat(100));
    expect(printed('the quick brown fox jumps over the lazy dog')).toBe(
      'the quick brown fox jumps over the lazy dog',
    );
    const digest = 'f4dce810311da3aadb0ebdd256f65f7a071e42e8d639835efafe296f56091fb8';
    expect(printed(`摘要 ${digest}`)).toBe(`摘要 ${digest}`);
  });

  it('escapes inside a run without cutting an entity or a character in two', () => {
    const run = '<&>'.repeat(50);
    const html = printed(run);
    expect(html).toContain('<wbr>');
    expect(html.replace(/<wbr>/g, '')).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    expect(unescape(html)).toBe(run);
    const emoji = '😀'.repeat(70);
    const parts = printed(emoji).split('<wbr>');
    expect(parts.map((p) => Array.from(p).length)).toEqual([8, 8, 8, 8, 8, 8, 8, 8, 6]);
    expect(parts.join('')).toBe(emoji);
  });
});
