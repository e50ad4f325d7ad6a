/**
 * The folded state of every case, kept once for all projections (case_states), with the version of
 * the fold that produced it. The runner folds each batch once and hands the steps to every
 * projection; a rebuild folds in memory. A stored state of another fold version, or one that is
 * not just before a batch's first event of its case, is not used: the case is folded from its
 * events in the store instead.
 */
import { LRUCache } from 'lru-cache';
import type { PoolClient } from 'pg';
import { APPOINTMENT_FOLD_VERSION } from '@app/appointment/appointment.evolve';
import type { AppointmentState } from '@app/appointment/appointment.state';
import { initialAppointmentState } from '@app/appointment/appointment.state';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { caseIdOf, evolveCase, foldCase } from '../case-state.fold';
import { type StatementBatch, write } from '../statement-batch';

export const CASE_STATES_TABLE = 'case_states';

export const CASE_STATES_DDL = `CREATE TABLE IF NOT EXISTS ${CASE_STATES_TABLE} (
  case_id text PRIMARY KEY,
  revision bigint NOT NULL,
  fold_version text NOT NULL,
  state jsonb NOT NULL
)`;

export interface FoldStep {
  event: RecordedEvent;
  before: AppointmentState;
  after: AppointmentState;
}

export interface FoldedCase {
  caseId: string;
  initial: AppointmentState;
  steps: FoldStep[];
  final: AppointmentState;
  /** Revision of the last step (null: no step). */
  revision: string | null;
}

interface Start {
  state: AppointmentState;
  /** Revision the state is folded up to (null: nothing folded). */
  revision: string | null;
}

function byCase(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const cases = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    if (caseId === null) continue;
    const list = cases.get(caseId) ?? [];
    list.push(event);
    cases.set(caseId, list);
  }
  return cases;
}

function steps(caseId: string, start: Start, events: readonly RecordedEvent[]): FoldedCase {
  let state = start.state;
  let revision = start.revision;
  const folded: FoldStep[] = [];
  for (const event of events) {
    if (revision !== null && BigInt(event.revision) <= BigInt(revision)) continue;
    const after = evolveCase(state, event);
    folded.push({ event, before: state, after });
    state = after;
    revision = event.revision;
  }
  return {
    caseId,
    initial: start.state,
    steps: folded,
    final: state,
    revision: folded.length ? revision : null,
  };
}

/** The stored states of the given cases ($1: case ids, $2: the fold version). */
export const STORED_STATES_SQL = `SELECT case_id, revision::text AS revision, state FROM ${CASE_STATES_TABLE}
     WHERE case_id = ANY($1::text[]) AND fold_version = $2`;

export interface StoredState {
  case_id: string;
  revision: string;
  state: AppointmentState;
}

/** The ids of the cases a batch of events touches, in the order they first appear. */
export function caseIdsOf(events: readonly RecordedEvent[]): string[] {
  return [...byCase(events).keys()];
}

/** Folds a batch onto the stored states (inside the batch's transaction); call saveFolded after. */
export async function foldStored(
  client: PoolClient,
  store: EventStore,
  events: readonly RecordedEvent[],
): Promise<FoldedCase[]> {
  const ids = caseIdsOf(events);
  if (ids.length === 0) return [];
  const { rows } = await client.query<StoredState>(STORED_STATES_SQL, [ids, APPOINTMENT_FOLD_VERSION]);
  return foldOnto(store, events, rows);
}

/** Folds a batch onto states read with STORED_STATES_SQL; a case without the state just before its first event is folded from the store. */
export async function foldOnto(
  store: EventStore,
  events: readonly RecordedEvent[],
  rows: readonly StoredState[],
): Promise<FoldedCase[]> {
  const stored = new Map(rows.map((row) => [row.case_id, row]));
  return Promise.all(
    [...byCase(events).entries()].map(async ([caseId, caseEvents]) => {
      const first = BigInt(caseEvents[0].revision);
      const row = stored.get(caseId);
      let start: Start;
      if (row !== undefined && BigInt(row.revision) === first - 1n) {
        start = { state: row.state, revision: row.revision };
      } else if (first === 0n) {
        start = { state: initialAppointmentState(), revision: null };
      } else {
        const history = await store.read(caseEvents[0].streamId, { toRevision: String(first - 1n) });
        start = { state: foldCase(history), revision: history.at(-1)?.revision ?? null };
      }
      return steps(caseId, start, caseEvents);
    }),
  );
}

