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
import {
  aggregateStream,
  type CommandResult,
  EVENT_STORE,
  type EventStore,
  foldCacheFor,
  handleCommand,
  PreconditionFailedError,
} from '@app/event-store';
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

/** A reminder after the case part of its firing. */
type Checked = ReminderIssuedResult | ReminderDropped;

/** A reminder that holds in a state of its case and is not recorded there yet. */
interface Due {
  outcome: 'due';
  current: Deadline;
  state: OpenCaseState;
}

/** Reads of the case for one firing, each after an append that found the case moved on. */
const MAX_READS = 5;

/**
 * Firing reminders (DOMAIN.md §3), many at once: re-check each against its case, drop a reminder
 * whose reason no longer holds, record ReminderIssued, then for the whole batch deliver to the
 * inbox, queue the webhooks and record the outcomes. Every step is idempotent on the reminder id, so
 * a job that runs twice (a retry, a stalled worker) delivers once.
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

  /**
   * Fires a batch: one result per reminder, in order. A reminder that fails alone (its case's stream)
   * is a rejected result and the others go on; a failure of the batch's shared writes throws, and
   * every reminder of the batch is tried again.
   */
  async fire(due: readonly Deadline[]): Promise<Array<PromiseSettledResult<FireResult>>> {
    const checked = await this.issueAll(due);
    const fired = checked.flatMap((result, i) =>
      result.status === 'fulfilled' ? [{ scheduled: due[i], checked: result.value }] : [],
    );
    const delivered = await this.deliver(fired);
    let next = 0;
    return checked.map((result) =>
      result.status === 'fulfilled' ? { status: 'fulfilled', value: delivered[next++] } : result,
    );
  }

  /**
   * Reads the reminder's case ahead of its firing, so that firing reads only the events after it.
   * Reading it later is as good: a failure here is left to the firing.
   */
  async prepare(scheduled: Deadline): Promise<void> {
    try {
      await aggregateStream(this.store, caseStreamId(scheduled.caseId), this.decider);
    } catch (err) {
      this.logger.debug(`case of reminder ${reminderId(scheduled)} not read ahead: ${String(err)}`);
    }
  }

  /**
   * The case part of firing one reminder: re-checks the deadline against the case and records
   * ReminderIssued (commandId = reminder id) on condition that the case is still at the revision it
   * was checked against; if it moved on meanwhile, it is read and checked again. A reminder already
   * recorded is returned as recorded.
   */
  async issue(scheduled: Deadline): Promise<Checked> {
    const streamId = caseStreamId(scheduled.caseId);
    // The case as read ahead (prepare) or by an earlier firing, without a read: acted on only if
    // the reminder is due in it, by the conditional append; any other answer is confirmed below.
    const ahead = foldCacheFor<AppointmentState>(this.decider)?.get(streamId);
    if (ahead !== undefined) {
      const checked = this.check(scheduled, ahead.state);
      if (checked.outcome === 'due') {
        const issued = await this.record(scheduled, checked, ahead.revision);
        if (issued) return issued;
      }
    }
    for (let reads = 1; ; reads++) {
      const { state, revision } = await aggregateStream(this.store, streamId, this.decider);
      const checked = this.check(scheduled, state);
      if (checked.outcome !== 'due') return checked;
      const issued = await this.record(scheduled, checked, revision ?? 'no-stream');
      if (issued) return issued;
      if (reads >= MAX_READS)
        throw new Error(`reminder ${reminderId(scheduled)}: its case kept changing while it fired`);
    }
  }

  /** What the case says of a reminder: gone, already recorded, or due now as `current`. */
  private check(scheduled: Deadline, state: AppointmentState): Checked | Due {
    const id = reminderId(scheduled);
    if (state.status === 'empty') return dropped(id, 'case-not-found');
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
    if (current === undefined || state.status !== 'open') return dropped(id, 'no-longer-holds');
    // The job of the moved deadline is scheduled under its own id.
    if (reminderId(current) !== id) return dropped(id, 'due-time-moved');
    return { outcome: 'due', current, state };
  }

  /**
   * Appends ReminderIssued if the case is still at `revision`. Undefined when it is not, or when
   * another run recorded the reminder meanwhile: the caller reads the case again.
   */
  private async record(
    scheduled: Deadline,
    { current, state }: Due,
    revision: string,
  ): Promise<ReminderIssuedResult | undefined> {
    const id = reminderId(scheduled);
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
    let result: CommandResult;
    try {
      result = await handleCommand(this.store, caseStreamId(scheduled.caseId), this.decider, command, {
        context: { actor, commandId: id, correlationId: id, causationId: id, occurredAt: at },
        expectedRevision: revision,
      });
    } catch (err) {
      if (err instanceof PreconditionFailedError) return undefined;
      throw err;
    }
    if (result.replayed) return undefined;
    const event = result.recorded.find((e) => e.type === 'ReminderIssued');
    const appended = result.events.length > 0;
    if (appended) this.issuedCounter.inc();
    return {
      outcome: 'issued',
      reminderId: id,
      deadline: current,
      state,
      issuedAt: (event?.data as { issuedAt?: string } | undefined)?.issuedAt ?? at,
      appended,
    };
  }

  /**
   * The batch's shared writes, one statement or call each, in this order: the inbox rows of every
   * issued reminder, then their webhook bodies and jobs, then every outcome. A webhook is never
   * queued before its inbox rows are committed, and an outcome is never recorded before its
   * delivery. Results are in the order of `fired`.
   */
  async deliver(fired: ReadonlyArray<{ scheduled: Deadline; checked: Checked }>): Promise<FireResult[]> {
    const now = this.clock.now();
    const checked = fired.map(({ checked: c }) =>
      c.outcome === 'issued' ? { ...c, recipients: recipientsFor(c.deadline, c.state) } : c,
    );
    const issued = checked.filter((c) => c.outcome === 'issued');
    const newRows = await this.inbox.deliver(issued, now);
    const webhookQueued = this.config.reminderWebhookUrl !== undefined;
    if (webhookQueued && issued.length > 0) {
      const bodies = await this.ledger.webhookBodies(
        issued.map((i) => ({ reminderId: i.reminderId, body: webhookBody(i, i.recipients) })),
        now,
      );
      await this.webhooks.addBulk(
        issued.map((i) => ({
          name: DELIVER_WEBHOOK_JOB,
          data: { reminderId: i.reminderId, body: bodies.get(i.reminderId)! },
          opts: webhookJobOptions(i.reminderId, this.options.webhookBackoffMs, this.options.webhookAttempts),
        })),
      );
    }
    await this.ledger.recordOutcomes(
      fired.map(({ scheduled }, i) => {
        const c = checked[i];
        return c.outcome === 'issued'
          ? { reminderId: c.reminderId, deadline: c.deadline, outcome: 'delivered' }
          : { reminderId: c.reminderId, deadline: scheduled, outcome: 'dropped' };
      }),
      now,
    );
    return checked.map((c): FireResult => {
      if (c.outcome === 'dropped') {
        this.droppedCounter.inc({ why: c.why });
        this.logger.debug(`reminder ${c.reminderId} dropped: ${c.why}`);
        return c;
      }
      const newInboxRows = newRows.get(c.reminderId) ?? 0;
      if (newInboxRows > 0) this.deliveredCounter.inc();
      return {
        outcome: 'delivered',
        reminderId: c.reminderId,
        recipients: c.recipients,
        newInboxRows,
        appended: c.appended,
        webhookQueued,
      };
    });
  }

  /**
   * Cases side by side; the reminders of one case one after another, so that they do not race for
   * its stream's head. A reminder that throws fails alone.
   */
  private async issueAll(due: readonly Deadline[]): Promise<Array<PromiseSettledResult<Checked>>> {
    const results: Array<PromiseSettledResult<Checked>> = new Array(due.length);
    const byCase = new Map<string, number[]>();
    due.forEach((d, i) => byCase.set(d.caseId, [...(byCase.get(d.caseId) ?? []), i]));
    await Promise.all(
      [...byCase.values()].map(async (indexes) => {
        for (const i of indexes) {
          try {
            results[i] = { status: 'fulfilled', value: await this.issue(due[i]) };
          } catch (reason) {
            results[i] = { status: 'rejected', reason };
          }
        }
      }),
    );
    return results;
  }
}

function dropped(reminderId: string, why: DropReason): ReminderDropped {
  return { outcome: 'dropped', reminderId, why };
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
