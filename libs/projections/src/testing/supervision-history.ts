/** Case histories for supervision tests: commands through the decider, each event recorded at a chosen time. */
import type { AppointmentCommand } from '@app/appointment/appointment.commands';
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { caseStreamId } from '@app/appointment/appointment.streams';
import { actors, CASE_ID, testDecider } from '@app/appointment/testing/case-fixture';
import { testCalendar } from '@app/appointment/testing/test-calendar';
import type { RecordedEvent } from '@app/event-store';
import { type Finding, foldSupervision, supervisionFindings } from '../supervision-findings';

const decider = testDecider();
export const policy = { calendar: testCalendar };

/** Runs commands through the decider, recording each event at the command's time unless told otherwise. */
export class History {
  readonly events: RecordedEvent[] = [];
  private state: AppointmentState = decider.initialState();

  constructor(readonly caseId: string = CASE_ID) {}

  run(...commands: AppointmentCommand[]): this {
    for (const c of commands) this.at(c.at, { ...c, caseId: this.caseId });
    return this;
  }

  /** The command's events recorded at `recordedAt` (a backfill when later than the step). */
  at(recordedAt: string, c: AppointmentCommand): this {
    for (const event of decider.decide({ ...c, caseId: this.caseId, at: recordedAt }, this.state)) {
      this.state = decider.evolve(this.state, event);
      this.events.push(recorded(this.caseId, event, String(this.events.length), recordedAt));
    }
    return this;
  }

  findings(now: string): Finding[] {
    return supervisionFindings(foldSupervision(this.events, policy), now);
  }

  of(code: Finding['code'], now: string): Finding[] {
    return this.findings(now).filter((f) => f.code === code);
  }
}

function recorded(
  caseId: string,
  event: AppointmentEvent,
  revision: string,
  recordedAt: string,
): RecordedEvent {
  return {
    eventId: `e-${revision}`,
    streamId: caseStreamId(caseId),
    type: event.type,
    data: event.data,
    revision,
    globalPosition: revision,
    metadata: {
      actor: actors.handler,
      commandId: `c-${revision}`,
      correlationId: 'x',
      causationId: 'x',
      occurredAt: recordedAt,
      recordedAt,
      schemaVersion: 1,
      prevHash: '',
      hash: '',
    } as RecordedEvent['metadata'],
  };
}
