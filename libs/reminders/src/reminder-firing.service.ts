import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type {
  Actor,
  AppointmentDecider,
  AppointmentState,
  IssueReminder,
  OpenCaseState,
  ReminderRecord,
} from '@app/appointment';
import { caseStreamId } from '@app/appointment';
import { aggregateStream, EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock, type Counter, InjectMetric } from '@app/platform';
import { type Deadline, type DeadlineKind, type DeadlinePolicyDeps, openDeadlines } from './deadline-policy';
import { InboxRepository } from './inbox.repository';
import {
  DELIVER_WEBHOOK_JOB,
  REMINDER_WEBHOOKS_QUEUE,
  reminderId,
  type WebhookJobData,
  webhookJobOptions,
} from './reminder-jobs';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { REMINDERS_DELIVERED, REMINDERS_DROPPED, REMINDERS_ISSUED } from './reminder-metrics';
import { type Recipient, recipientsFor } from './reminder-recipients';
import {
  DEADLINE_POLICY,
  REMINDERS_DECIDER,
  REMINDERS_OPTIONS,
  type ResolvedRemindersOptions,
} from './reminders.options';

export type DropReason = 'case-not-found' | 'no-longer-holds' | 'due-time-moved';

export interface ReminderDropped {
  outcome: 'dropped';
  reminderId: string;
  why: DropReason;
}

export interface ReminderIssuedResult {
  outcome: 'issued';
  reminderId: string;
  /** The reminder as recorded in the case history. */
  deadline: Deadline;
  state: OpenCaseState;
  issuedAt: string;
  /** False when an earlier run had already recorded it. */
  appended: boolean;
}

export interface ReminderDelivered {
  outcome: 'delivered';
  reminderId: string;
  recipients: Recipient[];
  /** Inbox rows this run inserted: 0 when an earlier run had delivered. */
  newInboxRows: number;
  appended: boolean;
  webhookQueued: boolean;
}

export type FireResult = ReminderDropped | ReminderDelivered;

/**
 * Firing a reminder (DOMAIN.md §3): re-read the case, drop it if its reason no longer holds,
 * record ReminderIssued, deliver to the inbox and queue the webhook. Every step is idempotent on
 * the reminder id, so a job that runs twice (a retry, a stalled worker) delivers once.
 */
