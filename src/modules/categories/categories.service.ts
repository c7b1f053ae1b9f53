// Body categories of a commission: the groups bodies are ranked in.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { bodies, categories, participants, questionnaireCategories } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { rankingsShownChanged } from '../periods/rankings-tag.ts';
import type { CategoryCreate, CategoryUpdate } from './categories.schemas.ts';

type Row = typeof categories.$inferSelect;

// written out qualified: drizzle renders a column of a single-table select unqualified, which the
// subquery would resolve to bodies.id
const bodyCount = sql<number>`(select count(*)::int from ${bodies} where ${bodies.categoryId} = "categories"."id")`;

function toDto(row: Row, count: number) {
  return {
    id: row.id, code: row.code, name: row.name, bodyCount: Number(count),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

async function load(db: Executor, c: RequestContext, id: string, forUpdate = false): Promise<Row> {
  const q = db.select().from(categories).where(and(eq(categories.id, id), eq(categories.commissionId, c.commissionId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Category');
  return row;
}

async function assertCodeFree(db: Executor, c: RequestContext, code: string, except: string | null) {
  const [clash] = await db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.commissionId, c.commissionId), sql`lower(${categories.code}) = lower(${code})`));
  if (clash && clash.id !== except) {
    throw new Problem('conflict', `A category with code "${code}" already exists`, { errors: [{ path: 'body.code', message: 'is already used' }] });
  }
}

export async function listCategories(db: Db, c: RequestContext, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 1) as [string] | null;
  const rows = await db.select({ row: categories, n: bodyCount }).from(categories)
    .where(and(eq(categories.commissionId, c.commissionId), cursor ? gt(categories.code, cursor[0]) : undefined))
    .orderBy(asc(categories.code)).limit(limit + 1);
  const p = page(rows, limit, (r) => [r.row.code]);
  return { items: p.items.map((r) => toDto(r.row, r.n)), nextCursor: p.nextCursor };
}

export async function getCategory(db: Db, c: RequestContext, id: string) {
  const row = await load(db, c, id);
  const [{ n }] = await db.select({ n: bodyCount }).from(categories).where(eq(categories.id, row.id));
  return toDto(row, n);
}

export async function createCategory(work: Work, input: CategoryCreate) {
  const { tx, ctx: c } = work;
  await assertCodeFree(tx, c, input.code, null);
  const [row] = await tx.insert(categories).values({ commissionId: c.commissionId, code: input.code, name: input.name.trim() }).returning();
  await work.audit({ action: 'category.create', entityType: 'category', entityId: row.id, after: { ...row } });
  return toDto(row, 0);
}

export async function updateCategory(work: Work, id: string, input: CategoryUpdate) {
  const { tx, ctx: c } = work;
  const before = await load(tx, c, id, true);
  work.ifMatch(before.version);
  if (input.code !== undefined) await assertCodeFree(tx, c, input.code, before.id);
  const [row] = await tx.update(categories).set({
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    updatedAt: new Date(), version: before.version + 1,
  }).where(eq(categories.id, before.id)).returning();
  if (row.code !== before.code || row.name !== before.name) await rankingsShownChanged(tx, eq(participants.categoryId, row.id));
  await work.audit({ action: 'category.update', entityType: 'category', entityId: row.id, before: { ...before }, after: { ...row } });
  const [{ n }] = await tx.select({ n: bodyCount }).from(categories).where(eq(categories.id, row.id));
  return toDto(row, n);
}

/** Refused while anything refers to the category: its bodies, participants, questionnaires. */
export async function deleteCategory(work: Work, id: string) {
  const { tx, ctx: c } = work;
  const row = await load(tx, c, id, true);
  work.ifMatch(row.version);
  const [body] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.categoryId, row.id)).limit(1);
  if (body) throw new Problem('conflict', `Category "${row.code}" still has bodies; move or delete them first`);
  const [participant] = await tx.select({ id: participants.id }).from(participants).where(eq(participants.categoryId, row.id)).limit(1);
  const [questionnaire] = await tx.select({ id: questionnaireCategories.questionnaireId }).from(questionnaireCategories).where(eq(questionnaireCategories.categoryId, row.id)).limit(1);
  if (participant || questionnaire) throw new Problem('conflict', `Category "${row.code}" is used by a period; it cannot be deleted`);
  await tx.delete(categories).where(eq(categories.id, row.id));
  await work.audit({ action: 'category.delete', entityType: 'category', entityId: row.id, before: { ...row } });
}
