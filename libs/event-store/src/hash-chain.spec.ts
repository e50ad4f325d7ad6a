import fc from 'fast-check';
import { caseEvents, contextFor } from '@app/projections/testing/case-events.fixture';
import type { AppendContext, RecordedEvent } from './event-store.port';
import { GENESIS_HASH, canonicalJson, hashEvent, sealEvents, sha256Hex, verifyChain } from './hash-chain';

const context: AppendContext = {
  actor: { id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' },
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cause-1',
  occurredAt: '2024-03-01T09:00:00+08:00',
};

function chain(count: number): RecordedEvent[] {
  const sealed = sealEvents(
    Array.from({ length: count }, (_, i) => ({ type: 'Thing', data: { i, note: `第${i}条` } })),
    context,
    GENESIS_HASH,
    '2024-03-01T01:00:00.000Z',
  );
  return sealed.map((event, i) => ({
    ...event,
    eventId: `e${i}`,
    streamId: 's-1',
    revision: String(i),
    globalPosition: String(i + 1),
  }));
}

/** The sorted-key serialiser the chain was built with before RFC 8785, kept to prove the bytes agree. */
function sortedKeyJson(value: unknown): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return sortedKeyJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => sortedKeyJson(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const member = sortedKeyJson(record[key]);
      return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
    });
  return `{${members.join(',')}}`;
}

describe('canonicalJson (RFC 8785)', () => {
  it('gives the same bytes as the earlier sorted-key form for every event of a full case, as sealed and stored', () => {
    const events = caseEvents('5b0c1f5e-8a8e-4e55-9a51-0c0d8a3f2f10');
    const sealed = sealEvents(
      events,
      contextFor({ id: 'h-001', name: '王办事', role: 'handler' }),
      GENESIS_HASH,
      '2025-03-03T01:00:00.000Z',
    );
    expect(sealed).toHaveLength(events.length);
    for (const event of sealed) {
      const { hash: _hash, ...metadata } = event.metadata;
      const hashed = { type: event.type, data: event.data, metadata };
      expect(canonicalJson(hashed)).toBe(sortedKeyJson(hashed));
      expect(hashEvent(event)).toBe(sha256Hex(metadata.prevHash + sortedKeyJson(hashed)));
    }
  });

  it('agrees with the earlier form on any JSON value, Chinese text and odd keys included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue({ maxDepth: 3 }), (value, other) => {
        expect(canonicalJson(value)).toBe(sortedKeyJson(value) ?? 'null');
        expect(canonicalJson({ 第一: other, a: [other], '\u00e9': 1 })).toBe(
          sortedKeyJson({ 第一: other, a: [other], '\u00e9': 1 }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('does not recurse: ten thousand levels cost no call stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: [deep] };
    expect(canonicalJson(deep)).toHaveLength(10_000 * 8 + 1);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"z":1}]},"b":1}',
    );
  });

  it('sorts integer-like keys as strings, not in object enumeration order', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b' })).toBe('{"10":"b","9":"a"}');
  });

  it('is JSON that parses back to the same value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('sealEvents', () => {
  it('chains each event to the previous one, starting from the given prevHash', () => {
    const events = chain(3);
    expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
    expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
    expect(events[2].metadata.prevHash).toBe(events[1].metadata.hash);
    expect(events[0].metadata).toMatchObject({
      ...context,
      recordedAt: '2024-03-01T01:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('hashes sha256(prevHash + canonical JSON of type, data and metadata without hash), lowercase hex', () => {
    const [event] = chain(1);
    const { hash, ...rest } = event.metadata;
    const expected = sha256Hex(
      GENESIS_HASH + canonicalJson({ type: event.type, data: event.data, metadata: rest }),
    );
    expect(hash).toBe(expected);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(event)).toBe(hash);
  });
});

describe('verifyChain', () => {
  it('reports an intact chain and its length', () => {
    expect(verifyChain(chain(4))).toEqual({ intact: true, events: 4 });
    expect(verifyChain([])).toEqual({ intact: true, events: 0 });
  });

  it('names the revision whose data was changed', () => {
    const events = chain(4);
    events[2] = { ...events[2], data: { i: 2, note: 'altered' } };
    expect(verifyChain(events)).toEqual({ intact: false, events: 4, brokenAt: '2' });
  });

  it('names the revision after a removed event', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events).brokenAt).toBe('2');
  });

  it('names an event whose hash was recomputed after tampering, through its successor', () => {
    const events = chain(3);
    const altered = { ...events[1], data: { i: 1, note: 'forged' } };
    altered.metadata = { ...altered.metadata, hash: hashEvent(altered) };
    events[1] = altered;
    expect(verifyChain(events).brokenAt).toBe('2');
  });

  it('refuses a first event whose prevHash is not the genesis hash', () => {
    const events = chain(2);
    events[0] = { ...events[0], metadata: { ...events[0].metadata, prevHash: 'f'.repeat(64) } };
    expect(verifyChain(events).brokenAt).toBe('0');
  });
});
