import type { PoolClient, QueryResult } from 'pg';

/**
 * Statements of one projection batch sent to PostgreSQL in ONE round trip (the simple query
 * protocol runs several statements separated by `;`, in order, stopping at the first error).
 * node-postgres sends one parameterised statement per round trip and waits for its answer; a batch
 * of five projections made about fifteen of them, each waiting its turn for a CPU when the machine
 * is busy with commands. Parameters are written into the text as literals (`literal`), so only
 * statements whose values are plain data belong here: their SQL comes from this code, never from a
 * request.
 */
export class StatementBatch {
  private readonly texts: string[] = [];

  /** Adds a statement; `$1`, `$2`… are replaced by the values as literals. */
  add(text: string, values: readonly unknown[] = []): void {
    this.texts.push(inline(text, values));
  }

  get size(): number {
    return this.texts.length;
  }

  /** The statements as one text, in the order they were added. */
  toString(): string {
    return this.texts.join(';\n');
  }

  /** Runs the statements in one round trip and returns each one's result, in order. */
  async run(client: Pick<PoolClient, 'query'>): Promise<QueryResult[]> {
    if (this.texts.length === 0) return [];
    const result = (await client.query(this.toString())) as unknown as QueryResult | QueryResult[];
    return Array.isArray(result) ? result : [result];
  }
}

/** A write a projection does not read back: deferred into the batch when there is one, else run now. */
export async function write(
  client: Pick<PoolClient, 'query'>,
  batch: StatementBatch | undefined,
  text: string,
  values: readonly unknown[],
): Promise<void> {
  if (batch) batch.add(text, values);
  else await client.query(text, values as unknown[]);
}

/** A projection's `prefetch` rows for its cases: those the runner read with the batch, else read now. */
export async function prefetched<Row>(
  client: Pick<PoolClient, 'query'>,
  rows: readonly Record<string, unknown>[] | undefined,
  text: string,
  caseIds: readonly string[],
): Promise<Row[]> {
  return (rows ?? (await client.query(text, [caseIds])).rows) as Row[];
}

/** The statement with `$n` replaced by the n-th value as a literal. */
export function inline(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length)
      throw new Error(`statement refers to $${n} but has ${values.length} values`);
    return literal(values[i]);
  });
}

/**
 * A value as an SQL literal: strings quoted as node-postgres's escapeLiteral quotes them (quotes
 * doubled; with a backslash, an E'' string with backslashes doubled, right whatever
 * standard_conforming_strings says), arrays as ARRAY[…], numbers and booleans as themselves.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  throw new Error(`no SQL literal for a value of type ${typeof value}`);
}

function quote(text: string): string {
  if (text.includes('\0')) throw new Error('a text value holds a NUL character');
  const body = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${body.replaceAll('\\', '\\\\')}'` : `'${body}'`;
}
