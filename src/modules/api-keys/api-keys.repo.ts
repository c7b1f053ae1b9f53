// The api_keys table: the admin's list, creation and revocation, and the lookup by hash that
// authenticates a request sent with a key (http/auth.ts).
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { rowCache } from '../../db/changes.ts';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { apiKeys } from '../../db/schema.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
type NewApiKey = typeof apiKeys.$inferInsert;

export interface ApiKeyFilter {
  /** true: only revoked keys; false: only usable keys; undefined: all */
  revoked?: boolean;
  /** the id of the last key of the previous page (a uuid: the caller checks) */
  after: string | null;
  limit: number;
}

/** The commission's keys, newest first. */
export async function apiKeysPage(db: Executor, commissionId: string, filter: ApiKeyFilter): Promise<ApiKeyRow[]> {
  const where: (SQL | undefined)[] = [eq(apiKeys.commissionId, commissionId)];
  if (filter.revoked !== undefined) where.push(filter.revoked ? isNotNull(apiKeys.revokedAt) : isNull(apiKeys.revokedAt));
  if (filter.after !== null) {
    // compared with the row's own timestamp: microseconds survive, which a JS Date would cut
    where.push(sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (select k.created_at, k.id from api_keys k where k.id = ${filter.after})`);
  }
  return await db.select().from(apiKeys).where(and(...where)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id)).limit(filter.limit);
}

/** The key, if it belongs to the commission; `forUpdate` locks it for the rest of the transaction. */
export async function findApiKey(db: Executor, commissionId: string, keyId: string, options: { forUpdate?: boolean } = {}): Promise<ApiKeyRow | undefined> {
  const q = db.select().from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.commissionId, commissionId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The key with this SHA-256, unless it has been revoked; kept in memory until api_keys change (db/changes.ts). */
export async function findUsableApiKey(db: Executor, keyHash: string): Promise<ApiKeyRow | undefined> {
  const load = async () => (await db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt))).limit(1))[0];
  const cached = rowCache<ApiKeyRow>(db, 'api_keys');
  return await (cached ? cached.get(keyHash, load) : load());
}

export async function insertApiKey(db: Executor, values: NewApiKey): Promise<ApiKeyRow> {
  return returnedRow(await db.insert(apiKeys).values(values).returning(), 'INSERT INTO api_keys');
}

export async function revokeApiKeyRow(db: Executor, keyId: string): Promise<ApiKeyRow> {
  return returnedRow(await db.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, keyId)).returning(), 'UPDATE api_keys');
}

export async function recordApiKeyUse(db: Executor, keyId: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, keyId));
}
