import type { PoolClient } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import type { AppointmentEvent } from '@app/appointment/appointment.events';
import {
  type AccountabilityCause,
  type HoldRecommenderAccountable,
  recommenderDecider,
  recommenderStreamId,
} from '@app/appointment/recommender.decider';
import { type EventStore, handleCommand, type RecordedEvent } from '@app/event-store';
import type { ApplyOptions, Projection, TableNames } from '../projection.types';

export const RECOMMENDER_ACCOUNTABILITY = 'recommender-accountability';

export interface RecommenderAccountabilityDeps {
  store: EventStore;
  /** R27: months a recommender's qualification is suspended (default 24). */
  suspensionMonths: number;
}

/** What in a case holds the recommenders of a candidate accountable (R27), and from when. */
export function accountabilityCause(
  event: RecordedEvent,
): { candidateId: string; cause: AccountabilityCause; at: string } | null {
  const e = event as unknown as AppointmentEvent;
  if (e.type === 'ProbationReviewed' && e.data.result === 'incompetent')
    return { candidateId: e.data.candidateId, cause: 'probation-incompetent', at: e.data.reviewedAt };
  if (e.type === 'PostAppointmentFindingRecorded' && e.data.sickPromotion)
    return { candidateId: e.data.candidateId, cause: 'sick-promotion', at: e.data.foundAt };
  return null;
}

/**
 * R27 谁推荐谁负责, run like a projection from its checkpoint: for each case event that holds a
 * candidate's recommenders accountable, appends RecommenderHeldAccountable to each
 * `recommender-<id>` stream. The command id derives from the case event, and the recommender
 * decider records one accountability per candidate and cause, so a replay or a rebuild appends
 * nothing twice. Appends happen inside the batch, before the checkpoint moves: at least once,
 * absorbed by that idempotency.
 */
export class RecommenderAccountabilityProcess implements Projection {
  readonly name = RECOMMENDER_ACCOUNTABILITY;
  readonly tables = [] as const;

  constructor(private readonly deps: RecommenderAccountabilityDeps) {}

  createTables(): string[] {
    return [];
  }

  async apply(
    _client: PoolClient,
    _events: readonly RecordedEvent[],
    _names: TableNames,
    { folded }: ApplyOptions,
  ): Promise<void> {
    for (const c of folded) {
      for (const step of c.steps) {
        const cause = accountabilityCause(step.event);
        if (cause === null || step.after.status === 'empty') continue;
        const candidate = step.after.candidates.find((x) => x.candidateId === cause.candidateId);
        if (!candidate) continue;
        const actor: Actor = {
          id: 'system',
          name: '谁推荐谁负责',
          role: 'system',
          orgUnit: step.after.ownerOrgUnit,
        };
        const command: HoldRecommenderAccountable = {
          type: 'HoldRecommenderAccountable',
          data: {
            recommender: candidate.recommendedBy,
            caseId: c.caseId,
            candidateId: candidate.candidateId,
            candidateName: candidate.person.name,
            cause: cause.cause,
            causeRevision: step.event.revision,
            at: cause.at,
            suspensionMonths: this.deps.suspensionMonths,
          },
        };
        const commandId = `r27-${step.event.eventId}-${candidate.recommendedBy.id}`;
        await handleCommand(
          this.deps.store,
          recommenderStreamId(candidate.recommendedBy.id),
          recommenderDecider,
          command,
          {
            context: {
              actor,
              commandId,
              correlationId: step.event.metadata.correlationId ?? commandId,
              causationId: step.event.eventId,
              occurredAt: cause.at,
            },
          },
        );
      }
    }
  }
}
