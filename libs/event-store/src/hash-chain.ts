import { createHash } from 'node:crypto';
import type { AppendContext, EventMetadata, NewEvent, RecordedEvent } from './event-store.port';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (UTF-16 code unit order) and no whitespace. Follows JSON.stringify
 * for everything else (toJSON, undefined members dropped, non-finite numbers as null), so a value
 * hashes the same before it is stored and after it is read back from any adapter.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

function serialise(input: unknown): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not JSON; store it as a decimal string');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => serialise(item) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const member = serialise(record[key]);
        if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
      }
      return `{${members.join(',')}}`;
    }
  }
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
