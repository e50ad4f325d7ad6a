export { evolveCaseListRow, summarise, type CaseListRow } from './case-list.projection';
export {
  ACTIVITY_LABELS,
  CHECK_LABELS,
  OPINION_LABELS,
  OUTCOME_LABELS,
  STAGE_LABELS,
  timelineEntries,
  type TimelineActor,
  type TimelineEntry,
  type TimelineParticipant,
  type TimelineSignature,
} from './case-timeline.projection';
export { caseDeadlines, type ProjectedDeadline } from './deadlines.projection';
export { evolveCase, foldCase } from './case-state.fold';
export type { AfterCommit, ApplyOptions, Projection, TableNames } from './projection.types';
export { liveTableNames, shadowTableNames } from './projection.types';
export { CaseListProjection, CASE_LIST } from './writers/case-list.writer';
export { CaseTimelineProjection, CASE_TIMELINE } from './writers/case-timeline.writer';
export {
  DEADLINE_SINK,
  DeadlinesProjection,
  DEADLINES,
  readOpenDeadlines,
  type DeadlineSink,
} from './writers/deadlines.writer';
export { createProjections, type ProjectionsDeps } from './projections.registry';
export {
  CASE_STATES_DDL,
  CASE_STATES_TABLE,
  foldStored,
  MemoryFold,
  ReplayFold,
  saveFolded,
  type FoldedCase,
  type FoldStep,
} from './writers/case-states';
export { migrateProjections, CHECKPOINTS_DDL } from './projections.schema';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionRunnerStatus,
  type LoggerLike,
} from './projection-runner';
export {
  REBUILD_PAGE_SIZE,
  rebuildProjection,
  RebuildInProgressError,
  UnknownProjectionError,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
} from './projection-rebuild';
export {
  projectionLag,
  projectionStatuses,
  type ProjectionLag,
  type ProjectionStatus,
} from './projection-status';
export { projectionMetrics } from './projection.metrics';
export {
  PROJECTIONS,
  ProjectionRebuildService,
  ProjectionsModule,
  ProjectionsSchema,
  type RebuildStarted,
} from './projections.module';
