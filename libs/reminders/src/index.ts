export * from './deadline-policy';
export * from './reminder-jobs';
export { candidateOf, recipientsFor, type Recipient } from './reminder-recipients';
export {
  REMINDER_ID_HEADER,
  SIGNATURE_HEADER,
  signWebhookBody,
  verifyWebhookSignature,
} from './webhook-signature';
export { migrateRemindersSchema } from './reminders.schema';
export { InboxRepository, type InboxDelivery, type InboxEntry, type InboxReader } from './inbox.repository';
export {
  type FiringOutcome,
  ReminderLedgerRepository,
  type ReminderOutcome,
} from './reminder-ledger.repository';
export { OPEN_DEADLINE_SOURCE, type OpenDeadlineSource } from './open-deadline.source';
export { OPEN_DEADLINES_TABLE, PgOpenDeadlineSource } from './pg-open-deadline.source';
export { ReminderScheduler } from './reminder-scheduler';
export { ReminderReconciler, type ReconcileReport } from './reminder-reconciler';
export {
  ReminderFiring,
  type DropReason,
  type FireResult,
  type ReminderDelivered,
  type ReminderDropped,
  type ReminderIssuedResult,
} from './reminder-firing.service';
export { MicroBatch, type MicroBatchOptions, ReminderBatch } from './reminder-batch';
export { WebhookDeliveryError, WebhookNotifier, type WebhookResult } from './webhook.notifier';
export {
  REMINDER_QUEUE_JOBS,
  REMINDER_WEBHOOK_CALLS,
  REMINDERS_DELIVERED,
  REMINDERS_DROPPED,
  REMINDERS_ISSUED,
} from './reminder-metrics';
export {
  DEADLINE_POLICY,
  REMINDERS_DECIDER,
  REMINDERS_OPTIONS,
  type RemindersModuleOptions,
  type ResolvedRemindersOptions,
  resolveRemindersOptions,
} from './reminders.options';
export { RemindersModule, RemindersSchema } from './reminders.module';
