import { toProblemResponse } from '../errors/problem-details';
import { carriesBody, mediaTypeOf, refuseNonJsonBody } from './json-body.middleware';

type Headers = Record<string, string | undefined>;

/** What the middleware hands to `next`: undefined to go on, else the error. */
function outcome(headers: Headers): unknown {
  let passed: unknown = 'not called';
  refuseNonJsonBody({ headers }, undefined, (error?: unknown) => {
    passed = error;
  });
  return passed;
}

describe('a request body must be JSON', () => {
  it('passes a JSON body, with or without parameters, in any letter case', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON ;charset=UTF-8',
    ])
      expect(outcome({ 'content-type': type, 'content-length': '2' })).toBeUndefined();
  });

  it('passes a request without a body, whatever it says its type is', () => {
    expect(outcome({})).toBeUndefined();
    expect(outcome({ 'content-length': '0' })).toBeUndefined();
    expect(outcome({ 'content-type': 'text/plain', 'content-length': '0' })).toBeUndefined();
  });

  it('refuses any other body with 415 HTTP.UNSUPPORTED_MEDIA_TYPE, in Chinese by default', () => {
    for (const type of [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/merge-patch+json',
      'application/json-patch+json',
      'application/jsonx',
      undefined,
      '',
    ]) {
      const error = outcome({ 'content-type': type, 'content-length': '30' });
      expect(error).toBeDefined();
      const { problem } = toProblemResponse(error, { url: '/cases', headers: {} });
      expect(problem).toMatchObject({
        status: 415,
        code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
        title: '不支持的内容类型',
        detail: '不支持该内容类型，请以 application/json 提交',
      });
    }
  });

  it('counts a chunked body as a body', () => {
    expect(carriesBody({ 'transfer-encoding': 'chunked' })).toBe(true);
    expect(outcome({ 'transfer-encoding': 'chunked', 'content-type': 'text/plain' })).toBeDefined();
    expect(outcome({ 'transfer-encoding': 'chunked', 'content-type': 'application/json' })).toBeUndefined();
  });

  it('reads the media type without its parameters', () => {
    expect(mediaTypeOf('Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(mediaTypeOf(['application/json', 'text/plain'])).toBe('application/json');
    expect(mediaTypeOf(' ; charset=utf-8')).toBeUndefined();
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });
});
