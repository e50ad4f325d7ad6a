import { performance } from 'node:perf_hooks';
import { createAppointmentDecider } from '@app/appointment';
import { ChinaWorkingCalendar } from '@app/calendar';
import { PostgresEventStore } from '@app/event-store';
import { Pool } from 'pg';
import { CaseClient, expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { people } from '../support/people';
import { caseBody, openApprovedCase } from './support/fault-case';
import { appendGrownCase } from './support/grown-case';

const KB = 1024;
const BIG_CASE_EVENTS = 2000;
const GET_BOUND_MS = Number(process.env.FAULT_GET_BOUND_MS ?? 150);

describe('large inputs (fault)', () => {
  let e2e: E2eApp;
  let client: CaseClient;
  let store: PostgresEventStore;
  let pool: Pool;

  beforeAll(async () => {
    e2e = await startE2eApp('fault_large');
    client = new CaseClient(e2e);
    pool = new Pool({ connectionString: e2e.databaseUrl, max: 2 });
    store = new PostgresEventStore({ pool });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await e2e?.close();
  });

  async function eventCount(): Promise<number> {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    return Number(rows[0].n);
  }

  it.each([
    ['just over the 256 kb limit', 257 * KB],
    ['4 mb', 4096 * KB],
  ])('refuses a body %s with 413 problem details, appending nothing', async (_label, size) => {
    const caseId = await openApprovedCase(client);
    const before = await eventCount();
    const body = JSON.stringify({ reason: 'x'.repeat(size) });
    const response = await client.postRaw(people.handler, `/cases/${caseId}/withdraw`, body);
    expectStatus(response, 413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE' });
    expect(await eventCount()).toBe(before);
  });

  it('refuses an oversized body before authentication is even looked at, and a large one within the limit is judged on its content', async () => {
    const oversized = await e2e
      .http()
      .post('/cases')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ grounds: 'x'.repeat(300 * KB) }));
    expect([401, 413]).toContain(oversized.status);
    expect(oversized.headers['content-type']).toMatch(/^application\/problem\+json/);

    // 200 kb of grounds passes the body limit; the field limits then answer 400 or the command is taken.
    const within = await client.post(people.handler, '/cases', {
      ...caseBody(),
      grounds: '研'.repeat(60 * KB),
    });
    expect([201, 400]).toContain(within.status);
    expect(within.headers['content-type']).toMatch(
      within.status === 201 ? /json/ : /^application\/problem\+json/,
    );
  });

  it('refuses an array of 100 000 ids with 400 or 413, never 500', async () => {
    const caseId = await openApprovedCase(client);
    const ids = Array.from({ length: 100_000 }, (_, i) => `m${i}`);
    const response = await client.postRaw(
      people.handler,
      `/cases/${caseId}/decision-meetings`,
      JSON.stringify({
        heldAt: new Date().toISOString(),
        entitled: 9,
        attendees: ids.slice(0, 20_000),
        principalLeaderId: 'm0',
        votes: [],
      }),
    );
    expect([400, 413]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  // The 50 ms target is measured by `npm run bench` on the compiled api; under jest's transpiler on a
  // shared CI machine the same read is checked against a looser bound, so the test is not flaky.
  it(`answers GET /cases/:id of a case with ${BIG_CASE_EVENTS} events, the whole state, in bounded time (median of 15)`, async () => {
    const decider = createAppointmentDecider({ calendar: new ChinaWorkingCalendar() });
    const { caseId } = await appendGrownCase(store, decider, BIG_CASE_EVENTS);
    const times: number[] = [];
    for (let i = 0; i < 16; i++) {
      const t0 = performance.now();
      const response = expectStatus(await client.get(people.handler, `/cases/${caseId}`), 200);
      if (i > 0) times.push(performance.now() - t0);
      expect(response.body.revision).toBe(String(BIG_CASE_EVENTS - 1));
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(GET_BOUND_MS);
  });
});
