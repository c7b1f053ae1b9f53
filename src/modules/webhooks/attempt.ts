// One delivery attempt: sign and send the event, then record the outcome with the subscription's
// health in a short transaction of its own — retry later, give up, or disable a subscription that
// has failed for 3 days (with an audit entry by the system).
import type { Db } from '../../db/client.ts';
import { runWork } from '../../http/unit-of-work.ts';
import { publicEventId } from '../events/index.ts';
import { failingTooLong, nextAttemptAt } from './retry-schedule.ts';
import type { Sender } from './sender.ts';
import { signedHeaders } from './signature.ts';
import { lockSubscription, recordAttempt, updateSubscription, type AttemptOutcome, type ClaimedDelivery } from './webhooks.repo.ts';
import { auditableWebhook } from './webhooks.service.ts';

export interface AttemptContext {
  db: Db;
  send: Sender;
  now: () => Date;
  random: () => number;
  timeoutMs: number;
  /** aborted when the instance shuts down */
  signal: AbortSignal;
}

/** The body of a delivery (Standard Webhooks): the same bytes on every attempt. */
export function deliveryBody(event: ClaimedDelivery['event']): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}

/** The secrets a delivery is signed with now: the current one, and the former one during a rotation. */
function secretsOf(s: ClaimedDelivery['subscription'], now: Date): string[] {
  const overlap = s.previousSecret !== null && s.previousSecretExpiresAt !== null && s.previousSecretExpiresAt > now;
  return overlap && s.previousSecret ? [s.secret, s.previousSecret] : [s.secret];
}

export async function attempt(ctx: AttemptContext, delivery: ClaimedDelivery, token: string): Promise<AttemptOutcome> {
  const sentAt = ctx.now();
  const body = deliveryBody(delivery.event);
  const headers = signedHeaders(secretsOf(delivery.subscription, sentAt), publicEventId(delivery.event.id), Math.floor(sentAt.getTime() / 1000), body);
  const started = performance.now();
  let answer: { statusCode: number | null; response: string | null; error: string | null };
  try {
    const res = await ctx.send({ url: delivery.subscription.url, headers, body, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
    answer = { statusCode: res.status, response: res.body, error: null };
  } catch (err) {
    answer = { statusCode: null, response: null, error: err instanceof Error ? err.message : String(err) };
  }
  const durationMs = Math.round(performance.now() - started);
  const succeeded = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
  const now = ctx.now();
  const next = succeeded ? null : nextAttemptAt(delivery.firstAttemptAt, now, delivery.attempts, ctx.random);
  const outcome: AttemptOutcome = {
    status: succeeded ? 'succeeded' : next ? 'pending' : 'failed', nextAttemptAt: next, durationMs, ...answer,
    error: answer.error ?? (succeeded ? null : `answered ${answer.statusCode}`),
  };
  await record(ctx.db, delivery, token, outcome, now);
  return outcome;
}

async function record(db: Db, delivery: ClaimedDelivery, token: string, outcome: AttemptOutcome, now: Date): Promise<void> {
  await runWork(db, { principal: null, requestId: null, reason: null }, async (work) => {
    const { tx } = work;
    const subscription = await lockSubscription(tx, delivery.subscription.id);
    // deleted meanwhile (its deliveries went with it), or the lease ran out and another instance took over
    if (!subscription || !(await recordAttempt(tx, delivery.id, token, outcome))) return;
    if (outcome.status === 'succeeded') {
      if (subscription.failingSince) await updateSubscription(tx, subscription.id, { failingSince: null });
      return;
    }
    const failingSince = subscription.failingSince ?? now;
    if (!subscription.enabled || !failingTooLong(failingSince, now)) {
      if (!subscription.failingSince) await updateSubscription(tx, subscription.id, { failingSince });
      return;
    }
    const disabled = await updateSubscription(tx, subscription.id, {
      enabled: false, disabledAt: now, disabledReason: 'every delivery failed for 3 days', failingSince, updatedAt: now, version: subscription.version + 1,
    });
    // the system acts: no principal; the row belongs to the subscription's commission
    await work.audit({
      action: 'webhook.disable', entityType: 'webhook', entityId: subscription.id, commissionId: subscription.commissionId,
      before: auditableWebhook(subscription), after: auditableWebhook(disabled), reason: `every delivery failed since ${failingSince.toISOString()}`,
    });
  });
}
