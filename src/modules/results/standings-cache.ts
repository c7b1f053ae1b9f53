// Rankings are read far more often than scores change, and ranking 5,000 participants costs more
// than serving a page of them. Standings are therefore computed once per state and shared by every
// request that reads that state. The key is built from rows each request reads itself (the period's
// `scores_changed_at`, which moves with any score or name shown in rankings, and its `version`; a
// result set's id), so an entry is never served stale, and several API instances stay consistent.
// Readers must not mutate what they get.
import { LRUCache } from 'lru-cache';

const cache = new LRUCache<string, Promise<unknown>>({ max: 32 });

export function sharedStandings<T>(key: string, compute: () => Promise<T>): Promise<T> {
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = compute();
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}
