import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { EventStoreArgumentError, EventStoreUnavailableError } from '../../event-store.errors';
import type { AppendContext } from '../../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A local port nothing listens on: the real client then fails the way it does when the server is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const context: AppendContext = {
  actor: { id: 'u1', name: '张三', role: 'handler', orgUnit: '市委组织部' },
  commandId: 'c-1',
  correlationId: 'corr-1',
  causationId: 'c-1',
  occurredAt: '2025-03-03T09:00:00+08:00',
};

describe('EventStoreDbEventStore without a reachable server', () => {
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    store = new EventStoreDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
  });

  afterAll(() => store.close());

  it('fails ping, read, readAll and append with EventStoreUnavailableError', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.read('appointment-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll({ fromPosition: null, limit: 10 })).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    const append = store.append('appointment-1', [{ type: 'CaseOpened', data: {} }], {
      expectedRevision: 'no-stream',
      context,
    });
    await expect(append).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE', category: 'unavailable' });
  });

  it('refuses malformed arguments before touching the network', async () => {
    await expect(
      store.append('appointment-1', [], { expectedRevision: 'any', context }),
    ).rejects.toBeInstanceOf(EventStoreArgumentError);
    await expect(
      store.append('appointment-1', [{ type: 'A', data: {} }], { expectedRevision: 'latest', context }),
    ).rejects.toBeInstanceOf(EventStoreArgumentError);
    await expect(store.read('appointment-1', { fromRevision: '-1' })).rejects.toBeInstanceOf(
      EventStoreArgumentError,
    );
    await expect(store.read('appointment-1', { until: 'yesterday' })).rejects.toBeInstanceOf(
      EventStoreArgumentError,
    );
    await expect(store.readAll({ fromPosition: '12/34', limit: 1 })).rejects.toBeInstanceOf(
      EventStoreArgumentError,
    );
  });

  it('keeps a subscription retrying while the server is down, and stops it on request', async () => {
    const delivered: string[] = [];
    const subscription = store.subscribeAll({ fromCheckpoint: null }, async (event) => {
      delivered.push(event.eventId);
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await subscription.stop();
    expect(delivered).toEqual([]);
  });
});
