// Commissions are the tenants. Only the platform superadmin manages them; creating one creates its
// first admin in the same transaction, so a commission never exists without somebody to run it.
// The superadmin has no commission (`work.ctx` would answer 403): it acts as `work.principal`, and
// its audit rows are filed under the commission they touch.
import type { Db, Executor } from '../../db/client.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { createUserIn } from '../users/users.service.ts';
import {
  activeUserCounts, commissionsPage, findCommission, insertCommission, updateCommissionRow, type CommissionRow,
} from './commissions.repo.ts';
import type { CommissionCreate, CommissionListQuery, CommissionUpdate } from './commissions.schemas.ts';
import { t } from '../../i18n/message.ts';

function toDto(c: CommissionRow, userCount: number) {
  return {
    id: c.id, name: c.name, level: c.level, region: c.region, userCount,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), version: c.version,
  };
}
export type CommissionDto = ReturnType<typeof toDto>;

const auditable = (c: CommissionRow) => ({ name: c.name, level: c.level, region: c.region });

async function userCount(db: Executor, id: string): Promise<number> {
  return (await activeUserCounts(db, [id])).get(id) ?? 0;
}

export async function listCommissions(db: Db, query: CommissionListQuery) {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await commissionsPage(db, { level: query.level, after, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (c) => [c.name, c.id]);
  const counts = await activeUserCounts(db, items.map((c) => c.id));
  return { items: items.map((c) => toDto(c, counts.get(c.id) ?? 0)), nextCursor };
}

async function load(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<CommissionRow> {
  const row = await findCommission(db, id, options);
  if (!row) throw notFound(t`Commission`);
  return row;
}

export async function getCommission(db: Db, id: string): Promise<CommissionDto> {
  const row = await load(db, id);
  return toDto(row, await userCount(db, id));
}

export async function createCommission(work: Work, input: CommissionCreate) {
  const { tx } = work;
  const row = await insertCommission(tx, { name: input.name, level: input.level, region: input.region ?? null });
  await work.audit({ action: 'commission.create', entityType: 'commission', entityId: row.id, after: auditable(row), commissionId: row.id });
  const admin = await createUserIn(work, row.id, { ...input.admin, role: 'admin' }, 'body.admin.password');
  return { ...toDto(row, 1), admin: { id: admin.id, username: admin.username } };
}

export async function updateCommission(work: Work, id: string, input: CommissionUpdate) {
  const { tx } = work;
  const before = await load(tx, id, { forUpdate: true });
  work.ifMatch(before.version);
  const after = await updateCommissionRow(tx, id, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.region !== undefined ? { region: input.region } : {}),
  });
  await work.audit({ action: 'commission.update', entityType: 'commission', entityId: id, before: auditable(before), after: auditable(after), commissionId: id });
  return toDto(after, await userCount(tx, id));
}
