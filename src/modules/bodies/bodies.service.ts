// Public bodies (badan publik) of a commission: CRUD and name search.
import { and, asc, eq, gt, ilike, or } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { bodies, categories, participants, users } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { rankingsShownChanged } from '../periods/rankings-tag.ts';
import type { BodyCreate, BodyListQuery, BodyUpdate } from './bodies.schemas.ts';
import { containsPattern, searchNameOf } from './search-name.ts';

export type BodyRow = typeof bodies.$inferSelect;

export function toBodyDto(row: BodyRow) {
  return {
    id: row.id, name: row.name, categoryId: row.categoryId,
    ppidName: row.ppidName, email: row.email, phone: row.phone, website: row.website, region: row.region,
    active: row.active,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

async function load(db: Executor, c: RequestContext, id: string, forUpdate = false): Promise<BodyRow> {
  const q = db.select().from(bodies).where(and(eq(bodies.id, id), eq(bodies.commissionId, c.commissionId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Body');
  return row;
}

async function assertCategory(db: Executor, c: RequestContext, categoryId: string) {
  const [row] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.id, categoryId), eq(categories.commissionId, c.commissionId)));
  if (!row) throw invalid('The category does not exist', [{ path: 'body.categoryId', message: 'category not found' }]);
}

async function assertNameFree(db: Executor, c: RequestContext, name: string, except: string | null) {
  const [clash] = await db.select({ id: bodies.id, name: bodies.name }).from(bodies)
    .where(and(eq(bodies.commissionId, c.commissionId), eq(bodies.searchName, searchNameOf(name))));
  if (clash && clash.id !== except) {
    throw new Problem('conflict', `A body named "${clash.name}" already exists`, { errors: [{ path: 'body.name', message: 'is already used (names are compared ignoring case and accents)' }], extra: { existingId: clash.id } });
  }
}

const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function listBodies(db: Db, c: RequestContext, query: BodyListQuery) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await db.select().from(bodies)
    .where(and(
      eq(bodies.commissionId, c.commissionId),
      query.q ? ilike(bodies.searchName, containsPattern(query.q)) : undefined,
      query.categoryId ? eq(bodies.categoryId, query.categoryId) : undefined,
      query.active !== undefined ? eq(bodies.active, query.active) : undefined,
      cursor ? or(gt(bodies.name, cursor[0]), and(eq(bodies.name, cursor[0]), gt(bodies.id, cursor[1]))) : undefined,
    ))
    .orderBy(asc(bodies.name), asc(bodies.id)).limit(limit + 1);
  const p = page(rows, limit, (r) => [r.name, r.id]);
  return { items: p.items.map(toBodyDto), nextCursor: p.nextCursor };
}

export async function getBody(db: Db, c: RequestContext, id: string) {
  return toBodyDto(await load(db, c, id));
}

export async function createBody(work: Work, input: BodyCreate) {
  const { tx, ctx: c } = work;
  const name = input.name.trim().replace(/\s+/g, ' ');
  await assertCategory(tx, c, input.categoryId);
  await assertNameFree(tx, c, name, null);
  const [row] = await tx.insert(bodies).values({
    commissionId: c.commissionId, categoryId: input.categoryId, name, searchName: searchNameOf(name),
    ppidName: clean(input.ppidName), email: clean(input.email), phone: clean(input.phone), website: clean(input.website), region: clean(input.region),
    active: input.active ?? true,
  }).returning();
  await work.audit({ action: 'body.create', entityType: 'body', entityId: row.id, after: { ...row } });
  return toBodyDto(row);
}

export async function updateBody(work: Work, id: string, input: BodyUpdate) {
  const { tx, ctx: c } = work;
  const before = await load(tx, c, id, true);
  work.ifMatch(before.version);
  const name = input.name?.trim().replace(/\s+/g, ' ');
  if (input.categoryId !== undefined) await assertCategory(tx, c, input.categoryId);
  if (name !== undefined) await assertNameFree(tx, c, name, before.id);
  const [row] = await tx.update(bodies).set({
    ...(name !== undefined ? { name, searchName: searchNameOf(name) } : {}),
    ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
    ...(input.ppidName !== undefined ? { ppidName: clean(input.ppidName) } : {}),
    ...(input.email !== undefined ? { email: clean(input.email) } : {}),
    ...(input.phone !== undefined ? { phone: clean(input.phone) } : {}),
    ...(input.website !== undefined ? { website: clean(input.website) } : {}),
    ...(input.region !== undefined ? { region: clean(input.region) } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    updatedAt: new Date(), version: before.version + 1,
  }).where(eq(bodies.id, before.id)).returning();
  if (row.name !== before.name) await rankingsShownChanged(tx, eq(participants.bodyId, row.id));
  await work.audit({ action: 'body.update', entityType: 'body', entityId: row.id, before: { ...before }, after: { ...row } });
  return toBodyDto(row);
}

/** A body that took part in any period stays (its results refer to it): deactivate it instead. */
export async function deleteBody(work: Work, id: string) {
  const { tx, ctx: c } = work;
  const row = await load(tx, c, id, true);
  work.ifMatch(row.version);
  const [took] = await tx.select({ id: participants.id }).from(participants).where(eq(participants.bodyId, row.id)).limit(1);
  if (took) {
    throw new Problem('conflict', `"${row.name}" took part in a period and cannot be deleted; deactivate it instead (PATCH with "active": false)`);
  }
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.bodyId, row.id)).limit(1);
  if (user) throw new Problem('conflict', `"${row.name}" has respondent accounts; delete or reassign them first, or deactivate the body`);
  await tx.delete(bodies).where(eq(bodies.id, row.id));
  await work.audit({ action: 'body.delete', entityType: 'body', entityId: row.id, before: { ...row } });
}
