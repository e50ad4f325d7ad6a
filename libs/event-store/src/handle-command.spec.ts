import { MemoryEventStore } from './adapters/memory/memory-event-store';
import {
  IdempotencyConflictError,
  PreconditionFailedError,
  WrongExpectedRevisionError,
} from './event-store.errors';
import type { AppendContext, AppendOptions, AppendResult, NewEvent } from './event-store.port';
import { aggregateStream, handleCommand, type Decider } from './handle-command';

type CounterEvent =
  { type: 'Incremented'; data: { by: number } } | { type: 'Reset'; data: Record<string, never> };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Noop' } | { type: 'Fail' };

class LimitExceeded extends Error {
  readonly code = 'COUNTER.LIMIT_EXCEEDED';
}

const counter: Decider<number, CounterCommand, CounterEvent> = {
  initialState: () => 0,
  evolve: (state, event) => (event.type === 'Incremented' ? state + event.data.by : 0),
  decide: (command, state) => {
    switch (command.type) {
      case 'Increment':
        if (state + command.by > 100) throw new LimitExceeded('over 100');
        return [{ type: 'Incremented', data: { by: command.by } }];
      case 'Noop':
        return [];
      case 'Fail':
        throw new LimitExceeded('always');
    }
  },
};

const ctx = (commandId: string, extra?: Record<string, unknown>): AppendContext => ({
  actor: { id: 'u1', name: 'Handler', role: 'handler', orgUnit: 'org-1' },
  commandId,
  correlationId: commandId,
  causationId: commandId,
  occurredAt: '2024-03-01T09:00:00+08:00',
  ...(extra ? { extra } : {}),
});

describe('handleCommand', () => {
  let store: MemoryEventStore;
  beforeEach(() => {
    store = new MemoryEventStore();
  });
  afterEach(() => store.close());

  it('folds the stream, decides and appends at the loaded revision', async () => {
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 2 }, { context: ctx('a') });
    const second = await handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 3 },
      { context: ctx('b') },
    );
    expect(second).toMatchObject({
      streamId: 'c-1',
      revision: '1',
      events: [{ type: 'Incremented', revision: '1' }],
      replayed: false,
    });
    expect(second.recorded[0].metadata.commandId).toBe('b');
    await expect(aggregateStream(store, 'c-1', counter)).resolves.toEqual({ state: 5, revision: '1' });
    await expect(aggregateStream(store, 'c-1', counter, { toRevision: '0' })).resolves.toEqual({
      state: 2,
      revision: '0',
    });
  });

  it('replays a handled commandId without appending', async () => {
    const first = await handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 2 },
      { context: ctx('a', { requestHash: 'h1' }) },
    );
    const again = await handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 2 },
      { context: ctx('a', { requestHash: 'h1' }) },
    );
    expect(again).toMatchObject({ replayed: true, revision: first.revision, events: first.events });
    expect(await store.read('c-1')).toHaveLength(1);
  });

  it('refuses a handled commandId with a different request hash', async () => {
    await handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 2 },
      { context: ctx('a', { requestHash: 'h1' }) },
    );
    const reused = handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 5 },
      { context: ctx('a', { requestHash: 'h2' }) },
    );
    await expect(reused).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(reused).rejects.toMatchObject({
      code: 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED',
      category: 'idempotency',
      commandId: 'a',
    });
    expect(await store.read('c-1')).toHaveLength(1);
  });

  it('fails an If-Match on a stale revision without retrying', async () => {
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 1 }, { context: ctx('a') });
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 1 }, { context: ctx('b') });
    const stale = handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 1 },
      { context: ctx('c'), expectedRevision: '0' },
    );
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(stale).rejects.toMatchObject({ expected: '0', actual: '1', category: 'precondition' });
    const fresh = await handleCommand(
      store,
      'c-1',
      counter,
      { type: 'Increment', by: 1 },
      { context: ctx('d'), expectedRevision: '1' },
    );
    expect(fresh.revision).toBe('2');
  });

  it('returns the current revision and appends nothing when the decider decides nothing', async () => {
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 1 }, { context: ctx('a') });
    const result = await handleCommand(store, 'c-1', counter, { type: 'Noop' }, { context: ctx('b') });
    expect(result).toEqual({ streamId: 'c-1', revision: '0', events: [], replayed: false, recorded: [] });
  });

  it('lets domain errors through unchanged', async () => {
    await expect(
      handleCommand(store, 'c-1', counter, { type: 'Fail' }, { context: ctx('a') }),
    ).rejects.toBeInstanceOf(LimitExceeded);
  });

  it('retries after a concurrent write and decides again on the new state', async () => {
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 90 }, { context: ctx('a') });
    const racing = racingStore(store, 'c-1', 1);
    const result = handleCommand(racing, 'c-1', counter, { type: 'Increment', by: 9 }, { context: ctx('b') });
    await expect(result).resolves.toMatchObject({ revision: '2' });
    await handleCommand(store, 'c-2', counter, { type: 'Increment', by: 95 }, { context: ctx('c') });
    const overLimit = racingStore(store, 'c-2', 1);
    await expect(
      handleCommand(overLimit, 'c-2', counter, { type: 'Increment', by: 5 }, { context: ctx('d') }),
    ).rejects.toBeInstanceOf(LimitExceeded);
    expect(await store.read('c-2')).toHaveLength(2);
  });

  it('gives up with WrongExpectedRevisionError after maxRetries', async () => {
    const racing = racingStore(store, 'c-1', 10);
    await expect(
      handleCommand(
        racing,
        'c-1',
        counter,
        { type: 'Increment', by: 0 },
        { context: ctx('b'), maxRetries: 2 },
      ),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.read('c-1')).toHaveLength(3);
  });

  it('turns a concurrent write under If-Match into PreconditionFailedError', async () => {
    await handleCommand(store, 'c-1', counter, { type: 'Increment', by: 1 }, { context: ctx('a') });
    const racing = racingStore(store, 'c-1', 1);
    await expect(
      handleCommand(
        racing,
        'c-1',
        counter,
        { type: 'Increment', by: 1 },
        { context: ctx('b'), expectedRevision: '0' },
      ),
    ).rejects.toMatchObject({ code: 'EVENT_STORE.PRECONDITION_FAILED', actual: '1' });
  });
});

