// The events table: the outbox rows written with each change, the feed's pages and the retention sweep.
import { and, asc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { events } from '../../db/schema.ts';
import type { PendingEvent } from './types.ts';

export type EventRow = typeof events.$inferSelect;

/** The advisory lock space of event writers (the second key is the commission id's hash): 'EV'. */
const EVENT_LOCKS = 0x4556;

/**
 * Appends a transaction's events. The commission's event lock is taken first and held until commit,
 * so the commission's ids become visible in their order: a reader that has seen id n never meets an
 * id below n later (a bigserial alone commits out of order, and a feed cursor would skip the late
 * one). The lock is taken just before the commit, so writers wait for one another only that long.
 * `created_at` is the clock at this moment rather than the transaction's start: close to the commit.
 */
export async function insertEvents(tx: Tx, commissionId: string, pending: PendingEvent[]): Promise<EventRow[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_LOCKS}, hashtext(${commissionId}))`);
  return await tx.insert(events)
    .values(pending.map((e) => ({ commissionId, type: e.type, data: e.data, createdAt: sql`clock_timestamp()` })))
    .returning();
}

export interface EventFilter {
  /** only events after this id */
  afterId: number | null;
  types: string[] | null;
  limit: number;
}

/** The commission's events in their order, oldest first. */
export async function eventsPage(db: Executor, commissionId: string, filter: EventFilter): Promise<EventRow[]> {
  const where: (SQL | undefined)[] = [eq(events.commissionId, commissionId)];
  if (filter.afterId !== null) where.push(gt(events.id, filter.afterId));
  if (filter.types) where.push(inArray(events.type, filter.types));
  return await db.select().from(events).where(and(...where)).orderBy(asc(events.id)).limit(filter.limit);
}

/** Deletes events (and, by cascade, their deliveries) created before `cutoff`; returns how many. */
export async function deleteEventsBefore(db: Executor, cutoff: Date): Promise<number> {
  const deleted = await db.delete(events).where(lt(events.createdAt, cutoff)).returning({ id: events.id });
  return deleted.length;
}
