// The SQL of questionnaires and of the categories they are used by (questionnaire_categories: at
// most one questionnaire per category and period, which the service checks before linking).
import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { categories, questionnaireCategories, questionnaires } from '../../db/schema.ts';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
type NewQuestionnaire = typeof questionnaires.$inferInsert;

/** An INSERT or UPDATE … RETURNING of a row the transaction holds: a missing row is a bug, not a 404. */
function returned<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

/** The questionnaire of the period, or undefined; `forUpdate` locks it until commit. */
export async function findQuestionnaire(db: Executor, periodId: string, questionnaireId: string, options: { forUpdate?: boolean } = {}): Promise<QuestionnaireRow | undefined> {
  const q = db.select().from(questionnaires).where(and(eq(questionnaires.id, questionnaireId), eq(questionnaires.periodId, periodId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** A questionnaire of the commission in any period (the source of a copy), or undefined. */
export async function findCommissionQuestionnaire(db: Executor, commissionId: string, questionnaireId: string): Promise<QuestionnaireRow | undefined> {
  const [row] = await db.select().from(questionnaires)
    .where(and(eq(questionnaires.id, questionnaireId), eq(questionnaires.commissionId, commissionId)));
  return row;
}

/** The period's questionnaires by code, after the cursor's code; `categoryId` keeps the one that category uses. */
export async function listQuestionnaireRows(db: Executor, periodId: string, filter: { categoryId?: string; afterCode?: string; limit: number }): Promise<QuestionnaireRow[]> {
  return db.select().from(questionnaires)
    .where(and(
      eq(questionnaires.periodId, periodId),
      filter.afterCode !== undefined ? gt(questionnaires.code, filter.afterCode) : undefined,
      filter.categoryId ? inArray(questionnaires.id, db.select({ id: questionnaireCategories.questionnaireId }).from(questionnaireCategories)
        .where(and(eq(questionnaireCategories.periodId, periodId), eq(questionnaireCategories.categoryId, filter.categoryId)))) : undefined,
    ))
    .orderBy(asc(questionnaires.code)).limit(filter.limit);
}

/** Whether another questionnaire of the period (not `except`) has this code. */
export async function codeTaken(db: Executor, periodId: string, code: string, except: string | null): Promise<boolean> {
  const [clash] = await db.select({ id: questionnaires.id }).from(questionnaires)
    .where(and(eq(questionnaires.periodId, periodId), eq(questionnaires.code, code), except ? ne(questionnaires.id, except) : undefined));
  return Boolean(clash);
}

export async function insertQuestionnaire(tx: Executor, values: NewQuestionnaire): Promise<QuestionnaireRow> {
  return returned(await tx.insert(questionnaires).values(values).returning(), 'INSERT INTO questionnaires');
}

export async function updateQuestionnaire(tx: Executor, questionnaireId: string, patch: Partial<NewQuestionnaire>): Promise<QuestionnaireRow> {
  return returned(await tx.update(questionnaires).set(patch).where(eq(questionnaires.id, questionnaireId)).returning(), 'UPDATE questionnaires');
}

/** Deletes the questionnaire; its category links go with it (ON DELETE CASCADE). */
export async function deleteQuestionnaireRow(tx: Executor, questionnaireId: string): Promise<void> {
  await tx.delete(questionnaires).where(eq(questionnaires.id, questionnaireId));
}

/** The category ids of each questionnaire, sorted; every id asked for has an entry. */
export async function categoryIdsOf(db: Executor, questionnaireIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(questionnaireIds.map((id) => [id, []]));
  if (questionnaireIds.length === 0) return map;
  const rows = await db.select({ q: questionnaireCategories.questionnaireId, c: questionnaireCategories.categoryId })
    .from(questionnaireCategories).where(inArray(questionnaireCategories.questionnaireId, questionnaireIds))
    .orderBy(questionnaireCategories.categoryId);
  for (const r of rows) map.get(r.q)?.push(r.c);
  return map;
}

/** Which of these category ids are the commission's. */
export async function commissionCategoryIds(db: Executor, commissionId: string, categoryIds: string[]): Promise<Set<string>> {
  const rows = await db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.commissionId, commissionId), inArray(categories.id, categoryIds)));
  return new Set(rows.map((r) => r.id));
}

export interface TakenCategory { categoryId: string; categoryCode: string; questionnaireCode: string }

/** Those of the categories that another questionnaire of the period (not `questionnaireId`) uses. */
export async function categoriesUsedElsewhere(db: Executor, periodId: string, categoryIds: string[], questionnaireId: string): Promise<TakenCategory[]> {
  return db.select({ categoryId: questionnaireCategories.categoryId, categoryCode: categories.code, questionnaireCode: questionnaires.code })
    .from(questionnaireCategories)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .innerJoin(categories, eq(categories.id, questionnaireCategories.categoryId))
    .where(and(eq(questionnaireCategories.periodId, periodId), inArray(questionnaireCategories.categoryId, categoryIds), ne(questionnaireCategories.questionnaireId, questionnaireId)));
}

export async function unlinkCategories(tx: Executor, questionnaireId: string): Promise<void> {
  await tx.delete(questionnaireCategories).where(eq(questionnaireCategories.questionnaireId, questionnaireId));
}

export async function linkCategoryRows(tx: Executor, periodId: string, questionnaireId: string, categoryIds: string[]): Promise<void> {
  await tx.insert(questionnaireCategories).values(categoryIds.map((categoryId) => ({ questionnaireId, periodId, categoryId })));
}
