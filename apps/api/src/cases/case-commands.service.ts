import { Inject, Injectable } from '@nestjs/common';
import { caseStreamId } from '@app/appointment';
import type {
  Actor,
  AppointmentCommand,
  NominationFacts,
  OpenCase,
} from '@app/appointment/appointment.commands';
import { EVENT_STORE, EventStore, handleCommand, RecordedEvent } from '@app/event-store';
import type { AppointmentEvent } from '@app/appointment';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '@app/platform';
import { shanghaiTime } from '@app/time';
import { APPOINTMENT_DECIDER, AppointmentDecider } from './appointment-decider.provider';
import { caseIdFor, commandIdFor, WriteContext } from './http/write-context';

type Payload<C> = C extends AppointmentCommand
  ? { type: C['type']; data: C['data']; facts?: NominationFacts }
  : never;
/** A domain command without what the service adds: case, actor and time. */
export type CommandPayload = Payload<AppointmentCommand>;

export interface CommandResponse {
  caseId: string;
  revision: string;
  events: Array<{ type: string; revision: string }>;
  candidateId?: string;
  objectionId?: string;
  digest?: string;
}

export interface CommandOutcome {
  replayed: boolean;
  response: CommandResponse;
}

/** Plain JSON data: DTO instances become plain objects and absent optional fields disappear. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const recordedField = (events: RecordedEvent[], type: string, field: string): string | undefined => {
  const data = events.find((event) => event.type === type)?.data;
  const value =
    data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** Builds each domain command (ids, time, actor) and runs it against the case stream. */
@Injectable()
export class CaseCommandsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APPOINTMENT_DECIDER) private readonly decider: AppointmentDecider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  open(actor: Actor, write: WriteContext, data: OpenCase['data']): Promise<CommandOutcome> {
    const caseId =
      write.idempotencyKey === undefined ? this.ids.uuid() : caseIdFor(actor.id, write.idempotencyKey);
    return this.execute(caseId, actor, write, () => ({ type: 'OpenCase', data }));
  }

  async execute(
    caseId: string,
    actor: Actor,
    write: WriteContext,
    build: (ids: IdGenerator) => CommandPayload,
  ): Promise<CommandOutcome> {
    const at = shanghaiTime(this.clock.now());
    const commandId =
      write.idempotencyKey === undefined
        ? this.ids.uuid()
        : commandIdFor(actor.id, caseId, write.idempotencyKey);
    const payload = build(this.ids);
    const command = {
      type: payload.type,
      data: plain(payload.data),
      caseId,
      actor,
      at,
      ...(payload.facts && { facts: payload.facts }),
    } as AppointmentCommand;
    const result = await handleCommand(this.store, caseStreamId(caseId), this.decider, command, {
      context: {
        actor,
        commandId,
        correlationId: write.correlationId ?? this.ids.uuid(),
        causationId: commandId,
        occurredAt: at,
        extra: { requestHash: write.requestHash, idempotencyKey: write.idempotencyKey },
      },
      expectedRevision: write.expectedRevision,
    });
    if (result.replayed) await this.authorizeReplay(caseStreamId(caseId), command, result.recorded);
    // Ids come from the recorded events, so a replay answers with the ids of the first run.
    const response: CommandResponse = {
      caseId,
      revision: result.revision,
      events: result.events.map(({ type, revision }) => ({ type, revision })),
      candidateId: recordedField(result.recorded, 'CandidateNominated', 'candidateId'),
      objectionId: recordedField(result.recorded, 'ObjectionRecorded', 'objectionId'),
      digest: recordedField(result.recorded, 'OpinionDrafted', 'digest'),
    };
    return { replayed: result.replayed, response: plain(response) };
  }

  /**
   * A stored answer is given only to whom the command would be allowed now: the decider runs
   * against the case as it was before the first run, and its role or org-unit refusal stands.
   * Other refusals are the first run's business (time has moved on), so they do not count here.
   */
  private async authorizeReplay(
    streamId: string,
    command: AppointmentCommand,
    recorded: RecordedEvent[],
  ): Promise<void> {
    const first = BigInt(recorded[0].revision);
    const before = first === 0n ? [] : await this.store.read(streamId, { toRevision: String(first - 1n) });
    const state = before.reduce(
      (acc, event) => this.decider.evolve(acc, event as unknown as AppointmentEvent),
      this.decider.initialState(),
    );
    try {
      this.decider.decide(command, state);
    } catch (err) {
      if ((err as { category?: unknown }).category === 'forbidden') throw err;
    }
  }
}
