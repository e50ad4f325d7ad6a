import type { WorkingCalendar } from '@app/appointment/appointment.config';
import type { DeadlinePeriods } from './deadline-policy';

export interface RemindersModuleOptions {
  /** BullMQ key prefix (default `bull`); tests use their own so they never touch another's keys. */
  prefix?: string;
  /** First retry delay of a failed webhook call; doubled on each attempt (default 5 000 ms). */
  webhookBackoffMs?: number;
  /** Tries per webhook call before it stays in the failed set (default 10). */
  webhookAttempts?: number;
  webhookTimeoutMs?: number;
  periods?: Partial<DeadlinePeriods>;
  /** Defaults to the mainland-China calendar of libs/calendar. */
  calendar?: WorkingCalendar;
}

export interface ResolvedRemindersOptions {
  prefix: string;
  webhookBackoffMs: number;
  webhookAttempts: number;
  webhookTimeoutMs: number;
}

export const REMINDERS_OPTIONS = Symbol('REMINDERS_OPTIONS');
/** The DeadlinePolicyDeps the firing re-check uses: the same calendar, rules and periods as the deadlines projection. */
export const DEADLINE_POLICY = Symbol('DEADLINE_POLICY');
export const REMINDERS_DECIDER = Symbol('REMINDERS_DECIDER');

export function resolveRemindersOptions(options: RemindersModuleOptions): ResolvedRemindersOptions {
  return {
    prefix: options.prefix ?? 'bull',
    webhookBackoffMs: options.webhookBackoffMs ?? 5000,
    webhookAttempts: options.webhookAttempts ?? 10,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
  };
}
