import type { Pool, PoolClient } from 'pg';
import { APPOINTMENT_FOLD_VERSION } from '@app/appointment/appointment.evolve';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { caseStreamId } from '@app/appointment/appointment.streams';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { DeadlinePolicyDeps } from '@app/reminders/deadline-policy';
import { annualFacts } from '../annual-statistics';
import { foldCase } from '../case-state.fold';
import { preferLz4 } from '../column-compression';
import type { ApplyOptions, Projection, TableNames } from '../projection.types';
import { prefetched, StatementBatch, write } from '../statement-batch';
import {
  evolveSupervision,
  type Finding,
  initialSupervisionState,
  nextFindingDue,
  remembering,
  storedSupervision,
  type StoredSupervision,
  supervisionFindings,
  type SupervisionState,
} from '../supervision-findings';
import { CASE_STATES_TABLE } from './case-states';

export const SUPERVISION = 'supervision';

export interface SupervisionDeps {
  policy: DeadlinePolicyDeps;
  /** The time findings are judged at; the wall clock unless a test or bench says otherwise. */
  now?: () => Date;
  /** Where the sweep folds a case whose shared state (case_states) is not at the revision it judges. */
  store?: EventStore;
}

interface Computed {
  caseId: string;
  s: SupervisionState;
  findings: Finding[];
  nextCheckAt: string | null;
}

/**
 * 专项检查 read model: per case its supervision state, its findings (closed ones kept), the
 * person → cases index that 倒查 starts from, and the fact rows of the yearly statistics.
 * Findings that only need time to pass are refreshed by sweep() at each case's next_check_at.
 */
export class SupervisionProjection implements Projection {
  readonly name = SUPERVISION;
  readonly tables = [
    'supervision_cases',
    'supervision_findings',
    'supervision_person_cases',
    'supervision_annual_facts',
  ] as const;

  constructor(private readonly deps: SupervisionDeps) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  createTables(names: TableNames): string[] {
    const c = names.supervision_cases;
    const f = names.supervision_findings;
    const p = names.supervision_person_cases;
    const a = names.supervision_annual_facts;
    return [
      `CREATE TABLE IF NOT EXISTS ${c} (
        case_id text PRIMARY KEY,
        owner_org_unit text NOT NULL,
        revision bigint NOT NULL,
        state jsonb NOT NULL,
        next_check_at timestamptz
      )`,
      preferLz4(c, 'state'),
      `CREATE INDEX IF NOT EXISTS ${c}_next_idx ON ${c} (next_check_at) WHERE next_check_at IS NOT NULL`,
      `CREATE TABLE IF NOT EXISTS ${f} (
        finding_id text PRIMARY KEY,
        case_id text NOT NULL,
        candidate_id text,
        owner_org_unit text NOT NULL,
        code text NOT NULL,
        severity text NOT NULL,
        title text NOT NULL,
        detail text NOT NULL,
        evidence jsonb NOT NULL,
        detected_at timestamptz NOT NULL,
        closed_at timestamptz
      )`,
      `CREATE INDEX IF NOT EXISTS ${f}_page_idx ON ${f} (detected_at DESC, finding_id DESC)`,
      `CREATE INDEX IF NOT EXISTS ${f}_unit_idx ON ${f} (owner_org_unit, detected_at DESC, finding_id DESC)`,
      `CREATE INDEX IF NOT EXISTS ${f}_case_idx ON ${f} (case_id)`,
      `CREATE INDEX IF NOT EXISTS ${f}_code_idx ON ${f} (code, detected_at DESC, finding_id DESC)`,
      `CREATE INDEX IF NOT EXISTS ${f}_severity_idx ON ${f} (severity, detected_at DESC, finding_id DESC)`,
      `CREATE TABLE IF NOT EXISTS ${p} (
        person_id text NOT NULL,
        case_id text NOT NULL,
        candidate_id text NOT NULL,
        owner_org_unit text NOT NULL,
        PRIMARY KEY (person_id, case_id, candidate_id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${a} (
        case_id text NOT NULL,
        year int NOT NULL,
        owner_org_unit text NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        value numeric NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS ${a}_year_idx ON ${a} (year, owner_org_unit)`,
      `CREATE INDEX IF NOT EXISTS ${a}_case_idx ON ${a} (case_id)`,
    ];
  }

