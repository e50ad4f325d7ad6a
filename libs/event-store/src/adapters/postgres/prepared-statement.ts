import type { QueryConfig } from 'pg';

/**
 * A fixed SQL text run often, as a named statement: each connection parses it once instead of on
 * every call, as it does for the unnamed statements node-postgres sends by default. Only for fixed
 * texts: a name stands for one text on every connection for its lifetime.
 *
 * Connections that run them should be opened with CUSTOM_PLANS: after five runs PostgreSQL may keep
 * one generic plan for a named statement, chosen with the statistics of that moment. A service
 * started on an empty events table then kept sequential scans for its reads and appends (the bench's
 * projection lag went from 0.2 s to 37 s). Planned for each call, parsing is still saved: PostgreSQL's
 * CPU per append with 8 writers fell from 0.62 to 0.46 ms.
 */
export type PreparedStatement = (values: unknown[]) => QueryConfig;

const texts = new Map<string, string>();

export function prepared(name: string, text: string): PreparedStatement {
  const known = texts.get(name);
  if (known !== undefined && known !== text) throw new Error(`prepared statement ${name} has two texts`);
  texts.set(name, text);
  return (values) => ({ name, text, values });
}

/** Startup options for node-postgres (`options`): plan every statement for its parameters. */
export const CUSTOM_PLANS = '-c plan_cache_mode=force_custom_plan';
