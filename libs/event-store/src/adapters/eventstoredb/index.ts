export { EventStoreDbEventStore } from './eventstoredb-event-store';
export { EventStoreDbSubscription } from './eventstoredb-subscription';
export { comparePositions, decodePosition, encodePosition } from './eventstoredb-position';
export {
  formatRevision,
  toAppendExpectedRevision,
  toEventStoreError,
  toRecordedEvent,
} from './eventstoredb-mapping';
