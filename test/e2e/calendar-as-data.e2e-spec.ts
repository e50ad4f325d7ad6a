import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { CalendarStoreModule, WorkingCalendarService } from '@app/calendar-store';
import { EventStoreModule } from '@app/event-store';
import { FixedClock, PlatformModule } from '@app/platform';
import { CaseClient, expectStatus } from '../support/case-client';
import { DatedCase } from '../support/dated-case';
import { type E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';

/**
 * A TEST arrangement for 2027, not the State Council's: the real one (国办发明电〔2026〕…号) is not known
 * to this suite. It is shaped like one (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 with weekend 调休 days)
 * and gives 2027 248 working days, like 2025 and 2026.
 */
const TEST_2027 = {
  documentNo: '测试用安排（非国务院办公厅正式通知）',
  publishedAt: '2026-11-20',
  holidays: {
    '2027-01-01': '元旦',
    '2027-01-02': '元旦',
    '2027-01-03': '元旦',
    '2027-02-05': '春节',
    '2027-02-06': '春节',
    '2027-02-07': '春节',
    '2027-02-08': '春节',
    '2027-02-09': '春节',
    '2027-02-10': '春节',
    '2027-02-11': '春节',
    '2027-02-12': '春节',
    '2027-02-13': '春节',
    '2027-04-03': '清明节',
    '2027-04-04': '清明节',
    '2027-04-05': '清明节',
    '2027-05-01': '劳动节',
    '2027-05-02': '劳动节',
    '2027-05-03': '劳动节',
    '2027-05-04': '劳动节',
    '2027-05-05': '劳动节',
    '2027-06-09': '端午节',
    '2027-09-15': '中秋节',
    '2027-10-01': '国庆节',
    '2027-10-02': '国庆节',
    '2027-10-03': '国庆节',
    '2027-10-04': '国庆节',
    '2027-10-05': '国庆节',
    '2027-10-06': '国庆节',
    '2027-10-07': '国庆节',
  },
  workdays: {
    '2027-01-31': '春节调休',
    '2027-02-20': '春节调休',
    '2027-05-08': '劳动节调休',
    '2027-09-26': '国庆节调休',
    '2027-10-09': '国庆节调休',
  },
};

/** Occurred dates in December 2026, before the service's clock (2026-12-28 10:00 +08:00). */
const DECEMBER_2026 = {
  round: '2026-12-01T09:00:00+08:00',
  targets: '2026-12-02T15:00:00+08:00',
  inspectionNotice: '2026-12-03T09:00:00+08:00',
  activities: '2026-12-07T09:00:00+08:00',
  checks: '2026-12-10T10:00:00+08:00',
  meeting: '2026-12-21T09:00:00+08:00',
  noticeStart: '2026-12-28',
  appointment: '2027-01-06',
  talk: '2027-01-07T10:00:00+08:00',
};

describe('the working-day calendar as data (DOMAIN.md §9, e2e)', () => {
  const clock = new FixedClock('2026-12-28T02:00:00Z');
  let e2e: E2eApp;
  let client: CaseClient;
  let other: INestApplicationContext;
  let dated: DatedCase;

  beforeAll(async () => {
    e2e = await startE2eApp('calendar_data', {}, { clock });
    client = new CaseClient(e2e);
    // A second process of the same deployment (the worker imports the same CalendarStoreModule).
    other = await NestFactory.createApplicationContext(
      {
        module: class OtherProcess {},
        imports: [
          PlatformModule.forRoot(e2e.config, { clock }),
          EventStoreModule.forRoot({ kind: 'postgres', databaseUrl: e2e.databaseUrl }),
          CalendarStoreModule,
        ],
      },
      { logger: false },
    );
    await other.init();
    dated = new DatedCase(client, DECEMBER_2026);
    await dated.enter('decided');
  });

  afterAll(async () => {
    await other?.close();
    await e2e?.close();
  });

  const put = async (actor: Actor = people.admin, year = '2027', body: unknown = TEST_2027) =>
    e2e
      .http()
      .put(`/admin/calendar/${year}`)
      .set('Authorization', `Bearer ${await e2e.tokenFor(actor)}`)
      .send(body as object);

  const startNotice = () =>
    client.post(people.handler, `/cases/${dated.caseId}/candidates/${dated.candidateId}/public-notice`, {
      startDate: '2026-12-28',
    });

  it('reports health degraded (200) from 60 days before the last covered day, naming the reason', async () => {
    const health = expectStatus(await e2e.http().get('/health'), 200).body;
    expect(health.status).toBe('degraded');
    expect(health.warnings).toEqual([
      expect.objectContaining({
        code: 'CALENDAR.COVERAGE_ENDING',
        lastCoveredDay: '2026-12-31',
        nextYear: 2027,
        daysLeft: 3,
        message: expect.stringContaining('2027 年部分节假日安排'),
      }),
    ]);
  });

  it('refuses a public notice whose count reaches 2027 before 2027 is loaded (CALENDAR.OUT_OF_RANGE)', async () => {
    const before = await client.revisionOf(dated.caseId, people.auditor);
    const refused = expectStatus(await startNotice(), 400);
    expect(refused.body).toMatchObject({ code: 'CALENDAR.OUT_OF_RANGE', rule: 'R21' });
    expect(await client.revisionOf(dated.caseId, people.auditor)).toBe(before);
  });

  it('tells the admins once, however often the reconciler runs', async () => {
    const reconcile = async () =>
      expectStatus(
        await e2e
          .http()
          .post('/admin/reminders/reconcile')
          .set('Authorization', `Bearer ${await e2e.tokenFor(people.admin)}`),
        200,
      ).body;
    expect((await reconcile()).calendarNotice).toBe(1);
    expect((await reconcile()).calendarNotice).toBe(0);
    expect((await reconcile()).calendarNotice).toBe(0);
    const inbox = expectStatus(await client.get(people.admin, '/inbox'), 200).body.entries;
    expect(inbox).toEqual([
      expect.objectContaining({
        kind: 'calendar-coverage',
        recipientRole: 'admin',
        stillApplies: true,
        link: '/admin/calendar',
        dueAt: '2026-11-01T09:00:00.000+08:00',
        reason: expect.stringContaining('2026-12-31'),
      }),
    ]);
    expect(expectStatus(await client.get(people.handler, '/inbox'), 200).body.entries).toEqual([]);
  });

  it('lets only an admin read or load the calendar', async () => {
    expect((await client.get(people.handler, '/admin/calendar')).status).toBe(403);
    expect((await put(people.handler)).status).toBe(403);
    expect((await put(people.supervisor)).status).toBe(403);
    expect((await e2e.http().put('/admin/calendar/2027').send(TEST_2027)).status).toBe(401);
  });

  it.each([
    ['a year that is not one', 'twenty', TEST_2027, 'year'],
    ['a year beyond the next one', '2028', { ...TEST_2027 }, 'year'],
    [
      'an impossible date',
      '2027',
      { ...TEST_2027, holidays: { ...TEST_2027.holidays, '2027-13-45': '春节' } },
      'holidays.2027-13-45',
    ],
    [
      'a date of another year',
      '2027',
      { ...TEST_2027, holidays: { ...TEST_2027.holidays, '2026-12-31': '元旦' } },
      'holidays.2026-12-31',
    ],
    [
      'a holiday without a name',
      '2027',
      { ...TEST_2027, holidays: { ...TEST_2027.holidays, '2027-06-10': '  ' } },
      'holidays.2027-06-10',
    ],
    [
      'a workday without a name',
      '2027',
      { ...TEST_2027, workdays: { ...TEST_2027.workdays, '2027-06-12': 7 } },
      'workdays.2027-06-12',
    ],
    [
      'a date both off and worked',
      '2027',
      { ...TEST_2027, workdays: { ...TEST_2027.workdays, '2027-02-06': '春节调休' } },
      'workdays.2027-02-06',
    ],
    [
      'a weekday listed as a 调休 working day',
      '2027',
      { ...TEST_2027, workdays: { ...TEST_2027.workdays, '2027-03-03': '调休' } },
      'workdays.2027-03-03',
    ],
    ['no New Year’s Day', '2027', { ...TEST_2027, holidays: withoutNewYear() }, 'holidays'],
    ['no document number', '2027', { ...TEST_2027, documentNo: '' }, 'documentNo'],
    ['a publication date in the future', '2027', { ...TEST_2027, publishedAt: '2027-01-05' }, 'publishedAt'],
    [
      'a publication date that is no date',
      '2027',
      { ...TEST_2027, publishedAt: '2026-02-30' },
      'publishedAt',
    ],
    [
      'holidays that leave an implausible year',
      '2027',
      { ...TEST_2027, holidays: manyHolidays() },
      'holidays',
    ],
    ['an unknown field', '2027', { ...TEST_2027, source: 'x' }, 'source'],
    ['a list instead of a map', '2027', { ...TEST_2027, workdays: ['2027-02-20'] }, 'workdays'],
  ])(
    'refuses %s with 400 naming the field in Chinese, and changes nothing',
    async (_what, year, body, field) => {
      const before = expectStatus(await client.get(people.admin, '/admin/calendar'), 200).body;
      const refused = expectStatus(await put(people.admin, year, body), 400);
      expect(refused.body).toMatchObject({ code: 'CALENDAR.INVALID_ARRANGEMENT', status: 400 });
      const named = refused.body.errors.find((e: { field: string }) => e.field === field);
      expect(named).toBeDefined();
      expect(named.messages.join('')).toMatch(/[\u4e00-\u9fff]/);
      expect(expectStatus(await client.get(people.admin, '/admin/calendar'), 200).body).toEqual(before);
    },
  );

  it('loads 2027 through the API: recorded in the calendar stream, in force at once, in the other process too', async () => {
    const loaded = expectStatus(await put(), 200).body;
    expect(loaded).toMatchObject({
      year: 2027,
      documentNo: TEST_2027.documentNo,
      revision: '0',
      version: 'chinese-days@1.5.7+calendar@1',
      loadedAt: '2026-12-28T10:00:00.000+08:00',
      summary: { days: 365, workingDays: 248, daysOff: 117 },
      coverage: { lastYear: 2027, lastCoveredDay: '2027-12-31' },
    });
    const described = expectStatus(await client.get(people.admin, '/admin/calendar'), 200).body;
    expect(described.version).toBe('chinese-days@1.5.7+calendar@1');
    expect(described.warning).toBeUndefined();
    expect(described.years.at(-1)).toMatchObject({
      year: 2027,
      source: 'loaded',
      version: 'calendar@1',
      documentNo: TEST_2027.documentNo,
      loadedBy: { id: people.admin.id, name: people.admin.name },
      workingDays: 248,
    });
    expect(described.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({
      source: 'package',
      version: 'chinese-days@1.5.7',
    });
    expect(described.sources.map((s: { kind: string }) => s.kind)).toEqual(['package', 'loaded']);

    const otherCalendar = other.get(WorkingCalendarService);
    const deadline = Date.now() + 5000;
    while (otherCalendar.live.version !== loaded.version && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(otherCalendar.live.version).toBe(loaded.version);
    expect(otherCalendar.live.nthWorkingDay('2026-12-28', 5)).toBe('2027-01-04');
  });

  it('now computes the same notice’s end date, and records the calendar version that computed it', async () => {
    expectStatus(await startNotice(), 201);
    const state = expectStatus(await client.get(people.handler, `/cases/${dated.caseId}`), 200).body;
    const candidate = state.candidates.find(
      (c: { candidateId: string }) => c.candidateId === dated.candidateId,
    );
    // 12-28 Mon … 12-31 Thu are days 1–4; 2027-01-01 to 01-03 are off; day 5 is Mon 2027-01-04.
    expect(candidate.publicNotice).toMatchObject({ startDate: '2026-12-28', endDate: '2027-01-04' });
    const history = expectStatus(
      await client.get(people.auditor, `/cases/${dated.caseId}/history`),
      200,
    ).body;
    const started = history.events.find((e: { type: string }) => e.type === 'PublicNoticeStarted');
    expect(started.data).toMatchObject({
      endDate: '2027-01-04',
      calendarVersion: 'chinese-days@1.5.7+calendar@1',
    });
  });

  it('is healthy again, and the admins’ notice no longer applies', async () => {
    expect(expectStatus(await e2e.http().get('/health'), 200).body.status).toBe('ok');
    const [entry] = expectStatus(await client.get(people.admin, '/inbox'), 200).body.entries;
    expect(entry).toMatchObject({ kind: 'calendar-coverage', stillApplies: false });
  });

  it('keeps every load in the calendar stream with who, when and which document', async () => {
    const pool = new Pool({ connectionString: e2e.databaseUrl, max: 1 });
    const { rows } = await pool
      .query(`SELECT type, data, metadata FROM events WHERE stream_id = 'calendar' ORDER BY revision`)
      .finally(() => pool.end());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'CalendarYearLoaded',
      data: { year: 2027, documentNo: TEST_2027.documentNo, publishedAt: '2026-11-20' },
      metadata: { actor: people.admin },
    });
  });
});

function withoutNewYear(): Record<string, string> {
  const { '2027-01-01': _newYear, ...rest } = TEST_2027.holidays;
  return rest;
}

function manyHolidays(): Record<string, string> {
  const holidays: Record<string, string> = { ...TEST_2027.holidays };
  for (let day = 1; day <= 28; day += 1) holidays[`2027-08-${String(day).padStart(2, '0')}`] = '暑假';
  return holidays;
}
