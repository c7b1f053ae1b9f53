// Commissions are the tenants. Only the platform superadmin manages them; creating one creates its
// first admin in the same transaction, so a commission never exists without somebody to run it.
// The superadmin has no commission (`work.ctx` would answer 403): it acts as `work.principal`, and
// its audit rows are filed under the commission they touch.
import { and, asc, count, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { commissions, users } from '../../db/schema.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { insertUser } from '../users/users.service.ts';
import type { CommissionCreate, CommissionListQuery, CommissionUpdate } from './commissions.schemas.ts';

type CommissionRow = typeof commissions.$inferSelect;

function toDto(c: CommissionRow, userCount: number) {
  return {
    id: c.id, name: c.name, level: c.level, region: c.region, userCount,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), version: c.version,
  };
}
export type CommissionDto = ReturnType<typeof toDto>;

const auditable = (c: CommissionRow) => ({ name: c.name, level: c.level, region: c.region });

async function userCounts(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ commissionId: users.commissionId, n: count() }).from(users)
    .where(and(inArray(users.commissionId, ids), eq(users.active, true))).groupBy(users.commissionId);
  return new Map(rows.map((r) => [r.commissionId as string, Number(r.n)]));
}

export async function listCommissions(db: Db, query: CommissionListQuery) {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const where: (SQL | undefined)[] = [];
  if (query.level) where.push(eq(commissions.level, query.level));
  if (after) where.push(or(gt(commissions.name, after[0]), and(eq(commissions.name, after[0]), gt(commissions.id, after[1]))));
  const rows = await db.select().from(commissions).where(and(...where)).orderBy(asc(commissions.name), asc(commissions.id)).limit(limit + 1);
  const { items, nextCursor } = page(rows, limit, (c) => [c.name, c.id]);
  const counts = await userCounts(db, items.map((c) => c.id));
  return { items: items.map((c) => toDto(c, counts.get(c.id) ?? 0)), nextCursor };
}

async function load(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<CommissionRow> {
  const q = db.select().from(commissions).where(eq(commissions.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Commission');
  return row;
}

export async function getCommission(db: Db, id: string): Promise<CommissionDto> {
  const row = await load(db, id);
  return toDto(row, (await userCounts(db, [id])).get(id) ?? 0);
}

export async function createCommission(work: Work, input: CommissionCreate) {
  const { tx } = work;
  const [row] = await tx.insert(commissions).values({ name: input.name, level: input.level, region: input.region ?? null }).returning();
  await work.audit({ action: 'commission.create', entityType: 'commission', entityId: row.id, after: auditable(row), commissionId: row.id });
  const admin = await insertUser(work, row.id, { ...input.admin, role: 'admin' });
  return { ...toDto(row, 1), admin: { id: admin.id, username: admin.username } };
}

export async function updateCommission(work: Work, id: string, input: CommissionUpdate) {
  const { tx } = work;
  const before = await load(tx, id, { forUpdate: true });
  work.ifMatch(before.version);
  const [after] = await tx.update(commissions).set({
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.region !== undefined ? { region: input.region } : {}),
    updatedAt: sql`now()`, version: sql`${commissions.version} + 1`,
  }).where(eq(commissions.id, id)).returning();
  await work.audit({ action: 'commission.update', entityType: 'commission', entityId: id, before: auditable(before), after: auditable(after), commissionId: id });
  return toDto(after, (await userCounts(tx, [id])).get(id) ?? 0);
}
