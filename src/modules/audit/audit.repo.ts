// The audit_events table: rows appended in each write's transaction, and the admin's filtered log
// with the name of the user or API key that acted.
import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiKeys, auditEvents, users } from '../../db/schema.ts';

type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: Executor, values: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(values);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** an exact action */
  action?: string;
  /** actions that start with this text */
  actionPrefix?: string;
  /** at or after */
  from?: Date;
  /** before */
  to?: Date;
  /** the `seq` of the last event of the previous page */
  beforeSeq: number | null;
  limit: number;
}

/** The commission's events, newest first, each with the username or API key name of its actor. */
export async function auditEventsPage(db: Executor, commissionId: string, filter: AuditFilter) {
  const where: (SQL | undefined)[] = [eq(auditEvents.commissionId, commissionId)];
  if (filter.beforeSeq !== null) where.push(lt(auditEvents.seq, filter.beforeSeq));
  if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.actionPrefix !== undefined) where.push(like(auditEvents.action, `${escapeLike(filter.actionPrefix)}%`));
  else if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.from) where.push(gte(auditEvents.createdAt, filter.from));
  if (filter.to) where.push(lt(auditEvents.createdAt, filter.to));
  return await db.select({
    event: auditEvents,
    username: users.username,
    keyName: apiKeys.name,
  }).from(auditEvents)
    .leftJoin(users, and(eq(auditEvents.actorType, 'user'), eq(users.id, auditEvents.actorId)))
    .leftJoin(apiKeys, and(eq(auditEvents.actorType, 'api_key'), eq(apiKeys.id, auditEvents.actorId)))
    .where(and(...where)).orderBy(desc(auditEvents.seq)).limit(filter.limit);
}
