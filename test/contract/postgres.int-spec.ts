import { PostgresEventStore } from '@app/event-store';
import { dropTestDatabase, freshTestDatabase } from '../setup/test-db';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('postgres', async () => {
  const url = await freshTestDatabase('contract_pg');
  const store = new PostgresEventStore({ connectionString: url, pollIntervalMs: 200 });
  await store.migrate();
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropTestDatabase(url);
    },
  };
});
