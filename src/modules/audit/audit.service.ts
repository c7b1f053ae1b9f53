// The audit trail: every write records who changed what, from what to what, in the write's own transaction.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import type { Principal } from '../../http/permissions.ts';
import { Problem } from '../../http/problems.ts';
import { auditEventsPage, insertAuditEvent } from './audit.repo.ts';
import type { AuditListQuery } from './audit.schemas.ts';
import { t } from '../../i18n/message.ts';

export interface AuditActor {
  principal: Principal | null;
  commissionId: string | null;
  requestId: string | null;
  reason: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  /** the record before the write (null for creations) */
  before?: Record<string, unknown> | null;
  /** the record after the write (null for deletions) */
  after?: Record<string, unknown> | null;
  /** overrides the actor's commission, e.g. when a superadmin creates a commission */
  commissionId?: string | null;
}

const IGNORED = new Set(['updatedAt', 'version', 'passwordHash', 'keyHash', 'searchName']);

function jsonable(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Only the fields that changed, so the log says "from what to what" without noise. */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const bv = jsonable(before?.[key]);
    const av = jsonable(after?.[key]);
    if (before && after && JSON.stringify(bv) === JSON.stringify(av)) continue;
    if (before) b[key] = bv ?? null;
    if (after) a[key] = av ?? null;
  }
  return { before: before ? b : null, after: after ? a : null };
}

export async function recordAudit(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const diff = changedFields(entry.before, entry.after);
  await insertAuditEvent(tx, {
    commissionId: entry.commissionId !== undefined ? entry.commissionId : actor.commissionId,
    actorId: actor.principal?.id ?? null,
    actorType: actor.principal ? actor.principal.kind : 'system',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: diff.before,
    after: diff.after,
    reason: actor.reason,
    requestId: actor.requestId,
  });
}

/** GET /audit-events: my commission's events, newest first, with filters and a keyset cursor on `seq`. */
export async function listAuditEvents(db: Db, c: RequestContext, query: AuditListQuery) {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 1) as [number] | null;
  if (after && !Number.isSafeInteger(after[0])) {
    throw new Problem('validation_failed', t`The cursor is not valid`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  const { action } = query;
  const actionFilter = action?.endsWith('.*') ? { actionPrefix: action.slice(0, -1) } : { action };
  const rows = await auditEventsPage(db, c.commissionId, {
    entityType: query.entity, entityId: query.entityId, actorId: query.actor, ...actionFilter,
    from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
    beforeSeq: after ? after[0] : null, limit: limit + 1,
  });
  const { items, nextCursor } = page(rows, limit, (r) => [r.event.seq]);
  return {
    items: items.map(({ event: e, username, keyName }) => ({
      id: e.id, at: e.createdAt.toISOString(),
      actor: { type: e.actorType, id: e.actorId, name: username ?? keyName ?? null },
      action: e.action, entityType: e.entityType, entityId: e.entityId,
      before: e.before as Record<string, unknown> | null, after: e.after as Record<string, unknown> | null,
      reason: e.reason, requestId: e.requestId,
    })),
    nextCursor,
  };
}
