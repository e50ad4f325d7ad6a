import { LRUCache } from 'lru-cache';

/** A stream's state folded up to a revision, with the hash of the event at that revision. */
export interface FoldedStream<S> {
  state: S;
  revision: string;
  hash: string;
}

/** Streams kept per fold; a 2 000-event case's state is tens of kilobytes. */
export const DEFAULT_FOLD_CACHE_STREAMS = 1000;

/**
 * Folded states by stream, least recently used first out, for one fold version. An entry is only a
 * starting point: the reader re-reads the event at the cached revision and uses the entry only if
 * that event's hash is the cached one, then folds the events after it. States are immutable (the
 * deciders' evolve returns new objects), so one entry may be shared by concurrent commands.
 */
export class FoldCache<S> {
  private readonly entries: LRUCache<string, FoldedStream<S>>;

  constructor(
    readonly foldVersion: string,
    capacity = DEFAULT_FOLD_CACHE_STREAMS,
  ) {
    this.entries = new LRUCache({ max: capacity });
  }

  get size(): number {
    return this.entries.size;
  }

  get(streamId: string): FoldedStream<S> | undefined {
    return this.entries.get(streamId);
  }

  /** Keeps the entry unless a later revision of the stream is already cached. */
  set(streamId: string, entry: FoldedStream<S>): void {
    const current = this.entries.peek(streamId);
    if (current !== undefined && BigInt(current.revision) > BigInt(entry.revision)) return;
    this.entries.set(streamId, entry);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}

const caches = new WeakMap<object, FoldCache<unknown>>();

/**
 * The process's cache for a decider, or none when the decider names no fold version: a fold
 * without a version could change under a cached state unnoticed. A new version gets a new cache.
 */
export function foldCacheFor<S>(decider: { foldVersion?: string }): FoldCache<S> | undefined {
  if (decider.foldVersion === undefined) return undefined;
  let cache = caches.get(decider);
  if (cache === undefined || cache.foldVersion !== decider.foldVersion) {
    cache = new FoldCache<unknown>(decider.foldVersion);
    caches.set(decider, cache);
  }
  return cache as FoldCache<S>;
}
