import { type Clock, SystemClock } from '@app/platform';
import type { Deadline } from './deadline-policy';
import { MicroBatch, ReminderBatch } from './reminder-batch';
import type { ReminderFiring } from './reminder-firing.service';

type Run = (items: string[]) => Promise<Array<PromiseSettledResult<string>>>;

const upper: Run = (items) =>
  Promise.resolve(items.map((item) => ({ status: 'fulfilled' as const, value: item.toUpperCase() })));

function recording(run: Run): { run: Run; batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    run: (items) => {
      batches.push(items);
      return run(items);
    },
  };
}

describe('MicroBatch', () => {
  it('runs the items handed in within the window as one batch, each caller getting its own result', async () => {
    const { run, batches } = recording(upper);
    const batch = new MicroBatch(run, { windowMs: 20, maxSize: 10 });

    const results = await Promise.all(['a', 'b', 'c'].map((item) => batch.add(item)));

    expect(results).toEqual(['A', 'B', 'C']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('sends a full batch at once and starts the next one with the following item', async () => {
    const { run, batches } = recording(upper);
    const batch = new MicroBatch(run, { windowMs: 10_000, maxSize: 2 });

    const first = Promise.all([batch.add('a'), batch.add('b')]);
    await expect(first).resolves.toEqual(['A', 'B']);
    const late = batch.add('c');
    const full = batch.add('d');

    await expect(Promise.all([late, full])).resolves.toEqual(['C', 'D']);
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('items handed in after the window go in the next batch', async () => {
    const { run, batches } = recording(upper);
    const batch = new MicroBatch(run, { windowMs: 5, maxSize: 10 });

    const first = batch.add('a');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = batch.add('b');

    await expect(Promise.all([first, second])).resolves.toEqual(['A', 'B']);
    expect(batches).toEqual([['a'], ['b']]);
  });

  it('fails only the caller whose item failed; the others of its batch get their results', async () => {
    const batch = new MicroBatch<string, string>(
      (items) =>
        Promise.resolve(
          items.map((item) =>
            item === 'bad'
              ? { status: 'rejected' as const, reason: new Error(`${item} failed`) }
              : { status: 'fulfilled' as const, value: item.toUpperCase() },
          ),
        ),
      { windowMs: 5, maxSize: 10 },
    );

    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => batch.add(item)));

    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('bad failed') },
      { status: 'fulfilled', value: 'C' },
    ]);
  });

  it('fails every caller of a batch whose run fails, and only those', async () => {
    let calls = 0;
    const batch = new MicroBatch<string, string>(
      (items) => (calls++ === 0 ? Promise.reject(new Error('database down')) : upper(items)),
      { windowMs: 5, maxSize: 2 },
    );

    const failed = await Promise.allSettled([batch.add('a'), batch.add('b')]);
    const next = await Promise.all([batch.add('c')]);

    expect(failed).toEqual([
      { status: 'rejected', reason: new Error('database down') },
      { status: 'rejected', reason: new Error('database down') },
    ]);
    expect(next).toEqual(['C']);
  });

  it('fails every caller when run throws before answering', async () => {
    const batch = new MicroBatch<string, string>(
      () => {
        throw new Error('thrown at once');
      },
      { windowMs: 5, maxSize: 10 },
    );

    await expect(batch.add('a')).rejects.toThrow('thrown at once');
  });
});

describe('ReminderBatch', () => {
  const deadline = (id: string): Deadline => ({
    deadlineId: id,
    caseId: `case-${id}`,
    kind: 'notice-ends',
    subject: 'case',
    dueAt: '2026-10-09T09:00:00+08:00',
    recipientRoles: ['handler'],
    reason: '公示期满',
    escalationLevel: 0,
  });

  /** A ReminderFiring that notes, by the given clock, when each case is read ahead and each reminder fired. */
  function firingBy(clock: Clock): {
    firing: ReminderFiring;
    log: Array<{ what: string; id: string; at: number }>;
  } {
    const log: Array<{ what: string; id: string; at: number }> = [];
    const firing = {
      prepare: (d: Deadline) => {
        log.push({ what: 'prepare', id: d.deadlineId, at: clock.now().getTime() });
        return Promise.resolve();
      },
      fire: (due: Deadline[]) => {
        for (const d of due) log.push({ what: 'fire', id: d.deadlineId, at: clock.now().getTime() });
        return Promise.resolve(
          due.map((d) => ({
            status: 'fulfilled' as const,
            value: { outcome: 'dropped' as const, reminderId: d.deadlineId, why: 'no-longer-holds' as const },
          })),
        );
      },
    };
    return { firing: firing as unknown as ReminderFiring, log };
  }

  it('reads the case ahead, then fires no sooner than the firing time', async () => {
    const clock = new SystemClock();
    const { firing, log } = firingBy(clock);
    const at = Date.now() + 150;

    await expect(new ReminderBatch(firing, clock).fire(deadline('a'), at)).resolves.toMatchObject({
      reminderId: 'a',
    });

    expect(log.map((l) => l.what)).toEqual(['prepare', 'fire']);
    expect(log[0].at).toBeLessThan(at);
    expect(log[1].at).toBeGreaterThanOrEqual(at);
  });

  it('waits for its own clock, even when a timer runs ahead of it', async () => {
    // The service's clock 40 ms behind the timers: a timer set for the gap alone would fire early by it.
    const lagging: Clock = { now: () => new Date(Date.now() - 40) };
    const { firing, log } = firingBy(lagging);
    const at = lagging.now().getTime() + 100;

    await new ReminderBatch(firing, lagging).fire(deadline('a'), at);

    expect(log.find((l) => l.what === 'fire')!.at).toBeGreaterThanOrEqual(at);
  });

  it('fires at once, without reading ahead, a reminder whose firing time has passed or is not given', async () => {
    const clock = new SystemClock();
    const { firing, log } = firingBy(clock);
    const batch = new ReminderBatch(firing, clock);

    await Promise.all([batch.fire(deadline('past'), Date.now() - 1000), batch.fire(deadline('now'))]);

    expect(log.map((l) => `${l.what} ${l.id}`)).toEqual(['fire past', 'fire now']);
  });

  it('fires reminders that arrived together each at its own time, the earlier first', async () => {
    const clock = new SystemClock();
    const { firing, log } = firingBy(clock);
    const batch = new ReminderBatch(firing, clock);
    const now = Date.now();

    await Promise.all([batch.fire(deadline('later'), now + 200), batch.fire(deadline('sooner'), now + 80)]);

    const fired = log.filter((l) => l.what === 'fire');
    expect(fired.map((l) => l.id)).toEqual(['sooner', 'later']);
    expect(fired[0].at).toBeGreaterThanOrEqual(now + 80);
    expect(fired[1].at).toBeGreaterThanOrEqual(now + 200);
  });
});
