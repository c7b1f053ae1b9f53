// Webhook subscriptions of my commission: create (the secret shown once), read, change (rotate the
// secret, pause, resume), delete; the delivery log and retrying a delivery by hand. Deliveries
// themselves are the dispatcher's (dispatcher.ts).
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { publicEventId, type EventType } from '../events/index.ts';
import { newSecret } from './signature.ts';
import { urlRefusal } from './ssrf.ts';
import {
  deleteSubscription, deliveriesPage, findDelivery, findSubscription, insertSubscription, requeueDelivery, subscriptionsPage, updateSubscription,
  type DeliveryWithType, type SubscriptionRow,
} from './webhooks.repo.ts';
import type { DeliveryListQuery, WebhookCreate, WebhookListQuery, WebhookUpdate } from './webhooks.schemas.ts';
import { t } from '../../i18n/message.ts';

/** After a rotation the former secret keeps signing this long, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toDto(s: SubscriptionRow) {
  return {
    id: s.id, url: s.url, events: s.events as EventType[], description: s.description, enabled: s.enabled,
    disabledAt: iso(s.disabledAt), disabledReason: s.disabledReason, failingSince: iso(s.failingSince),
    previousSecretExpiresAt: iso(s.previousSecretExpiresAt), createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(), version: s.version,
  };
}

/** What the audit log keeps of a subscription: never its secrets. */
export const auditableWebhook = (s: SubscriptionRow) => ({ url: s.url, events: s.events, description: s.description, enabled: s.enabled, disabledReason: s.disabledReason });

function toDeliveryDto({ delivery: d, type }: DeliveryWithType) {
  return {
    id: d.id, eventId: publicEventId(d.eventId), type: type as EventType, status: d.status, attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'sending' ? iso(d.nextAttemptAt) : null,
    createdAt: d.createdAt.toISOString(),
    lastAttempt: d.lastAttemptAt === null ? null : {
      at: d.lastAttemptAt.toISOString(), statusCode: d.lastStatusCode, durationMs: d.lastDurationMs, response: d.lastResponse, error: d.lastError,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidCursor(cursor: string | undefined): string | null {
  const key = decodeCursor(cursor, 1);
  if (key === null) return null;
  if (typeof key[0] !== 'string' || !UUID.test(key[0])) {
    throw new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  return key[0];
}

/**
 * 422 unless deliveries may go to this URL (ssrf.ts). It resolves the host, so routes call it before
 * their transaction opens: a slow DNS answer holds no database connection.
 */
export async function assertWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  const refusal = await urlRefusal(url, allowPrivate);
  if (refusal) throw invalid(t`The webhook URL ${refusal}`, [{ path: 'body.url', message: refusal }]);
}

export async function listWebhooks(db: Db, c: RequestContext, query: WebhookListQuery) {
  const limit = query.limit ?? 50;
  const rows = await subscriptionsPage(db, c.commissionId, { after: uuidCursor(query.cursor), limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (s) => [s.id]);
  return { items: items.map(toDto), nextCursor };
}

async function subscriptionOf(db: Db | Work['tx'], c: RequestContext, webhookId: string, options: { forUpdate?: boolean } = {}): Promise<SubscriptionRow> {
  const row = await findSubscription(db, c.commissionId, webhookId, options);
  if (!row) throw notFound(t`Webhook`);
  return row;
}

export async function getWebhook(db: Db, c: RequestContext, webhookId: string) {
  return toDto(await subscriptionOf(db, c, webhookId));
}

/** The URL has been checked (assertWebhookUrl) by the route. */
export async function createWebhook(work: Work, input: WebhookCreate) {
  const { tx, ctx: c } = work;
  const secret = newSecret();
  const row = await insertSubscription(tx, {
    commissionId: c.commissionId, url: input.url, events: [...input.events], description: input.description?.trim() || null, secret,
    createdBy: c.principal.kind === 'user' ? c.principal.id : null,
  });
  await work.audit({ action: 'webhook.create', entityType: 'webhook', entityId: row.id, after: auditableWebhook(row) });
  return { ...toDto(row), secret };
}

/** A changed URL has been checked (assertWebhookUrl) by the route. */
export async function updateWebhook(work: Work, webhookId: string, input: WebhookUpdate) {
  const { tx, ctx: c } = work;
  const before = await subscriptionOf(tx, c, webhookId, { forUpdate: true });
  work.ifMatch(before.version);
  const now = new Date();
  const secret = input.rotateSecret ? newSecret() : null;
  const resumed = input.enabled === true && !before.enabled;
  const paused = input.enabled === false && before.enabled;
  const after = await updateSubscription(tx, before.id, {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.events !== undefined ? { events: [...input.events] } : {}),
    ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
    ...(resumed ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } : {}),
    ...(paused ? { enabled: false, disabledAt: now, disabledReason: `paused by ${c.principal.username}` } : {}),
    ...(secret ? { secret, previousSecret: before.secret, previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS) } : {}),
    updatedAt: now,
    version: before.version + 1,
  });
  await work.audit({
    action: 'webhook.update', entityType: 'webhook', entityId: before.id,
    before: auditableWebhook(before), after: { ...auditableWebhook(after), ...(secret ? { secretRotated: true } : {}) },
  });
  return { ...toDto(after), ...(secret ? { secret } : {}) };
}

export async function deleteWebhook(work: Work, webhookId: string): Promise<void> {
  const { tx, ctx: c } = work;
  // not locked first: deleteSubscription takes the deliveries, then the row, as the dispatcher does
  const before = await subscriptionOf(tx, c, webhookId);
  await deleteSubscription(tx, before.id);
  await work.audit({ action: 'webhook.delete', entityType: 'webhook', entityId: before.id, before: auditableWebhook(before) });
}

export async function listDeliveries(db: Db, c: RequestContext, webhookId: string, query: DeliveryListQuery) {
  const subscription = await subscriptionOf(db, c, webhookId);
  const limit = query.limit ?? 50;
  const rows = await deliveriesPage(db, subscription.id, { status: query.status, after: uuidCursor(query.cursor), limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => [r.delivery.id]);
  return { items: items.map(toDeliveryDto), nextCursor };
}

/** Queues a delivery for an attempt now, whatever its state, unless an attempt is under way. */
export async function retryDelivery(work: Work, ids: { webhookId: string; deliveryId: string }) {
  const { tx, ctx: c } = work;
  const subscription = await subscriptionOf(tx, c, ids.webhookId);
  if (!subscription.enabled) throw new Problem('conflict', t`The webhook is disabled: enable it (PATCH enabled: true) to retry its deliveries`);
  const found = await findDelivery(tx, subscription.id, ids.deliveryId, { forUpdate: true });
  if (!found) throw notFound(t`Delivery`);
  if (found.delivery.status === 'sending') throw new Problem('conflict', t`An attempt of this delivery is under way; look again in a few seconds`);
  const delivery = await requeueDelivery(tx, found.delivery.id, new Date());
  await work.audit({
    action: 'webhook_delivery.retry', entityType: 'webhook', entityId: subscription.id,
    before: { deliveryId: delivery.id, status: found.delivery.status }, after: { deliveryId: delivery.id, status: delivery.status },
  });
  return toDeliveryDto({ delivery, type: found.type });
}
