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

export function connectPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  // A dropped connection must not crash the process; queries on it fail and answer 503. The pool
  // listens for errors only on idle clients: a checked-out one (an open transaction) emits its
  // 'error' with no listener, which would be an uncaught exception, so every client gets one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async ping() {
      await pool.query('select 1');
    },
    async migrate() {
      await migratePg(drizzlePg(pool), { migrationsFolder });
    },
    async close() {
      await pool.end();
    },
  };
}

/** Embedded PostgreSQL: data in `dir` (created if missing), or in memory when dir is null. */
export function connectPglite(dir: string | null): Database {
  if (dir !== null) fs.mkdirSync(dir, { recursive: true });
  const client = dir === null ? new PGlite() : new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async ping() {
      if (closed) throw Object.assign(new Error('database is closed'), { code: 'ECONNREFUSED' });
      await client.query('select 1');
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      closed = true;
      await client.close();
    },
  };
}

export function connect(config: { databaseUrl: string | null; dataDir: string }): Database {
  return config.databaseUrl ? connectPostgres(config.databaseUrl) : connectPglite(path.join(config.dataDir, 'pglite'));
}
