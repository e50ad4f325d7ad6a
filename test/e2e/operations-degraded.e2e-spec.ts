import { expectStatus } from '../support/case-client';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { CANDIDATE_UNIT, people } from '../support/people';

const caseBody = { post: { title: '副主任', orgUnit: CANDIDATE_UNIT, level: '副处级' }, grounds: '职位空缺' };

describe('operations when something is short (e2e)', () => {
  describe('with Redis unreachable', () => {
    let e2e: E2eApp;

    beforeAll(async () => {
      // Nothing listens on port 1: the Redis client never connects.
      e2e = await startE2eApp('api_redis_down', { REDIS_URL: 'redis://127.0.0.1:1/15' });
    });

    afterAll(async () => {
      await e2e?.close();
    });

    it('reports health 503, naming Redis as down and the others up', async () => {
      const health = expectStatus(await e2e.http().get('/health'), 503);
      expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(health.body.details).toMatchObject({
        status: 'error',
        error: { redis: { status: 'down' } },
        info: { eventStore: { status: 'up' }, postgres: { status: 'up' } },
      });
    });
  });

  describe('with a rate limit of 3 requests a minute', () => {
    let e2e: E2eApp;

    beforeAll(async () => {
      e2e = await startE2eApp('api_rate_limit', { RATE_LIMIT_PER_MINUTE: '3' });
    });

    afterAll(async () => {
      await e2e?.close();
    });

    it('answers 429 once the limit is used up, and still answers /health', async () => {
      const token = await e2e.tokenFor(people.handler);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await e2e.http().post('/cases').set('Authorization', `Bearer ${token}`).send(caseBody)).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      const limited = await e2e.http().post('/cases').set('Authorization', `Bearer ${token}`).send(caseBody);
      expect(limited.body).toMatchObject({ status: 429, code: 'HTTP.RATE_LIMITED' });
      expectStatus(await e2e.http().get('/health'), 200);
    });
  });
});
