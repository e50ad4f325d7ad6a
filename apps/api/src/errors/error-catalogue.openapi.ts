import type { OpenAPIObject } from '@nestjs/swagger';
import { describeError } from '@app/platform';
import { errorCatalogueView } from './error-catalogue.view';

type Response = { description?: string; content?: unknown; $ref?: string };
type Operation = { responses?: Record<string, Response> };

/** One answer per status, as a clerk would get it, for the examples. */
const EXAMPLES: Record<number, [string, Record<string, unknown>]> = {
  400: [
    'APPOINTMENT.INVALID_INPUT',
    { field: 'attendees', reason: 'attendees-exceed-entitled', attendees: 10, entitled: 9 },
  ],
  401: ['AUTH.MISSING_TOKEN', {}],
  403: ['AUTH.ROLE_NOT_ALLOWED', { role: 'auditor', allowed: ['handler'] }],
  404: ['APPOINTMENT.CANDIDATE_NOT_FOUND', { candidateId: '59bf7c1e-0000-4000-8000-000000000001' }],
  409: ['APPOINTMENT.OBJECTIONS_OPEN', { candidateName: '张三', count: 1 }],
  412: ['EVENT_STORE.PRECONDITION_FAILED', { expected: '3', actual: '5' }],
  422: ['EVENT_STORE.IDEMPOTENCY_KEY_REUSED', {}],
  429: ['HTTP.RATE_LIMITED', {}],
};

const PUBLIC_PATHS = ['/health', '/errors', '/metrics'];
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/**
 * Puts the error catalogue into the OpenAPI document: `x-error-codes` at the root, one shared
 * response per status listing its codes, and those responses on every operation they can answer.
 */
export function withErrorCatalogue(document: OpenAPIObject): OpenAPIObject {
  const { errors } = errorCatalogueView();
  const statuses = [...new Set(errors.map((e) => e.status))];
  const components = (document.components ??= {});
  components.schemas = {
    ...components.schemas,
    ProblemDetails: {
      type: 'object',
      description: 'RFC 7807, in Chinese unless Accept-Language prefers English; `code` never changes',
      required: ['type', 'title', 'status', 'code', 'detail'],
      properties: {
        type: { type: 'string', example: 'urn:problem:appointment.objections_open' },
        title: { type: 'string', example: '不符合办理程序或当前状态' },
        status: { type: 'integer', example: 409 },
        code: { type: 'string', enum: errors.map((e) => e.code), example: 'APPOINTMENT.OBJECTIONS_OPEN' },
        detail: { type: 'string', example: '候选人张三尚有 1 件未办结的反映问题（R22），不能任职' },
        instance: { type: 'string' },
        rule: { type: 'string', example: 'R22' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              field: { type: 'string', example: 'heldAt' },
              label: { type: 'string', example: '会议召开时间' },
              messages: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        details: { type: 'object', additionalProperties: true },
      },
    },
  };
  components.responses = { ...components.responses };
  for (const status of statuses) {
    const lines = errors
      .filter((e) => e.status === status)
      .map((e) => `- \`${e.code}\`${e.rule ? ` (${e.rule})` : ''}: ${e.zh} / ${e.en}`);
    const example = EXAMPLES[status];
    components.responses[`Problem${status}`] = {
      description: `Problem details; \`code\` is one of:\n\n${lines.join('\n')}`,
      content: {
        'application/problem+json': {
          schema: { $ref: '#/components/schemas/ProblemDetails' },
          ...(example === undefined
            ? {}
            : {
                example: {
                  type: `urn:problem:${example[0].toLowerCase()}`,
                  status,
                  code: example[0],
                  detail: describeError(example[0], example[1], 'zh', ''),
                },
              }),
        },
      },
    };
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const answers = [400, 429, 500, 503];
      if (!PUBLIC_PATHS.some((p) => path.startsWith(p))) answers.push(401, 403);
      if (path.includes('{')) answers.push(404);
      if (WRITE_METHODS.includes(method)) answers.push(404, 409, 412, 422, 413, 415);
      const responses = (operation.responses ??= {});
      for (const status of answers) {
        if (!statuses.includes(status)) continue;
        const shared = components.responses[`Problem${status}`] as Response;
        const own = responses[String(status)];
        // an operation's own words about a status come first, then the codes it may carry
        responses[String(status)] =
          own === undefined
            ? { $ref: `#/components/responses/Problem${status}` }
            : { ...shared, description: `${own.description ?? ''}\n\n${shared.description ?? ''}` };
      }
    }
  }
  (document as OpenAPIObject & { 'x-error-codes': unknown })['x-error-codes'] = errors;
  document.info.description =
    `${document.info.description ?? ''}\n\nErrors are problem details (RFC 7807) in Chinese by default, ` +
    'in English with `Accept-Language: en`; `GET /errors` and `x-error-codes` list every code with its ' +
    'status, rule and both texts.';
  return document;
}
