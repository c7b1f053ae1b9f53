// Body categories of a commission: the groups bodies are ranked in.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import {
  categoriesPage, categoryBodyCount, categoryHasBodies, categoryShownChanged, categoryUsedByPeriod, deleteCategoryRow,
  findCategory, findCategoryIdByCode, insertCategory, updateCategoryRow, type CategoryRow,
} from './categories.repo.ts';
import type { CategoryCreate, CategoryUpdate } from './categories.schemas.ts';
import { t } from '../../i18n/message.ts';

function toDto(row: CategoryRow, count: number) {
  return {
    id: row.id, code: row.code, name: row.name, bodyCount: Number(count),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

async function load(db: Executor, c: RequestContext, id: string, forUpdate = false): Promise<CategoryRow> {
  const row = await findCategory(db, c.commissionId, id, { forUpdate });
  if (!row) throw notFound(t`Category`);
  return row;
}

async function assertCodeFree(db: Executor, c: RequestContext, code: string, except: string | null) {
  const clash = await findCategoryIdByCode(db, c.commissionId, code);
  if (clash !== undefined && clash !== except) {
    throw new Problem('conflict', t`A category with code "${code}" already exists`, { errors: [{ path: 'body.code', message: t`is already used` }] });
  }
}

export async function listCategories(db: Db, c: RequestContext, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 1) as [string] | null;
  const rows = await categoriesPage(db, c.commissionId, { after: cursor ? cursor[0] : null, limit: limit + 1 });
  const p = page(rows, limit, (r) => [r.row.code]);
  return { items: p.items.map((r) => toDto(r.row, r.bodyCount)), nextCursor: p.nextCursor };
}

export async function getCategory(db: Db, c: RequestContext, id: string) {
  const row = await load(db, c, id);
  return toDto(row, await categoryBodyCount(db, row.id));
}

export async function createCategory(work: Work, input: CategoryCreate) {
  const { tx, ctx: c } = work;
  await assertCodeFree(tx, c, input.code, null);
  const row = await insertCategory(tx, { commissionId: c.commissionId, code: input.code, name: input.name.trim() });
  await work.audit({ action: 'category.create', entityType: 'category', entityId: row.id, after: { ...row } });
  return toDto(row, 0);
}

export async function updateCategory(work: Work, id: string, input: CategoryUpdate) {
  const { tx, ctx: c } = work;
  const before = await load(tx, c, id, true);
  work.ifMatch(before.version);
  if (input.code !== undefined) await assertCodeFree(tx, c, input.code, before.id);
  const row = await updateCategoryRow(tx, before.id, {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    updatedAt: new Date(), version: before.version + 1,
  });
  if (row.code !== before.code || row.name !== before.name) await categoryShownChanged(tx, row.id);
  await work.audit({ action: 'category.update', entityType: 'category', entityId: row.id, before: { ...before }, after: { ...row } });
  return toDto(row, await categoryBodyCount(tx, row.id));
}

/** Refused while anything refers to the category: its bodies, participants, questionnaires. */
export async function deleteCategory(work: Work, id: string) {
  const { tx, ctx: c } = work;
  const row = await load(tx, c, id, true);
  work.ifMatch(row.version);
  if (await categoryHasBodies(tx, row.id)) throw new Problem('conflict', t`Category "${row.code}" still has bodies; move or delete them first`);
  if (await categoryUsedByPeriod(tx, row.id)) throw new Problem('conflict', t`Category "${row.code}" is used by a period; it cannot be deleted`);
  await deleteCategoryRow(tx, row.id);
  await work.audit({ action: 'category.delete', entityType: 'category', entityId: row.id, before: { ...row } });
}
