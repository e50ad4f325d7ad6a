import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Actor } from '@app/appointment/appointment.commands';
import { PG_POOL } from '@app/event-store';

export interface ReadAuditRecord {
  actor: Actor;
  caseId: string | null;
  resource: string;
  path: string;
  query: Record<string, unknown>;
  outcome: number;
}

/** Who read what (选人用人专项检查 reads are themselves on record): a row plus a structured log line. */
@Injectable()
export class ReadAuditService implements OnModuleInit {
  private readonly logger = new Logger('ReadAudit');

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await this.pool.query(`CREATE TABLE IF NOT EXISTS read_audit_log (
      id bigserial PRIMARY KEY,
      read_at timestamptz NOT NULL DEFAULT now(),
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      actor_role text NOT NULL,
      actor_org_unit text NOT NULL,
      case_id text,
      resource text NOT NULL,
      path text NOT NULL,
      query jsonb NOT NULL,
      outcome int NOT NULL
    )`);
  }

  async record(entry: ReadAuditRecord): Promise<void> {
    const { actor } = entry;
    this.logger.log({
      msg: 'auditor read',
      readAudit: {
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
        actorOrgUnit: actor.orgUnit,
        caseId: entry.caseId,
        resource: entry.resource,
        path: entry.path,
        outcome: entry.outcome,
      },
    });
    await this.pool.query(
      `INSERT INTO read_audit_log (actor_id, actor_name, actor_role, actor_org_unit, case_id, resource, path, query, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.id,
        actor.name,
        actor.role,
        actor.orgUnit,
        entry.caseId,
        entry.resource,
        entry.path,
        JSON.stringify(entry.query),
        entry.outcome,
      ],
    );
  }
}
