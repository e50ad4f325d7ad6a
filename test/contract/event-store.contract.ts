import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  IdempotencyConflictError,
  PreconditionFailedError,
  WrongExpectedRevisionError,
  foldCacheFor,
  handleCommand,
  verifyChain,
  type AppendContext,
  type Decider,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@app/event-store';

export interface ContractSubject {
  store: EventStore;
  cleanup(): Promise<void>;
}

const SHORT = 20_000;
const LONG = 50_000;

type TallyEvent =
  { type: 'Tallied'; data: { writer: number; seq: number } } | { type: 'Noted'; data: { note: string } };
type TallyCommand = { type: 'Tally'; writer: number; seq: number } | { type: 'NoteTwice'; note: string };

const tally: Decider<number, TallyCommand, TallyEvent> = {
  initialState: () => 0,
  evolve: (count) => count + 1,
  decide: (command) =>
    command.type === 'Tally'
      ? [{ type: 'Tallied', data: { writer: command.writer, seq: command.seq } }]
      : [
          { type: 'Noted', data: { note: command.note } },
          { type: 'Noted', data: { note: `${command.note} (again)` } },
        ],
};

export function contextFor(commandId: string = randomUUID(), extra?: Record<string, unknown>): AppendContext {
  return {
    actor: { id: 'p-1', name: '李四', role: 'handler', orgUnit: '市委组织部' },
    commandId,
    correlationId: `corr-${commandId}`,
    causationId: `cause-${commandId}`,
    occurredAt: '2024-05-06T09:30:00+08:00',
    ...(extra ? { extra } : {}),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

const isDecimal = (value: string): boolean => /^(0|[1-9][0-9]*)$/.test(value);

/** The event store port's contract; every adapter must pass it unchanged. */
export function describeEventStoreContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    // Streams of this run start with a fresh prefix, so a shared server needs no cleaning.
    const run = `ct${randomUUID().slice(0, 8)}`;
    let counter = 0;
    const prefix = (): string => `${run}-${++counter}-`;

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    }, LONG);

    afterAll(async () => {
      await subject?.cleanup();
    }, LONG);

    it(
      'appends on condition that a command is new only where the store says it can, and then exactly',
      async () => {
        const stream = `${prefix()}only-new`;
        const context = contextFor();
        const first = await store.append(stream, [{ type: 'A', data: { n: 1 } }], {
          expectedRevision: 'no-stream',
          context,
        });
        const again = store.append(stream, [{ type: 'A', data: { n: 2 } }], {
          expectedRevision: first.revision,
          expectedHash: first.events[0].metadata.hash,
          context,
          onlyIfCommandNew: true,
        });
        if (store.checksCommandOnAppend) {
          await expect(again).rejects.toBeInstanceOf(WrongExpectedRevisionError);
          const other = await store.append(stream, [{ type: 'A', data: { n: 3 } }], {
            expectedRevision: first.revision,
            expectedHash: first.events[0].metadata.hash,
            context: contextFor(),
            onlyIfCommandNew: true,
          });
          expect(other.revision).toBe('1');
        } else {
          await expect(again).rejects.toMatchObject({ code: 'EVENT_STORE.INVALID_ARGUMENT' });
        }
        expect((await store.read(stream)).map((event) => event.data)).toEqual(
          store.checksCommandOnAppend ? [{ n: 1 }, { n: 3 }] : [{ n: 1 }],
        );
      },
      SHORT,
    );

    it(
      'appends and reads back data, metadata and string revisions',
      async () => {
        const stream = `${prefix()}case`;
        const context = contextFor();
        const data = {
          title: '副处长',
          nested: { list: [1, '二', null, true], empty: {} },
          zh: '干部选拔任用',
        };
        const first = await store.append(stream, [{ type: 'CaseOpened', data }], {
          expectedRevision: 'no-stream',
          context,
        });
        expect(first).toMatchObject({ revision: '0' });
        expect(isDecimal(first.position)).toBe(true);
        const second = await store.append(
          stream,
          [
            { type: 'A', data: { n: 1 } },
            { type: 'B', data: { n: 2 }, schemaVersion: 2 },
          ],
          {
            expectedRevision: '0',
            context: contextFor(),
          },
        );
        expect(second.revision).toBe('2');
        expect(second.events.map((event) => event.revision)).toEqual(['1', '2']);

        const events = await store.read(stream);
        expect(events.map((event) => [event.type, event.revision])).toEqual([
          ['CaseOpened', '0'],
          ['A', '1'],
          ['B', '2'],
        ]);
        expect(events[0]).toMatchObject({
          streamId: stream,
          data,
          eventId: first.events[0].eventId,
          globalPosition: first.position,
        });
        expect(events[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(events[0].metadata).toMatchObject({ ...context, schemaVersion: 1, prevHash: GENESIS_HASH });
        expect(Date.parse(events[0].metadata.recordedAt)).not.toBeNaN();
        expect(events[0].metadata.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(events[2].metadata.schemaVersion).toBe(2);
        expect(events).toEqual([...first.events, ...second.events]);
        for (const event of events) {
          expect(typeof event.revision).toBe('string');
          expect(isDecimal(event.globalPosition)).toBe(true);
        }
        expect(BigInt(events[1].globalPosition)).toBeGreaterThan(BigInt(events[0].globalPosition));
        expect(BigInt(events[2].globalPosition)).toBeGreaterThan(BigInt(events[1].globalPosition));
        await expect(store.read(`${prefix()}missing`)).resolves.toEqual([]);
      },
      SHORT,
    );

    it(
      'refuses appends at the wrong expected revision',
      async () => {
        const stream = `${prefix()}case`;
        await store.append(stream, [{ type: 'A', data: {} }], {
          expectedRevision: 'no-stream',
          context: contextFor(),
        });
        await store.append(stream, [{ type: 'B', data: {} }], {
          expectedRevision: '0',
          context: contextFor(),
        });

        const again = store.append(stream, [{ type: 'C', data: {} }], {
          expectedRevision: 'no-stream',
          context: contextFor(),
        });
        await expect(again).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(again).rejects.toMatchObject({
          code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
          category: 'concurrency',
          streamId: stream,
          expected: 'no-stream',
          actual: '1',
        });
        const stale = store.append(stream, [{ type: 'C', data: {} }], {
          expectedRevision: '0',
          context: contextFor(),
        });
        await expect(stale).rejects.toMatchObject({ expected: '0', actual: '1' });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        const ahead = store.append(`${prefix()}none`, [{ type: 'C', data: {} }], {
          expectedRevision: '3',
          context: contextFor(),
        });
        await expect(ahead).rejects.toMatchObject({ expected: '3', actual: 'no-stream' });

        await expect(store.read(stream)).resolves.toHaveLength(2);
        const any = await store.append(stream, [{ type: 'C', data: {} }], {
          expectedRevision: 'any',
          context: contextFor(),
        });
        expect(any.revision).toBe('2');
      },
      SHORT,
    );

    it(
      'handles a commandId once: a repeat appends nothing and replays the first answer',
      async () => {
        const stream = `${prefix()}case`;
        const commandId = randomUUID();
        const options = { context: contextFor(commandId, { requestHash: 'sha-1' }) };
        const first = await handleCommand(store, stream, tally, { type: 'NoteTwice', note: 'x' }, options);
        expect(first).toMatchObject({
          replayed: false,
          revision: '1',
          events: [
            { type: 'Noted', revision: '0' },
            { type: 'Noted', revision: '1' },
          ],
        });

        const again = await handleCommand(store, stream, tally, { type: 'NoteTwice', note: 'x' }, options);
        expect(again).toMatchObject({ replayed: true, revision: '1', events: first.events });
        expect(again.recorded).toEqual(first.recorded);
        await expect(store.read(stream)).resolves.toHaveLength(2);

        const reused = handleCommand(
          store,
          stream,
          tally,
          { type: 'NoteTwice', note: 'y' },
          {
            context: contextFor(commandId, { requestHash: 'sha-2' }),
          },
        );
        await expect(reused).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(reused).rejects.toMatchObject({
          code: 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED',
          category: 'idempotency',
        });
        await expect(store.read(stream)).resolves.toHaveLength(2);
      },
      SHORT,
    );

    it(
      'fails a command whose If-Match revision is stale',
      async () => {
        const stream = `${prefix()}case`;
        await handleCommand(
          store,
          stream,
          tally,
          { type: 'Tally', writer: 0, seq: 0 },
          { context: contextFor() },
        );
        await handleCommand(
          store,
          stream,
          tally,
          { type: 'Tally', writer: 0, seq: 1 },
          { context: contextFor(), expectedRevision: '0' },
        );
        const stale = handleCommand(
          store,
          stream,
          tally,
          { type: 'Tally', writer: 0, seq: 2 },
          {
            context: contextFor(),
            expectedRevision: '0',
          },
        );
        await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
        await expect(stale).rejects.toMatchObject({
          code: 'EVENT_STORE.PRECONDITION_FAILED',
          expected: '0',
          actual: '1',
        });
        await expect(store.read(stream)).resolves.toHaveLength(2);
      },
      SHORT,
    );

    it(
      'reads a stream up to a revision, from a revision and until a time',
      async () => {
        const stream = `${prefix()}case`;
        await store.append(
          stream,
          [
            { type: 'A', data: {} },
            { type: 'B', data: {} },
          ],
          { expectedRevision: 'no-stream', context: contextFor() },
        );
        await sleep(30);
        const cut = new Date().toISOString();
        await sleep(30);
        await store.append(
          stream,
          [
            { type: 'C', data: {} },
            { type: 'D', data: {} },
          ],
          { expectedRevision: '1', context: contextFor() },
        );

        const types = (events: RecordedEvent[]): string[] => events.map((event) => event.type);
        expect(types(await store.read(stream, { toRevision: '2' }))).toEqual(['A', 'B', 'C']);
        expect(types(await store.read(stream, { fromRevision: '1', toRevision: '2' }))).toEqual(['B', 'C']);
        expect(types(await store.read(stream, { fromRevision: '3' }))).toEqual(['D']);
        expect(types(await store.read(stream, { until: cut }))).toEqual(['A', 'B']);
        expect(types(await store.read(stream, { until: '2000-01-01T00:00:00Z' }))).toEqual([]);
        expect(
          types(
            await store.read(stream, { until: new Date(Date.now() + 60_000).toISOString(), toRevision: '2' }),
          ),
        ).toEqual(['A', 'B', 'C']);
      },
      SHORT,
    );

    it(
      'reads all streams in one global order, filtered by prefix and paged',
      async () => {
        const base = prefix();
        const [a, b] = [`${base}a-1`, `${base}b-1`];
        const marker = await store.append(`${base}marker`, [{ type: 'Marker', data: {} }], {
          expectedRevision: 'no-stream',
          context: contextFor(),
        });
        const written: string[] = [];
        for (let i = 0; i < 3; i++) {
          for (const stream of [a, b]) {
            const result = await store.append(stream, [{ type: 'E', data: { i } }], {
              expectedRevision: 'any',
              context: contextFor(),
            });
            written.push(result.events[0].eventId);
          }
        }

        const all = await store.readAll({ fromPosition: marker.position, limit: 100 });
        const ours = all.events.filter((event) => event.streamId.startsWith(base));
        expect(ours.map((event) => event.eventId)).toEqual(written);
        expect(all.lastPosition).toBe(all.events.at(-1)?.globalPosition);
        assertIncreasing(all.events.map((event) => event.globalPosition));

        const onlyA = await store.readAll({ fromPosition: null, limit: 100, streamPrefix: `${base}a-` });
        expect(onlyA.events.map((event) => [event.streamId, event.revision])).toEqual([
          [a, '0'],
          [a, '1'],
          [a, '2'],
        ]);

        const pages: string[] = [];
        let from: string | null = marker.position;
        for (;;) {
          const page = await store.readAll({ fromPosition: from, limit: 2, streamPrefix: base });
          if (page.events.length === 0) {
            expect(page.lastPosition).toBe(from);
            break;
          }
          expect(page.events.length).toBeLessThanOrEqual(2);
          pages.push(...page.events.map((event) => event.eventId));
          from = page.lastPosition;
        }
        expect(pages).toEqual(written);
      },
      SHORT,
    );

    it(
      'reads all streams with only the metadata keys asked for, and the same events',
      async () => {
        const base = prefix();
        const appended = await store.append(
          `${base}1`,
          [
            { type: 'E', data: { i: 0 } },
            { type: 'E', data: { i: 1 } },
          ],
          { expectedRevision: 'no-stream', context: contextFor(randomUUID(), { requestHash: 'abc' }) },
        );
        const whole = await store.readAll({ fromPosition: null, limit: 100, streamPrefix: base });
        const keys = ['actor', 'recordedAt', 'extra', 'notStored'];
        const trimmed = await store.readAll({
          fromPosition: null,
          limit: 100,
          streamPrefix: base,
          metadataKeys: keys,
        });

        expect(whole.events.map((e) => e.metadata)).toEqual(appended.events.map((e) => e.metadata));
        expect(trimmed.lastPosition).toBe(whole.lastPosition);
        expect(trimmed.events.map(({ metadata: _m, ...rest }) => rest)).toEqual(
          whole.events.map(({ metadata: _m, ...rest }) => rest),
        );
        expect(trimmed.events.map((e) => e.metadata)).toEqual(
          whole.events.map((e) => ({
            actor: e.metadata.actor,
            recordedAt: e.metadata.recordedAt,
            extra: { requestHash: 'abc' },
          })),
        );
        const none = await store.readAll({
          fromPosition: null,
          limit: 1,
          streamPrefix: base,
          metadataKeys: [],
        });
        expect(none.events.map((e) => [e.revision, e.metadata])).toEqual([['0', {}]]);
      },
      SHORT,
    );

    it(
      'resumes a subscription from its last checkpoint with exactly the new events',
      async () => {
        const base = prefix();
        const seen: RecordedEvent[] = [];
        const append = (i: number) =>
          store.append(`${base}s-${i % 2}`, [{ type: 'E', data: { i } }], {
            expectedRevision: 'any',
            context: contextFor(),
          });
        for (let i = 0; i < 3; i++) await append(i);

        let subscription = store.subscribeAll({ fromCheckpoint: null, streamPrefix: base }, async (event) => {
          seen.push(event);
        });
        await waitFor(() => seen.length >= 3, 10_000, 'the first three events');
        await subscription.stop();
        const checkpoint = seen[seen.length - 1].globalPosition;

        for (let i = 3; i < 5; i++) await append(i);
        await sleep(200);
        expect(seen).toHaveLength(3);

        const resumed: RecordedEvent[] = [];
        subscription = store.subscribeAll(
          { fromCheckpoint: checkpoint, streamPrefix: base },
          async (event) => {
            resumed.push(event);
          },
        );
        try {
          await waitFor(() => resumed.length >= 2, 10_000, 'the two new events');
          await append(5);
          await waitFor(() => resumed.length >= 3, 10_000, 'a live event');
          await sleep(200);
        } finally {
          await subscription.stop();
        }
        expect(resumed.map((event) => (event.data as { i: number }).i)).toEqual([3, 4, 5]);
        expect(seen.map((event) => (event.data as { i: number }).i)).toEqual([0, 1, 2]);
      },
      SHORT,
    );

    it(
      'waits for a running handler call before stop() resolves',
      async () => {
        const base = prefix();
        await store.append(`${base}s`, [{ type: 'E', data: {} }], {
          expectedRevision: 'no-stream',
          context: contextFor(),
        });
        let running = false;
        let calls = 0;
        const subscription = store.subscribeAll({ fromCheckpoint: null, streamPrefix: base }, async () => {
          running = true;
          calls += 1;
          await sleep(300);
          running = false;
        });
        await waitFor(() => running, 10_000, 'the handler to start');
        await subscription.stop();
        expect(running).toBe(false);
        expect(calls).toBe(1);
      },
      SHORT,
    );

    it(
      'chains every event to the previous hash, and verifyChain names a tampered revision',
      async () => {
        const stream = `${prefix()}case`;
        for (let i = 0; i < 4; i++) {
          await store.append(stream, [{ type: 'E', data: { i, text: `第${i}条` } }], {
            expectedRevision: i === 0 ? 'no-stream' : String(i - 1),
            context: contextFor(),
          });
        }
        const events = await store.read(stream);
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < events.length; i++)
          expect(events[i].metadata.prevHash).toBe(events[i - 1].metadata.hash);
        expect(verifyChain(events)).toEqual({ intact: true, events: 4 });

        const tampered = structuredClone(events);
        tampered[2].data = { i: 2, text: '篡改' };
        expect(verifyChain(tampered)).toEqual({ intact: false, events: 4, brokenAt: '2' });
        const reordered = structuredClone(events);
        reordered[1].metadata.actor = { ...reordered[1].metadata.actor, name: '王五' };
        expect(verifyChain(reordered).brokenAt).toBe('1');
      },
      SHORT,
    );

    it(
      'folds from a cached state: two processes alternate on one stream, and a repeat after the cache moved on is still found',
      async () => {
        const stream = `${prefix()}case`;
        // Two deciders with a fold version stand for two api processes, each with its own cache.
        // A process may first decide on its cached state; if the stream moved, that decision is
        // dropped and the command decided again, so the last decision of each command counts.
        const seen = new Map<number, number>();
        const [first, second] = [1, 2].map((): Decider<number, TallyCommand, TallyEvent> => ({
          ...tally,
          foldVersion: 'tally-1',
          decide: (command, count) => {
            if (command.type === 'Tally') seen.set(command.seq, count);
            return tally.decide(command, count);
          },
        }));
        const replayedId = randomUUID();
        let expected = 0;
        for (let i = 0; i < 12; i++) {
          const decider = i % 3 === 0 ? second : first;
          const commandId = i === 4 ? replayedId : randomUUID();
          const result = await handleCommand(
            store,
            stream,
            decider,
            { type: 'Tally', writer: 0, seq: i },
            { context: contextFor(commandId) },
          );
          expect(result.revision).toBe(String(expected));
          expected += 1;
        }
        // Each recorded decision saw every event before it, whichever process had cached what.
        expect([...seen.values()]).toEqual(Array.from({ length: 12 }, (_, i) => i));
        expect((await store.read(stream)).map((event) => (event.data as { seq: number }).seq)).toEqual(
          Array.from({ length: 12 }, (_, i) => i),
        );
        const again = await handleCommand(
          store,
          stream,
          first,
          { type: 'Tally', writer: 0, seq: 4 },
          { context: contextFor(replayedId) },
        );
        expect(again).toMatchObject({ replayed: true, revision: '4' });
        expect(foldCacheFor<number>(first)?.get(stream)).toMatchObject({ revision: '11', state: 12 });
        await expect(store.read(stream)).resolves.toHaveLength(12);
        expect(verifyChain(await store.read(stream)).intact).toBe(true);
      },
      SHORT,
    );

    it(
      'keeps every event exactly once, in order, under 8 concurrent writers and a live subscriber',
      async () => {
        const base = prefix();
        const writers = 8;
        const perWriter = 500;
        const streams = 50;
        const total = writers * perWriter;
        const delivered: RecordedEvent[] = [];
        const subscription: Subscription = store.subscribeAll(
          { fromCheckpoint: null, streamPrefix: base },
          async (event) => {
            delivered.push(event);
          },
        );
        const streamOf = (writer: number, seq: number): string =>
          `${base}s-${(writer * 7 + seq * 13) % streams}`;

        const viaHandleCommand = async (writer: number): Promise<void> => {
          for (let seq = 0; seq < perWriter; seq++) {
            await handleCommand(
              store,
              streamOf(writer, seq),
              tally,
              { type: 'Tally', writer, seq },
              { context: contextFor(), maxRetries: 100 },
            );
          }
        };
        const viaAppendWithRetry = async (writer: number): Promise<void> => {
          const known = new Map<string, string>();
          for (let seq = 0; seq < perWriter; seq++) {
            const stream = streamOf(writer, seq);
            for (;;) {
              try {
                const result = await store.append(stream, [{ type: 'Tallied', data: { writer, seq } }], {
                  expectedRevision: known.get(stream) ?? 'no-stream',
                  context: contextFor(),
                });
                known.set(stream, result.revision);
                break;
              } catch (err) {
                if (!(err instanceof WrongExpectedRevisionError)) throw err;
                if (err.actual === 'no-stream') known.delete(stream);
                else known.set(stream, err.actual);
              }
            }
          }
        };

        try {
          await Promise.all(
            Array.from({ length: writers }, (_, writer) =>
              writer % 2 === 0 ? viaHandleCommand(writer) : viaAppendWithRetry(writer),
            ),
          );
          await waitFor(() => delivered.length >= total, 30_000, `${total} delivered events`);
          await sleep(300);
        } finally {
          await subscription.stop();
        }

        expect(delivered).toHaveLength(total);
        assertIncreasing(delivered.map((event) => event.globalPosition));
        expect(new Set(delivered.map((event) => event.eventId)).size).toBe(total);
        const pairs = new Set(
          delivered.map(
            (event) => `${(event.data as { writer: number }).writer}/${(event.data as { seq: number }).seq}`,
          ),
        );
        expect(pairs.size).toBe(total);

        const byStream = new Map<string, string[]>();
        for (const event of delivered)
          byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.revision]);
        expect(byStream.size).toBe(streams);
        for (const [stream, revisions] of byStream) {
          expect(revisions).toEqual(revisions.map((_, i) => String(i)));
          const stored = await store.read(stream);
          expect(stored.map((event) => event.eventId)).toEqual(
            delivered.filter((event) => event.streamId === stream).map((event) => event.eventId),
          );
          expect(verifyChain(stored).intact).toBe(true);
        }
      },
      LONG,
    );
  });
}

function assertIncreasing(positions: string[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(BigInt(positions[i]) > BigInt(positions[i - 1]))) {
      throw new Error(`global order broken at index ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}
