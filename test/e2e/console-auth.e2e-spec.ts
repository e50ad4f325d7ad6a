import { E2eApp, startE2eApp } from '../support/e2e-app';

const PERSON = { sub: 'h-001', name: '王志强', role: 'handler', orgUnit: '市委组织部' };

describe('console sign-in: POST /auth/dev-token and GET /auth/config (e2e)', () => {
  describe('outside production', () => {
    let e2e: E2eApp;
    beforeAll(async () => {
      e2e = await startE2eApp('console_auth_local');
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it('signs a token like npm run token that the api then accepts', async () => {
      const issued = await e2e.http().post('/auth/dev-token').send(PERSON).expect(200);
      expect(issued.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      await e2e.http().get('/inbox').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
      expect((await e2e.http().get('/auth/config').expect(200)).body).toEqual({ mode: 'local' });
    });

    it('refuses a bad person with 400 problem details naming each field', async () => {
      const refused = await e2e
        .http()
        .post('/auth/dev-token')
        .send({ sub: '', name: '王志强', role: 'king', orgUnit: 7, extra: 1 })
        .expect(400);
      expect(refused.body.code).toBe('HTTP.INVALID_REQUEST');
      const fields = refused.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(expect.arrayContaining(['orgUnit', 'role', 'sub']));
    });
  });

  describe('in production', () => {
    let e2e: E2eApp;
    beforeAll(async () => {
      e2e = await startE2eApp('console_auth_prod', {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
        REMINDER_WEBHOOK_SECRET: 'a-production-webhook-secret',
      });
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it('has no dev-token route, and says that no sign-in is configured without OIDC', async () => {
      const missing = await e2e.http().post('/auth/dev-token').send(PERSON).expect(404);
      expect(missing.body.status).toBe(404);
      expect((await e2e.http().get('/auth/config').expect(200)).body).toEqual({ mode: 'none' });
    });
  });
});