describe('handleCommand on a stream this process has folded', () => {
  let store: MemoryEventStore;
  let reads: number;
  let counting: MemoryEventStore;
  // A versioned fold is cached per decider object: two objects stand for two processes.
  const versioned = (): Decider<number, CounterCommand, CounterEvent> => ({ ...counter, foldVersion: 'c-1' });
  beforeEach(() => {
    store = new MemoryEventStore();
    reads = 0;
    counting = new Proxy(store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if ((prop !== 'read' && prop !== 'readForCommand') || typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          reads += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  });
  afterEach(() => store.close());

  it('decides on the cached state and appends without reading the stream', async () => {
    const decider = versioned();
    await handleCommand(counting, 'c-1', decider, { type: 'Increment', by: 2 }, { context: ctx('a') });
    expect(reads).toBe(1);
    const second = await handleCommand(
      counting,
      'c-1',
      decider,
      { type: 'Increment', by: 3 },
      { context: ctx('b') },
    );
    expect(reads).toBe(1);
    expect(second).toMatchObject({ revision: '1', replayed: false });
    await expect(aggregateStream(store, 'c-1', counter)).resolves.toEqual({ state: 5, revision: '1' });
  });

  it('answers a command id sent again as a replay, and appends it once', async () => {
    const decider = versioned();
    await handleCommand(counting, 'c-1', decider, { type: 'Increment', by: 2 }, { context: ctx('a') });
    await handleCommand(counting, 'c-1', decider, { type: 'Increment', by: 3 }, { context: ctx('b') });
    const again = await handleCommand(
      counting,
      'c-1',
      decider,
      { type: 'Increment', by: 3 },
      { context: ctx('b') },
    );
    expect(again).toMatchObject({ replayed: true, revision: '1' });
    expect(await store.read('c-1')).toHaveLength(2);
  });

  it('decides again on the stream as it is when another process wrote since', async () => {
    const here = versioned();
    const there = versioned();
    await handleCommand(counting, 'c-1', here, { type: 'Increment', by: 90 }, { context: ctx('a') });
    await handleCommand(counting, 'c-1', there, { type: 'Increment', by: 8 }, { context: ctx('b') });
    // Here the cached state is 90, which would allow +5; the stream is at 98, which does not.
    await expect(
      handleCommand(counting, 'c-1', here, { type: 'Increment', by: 5 }, { context: ctx('c') }),
    ).rejects.toBeInstanceOf(LimitExceeded);
    const done = await handleCommand(
      counting,
      'c-1',
      here,
      { type: 'Increment', by: 2 },
      { context: ctx('d') },
    );
    expect(done.revision).toBe('2');
    await expect(aggregateStream(store, 'c-1', counter)).resolves.toEqual({ state: 100, revision: '2' });
  });

  it('does not refuse on a stale cached state what the stream as it is allows', async () => {
    const here = versioned();
    const there = versioned();
    await handleCommand(counting, 'c-1', here, { type: 'Increment', by: 99 }, { context: ctx('a') });
    await handleCommand(counting, 'c-1', there, { type: 'Noop' }, { context: ctx('b') });
    await store.append('c-1', [{ type: 'Reset', data: {} }], { expectedRevision: '0', context: ctx('r') });
    const done = await handleCommand(
      counting,
      'c-1',
      here,
      { type: 'Increment', by: 50 },
      { context: ctx('c') },
    );
    expect(done.revision).toBe('2');
  });
});

/** A store where another writer slips an event in just before each of the next `races` appends. */
function racingStore(inner: MemoryEventStore, streamId: string, races: number): MemoryEventStore {
  let left = races;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'append') return Reflect.get(target, prop, receiver);
      return async (id: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> => {
        if (left > 0) {
          left -= 1;
          await target.append(streamId, [{ type: 'Incremented', data: { by: 1 } }], {
            expectedRevision: 'any',
            context: ctx(`racer-${left}-${Math.random()}`),
          });
        }
        return target.append(id, events, options);
      };
    },
  });
}
