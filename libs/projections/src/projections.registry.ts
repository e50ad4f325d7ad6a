import type { DeadlinePolicyDeps } from '@app/reminders/deadline-policy';
import type { Projection } from './projection.types';
import { CaseListProjection } from './writers/case-list.writer';
import { CaseTimelineProjection } from './writers/case-timeline.writer';
import { DeadlinesProjection, type DeadlineSink } from './writers/deadlines.writer';

export interface ProjectionsDeps {
  policy: DeadlinePolicyDeps;
  /** Resolved at each batch: the reminders scheduler may register after the projections. */
  deadlineSink?: () => DeadlineSink | undefined;
  onSinkError?: (err: unknown) => void;
}

/** Every projection of the service, by name: case-list, case-timeline, deadlines. */
export function createProjections(deps: ProjectionsDeps): Projection[] {
  return [
    new CaseListProjection(),
    new CaseTimelineProjection(),
    new DeadlinesProjection(deps.policy, deps.deadlineSink, deps.onSinkError),
  ];
}
