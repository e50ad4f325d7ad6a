import { randomUUID } from 'node:crypto';
import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { Actor } from '@app/appointment/appointment.commands';
import { EventStoreModule } from '@app/event-store';
import {
  loadConfig,
  PlatformModule,
  ProblemDetailsFilter,
  signLocalToken,
  type UserRole,
  validationExceptionFactory,
} from '@app/platform';
import { type Deadline, InboxRepository } from '@app/reminders';
import { InboxModule } from '../../apps/api/src/inbox/inbox.module';
import { dropTestDatabase, freshTestDatabase, testRedisUrl } from '../setup/test-db';
import { DEPARTMENT, OTHER_DEPARTMENT, people } from '../support/people';

describe('GET /inbox, POST /inbox/:id/read, POST /admin/reminders/reconcile, /admin/queues (e2e)', () => {
  let app: NestExpressApplication;
  let databaseUrl: string;
  let secret: string;

  beforeAll(async () => {
    databaseUrl = await freshTestDatabase('reminders_inbox');
    const config = loadConfig({
      NODE_ENV: 'test',
      EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      REDIS_URL: testRedisUrl(),
      LOG_LEVEL: 'silent',
    });
    secret = config.jwtSecret;
    const module = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule.forRoot({ kind: 'postgres', databaseUrl }),
        InboxModule.forRoot({ prefix: `test-inbox-${process.pid}` }),
      ],
    }).compile();
    app = module.createNestApplication<NestExpressApplication>();
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        exceptionFactory: validationExceptionFactory,
      }),
    );
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();

    const inbox = app.get(InboxRepository);
    const caseId = randomUUID();
    const deadline = (kind: Deadline['kind'], dueAt: string): Deadline => ({
      deadlineId: `${caseId}-${kind}-case`,
      caseId,
      kind,
      subject: 'case',
      dueAt,
      recipientRoles: ['handler', 'supervisor'],
      reason: `${kind} 提醒`,
      escalationLevel: 0,
    });
    const supervisorOnly = { role: 'supervisor' as const, orgUnit: DEPARTMENT };
    const handlers = [{ role: 'handler' as const, orgUnit: DEPARTMENT }, supervisorOnly];
    await inbox.deliver(
      [
        {
          reminderId: 'r-1',
          deadline: deadline('notice-ends', '2026-04-01T09:00:00+08:00'),
          recipients: handlers,
          issuedAt: '2026-04-01T09:00:01+08:00',
        },
      ],
      new Date('2026-04-01T01:00:02Z'),
    );
    await inbox.deliver(
      [
        {
          reminderId: 'r-2',
          deadline: deadline('appointment-talk-missing', '2026-05-01T09:00:00+08:00'),
          recipients: handlers,
          issuedAt: '2026-05-01T09:00:01+08:00',
        },
      ],
      new Date('2026-05-01T01:00:02Z'),
    );
    await inbox.deliver(
      [
        {
          reminderId: 'r-3',
          deadline: deadline('hold-too-long', '2026-06-01T09:00:00+08:00'),
          recipients: [supervisorOnly],
          issuedAt: '2026-06-01T09:00:01+08:00',
        },
      ],
      new Date('2026-06-01T01:00:02Z'),
    );
  });

  afterAll(async () => {
    await app?.close();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const token = (actor: Actor): Promise<string> =>
    signLocalToken(secret, {
      sub: actor.id,
      name: actor.name,
      role: actor.role as UserRole,
      orgUnit: actor.orgUnit,
    });
  const get = async (actor: Actor, path: string) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${await token(actor)}`);
  const post = async (actor: Actor, path: string) =>
    request(app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${await token(actor)}`);

  it("lists only the caller's entries (role and org unit), newest first", async () => {
    const handler = await get(people.handler, '/inbox');
    expect(handler.status).toBe(200);
    expect(handler.body.entries.map((e: { reminderId: string }) => e.reminderId)).toEqual(['r-2', 'r-1']);
    const supervisor = await get(people.supervisor, '/inbox');
    expect(supervisor.body.entries.map((e: { reminderId: string }) => e.reminderId)).toEqual([
      'r-3',
      'r-2',
      'r-1',
    ]);
    const elsewhere = await get(people.otherHandler, '/inbox');
    expect(elsewhere.body.entries).toEqual([]);
    expect(people.otherHandler.orgUnit).toBe(OTHER_DEPARTMENT);
  });

  it('marks an entry read; unread=true and unread=false filter on it; another person gets 404', async () => {
    const [latest] = (await get(people.handler, '/inbox?unread=true')).body.entries;
    expect((await post(people.otherHandler, `/inbox/${latest.id}/read`)).status).toBe(404);
    expect((await post(people.supervisor, `/inbox/${latest.id}/read`)).status).toBe(404);
    expect((await post(people.handler, '/inbox/not-a-uuid/read')).status).toBe(400);

    const read = await post(people.handler, `/inbox/${latest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: latest.id, readAt: expect.any(String) });
    const again = await post(people.handler, `/inbox/${latest.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    expect(
      (await get(people.handler, '/inbox?unread=true')).body.entries.map(
        (e: { reminderId: string }) => e.reminderId,
      ),
    ).toEqual(['r-1']);
    expect(
      (await get(people.handler, '/inbox?unread=false')).body.entries.map(
        (e: { reminderId: string }) => e.reminderId,
      ),
    ).toEqual(['r-2']);
    const bad = await get(people.handler, '/inbox?unread=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'unread' })]);
  });

  it('lets only an admin reconcile', async () => {
    expect((await post(people.handler, '/admin/reminders/reconcile')).status).toBe(403);
    const done = await post(people.admin, '/admin/reminders/reconcile');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ open: 0, created: 0 });
  });

  it('shows the queues board to an admin only', async () => {
    expect((await request(app.getHttpServer()).get('/admin/queues')).status).toBe(401);
    expect((await get(people.handler, '/admin/queues')).status).toBe(403);
    const board = await get(people.admin, '/admin/queues');
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
    const api = await get(people.admin, '/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'reminder-webhooks',
      'reminders',
      'reminders-maintenance',
    ]);
  });
});
