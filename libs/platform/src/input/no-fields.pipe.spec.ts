import { toProblemResponse } from '../errors/problem-details';
import { RequestValidationError } from '../errors/platform.errors';
import { NoFieldsPipe } from './no-fields.pipe';

const pipe = new NoFieldsPipe();

function refusal(body: unknown, lang = 'zh') {
  try {
    pipe.transform(body);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return toProblemResponse(error, { headers: { 'accept-language': lang } }).problem;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe('the body of a write that takes no fields', () => {
  it('may be absent or empty', () => {
    expect(pipe.transform(undefined)).toEqual({});
    expect(pipe.transform({})).toEqual({});
  });

  it('refuses every field it carries, naming each, in Chinese by default', () => {
    const problem = refusal({ x: 1, readAt: '2025-01-01T00:00:00Z' });
    expect(problem).toMatchObject({ status: 400, code: 'HTTP.INVALID_REQUEST' });
    expect(problem.errors).toEqual([
      { field: 'x', label: 'x', messages: ['本接口不接受这个字段'] },
      { field: 'readAt', label: expect.any(String), messages: ['本接口不接受这个字段'] },
    ]);
    expect(refusal({ x: 1 }, 'en').errors?.[0].messages).toEqual(['is not a field of this request']);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal([]).errors).toMatchObject([{ field: 'body', messages: ['须为对象（{…}）'] }]);
    expect(refusal('x').errors).toMatchObject([{ field: 'body' }]);
    expect(refusal(null).errors).toMatchObject([{ field: 'body' }]);
  });
});
