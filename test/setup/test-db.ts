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

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to drop database ${name}: name must contain "test"`);
  const admin = new Client({ connectionString: `${testServerUrl()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
