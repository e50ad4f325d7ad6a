import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import type { Deadline } from './deadline-policy';
import type { Recipient } from './reminder-recipients';

export interface InboxEntry {
  id: string;
  reminderId: string;
  caseId: string;
  kind: string;
  subject: string;
  reason: string;
  escalationLevel: number;
  recipientRole: string;
  recipientOrgUnit: string;
  dueAt: string;
  issuedAt: string;
  deliveredAt: string;
  readAt: string | null;
}

export interface InboxReader {
  role: string;
  orgUnit: string;
}

interface InboxRow {
  id: string;
  reminder_id: string;
  case_id: string;
  kind: string;
  subject: string;
  reason: string;
  escalation_level: number;
  recipient_role: string;
  recipient_org_unit: string;
  due_at: Date;
  issued_at: Date;
  delivered_at: Date;
  read_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS =
  'id, reminder_id, case_id, kind, subject, reason, escalation_level, recipient_role, recipient_org_unit, due_at, issued_at, delivered_at, read_at';

/** The `inbox` table: one row per (reminder, recipient), so a second delivery inserts nothing. */
@Injectable()
export class InboxRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Returns how many rows were new. */
  async deliver(
    reminderId: string,
    deadline: Deadline,
    recipients: Recipient[],
    issuedAt: string,
    now: Date,
  ): Promise<number> {
    if (recipients.length === 0) return 0;
    const values: unknown[] = [];
    const tuples = recipients.map((r) => {
      const base = values.length;
      values.push(
        randomUUID(),
        reminderId,
        r.role,
        r.orgUnit,
        deadline.caseId,
        deadline.kind,
        deadline.subject,
        deadline.reason,
        deadline.escalationLevel,
        deadline.dueAt,
        issuedAt,
        now,
      );
      return `(${Array.from({ length: 12 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    const result = await this.pool.query(
      `INSERT INTO inbox (id, reminder_id, recipient_role, recipient_org_unit, case_id, kind, subject, reason, escalation_level, due_at, issued_at, delivered_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT inbox_reminder_recipient_key DO NOTHING`,
      values,
    );
    return result.rowCount ?? 0;
  }

  /** The reader's entries, newest first; `unread` true: unread only, false: read only, undefined: all. */
  async list(reader: InboxReader, options: { unread?: boolean; limit: number }): Promise<InboxEntry[]> {
    const filter =
      options.unread === undefined ? '' : options.unread ? 'AND read_at IS NULL' : 'AND read_at IS NOT NULL';
    const result = await this.pool.query<InboxRow>(
      `SELECT ${COLUMNS} FROM inbox
        WHERE recipient_role = $1 AND recipient_org_unit = $2 ${filter}
        ORDER BY delivered_at DESC, id DESC LIMIT $3`,
      [reader.role, reader.orgUnit, options.limit],
    );
    return result.rows.map(toEntry);
  }

  /** Null when the entry does not exist or is not the reader's. Reading twice keeps the first time. */
  async markRead(id: string, reader: InboxReader, now: Date): Promise<InboxEntry | null> {
    if (!UUID.test(id)) return null;
    const result = await this.pool.query<InboxRow>(
      `UPDATE inbox SET read_at = COALESCE(read_at, $4)
        WHERE id = $1 AND recipient_role = $2 AND recipient_org_unit = $3
        RETURNING ${COLUMNS}`,
      [id, reader.role, reader.orgUnit, now],
    );
    return result.rows[0] ? toEntry(result.rows[0]) : null;
  }

  async forReminder(reminderId: string): Promise<InboxEntry[]> {
    const result = await this.pool.query<InboxRow>(
      `SELECT ${COLUMNS} FROM inbox WHERE reminder_id = $1 ORDER BY recipient_role, recipient_org_unit`,
      [reminderId],
    );
    return result.rows.map(toEntry);
  }
}

function toEntry(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    reminderId: row.reminder_id,
    caseId: row.case_id,
    kind: row.kind,
    subject: row.subject,
    reason: row.reason,
    escalationLevel: row.escalation_level,
    recipientRole: row.recipient_role,
    recipientOrgUnit: row.recipient_org_unit,
    dueAt: row.due_at.toISOString(),
    issuedAt: row.issued_at.toISOString(),
    deliveredAt: row.delivered_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
