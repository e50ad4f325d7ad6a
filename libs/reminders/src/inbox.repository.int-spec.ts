import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { dropTestDatabase, freshTestDatabase } from '../../../test/setup/test-db';
import type { Deadline } from './deadline-policy';
import { ALL_ORG_UNITS, InboxRepository, type InboxReader } from './inbox.repository';
import type { Recipient } from './reminder-recipients';
import { migrateRemindersSchema } from './reminders.schema';

const DEPARTMENT = '市委组织部';
const OTHER_DEPARTMENT = '区委组织部';
const supervisor: Recipient = { role: 'supervisor', orgUnit: DEPARTMENT };
const handler: Recipient = { role: 'handler', orgUnit: DEPARTMENT };
const otherSupervisor: Recipient = { role: 'supervisor', orgUnit: OTHER_DEPARTMENT };

describe('InboxRepository.markAllRead on PostgreSQL (int)', () => {
  let url: string;
  let pool: Pool;
  let inbox: InboxRepository;
  const caseA = randomUUID();
  const caseB = randomUUID();
  let sequence = 0;

  /** One reminder of a case for these recipients, delivered a minute after the one before. */
  const deliver = async (caseId: string, recipients: Recipient[]): Promise<void> => {
    sequence += 1;
    const deadline: Deadline = {
      deadlineId: `${caseId}-hold-too-long-${sequence}`,
      caseId,
      kind: 'hold-too-long',
      subject: `s-${sequence}`,
      dueAt: '2026-06-01T09:00:00+08:00',
      recipientRoles: ['handler', 'supervisor'],
      reason: `暂缓超期 ${sequence}`,
      escalationLevel: 0,
    };
    await inbox.deliver(
      [{ reminderId: `r-${sequence}`, deadline, recipients, issuedAt: '2026-06-01T09:00:01+08:00' }],
      new Date(Date.UTC(2026, 5, 1, 1, sequence)),
    );
  };

  const unread = async (reader: InboxReader): Promise<number> =>
    (await inbox.list(reader, { unread: true, limit: 200 })).length;

  beforeAll(async () => {
    url = await freshTestDatabase('inbox_repository');
    pool = new Pool({ connectionString: url, max: 8 });
    await migrateRemindersSchema(pool);
    inbox = new InboxRepository(pool);
  });

  afterAll(async () => {
    await pool?.end();
    if (url) await dropTestDatabase(url);
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE inbox');
    for (let i = 0; i < 3; i += 1) await deliver(caseA, [supervisor, handler, otherSupervisor]);
    for (let i = 0; i < 2; i += 1) await deliver(caseB, [supervisor, handler]);
    // The admins' calendar notice reaches every org unit of its role, and no one else.
    await inbox.deliverNotice(
      {
        reminderId: 'calendar-2026',
        recipientRole: 'admin',
        kind: 'calendar-coverage',
        subject: '2026',
        reason: '日历即将到期',
        dueAt: '2026-11-01T09:00:00+08:00',
      },
      new Date('2026-11-01T01:00:00Z'),
    );
  });

  it("marks every unread entry of the reader's role and unit, and nobody else's", async () => {
    const now = new Date('2026-06-02T02:00:00Z');
    await expect(inbox.markAllRead(supervisor, now)).resolves.toBe(5);
    const entries = await inbox.list(supervisor, { limit: 200 });
    expect(entries.map((e) => e.readAt)).toEqual(Array(5).fill('2026-06-02T10:00:00.000+08:00'));
    expect(await unread(handler)).toBe(5);
    expect(await unread(otherSupervisor)).toBe(3);
    expect(await unread({ role: 'admin', orgUnit: DEPARTMENT })).toBe(1);
  });

  it('marks only the entries of the case given', async () => {
    await expect(inbox.markAllRead(handler, new Date(), { caseId: caseB })).resolves.toBe(2);
    const left = await inbox.list(handler, { unread: true, limit: 200 });
    expect(left.map((e) => e.caseId)).toEqual([caseA, caseA, caseA]);
    expect(await unread(supervisor)).toBe(5);
  });

  it('marks 0 the second time, and keeps the time an entry was first read', async () => {
    const [first] = await inbox.list(handler, { limit: 1 });
    const firstRead = await inbox.markRead(first.id, handler, new Date('2026-06-02T01:00:00Z'));
    await expect(inbox.markAllRead(handler, new Date('2026-06-03T01:00:00Z'))).resolves.toBe(4);
    await expect(inbox.markAllRead(handler, new Date('2026-06-04T01:00:00Z'))).resolves.toBe(0);
    const entries = await inbox.list(handler, { limit: 200 });
    expect(entries.find((e) => e.id === first.id)?.readAt).toBe(firstRead?.readAt);
    expect(new Set(entries.map((e) => e.readAt))).toEqual(
      new Set([firstRead?.readAt, '2026-06-03T09:00:00.000+08:00']),
    );
  });

  it('reads a notice addressed to every unit of the role as the reader’s own', async () => {
    await expect(inbox.markAllRead({ role: 'admin', orgUnit: DEPARTMENT }, new Date())).resolves.toBe(1);
    const [notice] = await inbox.list({ role: 'admin', orgUnit: OTHER_DEPARTMENT }, { limit: 10 });
    expect(notice).toMatchObject({ recipientOrgUnit: ALL_ORG_UNITS, readAt: expect.any(String) });
  });

  it('marks 0 for a case the reader has no entries of', async () => {
    await expect(inbox.markAllRead(supervisor, new Date(), { caseId: randomUUID() })).resolves.toBe(0);
    expect(await unread(supervisor)).toBe(5);
  });

  it('counts each entry once when two calls race', async () => {
    const counts = await Promise.all([
      inbox.markAllRead(supervisor, new Date()),
      inbox.markAllRead(supervisor, new Date()),
      inbox.markAllRead(supervisor, new Date(), { caseId: caseA }),
    ]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(5);
    expect(await unread(supervisor)).toBe(0);
  });
});
