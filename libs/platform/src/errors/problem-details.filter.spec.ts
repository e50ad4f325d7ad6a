import {
  type ArgumentsHost,
  BadRequestException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import {
  ForbiddenError,
  RequestValidationError,
  UnauthorizedError,
  UnavailableError,
} from './platform.errors';
import { ProblemDetailsFilter } from './problem-details.filter';

interface Captured {
  status?: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

function answer(
  exception: unknown,
  request: { method?: string; url?: string; headers?: Record<string, string> } = {},
): Captured {
  const captured: Captured = { headers: {} };
  const response = {
    headersSent: false,
    status(code: number) {
      captured.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      captured.headers[name.toLowerCase()] = value;
      return response;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
      return response;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ method: 'POST', url: '/cases/c1?x=1', headers: {}, ...request }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return captured;
}

class DomainLikeError extends Error {
  constructor(
    readonly category: string,
    readonly code: string,
    message: string,
    readonly rule?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

describe('ProblemDetailsFilter', () => {
  let errorLog: jest.SpyInstance;
  beforeEach(() => {
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['validation', 400, 'Bad Request'],
    ['unauthorized', 401, 'Unauthorized'],
    ['forbidden', 403, 'Forbidden'],
    ['not-found', 404, 'Not Found'],
    ['rule', 409, 'Conflict'],
    ['concurrency', 409, 'Conflict'],
    ['precondition', 412, 'Precondition Failed'],
    ['idempotency', 422, 'Unprocessable Content'],
    ['unavailable', 503, 'Service Unavailable'],
  ])('answers a %s error with %i', (category, status, title) => {
    const {
      status: sent,
      headers,
      body,
    } = answer(new DomainLikeError(category, 'SOME.CODE', 'what went wrong'));
    expect(sent).toBe(status);
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'urn:problem:some.code',
      title,
      status,
      code: 'SOME.CODE',
      detail: 'what went wrong',
      instance: '/cases/c1',
    });
    expect(headers['retry-after']).toBe(status === 503 ? '5' : undefined);
  });

  it('carries the rule and details of a domain error', () => {
    const { status, body } = answer(
      new DomainLikeError('rule', 'APPOINTMENT.QUORUM_NOT_MET', 'quorum not met', 'R18', {
        present: 5,
        entitled: 9,
      }),
    );
    expect(status).toBe(409);
    expect(body).toMatchObject({
      code: 'APPOINTMENT.QUORUM_NOT_MET',
      rule: 'R18',
      details: { present: 5, entitled: 9 },
    });
  });

  it('lists every bad field of a request validation error', () => {
    const errors = [
      { field: 'post.title', messages: ['title should not be empty'] },
      { field: 'extra', messages: ['property extra should not exist'] },
    ];
    const { status, body } = answer(new RequestValidationError(errors));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'HTTP.INVALID_REQUEST', errors });
  });

  it('maps the platform errors', () => {
    expect(answer(new UnauthorizedError('AUTH.INVALID_TOKEN', 'bad token'))).toMatchObject({
      status: 401,
      body: { code: 'AUTH.INVALID_TOKEN' },
    });
    expect(answer(new ForbiddenError('AUTH.ROLE_NOT_ALLOWED', 'no'))).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_NOT_ALLOWED' },
    });
    expect(answer(new UnavailableError('AUTH.KEYS_UNAVAILABLE', 'idp down'))).toMatchObject({ status: 503 });
  });

  it('answers rate limiting with 429 HTTP.RATE_LIMITED', () => {
    expect(answer(new ThrottlerException())).toMatchObject({
      status: 429,
      body: { code: 'HTTP.RATE_LIMITED', title: 'Too Many Requests' },
    });
  });

  it("answers body-parser's entity.too.large with 413", () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
    });
    expect(answer(tooLarge)).toMatchObject({ status: 413, body: { code: 'HTTP.PAYLOAD_TOO_LARGE' } });
  });

  it('answers malformed JSON with 400 HTTP.MALFORMED_JSON, raw or as Nest converts it', () => {
    const raw = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(answer(raw)).toMatchObject({ status: 400, body: { code: 'HTTP.MALFORMED_JSON' } });
    const converted = new BadRequestException(
      `Expected property name or '}' in JSON at position 1 (line 1 column 2)`,
    );
    expect(answer(converted, { headers: { 'content-type': 'application/json' } })).toMatchObject({
      status: 400,
      body: { code: 'HTTP.MALFORMED_JSON' },
    });
  });

  it('answers an unknown route with 404', () => {
    expect(answer(new NotFoundException('Cannot GET /nowhere'))).toMatchObject({
      status: 404,
      body: { code: 'HTTP.NOT_FOUND', detail: 'Cannot GET /nowhere' },
    });
  });

  it('keeps the status of any other HttpException', () => {
    expect(answer(new BadRequestException('Validation failed (uuid is expected)'))).toMatchObject({
      status: 400,
      body: { code: 'HTTP.BAD_REQUEST', detail: 'Validation failed (uuid is expected)' },
    });
  });

  it("keeps a health check's report on 503", () => {
    const report = { status: 'error', error: { redis: { status: 'down' } } };
    expect(answer(new ServiceUnavailableException(report))).toMatchObject({
      status: 503,
      body: { details: report },
    });
  });

  it.each([
    ['pg refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'pg admin shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['pg terminated', new Error('Connection terminated unexpectedly')],
    [
      'pg refused on every address',
      Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}),
    ],
    ['ioredis closed', new Error('Connection is closed.')],
    [
      'ioredis retries',
      Object.assign(new Error('Reached the max retries per request limit (which is 20).'), {
        name: 'MaxRetriesPerRequestError',
      }),
    ],
    [
      'wrapped',
      new Error('append failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      }),
    ],
  ])('answers a connection failure (%s) with 503 and Retry-After', (_label, error) => {
    const { status, headers, body } = answer(error);
    expect(status).toBe(503);
    expect(headers['retry-after']).toBe('5');
    expect(body).toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
    expect(JSON.stringify(body)).not.toContain('5432');
  });

  it('answers anything else with a generic 500 and logs the stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'candidates')");
    const { status, body } = answer(bug);
    expect(status).toBe(500);
    expect(body).toMatchObject({
      code: 'INTERNAL',
      detail: 'an unexpected error occurred; it has been logged',
    });
    expect(JSON.stringify(body)).not.toContain('candidates');
    expect(errorLog).toHaveBeenCalledWith(expect.stringContaining('TypeError'), bug.stack);
  });

  it('writes nothing when the response has already started', () => {
    const captured: Captured = { headers: {} };
    const response = { headersSent: true, status: jest.fn(), setHeader: jest.fn(), json: jest.fn() };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ url: '/x', headers: {} }), getResponse: () => response }),
    } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(new Error('late'), host);
    expect(response.status).not.toHaveBeenCalled();
    expect(captured.status).toBeUndefined();
  });
});
