import { describeResult, describeValue } from './case-record.values';

const names = new Map([['c-1', '李四']]);

describe('the words of the printed 纪实表', () => {
  it('labels fields and values in Chinese, one line per field', () => {
    expect(
      describeResult(
        {
          kind: 'meeting',
          eligible: 30,
          participants: 26,
          results: [{ personId: 'p', name: '李四', votes: 18 }],
        },
        names,
      ),
    ).toEqual(['类别：会议推荐', '应参加人数：30', '实参加人数：26', '得票：李四 18票']);
  });

  it('shows candidate ids as names and flags as 是/否', () => {
    expect(
      describeResult({ targets: ['c-1'], flags: { canvassing: false, politicalDiscipline: true } }, names),
    ).toEqual(['考察对象：李四', '资格审查：跑官拉票：否，违反政治纪律：是']);
  });

  it('leaves out empty fields and keeps what it has no label for', () => {
    expect(describeResult({ notSelected: [], documentNo: '组干〔2024〕12号', custom: 'x' }, names)).toEqual([
      '文号：组干〔2024〕12号',
      'custom：x',
    ]);
    expect(describeResult(null, names)).toEqual([]);
  });

  it('names roles and outcomes', () => {
    expect(describeValue('unit-secretary', names)).toBe('单位党委（党组）书记');
    expect(describeValue('concealment', names)).toBe('隐瞒不报');
    expect(describeValue('confirmed', names)).toBe('正式任职');
  });
});
