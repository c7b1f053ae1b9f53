// Nearly every request reads its caller's user row and its period row, and those change rarely; the
// hot reads built on them (`/me`, API keys, the public reads, statistics, score explanations) too.
// Each process keeps the ones it has read, and drops them all whenever any table may have changed:
// - a write by this process: every statement that is not a SELECT moves the generation once it has
//   completed (connectPostgres watches its pool; PGlite hears its own notifications at commit);
// - a write by another instance, the CLI or by hand: triggers on users and periods notify
//   `kip_cache` at commit (migrations/0003_cache_notify.sql, 0012_cache_notify_reads.sql: every
//   table a kept value is read from), which the process listens to.
// While the listening connection is down, nothing is cached: every read goes to the database.
// An entry is only kept if no change was seen between the start of its read and its end, so a read
// that raced a write never outlives it.
import { LRUCache } from 'lru-cache';
import type { Db, Executor } from './client.ts';

export const CACHE_CHANNEL = 'kip_cache';

export class ChangeFeed {
  #generation = 0;
  #listening = false;
  readonly #caches = new Map<string, RowCache<never>>();

  get generation(): number {
    return this.#generation;
  }

  /** whether changes by other connections are heard; rows are cached only then */
  get listening(): boolean {
    return this.#listening;
  }

  changed(): void {
    this.#generation++;
  }

  setListening(listening: boolean): void {
    this.#listening = listening;
    this.#generation++;
  }

  cache<V extends object>(name: string, max?: number): RowCache<V> {
    let cache = this.#caches.get(name);
    if (!cache) this.#caches.set(name, cache = new RowCache<never>(this, max));
    return cache as unknown as RowCache<V>;
  }
}

export class RowCache<V extends object> {
  readonly #entries: LRUCache<string, { generation: number; value: V }>;
  /** reads in flight, by key */
  readonly #reading = new Map<string, { generation: number; value: Promise<V | undefined> }>();

  /** `max`: entries kept (10,000 rows; fewer for large derived values such as a score explanation) */
  constructor(private readonly feed: ChangeFeed, max = 10_000) {
    this.#entries = new LRUCache({ max });
  }

  /**
   * The row under `key`, read with `load` unless a current copy is kept. Rows are frozen: never mutate them.
   * Requests that miss together share one read (begun since the last change they could know of):
   * fifty dashboards asking for an explanation at once compute it once, not fifty times.
   */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const { feed } = this;
    if (!feed.listening) return load();
    const generation = feed.generation;
    const hit = this.#entries.get(key);
    if (hit && hit.generation === generation) return Promise.resolve(hit.value);
    const pending = this.#reading.get(key);
    if (pending && pending.generation === generation) return pending.value;
    const value = load().then((row) => {
      if (row === undefined) return row;
      const frozen = Object.freeze(row);
      if (generation === feed.generation && feed.listening) this.#entries.set(key, { generation, value: frozen });
      return frozen;
    }).finally(() => {
      if (this.#reading.get(key)?.value === value) this.#reading.delete(key);
    });
    this.#reading.set(key, { generation, value });
    return value;
  }
}

const feeds = new WeakMap<Executor, ChangeFeed>();

export function attachFeed(db: Db, feed: ChangeFeed): void {
  feeds.set(db, feed);
}

/**
 * The cache `name` of a database, or null for a transaction: a transaction reads its own snapshot
 * (and its own uncommitted writes), never a copy kept outside it.
 */
export function rowCache<V extends object>(db: Executor, name: string, max?: number): RowCache<V> | null {
  return feeds.get(db)?.cache<V>(name, max) ?? null;
}

/**
 * `load()`, kept in the cache `name` under `key` until any table changes (outside a transaction and
 * while changes are heard): what every reader of the same state shares. Never mutate the value.
 */
export async function kept<V extends object>(db: Executor, name: string, key: string, load: () => Promise<V>, max?: number): Promise<V> {
  const cache = rowCache<V>(db, name, max);
  if (!cache) return load();
  const value = await cache.get(key, load);
  return value as V;
}
