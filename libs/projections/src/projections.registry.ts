import type { DeadlinePolicyDeps } from '@app/reminders/deadline-policy';
import type { Projection } from './projection.types';
import { CaseListProjection } from './writers/case-list.writer';
import { CaseTimelineProjection } from './writers/case-timeline.writer';
import { DeadlinesProjection, type DeadlineSink } from './writers/deadlines.writer';
import { RecommenderAccountabilityProcess } from './writers/recommender-accountability.process';
import { SupervisionProjection } from './writers/supervision.writer';
import type { EventStore } from '@app/event-store';

export interface ProjectionsDeps {
  policy: DeadlinePolicyDeps;
  /** Resolved at each batch: the reminders scheduler may register after the projections. */
  deadlineSink?: () => DeadlineSink | undefined;
  onSinkError?: (err: unknown) => void;
  /** R27: the process that appends to recommender streams runs only where a store is given. */
  store?: EventStore;
  recommenderSuspensionMonths?: number;
  /** The time supervision findings are judged at (tests, benches). */
  now?: () => Date;
}

/** Every projection of the service, by name: case-list, case-timeline, deadlines, supervision, and the R27 process. */
export function createProjections(deps: ProjectionsDeps): Projection[] {
  return [
    new CaseListProjection(),
    new CaseTimelineProjection(),
    new DeadlinesProjection(deps.policy, deps.deadlineSink, deps.onSinkError),
    new SupervisionProjection({ policy: deps.policy, now: deps.now, store: deps.store }),
    ...(deps.store
      ? [
          new RecommenderAccountabilityProcess({
            store: deps.store,
            suspensionMonths: deps.recommenderSuspensionMonths ?? 24,
          }),
        ]
      : []),
  ];
}
