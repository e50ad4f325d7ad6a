import { randomUUID } from 'node:crypto';
import { type AppointmentCommand, type AppointmentDecider, caseStreamId } from '@app/appointment';
import type { Actor } from '@app/appointment/appointment.commands';
import type { AppointmentState } from '@app/appointment/appointment.state';
import type { EventStore, NewEvent } from '@app/event-store';
import { CANDIDATE_UNIT, people } from '../../support/people';

type Payload<C> = C extends AppointmentCommand ? { type: C['type']; data: C['data'] } : never;
type CommandPayload = Payload<AppointmentCommand>;

const BATCH = 250;

/**
 * Appends a real case of `length` events straight to the store: every event is decided by the
 * domain from a command (opened, approved, one candidate inspected, then inspection activities),
 * but the commands skip HTTP, so thousands of events take a second instead of minutes.
 * Owned by people.handler's unit; the team is people.teamLeader and people.teamMember.
 */
export async function appendGrownCase(
  store: EventStore,
  decider: AppointmentDecider,
  length: number,
): Promise<{ caseId: string; candidateId: string }> {
  const caseId = randomUUID();
  const candidateId = randomUUID();
  const day = (n: number) => new Date(Date.UTC(2024, 0, 2) + n * 24 * 3600_000).toISOString();
  let state: AppointmentState = decider.initialState();
  let pending: NewEvent[] = [];
  let revision = -1;
  let total = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await store.append(caseStreamId(caseId), pending, {
      expectedRevision: revision < 0 ? 'no-stream' : String(revision),
      context: {
        actor: people.handler,
        commandId: randomUUID(),
        correlationId: caseId,
        causationId: caseId,
        occurredAt: new Date().toISOString(),
      },
    });
    revision += pending.length;
    pending = [];
  };
  const run = async (actor: Actor, at: string, payload: CommandPayload) => {
    const events = decider.decide({ ...payload, caseId, actor, at } as AppointmentCommand, state);
    for (const event of events) {
      state = decider.evolve(state, event);
      pending.push({ type: event.type, data: event.data });
      total++;
    }
    if (pending.length >= BATCH) await flush();
  };
  await run(people.handler, day(0), {
    type: 'OpenCase',
    data: { post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' }, grounds: '职位空缺' },
  });
  await run(people.committeeSecretary, day(1), { type: 'ApproveInitiation', data: {} });
  await run(people.handler, day(2), {
    type: 'RecordRecommendationRound',
    data: {
      roundId: randomUUID(),
      kind: 'meeting',
      heldAt: day(2),
      eligible: 30,
      participants: 26,
      results: [{ personId: 'p-grown', name: '张三', votes: 20 }],
    },
  });
  await run(people.handler, day(3), {
    type: 'NominateCandidate',
    data: {
      candidateId,
      person: { id: 'p-grown', name: '张三', currentPost: '处长', orgUnit: CANDIDATE_UNIT },
      recommendedBy: { id: 'r-1', name: '钱主任', role: '主要负责同志' },
      reason: '实绩突出',
    },
  });
  const flags = {
    politicalDiscipline: false,
    lowAcceptance: false,
    appraisalBasicOrLower: false,
    canvassing: false,
    familyEmigrated: false,
    disciplinaryImpactPeriod: false,
  };
  await run(people.handler, day(4), { type: 'RecordEligibility', data: { candidateId, flags } });
  await run(people.handler, day(5), {
    type: 'DetermineInspectionTargets',
    data: { candidateIds: [candidateId], decidedAt: day(5), basis: '部务会' },
  });
  await run(people.handler, day(6), {
    type: 'FormInspectionTeam',
    data: {
      leader: { id: people.teamLeader.id, name: people.teamLeader.name },
      members: [{ id: people.teamMember.id, name: people.teamMember.name }],
    },
  });
  await run(people.handler, day(7), {
    type: 'PublishInspectionNotice',
    data: { publishedAt: day(7), channel: '公告栏' },
  });
  for (let i = 0; total < length; i++) {
    await run(people.teamMember, day(8), {
      type: 'RecordInspectionActivity',
      data: {
        candidateId,
        activityId: randomUUID(),
        kind: 'individual-talk',
        heldAt: day(8),
        summary: `个别谈话 ${i}`,
        count: 1 + (i % 20),
      },
    });
  }
  await flush();
  return { caseId, candidateId };
}
