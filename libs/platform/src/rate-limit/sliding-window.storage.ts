import type { ThrottlerStorage } from '@nestjs/throttler';
import { LRUCache } from 'lru-cache';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Which window (now / ttl, rounded down) `current` counts. */
  index: number;
  current: number;
  /** The count of the window before, or 0 when that window had no request. */
  previous: number;
  blockedUntil: number;
}

/** Keys kept at most: trackers × routes; an idle key is dropped after two windows anyway. */
const MAX_KEYS = 100_000;

/**
 * @nestjs/throttler's storage as a sliding-window counter: the requests of the current window plus
 * those of the previous one, weighted by how much of it is still inside the last `ttl`. The
 * package's own storage keeps one timestamp per request and scans them all on every request, so its
 * cost grows with the limit: at a limit high enough for a load test, 500 requests/s kept ~30,000
 * timestamps per key and cost ~0.1–0.3 ms of CPU per request. This costs the same at any limit.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new LRUCache<string, Window>({ max: MAX_KEYS });

  constructor(private readonly now: () => number = Date.now) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const index = Math.floor(now / ttl);
    const id = `${throttlerName}:${key}`;
    const seen = this.windows.get(id);
    const blockOver = seen !== undefined && seen.blockedUntil !== 0 && seen.blockedUntil <= now;
    // A block that has run out starts the count afresh, as the package's own storage does.
    const window: Window =
      seen === undefined || blockOver || seen.index < index - 1
        ? { index, current: 0, previous: 0, blockedUntil: 0 }
        : seen.index === index - 1
          ? { index, current: 0, previous: seen.current, blockedUntil: seen.blockedUntil }
          : seen;
    const timeToExpire = Math.ceil(((index + 1) * ttl - now) / 1000);
    const hits = (): number => {
      const elapsed = (now - index * ttl) / ttl;
      return Math.ceil(window.previous * (1 - elapsed) + window.current);
    };
    if (window.blockedUntil > now) {
      this.windows.set(id, window, { ttl: 2 * ttl + blockDuration });
      return {
        totalHits: hits() + 1,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: Math.ceil((window.blockedUntil - now) / 1000),
      };
    }
    window.current += 1;
    const totalHits = hits();
    const isBlocked = totalHits > limit;
    if (isBlocked) {
      // Without a block duration the request over the limit is refused and not counted.
      if (blockDuration > 0) window.blockedUntil = now + blockDuration;
      else window.current -= 1;
    }
    this.windows.set(id, window, { ttl: 2 * ttl + Math.max(0, blockDuration) });
    return {
      totalHits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(Math.max(blockDuration, 1000) / 1000) : 0,
    };
  }
}
