// The categories table, the number of bodies each category has, and what refers to a category
// (bodies, participants, questionnaires) before it may be deleted.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { bodies, categories, participants, questionnaireCategories } from '../../db/schema.ts';
import { rankingsShownChanged } from '../periods/index.ts';

export type CategoryRow = typeof categories.$inferSelect;
type NewCategory = typeof categories.$inferInsert;

// written out qualified: drizzle renders a column of a single-table select unqualified, which the
// subquery would resolve to bodies.id
const bodyCount = sql<number>`(select count(*)::int from ${bodies} where ${bodies.categoryId} = "categories"."id")`;

/** The commission's categories by code, each with its number of bodies. */
export async function categoriesPage(db: Executor, commissionId: string, filter: { after: string | null; limit: number }) {
  const { after } = filter;
  return await db.select({ row: categories, bodyCount }).from(categories)
    .where(and(eq(categories.commissionId, commissionId), after !== null ? gt(categories.code, after) : undefined))
    .orderBy(asc(categories.code)).limit(filter.limit);
}

/** The category, if it belongs to the commission; `forUpdate` locks it for the rest of the transaction. */
export async function findCategory(db: Executor, commissionId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<CategoryRow | undefined> {
  const q = db.select().from(categories).where(and(eq(categories.id, id), eq(categories.commissionId, commissionId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The id of the commission's category with this code, compared case-insensitively. */
export async function findCategoryIdByCode(db: Executor, commissionId: string, code: string): Promise<string | undefined> {
  const [row] = await db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.commissionId, commissionId), sql`lower(${categories.code}) = lower(${code})`));
  return row?.id;
}

export async function categoryBodyCount(db: Executor, id: string): Promise<number> {
  const [row] = await db.select({ n: bodyCount }).from(categories).where(eq(categories.id, id));
  return row?.n ?? 0;
}

export async function insertCategory(db: Executor, values: NewCategory): Promise<CategoryRow> {
  return returnedRow(await db.insert(categories).values(values).returning(), 'INSERT INTO categories');
}

export type CategoryChanges = Partial<Pick<NewCategory, 'code' | 'name' | 'updatedAt' | 'version'>>;

export async function updateCategoryRow(db: Executor, id: string, changes: CategoryChanges): Promise<CategoryRow> {
  return returnedRow(await db.update(categories).set(changes).where(eq(categories.id, id)).returning(), 'UPDATE categories');
}

export async function deleteCategoryRow(db: Executor, id: string): Promise<void> {
  await db.delete(categories).where(eq(categories.id, id));
}

export async function categoryHasBodies(db: Executor, id: string): Promise<boolean> {
  const [body] = await db.select({ id: bodies.id }).from(bodies).where(eq(bodies.categoryId, id)).limit(1);
  return body !== undefined;
}

/** Whether a period uses the category: a participant in it, or a questionnaire for it. */
export async function categoryUsedByPeriod(db: Executor, id: string): Promise<boolean> {
  const [participant] = await db.select({ id: participants.id }).from(participants).where(eq(participants.categoryId, id)).limit(1);
  const [questionnaire] = await db.select({ id: questionnaireCategories.questionnaireId }).from(questionnaireCategories).where(eq(questionnaireCategories.categoryId, id)).limit(1);
  return participant !== undefined || questionnaire !== undefined;
}

/** The rankings of every period with a participant of the category show its code and name. */
export async function categoryShownChanged(db: Executor, id: string): Promise<void> {
  await rankingsShownChanged(db, eq(participants.categoryId, id));
}
