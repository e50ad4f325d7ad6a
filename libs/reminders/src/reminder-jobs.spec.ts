import type { Deadline } from './deadline-policy';
import {
  FIRE_REMINDER_JOB,
  firesAt,
  REMINDER_WAKE_EARLY_MS,
  reminderId,
  reminderJob,
  scheduledDeadline,
} from './reminder-jobs';

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

  const at = (ms: number) => new Date(ms).toISOString();

  it('fires a future deadline when due, and wakes the worker REMINDER_WAKE_EARLY_MS before', () => {
    const due = Date.parse(deadline.dueAt);
    const job = reminderJob(deadline, due - 60_000, 600_000);
    expect(job).toMatchObject({
      name: FIRE_REMINDER_JOB,
      data: { ...deadline, fireAt: at(due) },
      opts: { jobId: reminderId(deadline), delay: 60_000 - REMINDER_WAKE_EARLY_MS },
    });
    expect(firesAt(job.data)).toBe(due);
    expect(job.opts.removeOnComplete).toEqual({ count: expect.any(Number) });
  });

  it('fires a past-due deadline at the end of the backfill grace, never before it', () => {
    const due = Date.parse(deadline.dueAt);
    const now = due + 3_600_000;
    const job = reminderJob(deadline, now, 600_000);
    expect(firesAt(job.data)).toBe(now + 600_000);
    expect(job.opts.delay).toBe(600_000 - REMINDER_WAKE_EARLY_MS);
    expect(firesAt(reminderJob(deadline, due, 2000).data)).toBe(due + 2000);
    expect(reminderJob(deadline, due, 2000).opts.delay).toBe(0);
  });

  it('fires a past-due deadline at once without a grace, and one due within the wake-early on arrival', () => {
    const due = Date.parse(deadline.dueAt);
    expect(reminderJob(deadline, due + 5000)).toMatchObject({
      data: { fireAt: at(due + 5000) },
      opts: { delay: 0 },
    });
    expect(reminderJob(deadline, due - 1000)).toMatchObject({
      data: { fireAt: at(due) },
      opts: { delay: 0 },
    });
  });

  it('fires a job queued before fireAt existed at its due time, and hands the firing the bare deadline', () => {
    expect(firesAt(deadline)).toBe(Date.parse(deadline.dueAt));
    expect(scheduledDeadline(reminderJob(deadline, 0).data)).toEqual(deadline);
  });
});
