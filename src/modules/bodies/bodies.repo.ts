// The bodies table: the list and its name search, the edits, the bulk import's reads and inserts, and
// what refers to a body (participants, respondent accounts) before it may be deleted.
import { and, asc, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { bodies, categories, participants, users } from '../../db/schema.ts';
import type { CategoryRow } from '../categories/categories.repo.ts';
import { rankingsShownChanged } from '../periods/index.ts';
import { containsPattern } from './search-name.ts';

export type BodyRow = typeof bodies.$inferSelect;
type NewBody = typeof bodies.$inferInsert;

export interface BodyFilter {
  /** part of the name, matched against the search name */
  q?: string;
  categoryId?: string;
  active?: boolean;
  /** the (name, id) of the last body of the previous page */
  after: [string, string] | null;
  limit: number;
}

/** The commission's bodies by name. */
export async function bodiesPage(db: Executor, commissionId: string, filter: BodyFilter): Promise<BodyRow[]> {
  const { after } = filter;
  return await db.select().from(bodies)
    .where(and(
      eq(bodies.commissionId, commissionId),
      filter.q ? ilike(bodies.searchName, containsPattern(filter.q)) : undefined,
      filter.categoryId ? eq(bodies.categoryId, filter.categoryId) : undefined,
      filter.active !== undefined ? eq(bodies.active, filter.active) : undefined,
      after ? or(gt(bodies.name, after[0]), and(eq(bodies.name, after[0]), gt(bodies.id, after[1]))) : undefined,
    ))
    .orderBy(asc(bodies.name), asc(bodies.id)).limit(filter.limit);
}

/** The body, if it belongs to the commission; `forUpdate` locks it for the rest of the transaction. */
export async function findBody(db: Executor, commissionId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<BodyRow | undefined> {
  const q = db.select().from(bodies).where(and(eq(bodies.id, id), eq(bodies.commissionId, commissionId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The commission's body with this search name (see search-name.ts), if any. */
export async function findBodyBySearchName(db: Executor, commissionId: string, searchName: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.select({ id: bodies.id, name: bodies.name }).from(bodies)
    .where(and(eq(bodies.commissionId, commissionId), eq(bodies.searchName, searchName)));
  return row;
}

/** The commission's bodies among these search names, as (search name, name). */
export async function bodiesWithSearchNames(db: Executor, commissionId: string, searchNames: string[]): Promise<{ searchName: string; name: string }[]> {
  return await db.select({ searchName: bodies.searchName, name: bodies.name }).from(bodies)
    .where(and(eq(bodies.commissionId, commissionId), inArray(bodies.searchName, searchNames)));
}

export async function categoryInCommission(db: Executor, commissionId: string, categoryId: string): Promise<boolean> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.id, categoryId), eq(categories.commissionId, commissionId)));
  return row !== undefined;
}

/** What an import matches its category column against. */
export async function commissionCategories(db: Executor, commissionId: string): Promise<CategoryRow[]> {
  return await db.select().from(categories).where(eq(categories.commissionId, commissionId));
}

export async function insertBody(db: Executor, values: NewBody): Promise<BodyRow> {
  return returnedRow(await db.insert(bodies).values(values).returning(), 'INSERT INTO bodies');
}

/** One statement for all `values`: the caller keeps them to a size PostgreSQL takes as parameters. */
export async function insertBodies(db: Executor, values: NewBody[]): Promise<{ id: string; searchName: string }[]> {
  return await db.insert(bodies).values(values).returning({ id: bodies.id, searchName: bodies.searchName });
}

export type BodyChanges = Partial<Omit<NewBody, 'id' | 'commissionId' | 'createdAt'>>;

export async function updateBodyRow(db: Executor, id: string, changes: BodyChanges): Promise<BodyRow> {
  return returnedRow(await db.update(bodies).set(changes).where(eq(bodies.id, id)).returning(), 'UPDATE bodies');
}

export async function deleteBodyRow(db: Executor, id: string): Promise<void> {
  await db.delete(bodies).where(eq(bodies.id, id));
}

/** Whether the body took part in any period (its results refer to it). */
export async function bodyTookPart(db: Executor, id: string): Promise<boolean> {
  const [took] = await db.select({ id: participants.id }).from(participants).where(eq(participants.bodyId, id)).limit(1);
  return took !== undefined;
}

export async function bodyHasUsers(db: Executor, id: string): Promise<boolean> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.bodyId, id)).limit(1);
  return user !== undefined;
}

/** The rankings of every period the body took part in show its name. */
export async function bodyShownChanged(db: Executor, id: string): Promise<void> {
  await rankingsShownChanged(db, eq(participants.bodyId, id));
}
