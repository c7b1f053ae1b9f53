// One drizzle API over either a PostgreSQL server (pg pool) or the embedded PGlite database.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataLock } from './data-lock.ts';
import { migrateOrExplain } from './migration-failed.ts';
import { attachFeed, CACHE_CHANNEL, ChangeFeed } from './changes.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** throws when the database does not answer */
  ping(): Promise<void>;
  /** applies the pending migrations, all in one transaction; MigrationFailed names one that cannot apply */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** The committed migrations: found above this module, whether it runs from src/ (tsx) or from the dist/ bundle. */
export const migrationsFolder = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'migrations', 'meta', '_journal.json'))) return path.join(dir, 'migrations');
    if (path.dirname(dir) === dir) throw new Error('the migrations folder was not found above ' + fileURLToPath(import.meta.url));
  }
})();

const SELECT = /^\s*select\b/i;
const LISTEN_RETRY_MS = 1_000;

/** What pg answers for a statement: its command tag and the rows it touched (null for most non-DML). */
type StatementResult = { command?: string; rowCount?: number | null } | StatementResult[] | undefined;

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const OPENS = new Set(['BEGIN', 'SAVEPOINT']);
const ENDS = new Set(['COMMIT', 'ROLLBACK', 'RELEASE']);
const SAVEPOINT_END = /^\s*rollback\s+to\b/i;

/**
 * A pool client that tells the feed once each statement that may have written has completed, and
 * again when a transaction that wrote ends (its changes become visible to others then). A statement
 * that changed nothing — BEGIN, an UPDATE of no rows, such as the webhook dispatcher's poll every
 * second finding no delivery due — does not count: it used to empty every instance's kept reads
 * once a second.
 */
function observedClient(feed: ChangeFeed): typeof pg.Client {
  return class ObservedClient extends pg.Client {
    /** whether the open transaction has written (its COMMIT or ROLLBACK must be announced) */
    #dirty = false;

    #completed(text: string, err: unknown, result: StatementResult): void {
      const single = Array.isArray(result) || err ? undefined : result;
      const command = single?.command?.toUpperCase();
      if (command && OPENS.has(command)) {
        // a new transaction: what autocommitted statements before it wrote was announced already
        if (command === 'BEGIN') this.#dirty = false;
        return;
      }
      if (command && ENDS.has(command)) {
        if (this.#dirty) feed.changed();
        // the transaction is over only at COMMIT or a whole ROLLBACK: RELEASE and ROLLBACK TO a
        // savepoint leave the writes made before it in place
        if (command === 'COMMIT' || (command === 'ROLLBACK' && !SAVEPOINT_END.test(text))) this.#dirty = false;
        return;
      }
      if (command && DML.has(command) && single?.rowCount === 0) return;
      this.#dirty = true;
      feed.changed();
    }

    // pg's query() has many overloads; this passes every form through unchanged
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...anyArgs: any[]): any {
      const args: unknown[] = anyArgs;
      const config = args[0] as string | { text?: unknown } | undefined;
      const text: unknown = typeof config === 'string' ? config : config?.text;
      if (typeof text !== 'string' || SELECT.test(text)) return (super.query as (...a: unknown[]) => unknown)(...args);
      if (typeof args.at(-1) === 'function') {
        const callback = args.pop() as (err: unknown, result: unknown) => void;
        return (super.query as (...a: unknown[]) => unknown)(...args, (err: unknown, result: unknown) => {
          this.#completed(text, err, result as StatementResult);
          callback(err, result);
        });
      }
      return ((super.query as (...a: unknown[]) => Promise<unknown>)(...args)).then(
        (result) => { this.#completed(text, null, result as StatementResult); return result; },
        (err: unknown) => { this.#completed(text, err, undefined); throw err; },
      );
    }
  };
}

/** A connection of its own that LISTENs for changes by others, reconnecting while the database is away. */
function listenForChanges(url: string, feed: ChangeFeed): () => Promise<void> {
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const lost = (client: pg.Client) => {
    if (current !== client) return;
    current = null;
    feed.setListening(false);
    client.end().catch(() => {});
    if (!stopped) timer = setTimeout(() => void start(), LISTEN_RETRY_MS).unref();
  };
  async function start() {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    current = client;
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    client.on('notification', () => feed.changed());
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
      if (current === client) feed.setListening(true);
    } catch {
      lost(client);
    }
  }
  void start();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = null;
    feed.setListening(false);
    await client?.end().catch(() => {});
  };
}

export function connectPostgres(url: string, options: { max?: number } = {}): Database {
  const feed = new ChangeFeed();
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000, Client: observedClient(feed) });
  // A dropped connection must not crash the process; queries on it fail and answer 503. The pool
  // listens for errors only on idle clients: a checked-out one (an open transaction) emits its
  // 'error' with no listener, which would be an uncaught exception, so every client gets one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  attachFeed(db, feed);
  const stopListening = listenForChanges(url, feed);
  return {
    db,
    kind: 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    async migrate() {
      await migrateOrExplain(() => migratePg(drizzlePg(pool), { migrationsFolder }), migrationsFolder);
    },
    async close() {
      await stopListening();
      await pool.end();
    },
  };
}

/** Embedded PostgreSQL: data in `dir` (created if missing), or in memory when dir is null. */
export function connectPglite(dir: string | null): Database {
  if (dir !== null) fs.mkdirSync(dir, { recursive: true });
  const client = dir === null ? new PGlite() : new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // one process owns the embedded database: its own notifications, heard at commit, are every change
  const feed = new ChangeFeed();
  attachFeed(db, feed);
  void client.listen(CACHE_CHANNEL, () => feed.changed()).then(() => feed.setListening(true), () => {});
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async ping() {
      if (closed) throw Object.assign(new Error('database is closed'), { code: 'ECONNREFUSED' });
      await client.query('select 1');
    },
    async migrate() {
      await migrateOrExplain(() => migratePglite(drizzlePglite(client), { migrationsFolder }), migrationsFolder);
    },
    async close() {
      closed = true;
      feed.setListening(false);
      await client.close();
    },
  };
}

/**
 * The configured database. The embedded one is opened only under the data directory's lock
 * (data-lock.ts), held until close() — or until the process exits, whichever comes first.
 */
export function connect(config: { databaseUrl: string | null; dataDir: string }): Database {
  if (config.databaseUrl) return connectPostgres(config.databaseUrl);
  const lock = acquireDataLock(config.dataDir);
  const release = () => lock.release();
  process.once('exit', release);
  let database: Database;
  try {
    database = connectPglite(path.join(config.dataDir, 'pglite'));
  } catch (err) {
    release();
    throw err;
  }
  return {
    ...database,
    async close() {
      try {
        await database.close();
      } finally {
        process.removeListener('exit', release);
        release();
      }
    },
  };
}
