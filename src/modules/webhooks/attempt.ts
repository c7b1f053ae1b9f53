// One delivery attempt: sign and send the event, then record the outcome. Successes are written in
// batches (SuccessLog); a failure is written with the subscription's failing streak in a short
// transaction of its own: retry later, give up, or disable a subscription that has failed for 3
// days (with an audit entry by the system).
import type { Db } from '../../db/client.ts';
import { runWork } from '../../http/unit-of-work.ts';
import { publicEventId } from '../events/index.ts';
import { failingTooLong, nextAttemptAt } from './retry-schedule.ts';
import type { Sender } from './sender.ts';
import { signedHeaders } from './signature.ts';
import {
  clearFailingSince, lockSubscription, recordAttempt, recordSuccesses, updateSubscription, type AttemptOutcome, type ClaimedDelivery, type Success,
} from './webhooks.repo.ts';
import { auditableWebhook } from './webhooks.service.ts';

export interface AttemptContext {
  db: Db;
  successes: SuccessLog;
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
  const next = succeeded ? null : nextAttemptAt(delivery.firstAttemptAt ?? sentAt, now, delivery.attempts + 1, ctx.random);
  const outcome: AttemptOutcome = {
    at: sentAt,
    status: succeeded ? 'succeeded' : next ? 'pending' : 'failed', nextAttemptAt: next, durationMs, ...answer,
    error: answer.error ?? (succeeded ? null : `answered ${answer.statusCode}`),
  };
  if (succeeded && answer.statusCode !== null) {
    await ctx.successes.record(delivery, { deliveryId: delivery.id, token, at: sentAt, statusCode: answer.statusCode, durationMs, response: answer.response ?? '' });
  } else {
    await recordFailure(ctx.db, delivery, token, outcome, now);
  }
  return outcome;
}

/**
 * Successful attempts, written in batches: every success that finishes while a batch is being
 * written goes into the next one, so a busy dispatcher commits once per batch rather than once per
 * delivery. A success touches the subscription only to end a failing streak (one seen when the
 * delivery was claimed; a streak that began later is ended by the next success), so deliveries to
 * one endpoint do not queue for its row.
 */
export class SuccessLog {
  readonly #db: Db;
  #pending: { delivery: ClaimedDelivery; success: Success; resolve: () => void; reject: (err: unknown) => void }[] = [];
  #writing = false;

  constructor(db: Db) {
    this.#db = db;
  }

  record(delivery: ClaimedDelivery, success: Success): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ delivery, success, resolve, reject });
      void this.#write();
    });
  }

  async #write(): Promise<void> {
    if (this.#writing) return;
    this.#writing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      try {
        await recordSuccesses(this.#db, batch.map((b) => b.success));
        for (const id of new Set(batch.filter((b) => b.delivery.subscription.failingSince).map((b) => b.delivery.subscription.id))) {
          await clearFailingSince(this.#db, id);
        }
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.#writing = false;
  }
}

/**
 * Writes a failed attempt, if the claim is still ours (else the subscription was deleted, or the
 * lease ran out and another instance took the delivery over), and the subscription's failing
 * streak: the delivery row first, then the subscription, the order every writer of both keeps.
 */
async function recordFailure(db: Db, delivery: ClaimedDelivery, token: string, outcome: AttemptOutcome, now: Date): Promise<void> {
  await runWork(db, { principal: null, requestId: null, reason: null }, async (work) => {
    const { tx } = work;
    if (!(await recordAttempt(tx, delivery.id, token, outcome))) return;
    const subscription = await lockSubscription(tx, delivery.subscription.id);
    if (!subscription) return;
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
