import type { Deadline } from './deadline-policy';
import { reminderId, reminderJobOptions } from './reminder-jobs';

const deadline: Deadline = {
  deadlineId: 'c1-notice-ends-k1',
  caseId: 'c1',
  kind: 'notice-ends',
  subject: 'k1',
  dueAt: '2026-10-09T09:00:00+08:00',
  recipientRoles: ['handler'],
  reason: '公示期满',
  escalationLevel: 0,
};

describe('reminder jobs', () => {
  it('names the job after the deadline and its due instant, without ":"', () => {
    expect(reminderId(deadline)).toBe(`c1-notice-ends-k1-${Date.parse('2026-10-09T01:00:00Z')}`);
    expect(reminderId({ ...deadline, deadlineId: 'a:b' })).not.toContain(':');
  });

  it('gives a moved deadline a new id, and the same instant written another way the same id', () => {
    expect(reminderId({ ...deadline, dueAt: '2026-10-12T09:00:00+08:00' })).not.toBe(reminderId(deadline));
    expect(reminderId({ ...deadline, dueAt: '2026-10-09T01:00:00Z' })).toBe(reminderId(deadline));
  });

  it('delays a past-due deadline by the backfill grace, a future one until due only', () => {
    const due = Date.parse(deadline.dueAt);
    expect(reminderJobOptions(deadline, due + 3_600_000, 600_000).delay).toBe(600_000);
    expect(reminderJobOptions(deadline, due - 5000, 600_000).delay).toBe(5000);
    expect(reminderJobOptions(deadline, due, 2000).delay).toBe(2000);
  });

  it('delays until due, and a past-due deadline not at all without a grace', () => {
    const due = Date.parse(deadline.dueAt);
    expect(reminderJobOptions(deadline, due - 5000)).toMatchObject({
      jobId: reminderId(deadline),
      delay: 5000,
    });
    expect(reminderJobOptions(deadline, due + 5000).delay).toBe(0);
    expect(reminderJobOptions(deadline, due).removeOnComplete).toEqual({ count: expect.any(Number) });
  });
});
