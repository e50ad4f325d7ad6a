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
 * Reminder jobs in flight on one worker: the jobs a batch (REMINDER_FIRING_BATCH) is gathered from.
 * A firing mostly waits on PostgreSQL and Redis. Measured with 1 000 due in the same minute on a
 * shared 2-core machine (bench/reminders.bench.ts): 64 left the last delivered after ~3 s, 128 and
 * 1 000 after 1.6–3.7 s, 512 after 2.1–2.7 s with the lowest median. Above a few hundred, BullMQ's
 * fetching that many jobs one by one before starting the first one costs more than it gains.
 */
export const REMINDER_FIRING_CONCURRENCY = 512;

/**
 * Jobs handed in within `windowMs` of the first (or `maxSize` of them) are fired together: their
 * inbox rows, webhook bodies, webhook jobs and outcomes each take one statement or one call, where
 * one at a time each took its own round trip on a pool of 10 connections. Several batches are in
 * flight at once, so one batch's shared writes overlap the next one's case reads and appends.
 */
export const REMINDER_FIRING_BATCH = { windowMs: 5, maxSize: 64 } as const;

/**
 * The reminders queue's worker. Jobs are short; a 15 s lock renewed every 7.5 s lets a crashed
 * worker's job be taken over within seconds (stalled check every 5 s), and the firing is idempotent.
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

export type ReminderJobData = Deadline;

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
 * reconciler re-creates) waits `backfillGraceMs` and is re-checked when it fires (DOMAIN.md §6): the
 * clerk entering the next step a minute later removes it, so backfilling a case reminds no one.
 */
export function reminderJobOptions(deadline: Deadline, nowMs: number, backfillGraceMs = 0): JobsOptions {
  const untilDue = Date.parse(deadline.dueAt) - nowMs;
  return {
    jobId: reminderId(deadline),
    delay: untilDue > 0 ? untilDue : backfillGraceMs,
    attempts: 10,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { count: KEEP_COMPLETED },
    removeOnFail: { count: KEEP_FAILED },
  };
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
