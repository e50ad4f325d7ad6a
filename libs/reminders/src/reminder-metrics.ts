import type { Provider } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { makeCounterProvider, makeGaugeProvider, type Counter, type Gauge } from '@app/platform';
import { REMINDER_QUEUES } from './reminder-jobs';

export const REMINDERS_ISSUED = 'reminders_issued_total';
export const REMINDERS_DELIVERED = 'reminders_delivered_total';
export const REMINDERS_DROPPED = 'reminders_dropped_total';
export const REMINDER_WEBHOOK_CALLS = 'reminder_webhook_calls_total';
export const REMINDER_QUEUE_JOBS = 'reminder_queue_jobs';

const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'paused', 'prioritized'] as const;

export const reminderMetricProviders: Provider[] = [
  makeCounterProvider({
    name: REMINDERS_ISSUED,
    help: 'Reminders recorded in a case history (ReminderIssued appended)',
  }),
  makeCounterProvider({
    name: REMINDERS_DELIVERED,
    help: 'Reminders delivered to the inbox for the first time',
  }),
  makeCounterProvider({
    name: REMINDERS_DROPPED,
    help: 'Reminders dropped at firing because their reason no longer held',
    labelNames: ['why'],
  }),
  makeCounterProvider({
    name: REMINDER_WEBHOOK_CALLS,
    help: 'Reminder webhook calls: accepted, failed (will retry) or gave-up (left in the failed set)',
    labelNames: ['result'],
  }),
  makeGaugeProvider({
    name: REMINDER_QUEUE_JOBS,
    help: 'Jobs in the reminder queues by state (queue depth)',
    labelNames: ['queue', 'state'],
    inject: REMINDER_QUEUES.map((name) => getQueueToken(name)),
    async collect(this: Gauge, ...queues: unknown[]) {
      for (const queue of queues as Queue[]) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  }),
];

export interface ReminderCounters {
  issued: Counter;
  delivered: Counter;
  dropped: Counter<'why'>;
  webhookCalls: Counter<'result'>;
}
