import fc from 'fast-check';
import { EventStoreArgumentError } from '../../event-store.errors';
import { comparePositions, decodePosition, encodePosition } from './eventstoredb-position';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const position = fc.record({ commit: u64, prepare: u64 });

function logOrder(a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

describe('EventStoreDB positions', () => {
  it('encodes commit and prepare as one canonical decimal, commit·10^20 + prepare', () => {
    expect(encodePosition({ commit: 1234n, prepare: 1200n })).toBe('123400000000000000001200');
    expect(encodePosition({ commit: 0n, prepare: 0n })).toBe('0');
    expect(encodePosition({ commit: 0n, prepare: 77n })).toBe('77');
  });

  it('round-trips every u64 pair', () => {
    fc.assert(fc.property(position, (p) => expect(decodePosition(encodePosition(p))).toEqual(p)));
  });

  it('orders encoded positions as the log orders them', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const expected = logOrder(a, b);
        const ea = encodePosition(a);
        const eb = encodePosition(b);
        expect(comparePositions(ea, eb)).toBe(expected);
        expect(BigInt(ea) > BigInt(eb)).toBe(expected > 0);
      }),
    );
  });

  it('orders the events of one multi-event write by prepare position', () => {
    const first = encodePosition({ commit: 9000n, prepare: 9000n });
    const second = encodePosition({ commit: 9000n, prepare: 9180n });
    const nextWrite = encodePosition({ commit: 9400n, prepare: 9400n });
    expect([nextWrite, second, first].sort(comparePositions)).toEqual([first, second, nextWrite]);
  });

  it.each([
    '',
    '12/34',
    '0012',
    '1e5',
    'x'.repeat(40),
    '-1',
    (2n ** 64n * 10n ** 20n).toString(),
    '99999999999999999999',
  ])('refuses %j as a checkpoint', (bad) => {
    expect(() => decodePosition(bad)).toThrow(EventStoreArgumentError);
  });

  it('refuses positions outside u64', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(EventStoreArgumentError);
    expect(() => encodePosition({ commit: 0n, prepare: 2n ** 64n })).toThrow(EventStoreArgumentError);
  });
});
