// Public bodies (badan publik) of a commission: CRUD and name search.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import {
  bodiesPage, bodyHasUsers, bodyShownChanged, bodyTookPart, categoryInCommission, deleteBodyRow, findBody, findBodyBySearchName,
  insertBody, updateBodyRow, type BodyRow,
} from './bodies.repo.ts';
import type { BodyCreate, BodyListQuery, BodyUpdate } from './bodies.schemas.ts';
import { searchNameOf } from './search-name.ts';
import { t } from '../../i18n/message.ts';

export function toBodyDto(row: BodyRow) {
  return {
    id: row.id, name: row.name, categoryId: row.categoryId,
    ppidName: row.ppidName, email: row.email, phone: row.phone, website: row.website, region: row.region,
    active: row.active,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

async function load(db: Executor, c: RequestContext, id: string, forUpdate = false): Promise<BodyRow> {
  const row = await findBody(db, c.commissionId, id, { forUpdate });
  if (!row) throw notFound(t`Body`);
  return row;
}

async function assertCategory(db: Executor, c: RequestContext, categoryId: string) {
  if (!(await categoryInCommission(db, c.commissionId, categoryId))) {
    throw invalid(t`The category does not exist`, [{ path: 'body.categoryId', message: t`category not found` }]);
  }
}

async function assertNameFree(db: Executor, c: RequestContext, name: string, except: string | null) {
  const clash = await findBodyBySearchName(db, c.commissionId, searchNameOf(name));
  if (clash && clash.id !== except) {
    throw new Problem('conflict', t`A body named "${clash.name}" already exists`, { errors: [{ path: 'body.name', message: t`is already used (names are compared ignoring case and accents)` }], extra: { existingId: clash.id } });
  }
}

const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function listBodies(db: Db, c: RequestContext, query: BodyListQuery) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await bodiesPage(db, c.commissionId, { q: query.q, categoryId: query.categoryId, active: query.active, after: cursor, limit: limit + 1 });
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
  const row = await insertBody(tx, {
    commissionId: c.commissionId, categoryId: input.categoryId, name, searchName: searchNameOf(name),
    ppidName: clean(input.ppidName), email: clean(input.email), phone: clean(input.phone), website: clean(input.website), region: clean(input.region),
    active: input.active ?? true,
  });
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
  const row = await updateBodyRow(tx, before.id, {
    ...(name !== undefined ? { name, searchName: searchNameOf(name) } : {}),
    ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
    ...(input.ppidName !== undefined ? { ppidName: clean(input.ppidName) } : {}),
    ...(input.email !== undefined ? { email: clean(input.email) } : {}),
    ...(input.phone !== undefined ? { phone: clean(input.phone) } : {}),
    ...(input.website !== undefined ? { website: clean(input.website) } : {}),
    ...(input.region !== undefined ? { region: clean(input.region) } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    updatedAt: new Date(), version: before.version + 1,
  });
  if (row.name !== before.name) await bodyShownChanged(tx, row.id);
  await work.audit({ action: 'body.update', entityType: 'body', entityId: row.id, before: { ...before }, after: { ...row } });
  return toBodyDto(row);
}

/** A body that took part in any period stays (its results refer to it): deactivate it instead. */
export async function deleteBody(work: Work, id: string) {
  const { tx, ctx: c } = work;
  const row = await load(tx, c, id, true);
  work.ifMatch(row.version);
  if (await bodyTookPart(tx, row.id)) {
    throw new Problem('conflict', t`"${row.name}" took part in a period and cannot be deleted; deactivate it instead (PATCH with "active": false)`);
  }
  if (await bodyHasUsers(tx, row.id)) throw new Problem('conflict', t`"${row.name}" has respondent accounts; delete or reassign them first, or deactivate the body`);
  await deleteBodyRow(tx, row.id);
  await work.audit({ action: 'body.delete', entityType: 'body', entityId: row.id, before: { ...row } });
}
