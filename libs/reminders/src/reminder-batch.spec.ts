import { MicroBatch } from './reminder-batch';

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