export async function saveFolded(
  client: PoolClient,
  folded: readonly FoldedCase[],
  batch?: StatementBatch,
): Promise<void> {
  const changed = folded.filter((c) => c.steps.length > 0);
  if (changed.length === 0) return;
  await write(
    client,
    batch,
    `INSERT INTO ${CASE_STATES_TABLE} (case_id, revision, fold_version, state)
     SELECT r.case_id, r.revision, $2, r.state FROM jsonb_to_recordset($1::jsonb) AS r(case_id text, revision bigint, state jsonb)
     ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, fold_version = excluded.fold_version, state = excluded.state
     WHERE ${CASE_STATES_TABLE}.revision < excluded.revision OR ${CASE_STATES_TABLE}.fold_version <> excluded.fold_version`,
    [
      JSON.stringify(changed.map((c) => ({ case_id: c.caseId, revision: c.revision, state: c.final }))),
      APPOINTMENT_FOLD_VERSION,
    ],
  );
}

/**
 * The last folded state of the cases the runner wrote most recently, so that a batch reads from
 * case_states only the cases it has not just folded itself. A state folded up to a revision is the
 * same whoever folded it, so an entry stays right whatever happens to the transaction it was folded
 * in; only an entry at exactly the revision before a batch's first event of its case is used.
 */
export class RecentFolds {
  private readonly states: LRUCache<string, StoredState>;

  constructor(capacity = 2000) {
    this.states = new LRUCache({ max: capacity });
  }

  /** The kept states that are just before each case's first event in the batch. */
  startsOf(events: readonly RecordedEvent[]): Map<string, StoredState> {
    const starts = new Map<string, StoredState>();
    for (const [caseId, caseEvents] of byCase(events)) {
      const kept = this.states.peek(caseId);
      if (kept !== undefined && BigInt(kept.revision) === BigInt(caseEvents[0].revision) - 1n)
        starts.set(caseId, kept);
    }
    return starts;
  }

  keep(folded: readonly FoldedCase[]): void {
    for (const c of folded) {
      if (c.revision !== null)
        this.states.set(c.caseId, { case_id: c.caseId, revision: c.revision, state: c.final });
    }
  }
}

/** The fold of a replay from position zero, in memory (a rebuild never touches case_states). */
export class MemoryFold {
  private readonly states = new Map<string, Start>();

  fold(events: readonly RecordedEvent[]): FoldedCase[] {
    return [...byCase(events).entries()].map(([caseId, caseEvents]) => {
      const folded = steps(
        caseId,
        this.states.get(caseId) ?? { state: initialAppointmentState(), revision: null },
        caseEvents,
      );
      if (folded.revision !== null)
        this.states.set(caseId, { state: folded.final, revision: folded.revision });
      return folded;
    });
  }
}

/**
 * The fold of a rebuild's replay with bounded memory: the states of the most recently touched cases
 * are kept; a case evicted earlier is folded again from its events in the store when it reappears.
 * A store with more cases open side by side than states kept would re-read histories on every page
 * (the bench's million events reordered so that 3 000 cases interleave: 8,350 events/s with 1 000
 * states), so a page that had to re-read one doubles the states kept, up to `maxCapacity`. A store
 * whose cases come one after another never re-reads and keeps 1 000 (about 100 MB less peak memory
 * than 4 000).
 */
export class ReplayFold {
  private states: LRUCache<string, Start>;

  constructor(
    private readonly store: EventStore,
    private capacity = 1000,
    private readonly maxCapacity = 16_000,
  ) {
    this.states = new LRUCache({ max: capacity });
  }

  /** How many case states it keeps now. */
  get kept(): number {
    return this.capacity;
  }

  async fold(events: readonly RecordedEvent[]): Promise<FoldedCase[]> {
    const cases = [...byCase(events).entries()];
    let reread = false;
    const starts = await Promise.all(
      cases.map(async ([caseId, caseEvents]): Promise<Start> => {
        const kept = this.states.peek(caseId);
        if (kept !== undefined) return kept;
        const first = BigInt(caseEvents[0].revision);
        if (first === 0n) return { state: initialAppointmentState(), revision: null };
        reread = true;
        const history = await this.store.read(caseEvents[0].streamId, { toRevision: String(first - 1n) });
        return { state: foldCase(history), revision: history.at(-1)?.revision ?? null };
      }),
    );
    if (reread) this.grow();
    return cases.map(([caseId, caseEvents], i) => {
      const folded = steps(caseId, starts[i], caseEvents);
      this.states.set(caseId, { state: folded.final, revision: folded.revision ?? starts[i].revision });
      return folded;
    });
  }

  private grow(): void {
    if (this.capacity >= this.maxCapacity) return;
    this.capacity = Math.min(this.maxCapacity, this.capacity * 2);
    const grown = new LRUCache<string, Start>({ max: this.capacity });
    // entries() lists the most recently used first: set them oldest first to keep that order.
    for (const [caseId, start] of [...this.states.entries()].reverse()) grown.set(caseId, start);
    this.states = grown;
  }
}
