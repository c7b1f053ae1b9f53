// The audit trail: every write records who changed what, from what to what, in the write's own transaction.
import type { Executor } from '../../db/client.ts';
import { auditEvents } from '../../db/schema.ts';
import type { Principal } from '../../http/permissions.ts';

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
  await tx.insert(auditEvents).values({
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
