import { randomUUID } from 'node:crypto';
import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import type { Response } from 'supertest';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';
import { caseInInspection, nomination, noFlags, openApprovedCase } from './support/fault-case';

const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 32);
const ROUNDS = process.env.FAULT_LONG === '1' ? 10 : 2;

interface HistoryEvent {
  type: string;
  revision: string;
  data: Record<string, unknown>;
  metadata: { commandId: string };
}

/**
 * 32 clients issue conflicting commands on the same case at the same moment. Whatever the interleaving:
 * every acknowledged command is in the history exactly once, every refusal is a 409 or a 412, and
 * the case the api serves is the fold of its history.
 */
describe('32 clients issuing conflicting commands on one case (fault)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });

  beforeAll(async () => {
    e2e = await startE2eApp('fault_conflicts');
    client = new CaseClient(e2e);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  async function history(caseId: string): Promise<HistoryEvent[]> {
    return expectStatus(await client.get(people.auditor, `/cases/${caseId}/history`), 200).body
      .events as HistoryEvent[];
  }

  /** The served state equals the fold of the served history, and every acknowledged event is in it. */
  async function expectConsistent(caseId: string, acknowledged: Response[]): Promise<HistoryEvent[]> {
    const events = await history(caseId);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => String(i)));
    const byRevision = new Map(events.map((e) => [e.revision, e]));
    const revisions = new Set<string>();
    for (const ack of acknowledged) {
      for (const event of ack.body.events as Array<{ type: string; revision: string }>) {
        expect(byRevision.get(event.revision)?.type).toBe(event.type);
        expect(revisions.has(event.revision)).toBe(false);
        revisions.add(event.revision);
      }
    }
    const folded = events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
    const { deadlines, nextActions, ...served } = expectStatus(
      await client.get(people.auditor, `/cases/${caseId}`),
      200,
    ).body;
    expect(served).toEqual({ ...JSON.parse(JSON.stringify(folded)), revision: events.at(-1)?.revision });
    expect(Array.isArray(deadlines)).toBe(true);
    expect(nextActions).toEqual([]);
    expect(expectStatus(await client.get(people.auditor, `/cases/${caseId}/verify`), 200).body).toEqual({
      intact: true,
      events: events.length,
    });
    return events;
  }

  function split(responses: Response[]): { ok: Response[]; refused: Response[] } {
    const ok = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    for (const r of refused) {
      expect([409, 412]).toContain(r.status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    return { ok, refused };
  }

  it('with If-Match on the same revision: exactly one wins, the other 31 get 412', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const caseId = await openApprovedCase(client);
      const revision = await client.revisionOf(caseId, people.auditor);
      const responses = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          client.post(people.handler, `/cases/${caseId}/candidates`, nomination(`p-if-${i}`), {
            'If-Match': `"${revision}"`,
          }),
        ),
      );
      const { ok, refused } = split(responses);
      expect(ok).toHaveLength(1);
      expect(
        refused.every((r) => r.status === 412 && r.body.code === 'EVENT_STORE.PRECONDITION_FAILED'),
      ).toBe(true);
      const events = await expectConsistent(caseId, ok);
      expect(events.filter((e) => e.type === 'CandidateNominated')).toHaveLength(1);
    }
  });

  it('without If-Match: every nomination acknowledged is kept (no lost update), the rest get 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const caseId = await openApprovedCase(client);
      const responses = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          client.post(people.handler, `/cases/${caseId}/candidates`, nomination(`p-free-${round}-${i}`)),
        ),
      );
      const { ok, refused } = split(responses);
      expect(refused.every((r) => r.status === 409)).toBe(true);
      expect(ok.length).toBeGreaterThan(0);
      const events = await expectConsistent(caseId, ok);
      const nominated = events.filter((e) => e.type === 'CandidateNominated').map((e) => e.data.candidateId);
      expect(nominated.sort()).toEqual(ok.map((r) => r.body.candidateId as string).sort());
    }
  });

  it('the same rule raced by 32 clients (withdraw, drop): one succeeds, the others are refused by the rule with 409', async () => {
    const { caseId, candidateId } = await caseInInspection(client);
    const drops = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        client.post(people.handler, `/cases/${caseId}/candidates/${candidateId}/drop`, {
          reason: `退出 ${i}`,
        }),
      ),
    );
    const dropped = split(drops);
    expect(dropped.ok).toHaveLength(1);
    const withdrawals = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        client.post(people.handler, `/cases/${caseId}/withdraw`, { reason: `撤销 ${i}` }),
      ),
    );
    const withdrawn = split(withdrawals);
    expect(withdrawn.ok).toHaveLength(1);
    expect(withdrawn.refused.every((r) => r.status === 409)).toBe(true);
    const events = await expectConsistent(caseId, [...dropped.ok, ...withdrawn.ok]);
    expect(events.filter((e) => e.type === 'CandidateDropped')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'CaseWithdrawn')).toHaveLength(1);
  });

  it('a mixed stream of commands, some conditional, some retried with an Idempotency-Key: nothing lost, nothing doubled', async () => {
    const { caseId, candidateId } = await caseInInspection(client);
    const at = (path: string) => `/cases/${caseId}/candidates/${candidateId}${path}`;
    const keys = Array.from({ length: CLIENTS }, () => randomUUID());
    const one = async (i: number): Promise<Response[]> => {
      const headers: Record<string, string> = { 'Idempotency-Key': keys[i] };
      if (i % 3 === 0) headers['If-Match'] = `"${await client.revisionOf(caseId, people.auditor)}"`;
      const kind = i % 4;
      const heldAt = new Date().toISOString();
      const send = () =>
        kind === 0
          ? client.post(
              people.teamLeader,
              at('/inspection-activities'),
              { kind: 'individual-talk', heldAt, summary: `谈话 ${i}`, count: 3 },
              headers,
            )
          : kind === 1
            ? client.post(people.handler, at('/eligibility'), noFlags, headers)
            : kind === 2
              ? client.post(
                  people.handler,
                  `/cases/${caseId}/candidates`,
                  nomination(`p-mixed-${i}`),
                  headers,
                )
              : client.post(
                  people.teamMember,
                  at('/inspection-activities'),
                  { kind: 'field-visit', heldAt, summary: `走访 ${i}` },
                  headers,
                );
      // The client sends the same command again with the same key, as a client that lost the answer would.
      const first = await send();
      const again = await send();
      return [first, again];
    };
    const pairs = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => one(i)));
    const acknowledged: Response[] = [];
    for (const [first, again] of pairs) {
      expect([201, 409, 412]).toContain(first.status);
      if (first.status === 201) {
        acknowledged.push(first);
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
      } else {
        expect([201, 409, 412]).toContain(again.status);
        if (again.status === 201) acknowledged.push(again);
      }
    }
    const events = await expectConsistent(caseId, acknowledged);
    const commandIds = events.map((e) => e.metadata.commandId);
    for (const key of keys) expect(commandIds.filter((id) => id === key).length).toBeLessThanOrEqual(1);
  });
});
