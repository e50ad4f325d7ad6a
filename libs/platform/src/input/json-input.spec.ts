import { isAcceptedText } from './accepted-text';
import { inspectJsonInput, MAX_JSON_DEPTH } from './json-input';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('the text the service accepts', () => {
  it('refuses NUL, other control characters and lone surrogates', () => {
    expect(isAcceptedText('张三\t第一行\r\n第二行 😀')).toBe(true);
    expect(isAcceptedText('a\u0000b')).toBe(false);
    expect(isAcceptedText('\u001b[31m')).toBe(false);
    expect(isAcceptedText('\u007f')).toBe(false);
    expect(isAcceptedText('\u0085')).toBe(false);
    expect(isAcceptedText('\ud800')).toBe(false);
    expect(isAcceptedText('x\udc00')).toBe(false);
    expect(isAcceptedText('\ud83d\ude00')).toBe(true);
  });
});

describe('inspecting parsed JSON before validation', () => {
  it('accepts an ordinary body', () => {
    expect(
      inspectJsonInput({
        post: { title: '副局长', level: '处级' },
        votes: [{ ballots: [{ vote: 'agree' }] }],
      }),
    ).toEqual([]);
  });

  it('names every field holding refused text, with the path the validation errors use', () => {
    expect(
      inspectJsonInput({ post: { title: 'a\u0000' }, votes: [{ ballots: [{ memberId: '\ud800' }] }] }),
    ).toMatchObject([
      { field: 'post.title', problems: [{ reason: 'refused-text' }] },
      { field: 'votes[0].ballots[0].memberId', problems: [{ reason: 'refused-text' }] },
    ]);
  });

  it('refuses prototype keys anywhere like unknown fields, and keys with refused text', () => {
    const body = JSON.parse(
      '{"post":{"__proto__":{"x":1},"constructor":1},"prototype":2,"a\\u0000":3}',
    ) as unknown;
    expect(inspectJsonInput(body).map((e) => e.field)).toEqual([
      'prototype',
      'a\\u0000',
      'post.__proto__',
      'post.constructor',
    ]);
  });

  it('refuses nesting deeper than the limit without using the call stack, in known and unknown fields', () => {
    expect(inspectJsonInput({ post: nested(MAX_JSON_DEPTH - 2) })).toEqual([]);
    const deep = inspectJsonInput({ unknown: nested(100_000) });
    expect(deep).toHaveLength(1);
    expect(deep[0].field).toBe(`unknown${'.a'.repeat(MAX_JSON_DEPTH - 1)}`);
    expect(deep[0].problems).toEqual([{ reason: 'too-deep', params: { max: MAX_JSON_DEPTH } }]);
    let arrays: unknown = [];
    for (let i = 0; i < 10_000; i++) arrays = [arrays];
    expect(inspectJsonInput({ votes: arrays })[0].field).toMatch(/^votes(\[0\])+$/);
  });

  it('refuses non-finite numbers (1e400 parses to Infinity)', () => {
    expect(inspectJsonInput(JSON.parse('{"seats":1e400}'))).toMatchObject([
      { field: 'seats', problems: [{ reason: 'number-out-of-range' }] },
    ]);
  });

  it('names a refused top-level value as the body, and reports at most twenty fields', () => {
    expect(inspectJsonInput('\u0000')[0].field).toBe('body');
    expect(inspectJsonInput(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
