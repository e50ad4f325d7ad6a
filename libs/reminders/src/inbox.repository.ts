import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import { shanghaiTime as toShanghaiTime } from '@app/time';
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
  /**
   * Whether the reason still holds now: the deadline is still open in the deadlines read model (so
   * the case is open too), or, for the calendar notice, the next year is still not loaded.
   */
  stillApplies: boolean;
  /** The case's post (职位), from the case list; null for notices that concern no case. */
  postTitle: string | null;
  /** Where the entry leads in the console and the API: the case, or the calendar admin. */
  link: string;
}

export interface InboxReader {
  role: string;
  orgUnit: string;
}

/** Org unit of entries addressed to everyone of a role (the admins' calendar notice). */
export const ALL_ORG_UNITS = '*';
/** DOMAIN.md §9: the admins' notice that the calendar's last year is ending; its subject is that year. */
export const CALENDAR_COVERAGE_KIND = 'calendar-coverage';

export interface InboxListOptions {
  unread?: boolean;
  limit: number;
  /** The calendar's last covered year now: a coverage notice for it still applies. */
  calendarLastYear?: number;
}

/** Which of the reader's entries `markAllRead` marks: all, or those of one case. */
export interface InboxReadFilter {
  caseId?: string;
}

/** A reminder for its recipients' inboxes. */
export interface InboxDelivery {
  reminderId: string;
  deadline: Deadline;
  recipients: readonly Recipient[];
  issuedAt: string;
}

export interface InboxNotice {
  reminderId: string;
  recipientRole: string;
  kind: string;
  subject: string;
  reason: string;
  dueAt: string;
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
  still_applies: boolean;
  post_title: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Read-time facts from the read models of libs/projections (`case_deadlines`, `case_list`): one
 * indexed probe each per row, never a fold of the case. `$1` is the calendar's last covered year.
 */
const ENRICHED = `SELECT i.id, i.reminder_id, i.case_id, i.kind, i.subject, i.reason, i.escalation_level,
       i.recipient_role, i.recipient_org_unit, i.due_at, i.issued_at, i.delivered_at, i.read_at,
       CASE WHEN i.kind = '${CALENDAR_COVERAGE_KIND}' THEN i.subject = $1::text
            ELSE EXISTS (SELECT 1 FROM case_deadlines d
                          WHERE d.case_id = i.case_id AND d.kind = i.kind AND d.subject = i.subject)
       END AS still_applies,
       (SELECT l.post->>'title' FROM case_list l WHERE l.case_id = i.case_id) AS post_title
  FROM inbox i`;
/** Where the read models are not there (a process without projections): the entries, with nothing known about them. */
const PLAIN = `SELECT i.id, i.reminder_id, i.case_id, i.kind, i.subject, i.reason, i.escalation_level,
       i.recipient_role, i.recipient_org_unit, i.due_at, i.issued_at, i.delivered_at, i.read_at,
       ($1::text IS NOT NULL AND i.kind = '${CALENDAR_COVERAGE_KIND}' AND i.subject = $1::text) AS still_applies,
       NULL::text AS post_title
  FROM inbox i`;
const UNDEFINED_TABLE = '42P01';

/** The `inbox` table: one row per (reminder, recipient), so a second delivery inserts nothing. */
@Injectable()
export class InboxRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The inbox rows of many reminders in one statement; returns how many rows were new per reminder
   * (0 or absent: an earlier run had delivered it).
   */
  async deliver(deliveries: readonly InboxDelivery[], now: Date): Promise<Map<string, number>> {
    const rows = deliveries.flatMap((d) => d.recipients.map((r) => ({ ...d, recipient: r })));
    const fresh = new Map<string, number>();
    if (rows.length === 0) return fresh;
    const result = await this.pool.query<{ reminder_id: string }>(
      `INSERT INTO inbox (id, reminder_id, recipient_role, recipient_org_unit, case_id, kind, subject, reason, escalation_level, due_at, issued_at, delivered_at)
       SELECT r.*, $12::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::integer[], $10::timestamptz[], $11::timestamptz[]) AS r
       ON CONFLICT ON CONSTRAINT inbox_reminder_recipient_key DO NOTHING
       RETURNING reminder_id`,
      [
        rows.map(() => randomUUID()),
        rows.map((r) => r.reminderId),
        rows.map((r) => r.recipient.role),
        rows.map((r) => r.recipient.orgUnit),
        rows.map((r) => r.deadline.caseId),
        rows.map((r) => r.deadline.kind),
        rows.map((r) => r.deadline.subject),
        rows.map((r) => r.deadline.reason),
        rows.map((r) => r.deadline.escalationLevel),
        rows.map((r) => r.deadline.dueAt),
        rows.map((r) => r.issuedAt),
        now,
      ],
    );
    for (const { reminder_id: id } of result.rows) fresh.set(id, (fresh.get(id) ?? 0) + 1);
    return fresh;
  }

