// The webhook tables: subscriptions, and deliveries, which are both the dispatcher's queue and the
// delivery log. The queue is claimed with FOR UPDATE SKIP LOCKED, so instances sharing a database
// never take the same delivery (docs/webhooks.md).
import { and, desc, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
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

/**
 * Deletes the subscription and its deliveries: the deliveries first, in the order the dispatcher
 * locks the two (a delivery, then its subscription), so the two never wait for each other in a circle.
 */
export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, id));
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
  /** attempts made before this claim */
  attempts: number;
  firstAttemptAt: Date | null;
  subscription: Pick<SubscriptionRow, 'id' | 'commissionId' | 'url' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt' | 'failingSince'>;
  event: { id: number; type: string; createdAt: Date; data: Record<string, unknown> };
}

/**
 * Takes up to `limit` due deliveries of enabled subscriptions for this instance: each gets the
 * claim token and a lease (`leaseUntil`) after which another instance may take it over (this one
 * has died). Rows other instances hold are skipped, never waited for. Two statements and no
 * transaction: the UPDATE claims (its sub-select locks, the update commits the claim), the SELECT
 * reads what to send.
 */
export async function claimDue(db: Executor, now: Date, limit: number, leaseUntil: Date, token: string): Promise<ClaimedDelivery[]> {
  const due = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(and(
      inArray(webhookDeliveries.status, ['pending', 'sending']),
      lte(webhookDeliveries.nextAttemptAt, now),
      eq(webhookSubscriptions.enabled, true),
    ))
    .orderBy(webhookDeliveries.nextAttemptAt).limit(limit)
    .for('update', { of: webhookDeliveries, skipLocked: true });
  const claimed = await db.update(webhookDeliveries).set({ status: 'sending', claimToken: token, nextAttemptAt: leaseUntil })
    .where(inArray(webhookDeliveries.id, due)).returning({ id: webhookDeliveries.id });
  if (claimed.length === 0) return [];
  const rows = await db.select({
    id: webhookDeliveries.id, attempts: webhookDeliveries.attempts, firstAttemptAt: webhookDeliveries.firstAttemptAt,
    subscription: {
      id: webhookSubscriptions.id, commissionId: webhookSubscriptions.commissionId, url: webhookSubscriptions.url, secret: webhookSubscriptions.secret,
      previousSecret: webhookSubscriptions.previousSecret, previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      failingSince: webhookSubscriptions.failingSince,
    },
    event: { id: events.id, type: events.type, createdAt: events.createdAt, data: events.data },
  }).from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(inArray(webhookDeliveries.id, claimed.map((c) => c.id)), eq(webhookDeliveries.claimToken, token)))
    .orderBy(webhookDeliveries.nextAttemptAt, events.id);
  return rows;
}

/** Gives claimed deliveries that were never attempted back to the queue, due now (this instance is stopping). */
export async function releaseClaims(db: Executor, ids: string[], token: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(webhookDeliveries).set({ status: 'pending', claimToken: null, nextAttemptAt: now })
    .where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.claimToken, token)));
}

export interface AttemptOutcome {
  /** when the attempt was sent */
  at: Date;
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: Date | null;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
}

/** Locks the subscription for the outcome of a failed delivery (after the delivery row: the order every writer of both keeps). */
export async function lockSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).for('no key update');
  return row;
}

/** Ends the subscription's failing streak after a success; locks the row only when there is one. */
export async function clearFailingSince(db: Executor, id: string): Promise<void> {
  await db.update(webhookSubscriptions).set({ failingSince: null }).where(and(eq(webhookSubscriptions.id, id), isNotNull(webhookSubscriptions.failingSince)));
}

/** Writes an attempt's outcome, if the claim is still ours (false: the lease ran out and another instance took over). */
export async function recordAttempt(db: Executor, deliveryId: string, token: string, outcome: AttemptOutcome): Promise<boolean> {
  const rows = await db.update(webhookDeliveries).set({
    status: outcome.status, nextAttemptAt: outcome.nextAttemptAt, claimToken: null,
    attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: outcome.at,
    firstAttemptAt: sql`coalesce(${webhookDeliveries.firstAttemptAt}, ${outcome.at.toISOString()}::timestamptz)`,
    lastStatusCode: outcome.statusCode, lastDurationMs: outcome.durationMs, lastResponse: outcome.response, lastError: outcome.error,
  }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.claimToken, token))).returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

export interface Success {
  deliveryId: string;
  token: string;
  at: Date;
  statusCode: number;
  durationMs: number;
  response: string;
}

/**
 * Writes many successful attempts in one statement (one commit instead of one per delivery), each
 * only if its claim is still ours.
 */
export async function recordSuccesses(db: Executor, successes: Success[]): Promise<void> {
  if (successes.length === 0) return;
  const values = sql.join(successes.map((s) =>
    sql`(${s.deliveryId}::uuid, ${s.token}::uuid, ${s.at.toISOString()}::timestamptz, ${s.statusCode}::int, ${s.durationMs}::int, ${s.response}::text)`), sql`, `);
  await db.execute(sql`
    update webhook_deliveries d set
      status = 'succeeded', next_attempt_at = null, claim_token = null, attempts = d.attempts + 1,
      first_attempt_at = coalesce(d.first_attempt_at, v.at), last_attempt_at = v.at,
      last_status_code = v.status_code, last_duration_ms = v.duration_ms, last_response = v.response, last_error = null
    from (values ${values}) as v(id, token, at, status_code, duration_ms, response)
    where d.id = v.id and d.claim_token = v.token`);
}
