/**
 * BullMQ queues and jobs of the reminders (ARCHITECTURE.md, Reminders). Redis holds only the
 * timers: a job carries the deadline as scheduled, and the processor re-checks it against the case.
 */
import type { JobsOptions } from 'bullmq';
import type { Deadline } from './deadline-policy';

export const REMINDERS_QUEUE = 'reminders';
export const REMINDER_WEBHOOKS_QUEUE = 'reminder-webhooks';
export const REMINDERS_MAINTENANCE_QUEUE = 'reminders-maintenance';
export const REMINDER_QUEUES = [
  REMINDERS_QUEUE,
  REMINDER_WEBHOOKS_QUEUE,
  REMINDERS_MAINTENANCE_QUEUE,
] as const;

export const FIRE_REMINDER_JOB = 'fire';
export const DELIVER_WEBHOOK_JOB = 'deliver';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reminders-reconcile-every-5-minutes';
export const RECONCILE_EVERY_MS = 5 * 60 * 1000;

/**
 * A reminder job is promoted this long before it fires: the worker takes it from Redis and reads
 * its case ahead of time, then waits in-process until it fires (ReminderBatch). With 1 000 due in
 * the same minute on a shared 2-core machine, taking them from BullMQ one by one took ~0.2 s for the
 * first 512 and ~0.9 s for all, and those fetched only as earlier ones completed fired a second
 * after the others; ahead of time, all of it is done before they are due.
 */
export const REMINDER_WAKE_EARLY_MS = 5000;

/**
 * Reminder jobs in flight on one worker, waiting to fire included: room for every reminder due
 * within REMINDER_WAKE_EARLY_MS of another, so that none of them waits for an earlier one's
 * completion to be fetched. A waiting job holds a timer and its lock, nothing else.
 */
export const REMINDER_FIRING_CONCURRENCY = 2048;

/**
 * Jobs handed in within `windowMs` of the first (or `maxSize` of them) are fired together: their
 * inbox rows, webhook bodies, webhook jobs and outcomes each take one statement or one call, where
 * one at a time each took its own round trip on a pool of 10 connections. Several batches are in
 * flight at once, so one batch's shared writes overlap the next one's appends.
 */
export const REMINDER_FIRING_BATCH = { windowMs: 5, maxSize: 64 } as const;

/**
 * The reminders queue's worker. Jobs are short (up to REMINDER_WAKE_EARLY_MS of waiting, then the
 * firing); a 15 s lock renewed every 7.5 s lets a crashed worker's job be taken over within seconds
 * (stalled check every 5 s), and the firing is idempotent.
 */
export const REMINDER_FIRING_WORKER = {
  concurrency: REMINDER_FIRING_CONCURRENCY,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
} as const;

/** Bounded history: Redis keeps the latest outcomes for bull-board, PostgreSQL keeps the record. */
export const KEEP_COMPLETED = 1000;
export const KEEP_FAILED = 5000;

export interface ReminderJobData extends Deadline {
  /**
   * When it fires (ISO instant): its due time, or, already past due when it became known, the end
   * of its backfill grace. Jobs queued before this field existed fire at `dueAt`.
   */
  fireAt?: string;
}

export interface WebhookJobData {
  reminderId: string;
  /** The exact body that is signed and sent. */
  body: string;
}

/** The reminder of one deadline at one due time: the job id, the command id and the inbox key. */
export function reminderId(deadline: Pick<Deadline, 'deadlineId' | 'dueAt'>): string {
  return `${deadline.deadlineId}-${Date.parse(deadline.dueAt)}`.replace(/:/g, '_');
}

/**
 * A deadline already past due when it becomes known (a case entered after the fact, a timer the
 * reconciler re-creates) fires `backfillGraceMs` later and is re-checked then (DOMAIN.md §6): the
 * clerk entering the next step a minute later removes it, so backfilling a case reminds no one.
 * The job is delayed until REMINDER_WAKE_EARLY_MS before it fires.
 */
export function reminderJob(
  deadline: Deadline,
  nowMs: number,
  backfillGraceMs = 0,
): { name: string; data: ReminderJobData; opts: JobsOptions } {
  const due = Date.parse(deadline.dueAt);
  const fireAt = due > nowMs ? due : nowMs + backfillGraceMs;
  return {
    name: FIRE_REMINDER_JOB,
    data: { ...deadline, fireAt: new Date(fireAt).toISOString() },
    opts: {
      jobId: reminderId(deadline),
      delay: Math.max(0, fireAt - nowMs - REMINDER_WAKE_EARLY_MS),
      attempts: 10,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { count: KEEP_COMPLETED },
      removeOnFail: { count: KEEP_FAILED },
    },
  };
}

/** The instant a reminder job fires, in ms: `fireAt`, or for an older job its due time. */
export function firesAt(data: ReminderJobData): number {
  return Date.parse(data.fireAt ?? data.dueAt);
}

/** The deadline a reminder job carries, without its firing time. */
export function scheduledDeadline(data: ReminderJobData): Deadline {
  const { fireAt: _fireAt, ...deadline } = data;
  return deadline;
}

export function webhookJobOptions(id: string, backoffMs: number, attempts: number): JobsOptions {
  return {
    jobId: id,
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { count: KEEP_COMPLETED },
    removeOnFail: { count: KEEP_FAILED },
  };
}
