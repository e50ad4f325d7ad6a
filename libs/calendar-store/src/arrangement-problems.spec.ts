import { validateArrangement } from '@app/calendar';
import { arrangement2026 } from '@app/calendar/testing/arrangement-2026.fixture';
import { FIELD_REASONS, toProblemResponse } from '@app/platform';
import { arrangementError, arrangementFieldError, invalidYear } from './arrangement-problems';

const TODAY = '2026-12-02';

/** Every problem validateArrangement words, once each. */
function everyProblem() {
  const { '2026-01-01': _newYear, ...withoutNewYear } = arrangement2026.holidays;
  const bodies: unknown[] = [
    [],
    {
      documentNo: ' ',
      publishedAt: '2026-02-30',
      holidays: { ...arrangement2026.holidays, '2026-13-01': '春节', '2025-12-31': '元旦' },
      workdays: { '2026-02-14': '', '2026-02-15': 'x'.repeat(51), '2026-03-04': '调休' },
      extra: 1,
    },
    { ...arrangement2026, documentNo: 'x'.repeat(101), publishedAt: '2024-01-01' },
    { ...arrangement2026, documentNo: '国办\u0000', publishedAt: '2026-12-03' },
    { ...arrangement2026, holidays: withoutNewYear, workdays: { '2026-01-01': '元旦' } },
    { documentNo: '文号', publishedAt: '2025-11-04', workdays: [] },
    {
      ...arrangement2026,
      workdays: { ...arrangement2026.workdays, [Object.keys(arrangement2026.holidays)[0]]: '元旦' },
    },
    {
      ...arrangement2026,
      workdays: Object.fromEntries(
        Array.from({ length: 21 }, (_, i) => [`2026-0${1 + (i % 9)}-1${i % 10}`, 'x']),
      ),
    },
    {
      ...arrangement2026,
      holidays: {
        ...arrangement2026.holidays,
        ...Object.fromEntries(
          Array.from({ length: 20 }, (_, i) => [`2026-07-${String(i + 1).padStart(2, '0')}`, '暑假']),
        ),
      },
    },
  ];
  return bodies.flatMap((body) => validateArrangement(2026, body, TODAY).problems);
}

describe('the problems of a holiday arrangement, in the client’s language', () => {
  it('gives every problem as a catalogue reason, and uses every calendar reason', () => {
    const reasons = everyProblem().map((p) => p.reason);
    expect(reasons.length).toBeGreaterThan(15);
    expect(reasons.filter((reason) => !Object.hasOwn(FIELD_REASONS, reason))).toEqual([]);
    const calendarReasons = Object.keys(FIELD_REASONS).filter(
      (r) => r.startsWith('calendar-') && !r.startsWith('calendar-year'),
    );
    expect(calendarReasons.filter((r) => !reasons.includes(r as never))).toEqual([]);
  });

  it('words each problem in Chinese by default and in English on request', () => {
    const problems = everyProblem();
    const error = arrangementError(problems);
    const zh = toProblemResponse(error).problem.errors ?? [];
    const en = toProblemResponse(error, { headers: { 'accept-language': 'en' } }).problem.errors ?? [];
    const zhMessages = zh.flatMap((e) => e.messages);
    expect(zhMessages).toHaveLength(problems.length);
    expect(zhMessages).not.toContain('填写不正确');
    for (const message of zhMessages) expect(message).toMatch(/[\u4e00-\u9fff]/);
    for (const message of en.flatMap((e) => e.messages))
      expect({
        message,
        chinese: /[\u4e00-\u9fff]/.test(message.replace(/国办发明电〔2025〕7号|春节/g, '')),
      }).toEqual({
        message,
        chinese: false,
      });
  });

  it('answers the fuzz report’s cases specifically in both languages', () => {
    const checked = validateArrangement(
      2027,
      {
        documentNo: 'x',
        publishedAt: '2026-11-01',
        holidays: { '2027-02-30': 'x' },
        workdays: { '2027-01-05': '调休' },
      },
      TODAY,
    );
    const error = arrangementError(checked.problems);
    const zh = toProblemResponse(error).problem;
    const en = toProblemResponse(error, { headers: { 'accept-language': 'en' } }).problem;
    expect(zh.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'holidays.2027-02-30',
          label: '节假日·2027-02-30',
          messages: ['放假日期“2027-02-30”不是 YYYY-MM-DD 格式的有效日期'],
        },
        {
          field: 'workdays.2027-01-05',
          label: '调休上班日·2027-01-05',
          messages: ['2027-01-05 是星期二，本来就上班；调休上班日只能是星期六或星期日'],
        },
      ]),
    );
    expect(en.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'holidays.2027-02-30',
          messages: ['the holiday “2027-02-30” is not a real date formatted YYYY-MM-DD'],
        }),
        expect.objectContaining({
          field: 'workdays.2027-01-05',
          messages: [
            '2027-01-05 is a Tuesday, a working day anyway; a working day in lieu is a Saturday or a Sunday',
          ],
        }),
      ]),
    );
  });

  it('names the calendar’s own fields: the year, the document number and the publication date', () => {
    const error = arrangementError([
      invalidYear('1999'),
      arrangementFieldError('year', 'calendar-year-skipped', { lastYear: 2026, nextYear: 2027 }),
      { field: 'documentNo', reason: 'calendar-document-too-long', params: { max: 100 } },
      {
        field: 'publishedAt',
        reason: 'calendar-published-future',
        params: { date: '2027-01-05', today: '2026-12-02' },
      },
      {
        field: 'holidays',
        reason: 'calendar-working-days',
        params: { year: 2027, workingDays: 230, min: 240, max: 256 },
      },
    ]);
    expect(toProblemResponse(error).problem.errors).toEqual([
      {
        field: 'year',
        label: '年度',
        messages: [
          '年份“1999”须为 2004 至 2100 之间的四位数字',
          '工作日历现覆盖到 2026 年，须先载入 2027 年的安排，不能跳过年份',
        ],
      },
      { field: 'documentNo', label: '文号', messages: ['文号不能超过 100 个字'] },
      { field: 'publishedAt', label: '发布日期', messages: ['发布日期 2027-01-05 晚于今天（2026-12-02）'] },
      {
        field: 'holidays',
        label: '放假日期',
        messages: ['按此安排 2027 年共有 230 个工作日，不在合理范围（240–256）内，请核对放假和调休日期'],
      },
    ]);
    expect(
      toProblemResponse(error, { headers: { 'accept-language': 'en' } })
        .problem.errors?.map((e) => e.messages)
        .flat(),
    ).toEqual([
      'must be a four-digit year from 2004 to 2100, not 1999',
      'the calendar covers the years up to 2026; load 2027 first, no year can be skipped',
      'the document number must be at most 100 characters',
      'the publication date 2027-01-05 is after today (2026-12-02)',
      'this arrangement gives 2027 230 working days, outside the plausible 240–256; check the holidays and working days in lieu',
    ]);
  });
});