  prefetch(names: TableNames): string {
    // Not locked: the batch's upserts lock these rows, and a sweep that got one first only rewrites
    // findings that the batch, committing after it, replaces.
    return `SELECT case_id, state FROM ${names.supervision_cases} WHERE case_id = ANY($1::text[])`;
  }

  async apply(
    client: PoolClient,
    _events: readonly RecordedEvent[],
    names: TableNames,
    options: ApplyOptions,
  ): Promise<void> {
    const folded = options.folded.filter((c) => c.steps.length > 0);
    if (folded.length === 0) return;
    const rows = await prefetched<{ case_id: string; state: StoredSupervision }>(
      client,
      options.prefetched,
      this.prefetch(names),
      folded.map((c) => c.caseId),
    );
    const stored = new Map(rows.map((r) => [r.case_id, r.state]));
    const now = this.now();
    const computed: Computed[] = [];
    const persons: Array<{
      person_id: string;
      case_id: string;
      candidate_id: string;
      owner_org_unit: string;
    }> = [];
    for (const c of folded) {
      // The case's own state comes from the batch's shared fold; steps already applied are skipped.
      const kept = stored.get(c.caseId);
      const before: SupervisionState = kept ? { ...kept, state: c.initial } : initialSupervisionState();
      const s = c.steps.reduce(
        (acc, step) => evolveSupervision(acc, step.event, this.deps.policy, step.after),
        before,
      );
      if (s === before || s.caseId === null) continue;
      computed.push(this.compute(c.caseId, s, now));
      for (const { event } of c.steps)
        if (event.type === 'CandidateNominated') {
          const d = event.data as { candidateId: string; person: { id: string } };
          persons.push({
            person_id: d.person.id,
            case_id: c.caseId,
            candidate_id: d.candidateId,
            owner_org_unit: s.ownerOrgUnit,
          });
        }
    }
    const batch = options.batch;
    await this.save(client, names, computed, batch);
    if (persons.length > 0)
      await write(
        client,
        batch,
        `INSERT INTO ${names.supervision_person_cases} (person_id, case_id, candidate_id, owner_org_unit)
         SELECT r.person_id, r.case_id, r.candidate_id, r.owner_org_unit
         FROM jsonb_to_recordset($1::jsonb) AS r(person_id text, case_id text, candidate_id text, owner_org_unit text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(persons)],
      );
  }

  private compute(caseId: string, s: SupervisionState, now: string): Computed {
    return { caseId, s, findings: supervisionFindings(s, now), nextCheckAt: nextFindingDue(s, now) };
  }

  private async save(
    client: PoolClient,
    names: TableNames,
    computed: readonly Computed[],
    batch?: StatementBatch,
  ): Promise<void> {
    if (computed.length === 0) return;
    const ids = computed.map((c) => c.caseId);
    await write(
      client,
      batch,
      `INSERT INTO ${names.supervision_cases} (case_id, owner_org_unit, revision, state, next_check_at)
       SELECT r.case_id, r.owner_org_unit, r.revision, r.state, r.next_check_at
       FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, owner_org_unit text, revision bigint, state jsonb, next_check_at timestamptz)
       ON CONFLICT (case_id) DO UPDATE SET owner_org_unit = excluded.owner_org_unit, revision = excluded.revision,
         state = excluded.state, next_check_at = excluded.next_check_at`,
      [
        JSON.stringify(
          computed.map((c) => ({
            case_id: c.caseId,
            owner_org_unit: c.s.ownerOrgUnit,
            revision: c.s.revision,
            state: storedSupervision(c.s),
            next_check_at: c.nextCheckAt,
          })),
        ),
      ],
    );
    await write(client, batch, `DELETE FROM ${names.supervision_findings} WHERE case_id = ANY($1::text[])`, [
      ids,
    ]);
    const findings = computed.flatMap((c) => c.findings);
    if (findings.length > 0)
      await write(
        client,
        batch,
        `INSERT INTO ${names.supervision_findings} (finding_id, case_id, candidate_id, owner_org_unit, code, severity, title, detail,
                                                     evidence, detected_at, closed_at)
         SELECT r.finding_id, r.case_id, r.candidate_id, r.owner_org_unit, r.code, r.severity, r.title, r.detail, r.evidence,
                r.detected_at, r.closed_at
         FROM jsonb_to_recordset($1::jsonb) AS r(finding_id text, case_id text, candidate_id text, owner_org_unit text, code text,
              severity text, title text, detail text, evidence jsonb, detected_at timestamptz, closed_at timestamptz)
         ON CONFLICT (finding_id) DO UPDATE SET title = excluded.title, detail = excluded.detail, evidence = excluded.evidence,
           severity = excluded.severity, detected_at = excluded.detected_at, closed_at = excluded.closed_at`,
        [
          JSON.stringify(
            findings.map((f) => ({
              finding_id: f.findingId,
              case_id: f.caseId,
              candidate_id: f.candidateId ?? null,
              owner_org_unit: f.ownerOrgUnit,
              code: f.code,
              severity: f.severity,
              title: f.title,
              detail: f.detail,
              evidence: f.evidence,
              detected_at: f.detectedAt,
              closed_at: f.closedAt ?? null,
            })),
          ),
        ],
      );
    await write(
      client,
      batch,
      `DELETE FROM ${names.supervision_annual_facts} WHERE case_id = ANY($1::text[])`,
      [ids],
    );
    const facts = computed.flatMap((c) =>
      annualFacts(c.s, remembering(this.deps.policy).calendar).map((fact) => ({
        case_id: c.caseId,
        owner_org_unit: c.s.ownerOrgUnit,
        ...fact,
      })),
    );
    if (facts.length > 0)
      await write(
        client,
        batch,
        `INSERT INTO ${names.supervision_annual_facts} (case_id, year, owner_org_unit, kind, key, value)
         SELECT r.case_id, r.year, r.owner_org_unit, r.kind, r.key, r.value
         FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, year int, owner_org_unit text, kind text, key text, value numeric)`,
        [JSON.stringify(facts)],
      );
  }

  /**
   * Time-based findings (a deadline passing with nothing recorded) appear without any event: the
   * cases whose next_check_at has come are judged again, with the case's state from case_states (or,
   * where that is at another revision or fold version, folded from the case's events). Rows the
   * runner is writing are skipped and picked up by the next sweep. Returns how many cases were judged.
   */
  async sweep(pool: Pool, names: TableNames, limit = 500): Promise<number> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{
        case_id: string;
        state: StoredSupervision;
        case_state: AppointmentState | null;
        case_revision: string | null;
      }>(
        `SELECT s.case_id, s.state, c.state AS case_state, c.revision::text AS case_revision
         FROM ${names.supervision_cases} s
         LEFT JOIN ${CASE_STATES_TABLE} c ON c.case_id = s.case_id AND c.fold_version = $3
         WHERE s.next_check_at IS NOT NULL AND s.next_check_at <= $1
         ORDER BY s.next_check_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
        [this.now(), limit, APPOINTMENT_FOLD_VERSION],
      );
      const now = this.now();
      const computed: Computed[] = [];
      for (const r of rows) {
        const state =
          r.case_state !== null && r.case_revision === r.state.revision
            ? r.case_state
            : await this.caseStateAt(r.case_id, r.state.revision);
        computed.push(this.compute(r.case_id, { ...r.state, state }, now));
      }
      const batch = new StatementBatch();
      await this.save(client, names, computed, batch);
      batch.add('COMMIT');
      await batch.run(client);
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async caseStateAt(caseId: string, revision: string | null): Promise<AppointmentState> {
    const store = this.deps.store;
    if (store === undefined || revision === null)
      throw new Error(`supervision sweep: no state of case ${caseId} at revision ${revision} to judge it on`);
    return foldCase(await store.read(caseStreamId(caseId), { toRevision: revision }));
  }
}
