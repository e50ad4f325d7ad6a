import { PassThrough } from 'node:stream';
import { START } from '@eventstore/db-client';
import { Logger } from '@nestjs/common';
import type {
  AllStreamResolvedEvent,
  EventStoreDBClient,
  ReadPosition,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '../../event-store.port';
import { GENESIS_HASH } from '../../hash-chain';
import { encodePosition } from './eventstoredb-position';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

const metadata: EventMetadata = {
  actor: { id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' },
  commandId: 'c-1',
  correlationId: 'corr-1',
  causationId: 'c-1',
  occurredAt: '2025-03-03T09:00:00+08:00',
  recordedAt: '2025-03-03T01:00:00.000Z',
  schemaVersion: 1,
  prevHash: GENESIS_HASH,
  hash: 'a'.repeat(64),
};

function logEvent(commit: number, streamId = 'appointment-1', type = 'CaseOpened'): AllStreamResolvedEvent {
  const position = { commit: BigInt(commit), prepare: BigInt(commit) };
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(commit).padStart(12, '0')}`,
      isJson: true,
      revision: BigInt(commit),
      type,
      created: new Date(0),
      data: { n: commit },
      metadata: { ...metadata },
      position,
    },
    commitPosition: position.commit,
  };
}

/** One subscribeToAll call: the server replays the log from the requested position, then stays live. */
interface Call {
  fromPosition: ReadPosition | undefined;
  prefixes: string[] | undefined;
  stream: PassThrough & { unsubscribe(): Promise<void> };
}

/** Stands in for the gRPC client: a log of events, and a switch that drops open subscriptions. */
class FakeServer {
  readonly calls: Call[] = [];
  private readonly log: AllStreamResolvedEvent[] = [];

  readonly client = {
    subscribeToAll: (options: SubscribeToAllOptions = {}) => {
      const stream = Object.assign(new PassThrough({ objectMode: true }), {
        unsubscribe: async () => {
          stream.end();
        },
      });
      const from = options.fromPosition;
      const prefixes = options.filter && 'prefixes' in options.filter ? options.filter.prefixes : undefined;
      this.calls.push({ fromPosition: from, prefixes, stream });
      // Inclusive replay on purpose: the subscription must drop what it already delivered either way.
      for (const event of this.log) {
        const commit = event.event?.position.commit ?? 0n;
        if (from === undefined || from === START || from === 'end' || commit >= from.commit)
          stream.write(event);
      }
      return stream;
    },
  } as unknown as EventStoreDBClient;

  append(event: AllStreamResolvedEvent): void {
    this.log.push(event);
    for (const call of this.calls)
      if (!call.stream.writableEnded && !call.stream.destroyed) call.stream.write(event);
  }

  dropConnections(): void {
    for (const call of this.calls)
      if (!call.stream.destroyed) call.stream.destroy(new Error('14 UNAVAILABLE: Connection dropped'));
  }
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EventStoreDbSubscription', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('delivers events one at a time, in order, waiting for the handler', async () => {
    const server = new FakeServer();
    [1, 2, 3].forEach((n) => server.append(logEvent(n)));
    const seen: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const subscription = new EventStoreDbSubscription(
      server.client,
      { fromCheckpoint: null },
      async (event) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(event.revision);
        running--;
      },
    );
    await until(() => seen.length === 3);
    server.append(logEvent(4));
    await until(() => seen.length === 4);
    await subscription.stop();
    expect(seen).toEqual(['1', '2', '3', '4']);
    expect(maxRunning).toBe(1);
    expect(server.calls[0].fromPosition).toBe(START);
  });

  it('starts after the checkpoint and filters on the stream prefix', async () => {
    const server = new FakeServer();
    server.append(logEvent(1));
    server.append(logEvent(2));
    server.append(logEvent(3, 'other-1'));
    server.append(logEvent(4, '$stats-node'));
    server.append(logEvent(5));
    const seen: string[] = [];
    const checkpoint = encodePosition({ commit: 1n, prepare: 1n });
    const subscription = new EventStoreDbSubscription(
      server.client,
      { fromCheckpoint: checkpoint, streamPrefix: 'appointment-' },
      async (event) => {
        seen.push(event.revision);
      },
    );
    await until(() => seen.length === 2);
    await subscription.stop();
    expect(seen).toEqual(['2', '5']);
    expect(server.calls[0].fromPosition).toEqual({ commit: 1n, prepare: 1n });
    expect(server.calls[0].prefixes).toEqual(['appointment-']);
  });

  it('resubscribes from the last delivered position after a dropped connection, without loss or repeats', async () => {
    const server = new FakeServer();
    [1, 2].forEach((n) => server.append(logEvent(n)));
    const seen: RecordedEvent[] = [];
    const subscription = new EventStoreDbSubscription(
      server.client,
      { fromCheckpoint: null },
      async (event) => {
        seen.push(event);
      },
    );
    await until(() => seen.length === 2);
    server.dropConnections();
    server.append(logEvent(3));
    await until(() => server.calls.length === 2);
    server.append(logEvent(4));
    await until(() => seen.length === 4);
    await subscription.stop();
    expect(seen.map((event) => event.revision)).toEqual(['1', '2', '3', '4']);
    expect(server.calls[1].fromPosition).toEqual({ commit: 2n, prepare: 2n });
  });

  it('redelivers an event whose handler failed', async () => {
    const server = new FakeServer();
    [1, 2].forEach((n) => server.append(logEvent(n)));
    const attempts: string[] = [];
    const subscription = new EventStoreDbSubscription(
      server.client,
      { fromCheckpoint: null },
      async (event) => {
        attempts.push(event.revision);
        if (event.revision === '2' && attempts.filter((r) => r === '2').length === 1)
          throw new Error('projection write failed');
      },
    );
    await until(() => attempts.length === 3);
    await subscription.stop();
    expect(attempts).toEqual(['1', '2', '2']);
  });

  it('stop() resolves only after the running handler has finished, and nothing is delivered after it', async () => {
    const server = new FakeServer();
    server.append(logEvent(1));
    let release: () => void = () => undefined;
    let finished = false;
    const seen: string[] = [];
    const subscription = new EventStoreDbSubscription(
      server.client,
      { fromCheckpoint: null },
      async (event) => {
        seen.push(event.revision);
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
    );
    await until(() => seen.length === 1);
    server.append(logEvent(2));
    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect(seen).toEqual(['1']);
  });

  it('refuses a malformed checkpoint up front', () => {
    const server = new FakeServer();
    expect(
      () => new EventStoreDbSubscription(server.client, { fromCheckpoint: '12/34' }, async () => undefined),
    ).toThrow(/position/);
  });
});
