import { RequestValidationError } from '@app/platform';
import { caseIdFor, commandIdFor, parseWriteContext, requestHash } from './write-context';
import type { HttpRequest } from './http.types';

const request = (headers: HttpRequest['headers'], body: unknown = { a: 1 }): HttpRequest => ({
  method: 'POST',
  path: '/cases/1/withdraw',
  headers,
  body,
});

describe('write context', () => {
  it('hashes the same request the same way whatever the key order, and differently for another path or body', () => {
    const hash = requestHash('post', '/cases', { grounds: 'g', post: { title: 't', level: 'l' } });
    expect(requestHash('POST', '/cases', { post: { level: 'l', title: 't' }, grounds: 'g' })).toBe(hash);
    expect(requestHash('POST', '/cases/x', { grounds: 'g', post: { title: 't', level: 'l' } })).not.toBe(
      hash,
    );
    expect(requestHash('POST', '/cases', { grounds: 'h', post: { title: 't', level: 'l' } })).not.toBe(hash);
    expect(requestHash('POST', '/cases', undefined)).toBe(requestHash('POST', '/cases', {}));
  });

  it('fingerprints a body nested ten thousand deep without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(requestHash('POST', '/cases', { post: deep })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('binds a command id to the person, the case and the key (not the route)', () => {
    const key = '3f1c2b9e-5a4d-4c1e-9b7a-1d2e3f4a5b6c';
    const id = commandIdFor('h-001', 'case-1', key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandIdFor('h-001', 'case-1', key.toUpperCase())).toBe(id);
    expect(commandIdFor('h-002', 'case-1', key)).not.toBe(id);
    expect(commandIdFor('h-001', 'case-2', key)).not.toBe(id);
    expect(commandIdFor('h-001', caseIdFor('h-001', key), key)).not.toBe(caseIdFor('h-001', key));
  });

  it('derives a stable RFC 9562 version-8 UUID per person and key', () => {
    const key = '3f1c2b9e-5a4d-4c1e-9b7a-1d2e3f4a5b6c';
    const id = caseIdFor('h-001', key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseIdFor('h-001', key.toUpperCase())).toBe(id);
    expect(caseIdFor('h-002', key)).not.toBe(id);
  });

  it('reads Idempotency-Key, If-Match (quoted, bare or weak) and X-Correlation-Id', () => {
    const key = '3F1C2B9E-5A4D-4C1E-9B7A-1D2E3F4A5B6C';
    expect(
      parseWriteContext(request({ 'idempotency-key': key, 'if-match': '"12"', 'x-correlation-id': 'c-1' })),
    ).toEqual({
      idempotencyKey: key.toLowerCase(),
      expectedRevision: '12',
      correlationId: 'c-1',
      requestHash: requestHash('POST', '/cases/1/withdraw', { a: 1 }),
    });
    expect(parseWriteContext(request({ 'if-match': '7' })).expectedRevision).toBe('7');
    expect(parseWriteContext(request({ 'if-match': 'W/"007"' })).expectedRevision).toBe('7');
    expect(parseWriteContext(request({}))).toMatchObject({
      idempotencyKey: undefined,
      expectedRevision: undefined,
      correlationId: undefined,
    });
  });

  it('refuses malformed headers, naming each', () => {
    const attempt = () =>
      parseWriteContext(
        request({ 'idempotency-key': 'retry-1', 'if-match': '"-1"', 'x-correlation-id': 'a b' }),
      );
    expect(attempt).toThrow(RequestValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as RequestValidationError).errors.map((e) => e.field)).toEqual([
        'Idempotency-Key',
        'If-Match',
        'X-Correlation-Id',
      ]);
    }
  });
});
