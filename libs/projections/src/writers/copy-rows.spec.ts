import { copyField, copyRow } from './copy-rows';

describe('COPY text rows', () => {
  it('passes plain text, Chinese and quotes through unchanged', () => {
    expect(copyField('任前公示：张三（2025-03-20至2025-03-26）')).toBe(
      '任前公示：张三（2025-03-20至2025-03-26）',
    );
    expect(copyField('{"title":"他说\'好\'"}')).toBe('{"title":"他说\'好\'"}');
    expect(copyField(42)).toBe('42');
  });

  it('escapes backslashes, tabs, newlines and carriage returns with a backslash', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    // A field that reads as NULL or as the end of the data is written as text, not as the marker.
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('\\.')).toBe('\\\\.');
    expect(copyField(JSON.stringify({ grounds: '第一行\n第二行 "引号" \\' }))).toBe(
      '{"grounds":"第一行\\\\n第二行 \\\\"引号\\\\" \\\\\\\\"}',
    );
  });

  it('joins fields with tabs and ends the row with a newline', () => {
    expect(copyRow(['c-1', 0, '提名\t张三'])).toBe('c-1\t0\t提名\\t张三\n');
  });
});
