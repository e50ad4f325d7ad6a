import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import type { Deadline } from './deadline-policy';
import type { OpenDeadlineSource } from './open-deadline.source';

/** The deadlines projection's table (libs/projections, `case_deadlines`): one row per open deadline. */
export const OPEN_DEADLINES_TABLE = 'case_deadlines';
const UNDEFINED_TABLE = '42P01';

/** Reads the open deadlines in keyset pages: 10 000 rows are ten queries, whatever the table's size. */
@Injectable()
export class PgOpenDeadlineSource implements OpenDeadlineSource {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async *pages(pageSize: number): AsyncIterable<Deadline[]> {
    let after = '';
    for (;;) {
      const result = await this.pool
        .query<{ deadline_id: string; deadline: Deadline }>(
          `SELECT deadline_id, deadline FROM ${OPEN_DEADLINES_TABLE} WHERE deadline_id > $1 ORDER BY deadline_id LIMIT $2`,
          [after, pageSize],
        )
        .catch((err: unknown) => {
          // The projection creates its table when it first runs: until then nothing is open.
          if ((err as { code?: string }).code === UNDEFINED_TABLE) return { rows: [] };
          throw err;
        });
      if (result.rows.length === 0) return;
      yield result.rows.map((row) => row.deadline);
      if (result.rows.length < pageSize) return;
      after = result.rows[result.rows.length - 1].deadline_id;
    }
  }
}
