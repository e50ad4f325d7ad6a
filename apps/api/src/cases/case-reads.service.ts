import { Inject, Injectable } from '@nestjs/common';
import {
  AppointmentErrors,
  AppointmentState,
  canReadCase,
  caseStreamId,
  DomainForbiddenError,
  DomainNotFoundError,
} from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import { aggregateStream, EVENT_STORE, EventStore, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { APPOINTMENT_DECIDER, AppointmentDecider } from './appointment-decider.provider';

export interface CaseSnapshot {
  state: AppointmentState;
  revision: string;
}

/** A point in a case's history: a revision, or a moment (events recorded up to it). */
export type HistoryPoint = { revision: string } | { asOf: string };

/**
 * Auditor-grade reads: everything is folded from the event store itself, never from a projection.
 * Permission is judged on the case as it is now (its owner and candidates).
 */
@Injectable()
export class CaseReadsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPOINTMENT_DECIDER) private readonly decider: AppointmentDecider,
  ) {}

  /** From the process's fold cache: only the events after the cached revision are read and folded. */
  async current(actor: Actor, caseId: string): Promise<CaseSnapshot> {
    const { state, revision } = await aggregateStream(this.store, caseStreamId(caseId), this.decider);
    if (revision === null) throw AppointmentErrors.caseNotFound(caseId);
    this.assertReadable(actor, caseId, state);
    return { state, revision };
  }

  async at(actor: Actor, caseId: string, point: HistoryPoint): Promise<CaseSnapshot> {
    const events = await this.readableEvents(actor, caseId);
    const options: ReadStreamOptions =
      'revision' in point ? { toRevision: point.revision } : { until: point.asOf };
    if ('revision' in point && BigInt(point.revision) > BigInt(events[events.length - 1].revision)) {
      throw new DomainNotFoundError(
        'APPOINTMENT.REVISION_NOT_FOUND',
        `Case ${caseId} has no revision ${point.revision}`,
        {
          details: { caseId, revision: point.revision },
        },
      );
    }
    const { state, revision } = await aggregateStream(
      this.store,
      caseStreamId(caseId),
      this.decider,
      options,
    );
    if (revision === null) {
      throw new DomainNotFoundError(
        'APPOINTMENT.CASE_NOT_YET_OPENED',
        `Case ${caseId} had not been opened at ${'asOf' in point ? point.asOf : point.revision}`,
        {
          details: { caseId, ...point },
        },
      );
    }
    return { state, revision };
  }

  history(actor: Actor, caseId: string): Promise<RecordedEvent[]> {
    return this.readableEvents(actor, caseId);
  }

  private async readableEvents(actor: Actor, caseId: string): Promise<RecordedEvent[]> {
    return (await this.readable(actor, caseId)).events;
  }

  /** The events and the state folded from them, once: a long case folds in tens of milliseconds. */
  private async readable(
    actor: Actor,
    caseId: string,
  ): Promise<{ events: RecordedEvent[]; state: AppointmentState }> {
    const events = await this.store.read(caseStreamId(caseId));
    if (events.length === 0) {
      throw AppointmentErrors.caseNotFound(caseId);
    }
    const state = this.fold(events);
    this.assertReadable(actor, caseId, state);
    return { events, state };
  }

  private assertReadable(actor: Actor, caseId: string, state: AppointmentState): void {
    if (!canReadCase(actor, state)) {
      throw new DomainForbiddenError(
        'APPOINTMENT.READ_NOT_ALLOWED',
        `${actor.role} ${actor.id} may not read case ${caseId}`,
        {
          details: { caseId },
        },
      );
    }
  }

  private fold(events: RecordedEvent[]): AppointmentState {
    return events.reduce((state, event) => this.decider.evolve(state, event), this.decider.initialState());
  }
}