  /** One entry per role for a notice that concerns no case; a second delivery of the same id inserts nothing. */
  async deliverNotice(notice: InboxNotice, now: Date): Promise<number> {
    const result = await this.pool.query(
      `INSERT INTO inbox (id, reminder_id, recipient_role, recipient_org_unit, case_id, kind, subject, reason, escalation_level, due_at, issued_at, delivered_at)
       VALUES ($1, $2, $3, $4, '', $5, $6, $7, 0, $8, $9, $9)
       ON CONFLICT ON CONSTRAINT inbox_reminder_recipient_key DO NOTHING`,
      [
        randomUUID(),
        notice.reminderId,
        notice.recipientRole,
        ALL_ORG_UNITS,
        notice.kind,
        notice.subject,
        notice.reason,
        notice.dueAt,
        now,
      ],
    );
    return result.rowCount ?? 0;
  }

  /** The reader's entries, newest first; `unread` true: unread only, false: read only, undefined: all. */
  async list(reader: InboxReader, options: InboxListOptions): Promise<InboxEntry[]> {
    const filter =
      options.unread === undefined
        ? ''
        : options.unread
          ? 'AND i.read_at IS NULL'
          : 'AND i.read_at IS NOT NULL';
    const result = await this.enriched(
      `
        WHERE i.recipient_role = $2 AND i.recipient_org_unit IN ($3, '${ALL_ORG_UNITS}') ${filter}
        ORDER BY i.delivered_at DESC, i.id DESC LIMIT $4`,
      [lastYear(options), reader.role, reader.orgUnit, options.limit],
    );
    return result.rows.map(toEntry);
  }

  /** Null when the entry does not exist or is not the reader's. Reading twice keeps the first time. */
  async markRead(
    id: string,
    reader: InboxReader,
    now: Date,
    options: Pick<InboxListOptions, 'calendarLastYear'> = {},
  ): Promise<InboxEntry | null> {
    if (!UUID.test(id)) return null;
    const updated = await this.pool.query<{ id: string }>(
      `UPDATE inbox SET read_at = COALESCE(read_at, $4)
        WHERE id = $1 AND recipient_role = $2 AND recipient_org_unit IN ($3, '${ALL_ORG_UNITS}')
        RETURNING id`,
      [id, reader.role, reader.orgUnit, now],
    );
    if (updated.rows.length === 0) return null;
    const result = await this.enriched(` WHERE i.id = $2`, [lastYear(options), id]);
    return result.rows[0] ? toEntry(result.rows[0]) : null;
  }

  /**
   * Marks every unread entry of the reader read at `now`, only those of one case when `caseId` is
   * given; returns how many it marked. Entries read before keep their first time, so a second call
   * marks 0.
   */
  async markAllRead(reader: InboxReader, now: Date, filter: InboxReadFilter = {}): Promise<number> {
    const result = await this.pool.query(
      `UPDATE inbox SET read_at = $3
        WHERE recipient_role = $1 AND recipient_org_unit IN ($2, '${ALL_ORG_UNITS}') AND read_at IS NULL
          AND ($4::text IS NULL OR case_id = $4)`,
      [reader.role, reader.orgUnit, now, filter.caseId ?? null],
    );
    return result.rowCount ?? 0;
  }

  async forReminder(reminderId: string): Promise<InboxEntry[]> {
    const result = await this.enriched(
      ` WHERE i.reminder_id = $2 ORDER BY i.recipient_role, i.recipient_org_unit`,
      [null, reminderId],
    );
    return result.rows.map(toEntry);
  }

  private async enriched(where: string, values: unknown[]): Promise<{ rows: InboxRow[] }> {
    try {
      return await this.pool.query<InboxRow>(ENRICHED + where, values);
    } catch (err) {
      if ((err as { code?: string }).code !== UNDEFINED_TABLE) throw err;
      return this.pool.query<InboxRow>(PLAIN + where, values);
    }
  }

  /** Every entry of a case, whoever it was addressed to (tests and the backfill check). */
  async forCase(caseId: string): Promise<InboxEntry[]> {
    const result = await this.enriched(` WHERE i.case_id = $2 ORDER BY i.delivered_at, i.id`, [null, caseId]);
    return result.rows.map(toEntry);
  }
}

function lastYear(options: { calendarLastYear?: number }): string | null {
  return options.calendarLastYear === undefined ? null : String(options.calendarLastYear);
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
    dueAt: toShanghaiTime(row.due_at),
    issuedAt: toShanghaiTime(row.issued_at),
    deliveredAt: toShanghaiTime(row.delivered_at),
    readAt: row.read_at ? toShanghaiTime(row.read_at) : null,
    stillApplies: row.still_applies === true,
    postTitle: row.post_title,
    link:
      row.kind === CALENDAR_COVERAGE_KIND ? '/admin/calendar' : `/cases/${encodeURIComponent(row.case_id)}`,
  };
}
