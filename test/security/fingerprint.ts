// A fingerprint of everything a request could change: every table in the public schema (one entry
// per table, so a mismatch names the table) and the files under the data directory (evidence
// blobs). Used to check that a rejected request changed nothing.
//
// A table's entry is its row count and the sum of its rows' xmin (the id of the transaction that
// wrote each row version). Transaction ids only grow, and the fuzzer sends one request at a time, so
// any committed insert, update (even to the same values) or delete changes one of the two, while a
// rolled-back write leaves both as they were. Unlike an md5 over every row's content, it costs next to
// nothing as the tables fill up (the content hash took most of a deep run's time). Tables with a
// column left out are hashed by content instead, without that column.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../../src/db/client.ts';

/**
 * What a rejected request may legitimately write, left out of the fingerprint:
 * - login_failures: a failed login is rejected (401/429) and must still be counted, or the login
 *   rate limit (auth.service.ts) could be bypassed by failing forever.
 * - idempotency_keys: the Idempotency-Key store (http/idempotency.ts) keeps the first response to a
 *   key whatever its status, so that a retry of a refused request gets the same refusal.
 * - api_keys.last_used_at: an API key that authenticated was used, even when the route then refuses
 *   the request (auth.ts records it at most once a minute).
 */
const SKIPPED_TABLES = new Set(['login_failures', 'idempotency_keys']);
const SKIPPED_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };

export type Fingerprint = Record<string, string>;

export interface Fingerprinter {
  take(): Promise<Fingerprint>;
  /** the tables (and "files") whose fingerprint differs */
  diff(before: Fingerprint, after: Fingerprint): string[];
}

function rows(result: unknown): Record<string, unknown>[] {
  // node-postgres answers a QueryResult, PGlite a Results object: both carry `rows`
  return (result as { rows: Record<string, unknown>[] }).rows;
}

function filesUnder(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return `${path.relative(dir, file)}:${fs.statSync(file).size}`;
    })
    .sort()
    .join('\n');
}

/**
 * `client`, when given (a connection to the same PostgreSQL database), runs the fingerprint as a
 * prepared statement, which halves its cost; without it (PGlite) it goes through drizzle.
 */
export async function fingerprinter(db: Db, dataDir: string, client: pg.Client | null = null): Promise<Fingerprinter> {
  const tables = rows(await db.execute(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`))
    .map((r) => String(r.name))
    .filter((name) => !SKIPPED_TABLES.has(name));
  if (tables.length < 10) throw new Error(`expected the application's tables in the public schema, found ${tables.join(', ')}`);
  // one statement for all tables: a row per table with its row count and an order-independent hash
  const query = tables.map((name) => {
    const skipped = SKIPPED_COLUMNS[name];
    if (!skipped) return `select '${name}' as name, count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text as hash from "${name}"`;
    const minus = skipped.map((c) => ` - '${c}'`).join('');
    return `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(h, '' order by h)), '') as hash
      from (select md5((to_jsonb(r)${minus})::text) as h from "${name}" r) s`;
  }).join('\nunion all\n');

  return {
    async take() {
      const result: Fingerprint = {};
      const answer = client ? await client.query({ name: 'fuzz_fingerprint', text: query }) : await db.execute(sql.raw(query));
      for (const r of rows(answer)) result[String(r.name)] = String(r.hash);
      result.files = filesUnder(dataDir);
      return result;
    },
    diff(before, after) {
      return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    },
  };
}
