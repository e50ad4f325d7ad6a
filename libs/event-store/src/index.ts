export * from './event-store.port';
export * from './event-store.errors';
export { isRevision } from './event-store.revisions';
export {
  GENESIS_HASH,
  canonicalJson,
  hashEvent,
  sealEvents,
  sha256Hex,
  verifyChain,
  type ChainVerification,
  type SealedEvent,
} from './hash-chain';
export {
  aggregateStream,
  handleCommand,
  type CommandResult,
  type Decider,
  type HandleCommandOptions,
} from './handle-command';
export { DEFAULT_FOLD_CACHE_STREAMS, FoldCache, foldCacheFor, type FoldedStream } from './fold-cache';
export {
  HEAD_POSITION_SQL,
  POSITION_SQL,
  decodePosition,
  encodePosition,
} from './adapters/postgres/postgres-positions';
export {
  PollingSubscription,
  WakeSignal,
  type PollingSubscriptionSettings,
} from './subscription/polling-subscription';
export { MemoryEventStore, type MemoryEventStoreOptions } from './adapters/memory/memory-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store';
export { isConnectionError } from './adapters/postgres/postgres-errors';
export { inTransaction } from './adapters/postgres/pg-transaction';
export { CUSTOM_PLANS } from './adapters/postgres/prepared-statement';
export {
  EventStoreModule,
  PG_POOL,
  type EventStoreKind,
  type EventStoreModuleOptions,
} from './event-store.module';
