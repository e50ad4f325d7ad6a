import { Client } from 'pg';

/** Server-level URL (no database) for test databases; override with TEST_PG_URL. */
export const testServerUrl = (): string => process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const testRedisUrl = (): string => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/**
 * Creates a fresh, empty database for one test file and returns its URL.
 * The name always contains `test`; anything else is refused.
 */
export async function freshTestDatabase(label: string): Promise<string> {
  const name = `cadre_test_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}`;
  if (!name.includes('test')) throw new Error(`refusing to use database ${name}: name must contain "test"`);
  const admin = new Client({ connectionString: `${testServerUrl()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `${testServerUrl()}/${name}`;
}

/**
 * Drops a test database once its file is done. Without FORCE: a connection some pool still holds
 * is not cut under it (that would surface as an unhandled pool error in the next suite); such a
 * database is left for `dropStaleTestDatabases` at the start of the next run.
 */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to drop database ${name}: name must contain "test"`);
  const admin = new Client({ connectionString: `${testServerUrl()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== '55006') throw err;
  } finally {
    await admin.end();
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Drops the test databases of earlier runs whose process (the suffix of the name) has ended. */
export async function dropStaleTestDatabases(): Promise<number> {
  const admin = new Client({ connectionString: `${testServerUrl()}/postgres` });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'cadre\\_test\\_%'",
    );
    let dropped = 0;
    for (const { datname } of rows) {
      const pid = Number(/_(\d+)$/.exec(datname)?.[1]);
      if (!pid || pid === process.pid || alive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      dropped += 1;
    }
    return dropped;
  } finally {
    await admin.end();
  }
}
