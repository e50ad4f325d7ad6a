import { Logger } from '@nestjs/common';
import type { ReadAllOptions, ReadAllResult, RecordedEvent } from '../event-store.port';
import { PollingSubscription, WakeSignal } from './polling-subscription';

const event = (position: number): RecordedEvent =>
  ({
    eventId: `e${position}`,
    streamId: 's',
    revision: String(position),
    globalPosition: String(position),
  }) as RecordedEvent;

/** A store whose pages are scripted: each read returns the next one (then empty pages), and is timed. */
function scripted(pages: Array<Omit<ReadAllResult, 'lastPosition'>>) {
  const reads: number[] = [];
  const readAll = async (options: ReadAllOptions): Promise<ReadAllResult> => {
    reads.push(Date.now());
    const page = pages.shift() ?? { events: [] };
    return { ...page, lastPosition: page.events.at(-1)?.globalPosition ?? options.fromPosition ?? null };
  };
  return { reads, readAll };
}

describe('PollingSubscription', () => {
  const settings = (readAll: (o: ReadAllOptions) => Promise<ReadAllResult>) => ({
    readAll,
    signal: new WakeSignal(),
    batchSize: 100,
    idleMs: 2000,
    retryMs: 10,
    maxRetryMs: 50,
    logger: new Logger('test'),
  });

  it('reads again soon after a page that brought events, without waiting for an announcement', async () => {
    const { reads, readAll } = scripted([{ events: [event(1), event(2)] }, { events: [event(3)] }]);
    const seen: string[] = [];
    const subscription = new PollingSubscription(
      { fromCheckpoint: null },
      async (e) => {
        seen.push(e.globalPosition);
      },
      settings(readAll),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.stop();
    expect(seen).toEqual(['1', '2', '3']);
    // The third read (an empty page) comes ~20 ms after the second, not after idleMs (2 s).
    expect(reads.length).toBe(3);
    expect(reads[2] - reads[1]).toBeLessThan(200);
  });

  it('waits for an announcement or the idle interval once a page comes back empty with nothing pending', async () => {
    const { reads, readAll } = scripted([{ events: [] }]);
    const subscription = new PollingSubscription(
      { fromCheckpoint: null },
      async () => undefined,
      settings(readAll),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.stop();
    expect(reads.length).toBe(1);
  });
});
