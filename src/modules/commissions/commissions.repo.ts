// The commissions table (the tenants), and the count of active users each list entry shows.
import { and, asc, count, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { commissions, users } from '../../db/schema.ts';

export type CommissionRow = typeof commissions.$inferSelect;
type NewCommission = typeof commissions.$inferInsert;

/** Active users per commission; commissions without any are left out. */
export async function activeUserCounts(db: Executor, commissionIds: string[]): Promise<Map<string, number>> {
  if (commissionIds.length === 0) return new Map();
  const rows = await db.select({ commissionId: users.commissionId, n: count() }).from(users)
    .where(and(inArray(users.commissionId, commissionIds), eq(users.active, true))).groupBy(users.commissionId);
  return new Map(rows.map((r) => [r.commissionId as string, Number(r.n)]));
}

export interface CommissionFilter {
  level?: CommissionRow['level'];
  /** the (name, id) of the last commission of the previous page */
  after: [string, string] | null;
  limit: number;
}

/** The commissions by name. */
export async function commissionsPage(db: Executor, filter: CommissionFilter): Promise<CommissionRow[]> {
  const { after } = filter;
  const where: (SQL | undefined)[] = [];
  if (filter.level) where.push(eq(commissions.level, filter.level));
  if (after) where.push(or(gt(commissions.name, after[0]), and(eq(commissions.name, after[0]), gt(commissions.id, after[1]))));
  return await db.select().from(commissions).where(and(...where)).orderBy(asc(commissions.name), asc(commissions.id)).limit(filter.limit);
}

/** `forUpdate` locks the commission for the rest of the transaction. */
export async function findCommission(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<CommissionRow | undefined> {
  const q = db.select().from(commissions).where(eq(commissions.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertCommission(db: Executor, values: NewCommission): Promise<CommissionRow> {
  return returnedRow(await db.insert(commissions).values(values).returning(), 'INSERT INTO commissions');
}

export type CommissionChanges = Partial<Pick<NewCommission, 'name' | 'level' | 'region'>>;

/** Writes the changes and the next version of the commission. */
export async function updateCommissionRow(db: Executor, id: string, changes: CommissionChanges): Promise<CommissionRow> {
  const rows = await db.update(commissions).set({ ...changes, updatedAt: sql`now()`, version: sql`${commissions.version} + 1` })
    .where(eq(commissions.id, id)).returning();
  return returnedRow(rows, 'UPDATE commissions');
}
