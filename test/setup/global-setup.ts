import { Client } from 'pg';
import { dropStaleTestDatabases, testServerUrl } from './test-db';

/** Integration and e2e tests talk to the real servers: fail early and clearly if one is down. */
export default async function globalSetup(): Promise<void> {
  const client = new Client({
    connectionString: `${testServerUrl()}/postgres`,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${testServerUrl()}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  await dropStaleTestDatabases();
}
