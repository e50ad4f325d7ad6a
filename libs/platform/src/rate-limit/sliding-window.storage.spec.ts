import { SlidingWindowThrottlerStorage } from './sliding-window.storage';

const MINUTE = 60_000;

describe('SlidingWindowThrottlerStorage', () => {
  let now = 10 * MINUTE;
  const storage = new SlidingWindowThrottlerStorage(() => now);
  const hit = (key = 'k', limit = 3, block = MINUTE) =>
    storage.increment(key, MINUTE, limit, block, 'default');

  beforeEach(() => {
    now += 10 * MINUTE;
  });

  it('lets the limit through, refuses the next and blocks for the block duration', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    // Once the block has run out the count starts afresh.
    now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts the previous window by the part of it still inside the last minute', async () => {
    now = Math.floor(now / MINUTE) * MINUTE + 45_000;
    for (let i = 0; i < 3; i++) await hit('slide', 4);
    // 30 s later: a quarter of the new window gone, three quarters of the old one still inside.
    now += 30_000;
    expect(await hit('slide', 4)).toMatchObject({ totalHits: Math.ceil(3 * 0.75 + 1), isBlocked: false });
    expect(await hit('slide', 4)).toMatchObject({ totalHits: 5, isBlocked: true });
  });

  it('keeps keys and throttlers apart, and forgets a window two windows old', async () => {
    for (let i = 0; i < 3; i++) await hit('a');
    expect(await hit('b')).toMatchObject({ totalHits: 1 });
    expect(await storage.increment('a', MINUTE, 3, MINUTE, 'other')).toMatchObject({ totalHits: 1 });
    now += 2 * MINUTE;
    expect(await hit('a')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('without a block duration refuses only the requests over the limit, without counting them', async () => {
    for (let i = 0; i < 3; i++) await hit('nb', 3, 0);
    expect(await hit('nb', 3, 0)).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(await hit('nb', 3, 0)).toMatchObject({ totalHits: 4, isBlocked: true });
  });
});
