import {
  type ArgumentsHost,
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AppointmentErrors } from '@app/appointment/appointment.errors';
import { negotiateLanguage } from './error-messages';
import {
  fieldError,
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
    ['validation', 400, '请求内容有误', 'Bad Request'],
    ['unauthorized', 401, '未登录或登录已失效', 'Unauthorized'],
    ['forbidden', 403, '无权进行此项操作', 'Forbidden'],
    ['not-found', 404, '未找到', 'Not Found'],
    ['rule', 409, '不符合办理程序或当前状态', 'Conflict'],
    ['concurrency', 409, '不符合办理程序或当前状态', 'Conflict'],
    ['precondition', 412, '案件已被更新', 'Precondition Failed'],
    ['idempotency', 422, '请求无法处理', 'Unprocessable Content'],
    ['unavailable', 503, '服务暂时不可用', 'Service Unavailable'],
  ])(
    'answers a %s error with %i, titled in Chinese by default and in English on request',
    (category, status, zh, en) => {
      const error = new DomainLikeError(category, 'SOME.CODE', 'what went wrong');
      const { status: sent, headers, body } = answer(error);
      expect(sent).toBe(status);
      expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(headers['content-language']).toBe('zh-CN');
      expect(body).toEqual({
        type: 'urn:problem:some.code',
        title: zh,
        status,
        code: 'SOME.CODE',
        detail: 'what went wrong',
        instance: '/cases/c1',
      });
      expect(headers['retry-after']).toBe(status === 503 ? '5' : undefined);
      const english = answer(error, { headers: { 'accept-language': 'en' } });
      expect(english.body).toMatchObject({ title: en, code: 'SOME.CODE' });
      expect(english.headers['content-language']).toBe('en');
    },
  );

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

  it('lists every bad field of a request validation error by its Chinese label', () => {
    const errors = [
      { field: 'post.title', messages: ['title should not be empty'], problems: [{ reason: 'isNotEmpty' }] },
      fieldError('votes[0].ballots[1].vote', 'isIn', { allowed: ['agree', 'disagree', 'defer'] }),
      {
        field: 'extra',
        messages: ['property extra should not exist'],
        problems: [{ reason: 'whitelistValidation' }],
      },
    ];
    const { status, body } = answer(new RequestValidationError(errors));
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'HTTP.INVALID_REQUEST',
      detail: '请求中有填写不正确的内容：拟任职务·职务名称、表决第1项·表决票第2项·表决意见、extra',
      errors: [
        { field: 'post.title', label: '拟任职务·职务名称', messages: ['不能为空'] },
        {
          field: 'votes[0].ballots[1].vote',
          label: '表决第1项·表决票第2项·表决意见',
          messages: ['只能是同意（agree）、不同意（disagree）或缓议（defer）'],
        },
        { field: 'extra', label: 'extra', messages: ['本接口不接受这个字段'] },
      ],
    });
    expect(
      answer(new RequestValidationError(errors), { headers: { 'accept-language': 'en' } }).body,
    ).toMatchObject({
      detail: 'invalid request: post.title, votes[0].ballots[1].vote, extra',
      errors: [
        { field: 'post.title', messages: ['must not be empty'] },
        { field: 'votes[0].ballots[1].vote', messages: ['must be one of: agree, disagree, defer'] },
        { field: 'extra', messages: ['is not a field of this request'] },
      ],
    });
  });

  it('names the candidate of a rule error by name, with the rule, in either language', () => {
    const objectionsOpen = AppointmentErrors.objectionsOpen(
      { candidateId: '59bf7c1e-0000-4000-8000-000000000001', person: { name: '张三' } },
      ['o1'],
    );
    const zh = answer(objectionsOpen);
    expect(zh).toMatchObject({
      status: 409,
      body: {
        code: 'APPOINTMENT.OBJECTIONS_OPEN',
        rule: 'R22',
        detail: '候选人张三尚有 1 件未办结的反映问题（R22），不能任职',
      },
    });
    expect(JSON.stringify(zh.body?.detail)).not.toContain('59bf');
    expect(answer(objectionsOpen, { headers: { 'accept-language': 'en-US,en;q=0.9' } }).body).toMatchObject({
      code: 'APPOINTMENT.OBJECTIONS_OPEN',
      detail: 'objections still open for candidate 张三 (1)',
    });
  });

  it('lists the field of a domain validation error with its label', () => {
    const { status, body } = answer(
      AppointmentErrors.checkOutcomeInvalid('dossier', 'none', ['verified', 'discrepancy'], 'R11'),
    );
    const words = '干部档案审核的结果只能是已审核无误（verified）或存在不一致（discrepancy），不能是“none”';
    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'APPOINTMENT.CHECK_OUTCOME_INVALID',
      rule: 'R11',
      detail: words,
      errors: [{ field: 'outcome', label: '核查结果', messages: [words] }],
    });
    const invalid = answer(
      AppointmentErrors.invalid('attendees', 'attendees-exceed-entitled', 'R17', {
        attendees: 10,
        entitled: 9,
      }),
    );
    expect(invalid.body).toMatchObject({
      code: 'APPOINTMENT.INVALID_INPUT',
      detail: '实到会成员：实到会 10 人，多于应到会的 9 人',
      errors: [{ field: 'attendees', label: '实到会成员', messages: ['实到会 10 人，多于应到会的 9 人'] }],
    });
  });

  it('labels the decision meeting’s members as the meeting’s, not the inspection team’s', () => {
    const error = AppointmentErrors.invalid('members', 'members-exceed-entitled', 'R17', {
      members: 7,
      entitled: 3,
    });
    (error.details as Record<string, unknown>).command = 'HoldDecisionMeeting';
    expect(answer(error).body).toMatchObject({
      detail: '会议组成人员：列出的会议成员（7人）多于应到会人数（3人）',
      errors: [{ field: 'members', label: '会议组成人员' }],
    });
  });

  it('shows a field error that has only its log line where it is in the answer’s language', () => {
    const chinese = new RequestValidationError([{ field: 'year', messages: ['年份须为四位数字'] }]);
    expect(answer(chinese).body).toMatchObject({ errors: [{ messages: ['年份须为四位数字'] }] });
    const unknown = new RequestValidationError([{ field: 'x', messages: ['x is odd'] }]);
    expect(answer(unknown).body).toMatchObject({ errors: [{ messages: ['填写不正确'] }] });
    expect(answer(unknown, { headers: { 'accept-language': 'en' } }).body).toMatchObject({
      errors: [{ messages: ['x is odd'] }],
    });
  });

  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en;q=0.5, zh;q=0.8', 'zh'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr, de;q=0.9', 'zh'],
    ['*', 'zh'],
    ['en;q=0', 'zh'],
    ['en;q=abc', 'zh'],
  ])('reads Accept-Language %p as %s', (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang);
    const headers: Record<string, string> = header === undefined ? {} : { 'accept-language': header };
    const { body } = answer(new ThrottlerException(), { headers });
    expect(body?.detail).toBe(
      lang === 'zh' ? '请求过于频繁，请稍后再试' : 'too many requests; slow down and retry later',
    );
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
      body: { code: 'HTTP.RATE_LIMITED', title: '请求过于频繁' },
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
      body: { code: 'HTTP.NOT_FOUND', detail: '没有这个接口：GET /nowhere' },
    });
    expect(
      answer(new NotFoundException('Cannot GET /nowhere'), { headers: { 'accept-language': 'en' } }),
    ).toMatchObject({ body: { detail: 'no such endpoint: GET /nowhere' } });
  });

  it('keeps the status of any other HttpException', () => {
    expect(answer(new BadRequestException('Validation failed (uuid is expected)'))).toMatchObject({
      status: 400,
      body: { code: 'HTTP.BAD_REQUEST', detail: '请求格式不正确' },
    });
    expect(
      answer(new BadRequestException('Validation failed (uuid is expected)'), {
        headers: { 'accept-language': 'en' },
      }),
    ).toMatchObject({ body: { detail: 'Validation failed (uuid is expected)' } });
    expect(answer(new HttpException('teapot', 418))).toMatchObject({
      status: 418,
      body: { code: 'HTTP.CLIENT_ERROR' },
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
      detail: '服务出现意外错误，已记录在日志中，请联系系统管理员',
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
