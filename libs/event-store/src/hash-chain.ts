import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AppendContext, EventMetadata, NewEvent, RecordedEvent } from './event-store.port';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The service's one canonical JSON: RFC 8785 (JCS), for the hash chain and the idempotency
 * fingerprint alike. Iterative, so no nesting depth can exhaust the call stack. For JSON data the
 * bytes are those of the sorted-key form the chain was built with before (hash-chain.spec.ts).
 * Refuses what JSON cannot carry faithfully: lone surrogates, NaN, Infinity and bigint.
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** hash = sha256(prevHash + canonicalJson({ type, data, metadata without hash })). */
export function hashEvent(event: {
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'>;
}): string {
  const { hash: _ignored, ...metadata } = event.metadata as EventMetadata;
  return sha256Hex(metadata.prevHash + canonicalJson({ type: event.type, data: event.data, metadata }));
}

export interface SealedEvent {
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * Turns the events of one append into what an adapter stores: metadata = context + recordedAt,
 * schemaVersion and the chained hashes. `prevHash` is the hash of the stream's last stored event
 * (GENESIS_HASH for a new stream). Data is normalised to its JSON form so the stored value is
 * exactly the hashed one.
 */
export function sealEvents(
  events: readonly NewEvent[],
  context: AppendContext,
  prevHash: string,
  recordedAt: string,
): SealedEvent[] {
  const base = toJsonValue(context) as AppendContext;
  let previous = prevHash;
  return events.map((event) => {
    const data = toJsonValue(event.data);
    const unhashed: Omit<EventMetadata, 'hash'> = {
      ...base,
      recordedAt,
      schemaVersion: event.schemaVersion ?? 1,
      prevHash: previous,
    };
    const hash = hashEvent({ type: event.type, data, metadata: unhashed });
    previous = hash;
    return { type: event.type, data, metadata: { ...unhashed, hash } };
  });
}

function toJsonValue(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

export interface ChainVerification {
  intact: boolean;
  events: number;
  /** Revision of the first event whose hash or prevHash does not hold. */
  brokenAt?: string;
}

/**
 * Checks the events of one stream, in revision order. A slice that does not start at revision 0
 * is checked from its first event on (that event's prevHash is taken as given).
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let previous: RecordedEvent | undefined;
  for (const event of events) {
    const { metadata } = event;
    const expectedPrev =
      previous?.metadata.hash ?? (BigInt(event.revision) === 0n ? GENESIS_HASH : metadata.prevHash);
    const contiguous = previous === undefined || BigInt(event.revision) === BigInt(previous.revision) + 1n;
    if (!contiguous || metadata.prevHash !== expectedPrev || hashEvent(event) !== metadata.hash) {
      return { intact: false, events: events.length, brokenAt: event.revision };
    }
    previous = event;
  }
  return { intact: true, events: events.length };
}
