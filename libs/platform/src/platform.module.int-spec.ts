import type { Actor } from '@app/appointment/appointment.commands';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import type Redis from 'ioredis';
import request from 'supertest';
import { testRedisUrl } from '../../../test/setup/test-db';
import { CurrentActor, Public, Roles } from './auth/auth.decorators';
import { signLocalToken } from './auth/local-token';
import { CLOCK, type Clock } from './clock/clock';
import { loadConfig } from './config/app-config';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { requestValidationPipe } from './errors/validation-exception.factory';
import { ID_GENERATOR, type IdGenerator } from './ids/id-generator';
import { PlatformModule } from './platform.module';
import { REDIS } from './redis/redis.provider';

jest.setTimeout(30_000);

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('probe')
class ProbeController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Roles('admin')
  @Post('notes')
  note(@Body() body: NoteDto): NoteDto {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('PlatformModule in a running app', () => {
  const config = loadConfig({ REDIS_URL: testRedisUrl(), LOG_LEVEL: 'silent', BODY_LIMIT: '1kb' });
  let app: NestExpressApplication;
  let redis: Redis;
  const token = (role: 'handler' | 'admin'): Promise<string> =>
    signLocalToken(config.jwtSecret, { sub: 'u1', name: '张三', role, orgUnit: '市委组织部' });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config), ProbeModule],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.useBodyParser('json', { limit: config.bodyLimit });
    app.useGlobalFilters(new ProblemDetailsFilter());
    app.useGlobalPipes(requestValidationPipe());
    await app.init();
    redis = app.get(REDIS);
  });

  afterAll(async () => {
    await app.close();
  });

  it('provides a connected Redis client, the clock and the id generator', async () => {
    await expect(redis.ping()).resolves.toBe('PONG');
    expect(redis.options.maxRetriesPerRequest).toBeNull();
    expect(app.get<Clock>(CLOCK).now()).toBeInstanceOf(Date);
    expect(app.get<IdGenerator>(ID_GENERATOR).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('serves Prometheus metrics without a token', async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('authenticates every route that is not public', async () => {
    await request(app.getHttpServer()).get('/probe/open').expect(200, { ok: true });
    const anonymous = await request(app.getHttpServer()).get('/probe/me').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({ status: 401, code: 'AUTH.MISSING_TOKEN' });
    const me = await request(app.getHttpServer())
      .get('/probe/me')
      .set('Authorization', `Bearer ${await token('handler')}`)
      .expect(200);
    expect(me.body).toEqual({ id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' });
  });

  it('refuses a role @Roles does not allow with 403', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/notes')
      .set('Authorization', `Bearer ${await token('handler')}`)
      .send({ text: 'x' })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('answers invalid, malformed and oversized bodies with problem details', async () => {
    const auth = `Bearer ${await token('admin')}`;
    const server = app.getHttpServer();
    const invalid = await request(server)
      .post('/probe/notes')
      .set('Authorization', auth)
      .send({ text: 1, extra: true })
      .expect(400);
    expect(invalid.body.code).toBe('HTTP.INVALID_REQUEST');
    expect(invalid.body.errors).toHaveLength(2);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'text', label: '意见文本', messages: ['须为文字'] },
        { field: 'extra', label: 'extra', messages: ['本接口不接受这个字段'] },
      ]),
    );
    const malformed = await request(server)
      .post('/probe/notes')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"text": ')
      .expect(400);
    expect(malformed.body).toMatchObject({ code: 'HTTP.MALFORMED_JSON' });
    const large = await request(server)
      .post('/probe/notes')
      .set('Authorization', auth)
      .send({ text: 'x'.repeat(2000) })
      .expect(413);
    expect(large.body).toMatchObject({ code: 'HTTP.PAYLOAD_TOO_LARGE' });
    await request(server)
      .post('/probe/notes')
      .set('Authorization', auth)
      .send({ text: 'ok' })
      .expect(201, { text: 'ok' });
  });

  it('answers an unknown route with 404 problem details', async () => {
    const res = await request(app.getHttpServer())
      .get('/nowhere')
      .set('Authorization', `Bearer ${await token('admin')}`)
      .expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND' });
  });
});

describe('PlatformModule shutdown', () => {
  it('closes the Redis client when the app closes', async () => {
    const config = loadConfig({ REDIS_URL: testRedisUrl(), LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule.forRoot(config)] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    const redis = app.get<Redis>(REDIS);
    await expect(redis.ping()).resolves.toBe('PONG');
    await app.close();
    expect(redis.status).toBe('end');
  });
});
