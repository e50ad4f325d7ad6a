import { describeError, describeReason } from './error-messages';
import { fieldLabel } from './field-labels';

describe('error messages', () => {
  it.each([
    ['heldAt', undefined, '发生时间'],
    ['heldAt', 'HoldDecisionMeetingDto', '会议召开时间'],
    ['votes[0].ballots[1].memberId', undefined, '表决第1项·表决票第2项·表决成员'],
    ['results[2].votes', undefined, '推荐结果第3项·得票数'],
    ['id', undefined, '案件编号'],
    ['person.id', undefined, '人选·编号'],
    ['constructor', undefined, 'constructor'],
    ['__proto__.toString', undefined, '__proto__·toString'],
  ])('labels the field %s (%s) as %s', (path, scope, label) => {
    expect(fieldLabel(path, scope)).toBe(label);
  });

  it('writes dates and Beijing times as a clerk does', () => {
    expect(
      describeError(
        'APPOINTMENT.NOTICE_NOT_ENDED',
        { noticeDate: '2025-04-10', endDate: '2025-04-16' },
        'zh',
        '',
      ),
    ).toBe('任职日期须在任前公示截止日2025年4月16日之后（现为2025年4月10日）');
    expect(
      describeError(
        'APPOINTMENT.OCCURRED_IN_FUTURE',
        { field: 'checkedAt', at: '2030-01-01T01:30:00Z' },
        'zh',
        '',
      ),
    ).toBe('核查时间（2030年1月1日 09:30）晚于当前时间，不能登记尚未发生的事项');
  });

  it('leaves no empty brackets where the thrower gave no value', () => {
    expect(describeError('APPOINTMENT.OCCURRED_IN_FUTURE', { field: 'heldAt' }, 'zh', '')).toBe(
      '发生时间晚于当前时间，不能登记尚未发生的事项',
    );
  });

  it('groups check outcomes per check kind, Chinese first with the code', () => {
    const all = [
      'verified',
      'discrepancy',
      'consistent',
      'omission',
      'concealment',
      'none',
      'unsubstantiated',
      'substantiated',
    ];
    expect(describeReason('isIn', { allowed: all }, 'zh')).toBe(
      '只能是与核查项目相应的结果——干部档案审核（dossier）为已审核无误（verified）或存在不一致（discrepancy）；' +
        '个人有关事项报告核查（personal-matters）为如实报告（consistent）、漏报（omission）或隐瞒不报（concealment）；' +
        '信访举报核查（petitions）为未收到（none）、查无实据（unsubstantiated）或查有实据（substantiated）',
    );
    expect(
      describeError(
        'APPOINTMENT.CHECK_OUTCOME_INVALID',
        { check: 'dossier', outcome: 'none', allowed: ['verified', 'discrepancy'] },
        'zh',
        '',
      ),
    ).toBe('干部档案审核的结果只能是已审核无误（verified）或存在不一致（discrepancy），不能是“none”');
  });

  it('names candidates and people by name, by id only where no name is known', () => {
    const blocked = { candidateId: 'c-1', check: 'petitions', outcome: 'substantiated' };
    expect(
      describeError('APPOINTMENT.CHECK_BLOCKS_CANDIDATE', { ...blocked, candidateName: '张三' }, 'zh', ''),
    ).toBe('张三的信访举报核查结果为“查有实据”，不能提交讨论决定');
    expect(describeError('APPOINTMENT.CHECK_BLOCKS_CANDIDATE', blocked, 'zh', '')).toBe(
      'c-1的信访举报核查结果为“查有实据”，不能提交讨论决定',
    );
    expect(
      describeError(
        'APPOINTMENT.ROLE_NOT_ALLOWED',
        { command: 'SignOpinion', role: 'handler', about: 'integrity' },
        'zh',
        '',
      ),
    ).toBe('经办人无权签署廉政意见');
  });

  it('shows a sentence written before the catalogue as it is, and an unknown check in general words', () => {
    expect(describeReason('heldAt is in the future', {}, 'zh')).toBe('heldAt is in the future');
    expect(describeReason('isLatLong', {}, 'zh')).toBe('填写不正确');
    expect(describeError('NO.SUCH_CODE', {}, 'zh', 'the thrower’s words')).toBe('the thrower’s words');
  });
});
