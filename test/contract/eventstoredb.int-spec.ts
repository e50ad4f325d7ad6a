import type { EventStore } from '@app/event-store';
import { describeEventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('eventstoredb', async () => {
    const { EventStoreDbEventStore } = (await import('@app/event-store/adapters/eventstoredb')) as {
      EventStoreDbEventStore: new (connectionString: string) => EventStore;
    };
    const store = new EventStoreDbEventStore(connectionString);
    return { store, cleanup: () => store.close() };
  });
} else {
  it.skip('skipped: no EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run the contract suite against a real server)', () =>
    undefined);
}