@Injectable()
export class ReminderFiring {
  private readonly logger = new Logger(ReminderFiring.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REMINDERS_DECIDER) private readonly decider: AppointmentDecider,
    @Inject(DEADLINE_POLICY) private readonly policy: DeadlinePolicyDeps,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REMINDERS_OPTIONS) private readonly options: ResolvedRemindersOptions,
    private readonly inbox: InboxRepository,
    private readonly ledger: ReminderLedgerRepository,
    @InjectQueue(REMINDER_WEBHOOKS_QUEUE) private readonly webhooks: Queue<WebhookJobData>,
    @InjectMetric(REMINDERS_ISSUED) private readonly issuedCounter: Counter,
    @InjectMetric(REMINDERS_DELIVERED) private readonly deliveredCounter: Counter,
    @InjectMetric(REMINDERS_DROPPED) private readonly droppedCounter: Counter<'why'>,
  ) {}

  async fire(scheduled: Deadline): Promise<FireResult> {
    const issued = await this.issue(scheduled);
    return issued.outcome === 'dropped' ? issued : this.deliver(issued);
  }

  /** Re-checks the deadline against the case and records ReminderIssued (commandId = reminder id). */
  async issue(scheduled: Deadline): Promise<ReminderIssuedResult | ReminderDropped> {
    const id = reminderId(scheduled);
    const streamId = caseStreamId(scheduled.caseId);
    const { state } = await aggregateStream(this.store, streamId, this.decider);
    if (state.status === 'empty') return this.drop(scheduled, id, 'case-not-found');
    const recorded = state.reminders.find((r) => r.reminderId === id);
    // Recorded by a run that died before delivering: deliver what was recorded, even if the case moved on since.
    if (recorded && state.status === 'open') {
      return {
        outcome: 'issued',
        reminderId: id,
        deadline: fromRecord(scheduled, recorded),
        state,
        issuedAt: recorded.issuedAt,
        appended: false,
      };
    }
    const current = openDeadlines(state, this.policy).find((d) => d.deadlineId === scheduled.deadlineId);
    if (current === undefined || state.status !== 'open') return this.drop(scheduled, id, 'no-longer-holds');
    // The job of the moved deadline is scheduled under its own id.
    if (reminderId(current) !== id) return this.drop(scheduled, id, 'due-time-moved');

    const at = this.clock.now().toISOString();
    const actor: Actor = { id: 'system', name: '提醒服务', role: 'system', orgUnit: state.ownerOrgUnit };
    const command: IssueReminder = {
      type: 'IssueReminder',
      caseId: scheduled.caseId,
      actor,
      at,
      data: {
        reminderId: id,
        kind: current.kind,
        subject: current.subject,
        recipientRoles: current.recipientRoles,
        reason: current.reason,
        dueAt: current.dueAt,
      },
    };
    const result = await handleCommand(this.store, streamId, this.decider, command, {
      context: { actor, commandId: id, correlationId: id, causationId: id, occurredAt: at },
    });
    const event = result.recorded.find((e) => e.type === 'ReminderIssued');
    const issuedAt = (event?.data as { issuedAt?: string } | undefined)?.issuedAt ?? at;
    const appended = !result.replayed && result.events.length > 0;
    if (appended) this.issuedCounter.inc();
    const after = this.decider.evolve(state, {
      type: 'ReminderIssued',
      data: command.data,
    }) as AppointmentState;
    return {
      outcome: 'issued',
      reminderId: id,
      deadline: current,
      state: after.status === 'open' ? after : state,
      issuedAt,
      appended,
    };
  }

  /** Inbox rows per recipient and the webhook job, both keyed by the reminder id. */
  async deliver(issued: ReminderIssuedResult): Promise<ReminderDelivered> {
    const { reminderId: id, deadline, state } = issued;
    const recipients = recipientsFor(deadline, state);
    const now = this.clock.now();
    const newInboxRows = await this.inbox.deliver(id, deadline, recipients, issued.issuedAt, now);
    let webhookQueued = false;
    if (this.config.reminderWebhookUrl !== undefined) {
      const body = await this.ledger.webhookBody(id, webhookBody(issued, recipients), now);
      await this.webhooks.add(
        DELIVER_WEBHOOK_JOB,
        { reminderId: id, body },
        webhookJobOptions(id, this.options.webhookBackoffMs, this.options.webhookAttempts),
      );
      webhookQueued = true;
    }
    await this.ledger.recordOutcome(id, deadline, 'delivered', now);
    if (newInboxRows > 0) this.deliveredCounter.inc();
    return {
      outcome: 'delivered',
      reminderId: id,
      recipients,
      newInboxRows,
      appended: issued.appended,
      webhookQueued,
    };
  }

  private async drop(scheduled: Deadline, id: string, why: DropReason): Promise<ReminderDropped> {
    this.droppedCounter.inc({ why });
    this.logger.debug(`reminder ${id} dropped: ${why}`);
    await this.ledger.recordOutcome(id, scheduled, 'dropped', this.clock.now());
    return { outcome: 'dropped', reminderId: id, why };
  }
}

function fromRecord(scheduled: Deadline, record: ReminderRecord): Deadline {
  return {
    ...scheduled,
    kind: record.kind as DeadlineKind,
    subject: record.subject,
    recipientRoles: record.recipientRoles,
    reason: record.reason,
    dueAt: record.dueAt,
  };
}

function webhookBody(issued: ReminderIssuedResult, recipients: Recipient[]): string {
  const d = issued.deadline;
  return JSON.stringify({
    reminderId: issued.reminderId,
    caseId: d.caseId,
    kind: d.kind,
    subject: d.subject,
    escalationLevel: d.escalationLevel,
    dueAt: d.dueAt,
    issuedAt: issued.issuedAt,
    reason: d.reason,
    recipients,
  });
}
