/**
 * Rows streamed into a table with COPY … FROM STDIN, in PostgreSQL's text format: fields apart by
 * tabs, rows ended by newlines, and a backslash, tab, newline or carriage return inside a field
 * written as a backslash escape (no field here is ever NULL, so `\N` never has to be written).
 */
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escape = (char: string): string => ESCAPES[char];

export function copyField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIALS, escape) : value;
}

export function copyRow(fields: ReadonlyArray<string | number>): string {
  let row = copyField(fields[0]);
  for (let i = 1; i < fields.length; i++) row += `\t${copyField(fields[i])}`;
  return `${row}\n`;
}

/** Sends rows made by copyRow in one COPY; resolves once PostgreSQL has taken them all. */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Buffer,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  stream.end(rows);
  await finished(stream);
}
