// One transaction per write request, by construction (docs/architecture.md, "The write path").
//
// Every route that is not a GET and not public runs its handler inside a database transaction that
// this plugin opens: the service gets a `Work` — the transaction, the caller's context, `audit()` and
// `ifMatch()` — does its checks, its writes and its audit rows, and builds its reply from the same
// transaction. The transaction commits when the handler returns, before Fastify sends the reply; a
// thrown error rolls everything back. So a client never sees a reply for a write that did not
// commit, and never a reply newer or older than the ETag sent with it.
//
// Public writes (only POST /auth/token, which must keep its failed-login counters when it answers
// 401) run outside. Handlers must return their payload instead of calling reply.send(), which would
// answer before the commit; the wrapper refuses that (a programming error, caught by the tests).
//
// Domain events (modules/events) ride along: `work.emit()` collects them, and they are written, with
// the webhook deliveries they queue, as the last statements of the transaction. So an event exists
// exactly when its change committed, and the per-commission lock that keeps event ids in commit
// order is held only for the commit itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db, Tx } from '../db/client.ts';
import { recordAudit, type AuditEntry } from '../modules/audit/audit.service.ts';
import { insertEvents, type EventData, type EventType, type PendingEvent } from '../modules/events/index.ts';
import { queueDeliveries } from '../modules/webhooks/index.ts';
import { auditReason, commissionContext, type RequestContext } from './context.ts';
import type { Principal } from './permissions.ts';
import { keepForReplay } from './idempotency.ts';
import { assertIfMatch } from './versioning.ts';
import { plugin } from './plugin.ts';

/** What a write service is handed: everything it may touch, all inside one transaction. */
export interface Work {
  tx: Tx;
  /** the caller in a commission; 403 for the platform superadmin, who has none */
  readonly ctx: RequestContext;
  principal: Principal | null;
  requestId: string | null;
  /** X-Audit-Reason (or what the service chose instead, e.g. a transition's `reason`) */
  reason: string | null;
  /** an audit row in this transaction; `reason` overrides the request's */
  audit(entry: AuditEntry & { reason?: string | null }): Promise<void>;
  /** 412 when the request's If-Match names another version (nothing when it sent none) */
  ifMatch(version: number): void;
  /** a domain event of the caller's commission, written with this transaction (`commissionId` is added to data) */
  emit(type: EventType, data: EventData): void;
}

export interface WorkCaller {
  principal: Principal | null;
  requestId: string | null;
  reason: string | null;
  /** the If-Match header, if any */
  ifMatch?: string | undefined;
}


/** A Work over an open transaction, and the events it has emitted so far. */
function workIn(tx: Tx, caller: WorkCaller): { work: Work; emitted: PendingEvent[] } {
  let context: RequestContext | undefined;
  const emitted: PendingEvent[] = [];
  const work: Work = {
    tx,
    get ctx() {
      return context ??= commissionContext(caller.principal, caller.requestId ?? '', caller.reason);
    },
    principal: caller.principal,
    requestId: caller.requestId,
    reason: caller.reason,
    async audit({ reason, ...entry }) {
      await recordAudit(tx, {
        principal: caller.principal,
        commissionId: caller.principal?.commissionId ?? null,
        requestId: caller.requestId,
        reason: reason !== undefined ? reason : caller.reason,
      }, entry);
    },
    ifMatch(version) {
      assertIfMatch(caller.ifMatch, version);
    },
    emit(type, data) {
      emitted.push({ type, data: { commissionId: work.ctx.commissionId, ...data } });
    },
  };
  return { work, emitted };
}

/** `fn` as a unit of work in the open transaction `tx`; its events are written last. Returns how many. */
async function inWork<T>(tx: Tx, caller: WorkCaller, fn: (work: Work) => Promise<T>): Promise<{ result: T; events: number }> {
  const { work, emitted } = workIn(tx, caller);
  const result = await fn(work);
  if (emitted.length > 0) {
    const commissionId = work.ctx.commissionId;
    const rows = await insertEvents(tx, commissionId, emitted);
    await queueDeliveries(tx, commissionId, rows);
  }
  return { result, events: emitted.length };
}

/** Runs `fn` as one unit of work: the CLI and seed-demo use this; requests get it from the plugin. */
export async function runWork<T>(db: Db, caller: WorkCaller, fn: (work: Work) => Promise<T>): Promise<T> {
  return (await db.transaction((tx) => inWork(tx, caller, fn))).result;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the unit of work of a non-GET, non-public route; throws anywhere else */
    work: Work;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface UnitOfWorkOptions {
  db: Db;
  /** called after a commit that wrote events (the webhook dispatcher wakes up) */
  afterEvents?: () => void;
}

export default fp(plugin(function unitOfWork(app: FastifyInstance, opts: UnitOfWorkOptions): void {
  app.decorateRequest('work', {
    getter() {
      throw new Error('request.work exists only inside a write route\'s handler');
    },
  });

  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((m) => READS.has(m)) || route.config?.permission === 'public') return;
    const handler = route.handler;
    route.handler = async function inUnitOfWork(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const caller: WorkCaller = { principal: request.principal, requestId: String(request.id), reason: auditReason(request), ifMatch: request.headers['if-match'] };
      const { result, events } = await opts.db.transaction((tx) => inWork(tx, caller, async (work) => {
        Object.defineProperty(request, 'work', { value: work, configurable: true });
        const payload: unknown = await handler.call(this, request, reply);
        if (reply.sent) throw new Error(`${methods.join(',')} ${route.url} sent its reply before its transaction committed; return the payload instead`);
        await keepForReplay(work.tx, request, reply, payload);
        return payload;
      }));
      if (events > 0) opts.afterEvents?.();
      return result;
    };
  });
}));
