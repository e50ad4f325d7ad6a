import { Inject, Injectable } from '@nestjs/common';
import { type AppointmentState, canReadCase, caseStreamId, STAGES } from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import { EVENT_STORE, type EventStore, type RecordedEvent, verifyChain } from '@app/event-store';
import { loadWorkingCalendar } from '@app/calendar';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '@app/platform';
import { evolveCase, foldCase, STAGE_LABELS, timelineEntries, type TimelineEntry } from '@app/projections';
import { openDeadlines } from '@app/reminders';
import { buildCaseRecordDocument, type CaseRecord, type CaseRecordDocument } from './case-record.document';
import { ReadModelForbiddenError, ReadModelNotFoundError } from './read-models.errors';

export type { CaseRecord } from './case-record.document';

/**
 * The 纪实表, built exactly from the event store with the same pure function the timeline
 * projection uses, and the hash chain verified as it is read.
 */
@Injectable()
export class CaseRecordService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, caseId: string): Promise<CaseRecord> {
    return (await this.load(actor, caseId)).record;
  }

  /** The printable 纪实表 and the events it was made from (the 一案一档 bundle holds both). */
  async document(
    actor: Actor,
    caseId: string,
  ): Promise<{ document: CaseRecordDocument; events: RecordedEvent[]; producedAt: string }> {
    const { record, events, state } = await this.load(actor, caseId);
    const deadlines = openDeadlines(state, {
      calendar: loadWorkingCalendar(this.config),
      rules: this.config.rules,
    });
    const document = buildCaseRecordDocument({
      record,
      events,
      state,
      deadlines,
      now: new Date(record.producedAt),
      generatedBy: actor,
    });
    return { document, events, producedAt: record.producedAt };
  }

  private async load(
    actor: Actor,
    caseId: string,
  ): Promise<{ record: CaseRecord; events: RecordedEvent[]; state: AppointmentState }> {
    const events = await this.store.read(caseStreamId(caseId));
    let state: AppointmentState = foldCase([]);
    const entries: TimelineEntry[] = [];
    for (const event of events) {
      const after = evolveCase(state, event);
      entries.push(...timelineEntries(event, state, after));
      state = after;
    }
    if (state.status === 'empty')
      throw new ReadModelNotFoundError('APPOINTMENT.CASE_NOT_FOUND', `Case ${caseId} does not exist`, {
        caseId,
      });
    if (!canReadCase(actor, state))
      throw new ReadModelForbiddenError(
        'APPOINTMENT.READ_NOT_ALLOWED',
        `${actor.role} ${actor.id} may not read case ${caseId}`,
        { caseId },
      );
    const record: CaseRecord = {
      caseId,
      ownerOrgUnit: state.ownerOrgUnit,
      post: state.post,
      seats: state.seats,
      grounds: state.grounds,
      status: state.status,
      stage: state.stage,
      outcome: state.status === 'closed' ? state.outcome : null,
      revision: events[events.length - 1].revision,
      producedAt: this.clock.now().toISOString(),
      verification: verifyChain(events),
      entries,
      stages: STAGES.map((stage) => ({
        stage,
        label: STAGE_LABELS[stage],
        entries: entries.filter((e) => e.stage === stage),
      })).filter((s) => s.entries.length > 0),
      candidates: state.candidates.map((c) => ({
        candidateId: c.candidateId,
        person: c.person,
        status: c.status,
        entries: entries.filter((e) => e.candidateIds.includes(c.candidateId)),
      })),
    };
    return { record, events, state };
  }
}
