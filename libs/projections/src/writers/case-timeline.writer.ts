import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@app/event-store';
import { TIMELINE_METADATA_KEYS, timelineEntries, type TimelineEntry } from '../case-timeline.projection';
import type { ApplyOptions, BulkLoad, Projection, TableNames } from '../projection.types';
import { type StatementBatch, write } from '../statement-batch';
import type { FoldedCase } from './case-states';

export const CASE_TIMELINE = 'case-timeline';

const COLUMNS = `case_id text NOT NULL,
        revision bigint NOT NULL,
        seq int NOT NULL,
        global_position text NOT NULL,
        type text NOT NULL,
        stage text NOT NULL,
        title text NOT NULL,
        recorded_at timestamptz NOT NULL,
        candidate_ids jsonb NOT NULL,
        entry jsonb NOT NULL`;
const KEY = 'PRIMARY KEY (case_id, revision, seq)';

/** The 纪实 entries of a batch's folded cases, in order, as one JSON array (null: none). */
function entriesJson(folded: readonly FoldedCase[]): string | null {
  const entries: TimelineEntry[] = folded.flatMap((c) =>
    c.steps.flatMap((step) => timelineEntries(step.event, step.before, step.after)),
  );
  return entries.length === 0 ? null : JSON.stringify(entries);
}

/**
 * The entries alone, once, as one JSON array: the columns are read out of each entry in SQL. Sending
 * columns and entry side by side made PostgreSQL parse every entry twice; this is a quarter faster
 * to write. One JSON.stringify of the page costs the rebuild's process less than rows for COPY made
 * entry by entry.
 */
async function insertEntries(
  client: PoolClient,
  table: string,
  entries: string | null,
  onConflict: string,
  batch?: StatementBatch,
): Promise<void> {
  if (entries === null) return;
  await write(
    client,
    batch,
    `INSERT INTO ${table} (case_id, revision, seq, global_position, type, stage, title, recorded_at, candidate_ids, entry)
     SELECT e->>'caseId', (e->>'revision')::bigint, (e->>'seq')::int, e->>'globalPosition', e->>'type', e->>'stage',
            e->>'title', (e->>'recordedAt')::timestamptz, e->'candidateIds', e
     FROM jsonb_array_elements($1::jsonb) AS e ${onConflict}`,
    [entries],
  );
}

/**
 * A rebuild writes its pages into a table without its key, and adds the key once they are all in. A
 * page is its entries as JSON text (null: none).
 */
const bulkLoad: BulkLoad<string | null> = {
  createTables: (names) => [`CREATE TABLE ${names.case_timeline} (${COLUMNS})`],
  prepare: entriesJson,
  load: (client, names, page) => insertEntries(client, names.case_timeline, page, ''),
  finish: (names) => [`ALTER TABLE ${names.case_timeline} ADD ${KEY}`],
};

export class CaseTimelineProjection implements Projection {
  readonly name = CASE_TIMELINE;
  readonly tables = ['case_timeline'] as const;
  readonly appendOnly = true;
  readonly bulkLoad = bulkLoad;
  /** What timelineEntries reads of an event's metadata. */
  readonly metadataKeys = TIMELINE_METADATA_KEYS;

  createTables(names: TableNames): string[] {
    return [`CREATE TABLE IF NOT EXISTS ${names.case_timeline} (${COLUMNS}, ${KEY})`];
  }

  async apply(
    client: PoolClient,
    _events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<void> {
    await insertEntries(
      client,
      names.case_timeline,
      entriesJson(options.folded),
      'ON CONFLICT (case_id, revision, seq) DO NOTHING',
      options.batch,
    );
  }
}
