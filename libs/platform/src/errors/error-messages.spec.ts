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

  it('shows a Chinese sentence as it is, rather than the general words', () => {
    expect(describeReason('年份须为四位数字', {}, 'zh')).toBe('年份须为四位数字');
  });

  it('words the holiday arrangement’s problems in either language', () => {
    const workday = { date: '2027-01-05', weekday: 2 };
    expect(describeReason('calendar-workday-weekday', workday, 'zh')).toBe(
      '2027-01-05 是星期二，本来就上班；调休上班日只能是星期六或星期日',
    );
    expect(describeReason('calendar-workday-weekday', workday, 'en')).toBe(
      '2027-01-05 is a Tuesday, a working day anyway; a working day in lieu is a Saturday or a Sunday',
    );
    const badDate = { list: 'holidays', date: '2027-02-30' };
    expect(describeReason('calendar-day-format', badDate, 'zh')).toBe(
      '放假日期“2027-02-30”不是 YYYY-MM-DD 格式的有效日期',
    );
    expect(describeReason('calendar-day-format', badDate, 'en')).toBe(
      'the holiday “2027-02-30” is not a real date formatted YYYY-MM-DD',
    );
    const year = { year: '1999', min: 2004, max: 2100 };
    expect(describeReason('calendar-year', year, 'zh')).toBe('年份“1999”须为 2004 至 2100 之间的四位数字');
    expect(describeReason('calendar-year', year, 'en')).toBe(
      'must be a four-digit year from 2004 to 2100, not 1999',
    );
  });

  it('shows a moment whose Beijing time is past the year 9999 as it was given', () => {
    expect(
      describeError(
        'APPOINTMENT.OCCURRED_IN_FUTURE',
        { field: 'heldAt', at: '9999-12-31T23:59:59Z' },
        'zh',
        '',
      ),
    ).toBe('发生时间（9999-12-31T23:59:59Z）晚于当前时间，不能登记尚未发生的事项');
    expect(
      describeError(
        'APPOINTMENT.OCCURRED_IN_FUTURE',
        { field: 'heldAt', at: '9999-12-31T23:59:59+08:00' },
        'zh',
        '',
      ),
    ).toBe('发生时间（9999年12月31日 23:59）晚于当前时间，不能登记尚未发生的事项');
  });

  it('labels a field as the refused command’s request does', () => {
    expect(
      describeError(
        'APPOINTMENT.OCCURRED_IN_FUTURE',
        { field: 'heldAt', command: 'RecordRecommendationRound' },
        'zh',
        '',
      ),
    ).toBe('推荐时间晚于当前时间，不能登记尚未发生的事项');
  });

  it('words a refused check in Chinese and English, with exactly the roles that may record it', () => {
    const refused = {
      command: 'RecordCheck',
      role: 'discipline-secretary',
      about: 'dossier',
      allowed: ['handler'],
    };
    expect(describeError('APPOINTMENT.ROLE_NOT_ALLOWED', refused, 'zh', '')).toBe(
      '纪委书记（纪检组组长）无权登记干部档案审核结果（可进行此项操作的是：经办人）',
    );
    expect(describeError('APPOINTMENT.ROLE_NOT_ALLOWED', refused, 'en', '')).toBe(
      'the role discipline-secretary may not record the dossier check (allowed: handler)',
    );
    const noList = { command: 'WithdrawCase', role: 'auditor' };
    expect(describeError('APPOINTMENT.ROLE_NOT_ALLOWED', noList, 'zh', '')).toBe(
      '选人用人检查人员无权撤销案件',
    );
    expect(describeError('APPOINTMENT.ROLE_NOT_ALLOWED', noList, 'en', '')).toBe(
      'the role auditor may not withdraw the case',
    );
  });

  it('names signers, meeting members and listed values by name where the thrower knows it', () => {
    expect(
      describeError('APPOINTMENT.ALREADY_SIGNED', { personId: 'i-001', personName: '刘组长' }, 'zh', ''),
    ).toBe('刘组长已在此稿上签字');
    expect(describeReason('member-recused', { memberId: 'm2', memberName: '王副书记' }, 'zh')).toBe(
      '王副书记已回避，不参加表决',
    );
    expect(describeReason('member-recused', { memberId: 'm2' }, 'zh')).toBe('m2已回避，不参加表决');
    expect(describeReason('listed-twice', { value: 'c-uuid', valueName: '张三' }, 'zh')).toBe(
      '重复列出了“张三”',
    );
    expect(
      describeReason(
        'votes-missing',
        { candidateName: '张三', missing: ['m7'], missingNames: ['周委员'] },
        'zh',
      ),
    ).toBe('对张三的表决缺少周委员的票');
  });
});
