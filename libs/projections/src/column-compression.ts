/**
 * DDL that compresses a large jsonb column with lz4 where the server was built with it (PostgreSQL
 * 14+), and leaves the default (pglz) elsewhere. The folded case and supervision states are 3–5 KB
 * of JSON, rewritten at each batch that touches their case: compressing them with pglz was the
 * largest single cost of the worker's PostgreSQL backend under load (7 % of its CPU). Idempotent,
 * and only a change of the column's metadata: rows already stored keep their compression.
 */
export function preferLz4(table: string, column: string): string {
  return `DO $$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))
       AND (SELECT attcompression FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attname = '${column}') <> 'l' THEN
      ALTER TABLE ${table} ALTER COLUMN ${column} SET COMPRESSION lz4;
    END IF;
  END $$`;
}
