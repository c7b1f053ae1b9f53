// The webhook tables: subscriptions, and deliveries, which are both the dispatcher's queue and the
// delivery log. The queue is claimed with FOR UPDATE SKIP LOCKED, so instances sharing a database
// never take the same delivery (docs/webhooks.md).
import { and, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { events, webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
type NewSubscription = typeof webhookSubscriptions.$inferInsert;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

// ─── Subscriptions ───────────────────────────────────────────────────────────────────────────────

/** The commission's subscriptions, newest first; `after` is the id of the last one of the previous page. */
export async function subscriptionsPage(db: Executor, commissionId: string, filter: { after: string | null; limit: number }): Promise<SubscriptionRow[]> {
  const where: SQL[] = [eq(webhookSubscriptions.commissionId, commissionId)];
  if (filter.after !== null) {
    where.push(sql`(${webhookSubscriptions.createdAt}, ${webhookSubscriptions.id}) < (select w.created_at, w.id from webhook_subscriptions w where w.id = ${filter.after})`);
  }
  return await db.select().from(webhookSubscriptions).where(and(...where))
    .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id)).limit(filter.limit);
}

export async function findSubscription(db: Executor, commissionId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SubscriptionRow | undefined> {
  const q = db.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.commissionId, commissionId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertSubscription(db: Executor, values: NewSubscription): Promise<SubscriptionRow> {
  return returnedRow(await db.insert(webhookSubscriptions).values(values).returning(), 'INSERT INTO webhook_subscriptions');
}

export async function updateSubscription(db: Executor, id: string, values: Partial<NewSubscription>): Promise<SubscriptionRow> {
  return returnedRow(await db.update(webhookSubscriptions).set(values).where(eq(webhookSubscriptions.id, id)).returning(), 'UPDATE webhook_subscriptions');
}

/** Deletes the subscription and, by cascade, its deliveries. */
export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
}

// ─── Fan-out: a delivery per event and subscribed endpoint, in the event's transaction ─────────────

/** Queues a delivery of each event to every enabled subscription of the commission that wants its type. */
export async function insertDeliveries(db: Executor, commissionId: string, written: { id: number; type: string; createdAt: Date }[]): Promise<void> {
  const subscriptions = await db.select({ id: webhookSubscriptions.id, events: webhookSubscriptions.events }).from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.commissionId, commissionId), eq(webhookSubscriptions.enabled, true)));
  const rows = written.flatMap((e) => subscriptions.filter((s) => s.events.includes(e.type))
    .map((s) => ({ subscriptionId: s.id, eventId: e.id, nextAttemptAt: e.createdAt })));
  if (rows.length > 0) await db.insert(webhookDeliveries).values(rows);
}

// ─── The delivery log ───────────────────────────────────────────────────────────────────────────

const deliveryColumns = { delivery: webhookDeliveries, type: events.type };
export type DeliveryWithType = { delivery: DeliveryRow; type: string };

/** The subscription's deliveries, newest first; `after` is the id of the last one of the previous page. */
export async function deliveriesPage(db: Executor, subscriptionId: string, filter: { status?: DeliveryRow['status']; after: string | null; limit: number }): Promise<DeliveryWithType[]> {
  const where: SQL[] = [eq(webhookDeliveries.subscriptionId, subscriptionId)];
  if (filter.status) where.push(eq(webhookDeliveries.status, filter.status));
  if (filter.after !== null) {
    where.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (select d.created_at, d.id from webhook_deliveries d where d.id = ${filter.after})`);
  }
  return await db.select(deliveryColumns).from(webhookDeliveries).innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(...where)).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(filter.limit);
}

export async function findDelivery(db: Executor, subscriptionId: string, deliveryId: string, options: { forUpdate?: boolean } = {}): Promise<DeliveryWithType | undefined> {
  const q = db.select(deliveryColumns).from(webhookDeliveries).innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscriptionId)));
  const [row] = options.forUpdate ? await q.for('update', { of: webhookDeliveries }) : await q;
  return row;
}

/** Puts a delivery back in the queue, due at `at`. */
export async function requeueDelivery(db: Executor, deliveryId: string, at: Date): Promise<DeliveryRow> {
  return returnedRow(await db.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: at, claimToken: null })
    .where(eq(webhookDeliveries.id, deliveryId)).returning(), 'UPDATE webhook_deliveries');
}

// ─── The dispatcher's queue ─────────────────────────────────────────────────────────────────────

export interface ClaimedDelivery {
  id: string;
  attempts: number;
  firstAttemptAt: Date;
  subscription: Pick<SubscriptionRow, 'id' | 'commissionId' | 'url' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>;
  event: { id: number; type: string; createdAt: Date; data: Record<string, unknown> };
}

/**
 * Takes up to `limit` due deliveries of enabled subscriptions for this instance: each gets the
 * claim token, one more attempt, and a lease (`leaseUntil`) after which another instance may take it
 * over (this one has died). Rows other instances hold are skipped, never waited for.
 */
export async function claimDue(db: Executor, now: Date, limit: number, leaseUntil: Date, token: string): Promise<ClaimedDelivery[]> {
  return await db.transaction(async (tx) => {
    const due = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(and(
        inArray(webhookDeliveries.status, ['pending', 'sending']),
        lte(webhookDeliveries.nextAttemptAt, now),
        eq(webhookSubscriptions.enabled, true),
      ))
      .orderBy(webhookDeliveries.nextAttemptAt).limit(limit)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx.update(webhookDeliveries).set({
      status: 'sending', claimToken: token, attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: leaseUntil,
      firstAttemptAt: sql`coalesce(${webhookDeliveries.firstAttemptAt}, ${now.toISOString()}::timestamptz)`, lastAttemptAt: now,
    }).where(inArray(webhookDeliveries.id, ids));
    const rows = await tx.select({
      id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, firstAttemptAt: webhookDeliveries.firstAttemptAt,
      subscription: {
        id: webhookSubscriptions.id, commissionId: webhookSubscriptions.commissionId, url: webhookSubscriptions.url, secret: webhookSubscriptions.secret,
        previousSecret: webhookSubscriptions.previousSecret, previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      },
      event: { id: events.id, type: events.type, createdAt: events.createdAt, data: events.data },
    }).from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
      .where(inArray(webhookDeliveries.id, ids));
    return rows.map((r) => ({ ...r, firstAttemptAt: r.firstAttemptAt ?? now }));
  });
}

export interface AttemptOutcome {
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: Date | null;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
}

/** Locks the subscription for the outcome of one of its deliveries (before the delivery row: the order DELETE takes them in). */
export async function lockSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).for('no key update');
  return row;
}

/** Writes an attempt's outcome, if the claim is still ours (false: the lease ran out and another instance took over). */
export async function recordAttempt(db: Executor, deliveryId: string, token: string, outcome: AttemptOutcome): Promise<boolean> {
  const rows = await db.update(webhookDeliveries).set({
    status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, claimToken: null,
    lastStatusCode: outcome.statusCode, lastDurationMs: outcome.durationMs, lastResponse: outcome.response, lastError: outcome.error,
  }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.claimToken, token))).returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
