// Idempotency-Key on POSTs (docs/api.md): a repeated key with the same request replays the first
// response (status, body, Content-Type, ETag and Location); the same key with a different request
// is a 409. Keys are per caller, kept in the database so any API instance can replay them.
//
// The response is kept in the write's own transaction (the unit of work calls `keepForReplay` before
// it commits): a key exists exactly when its write committed, so a crash between the commit and the
// reply cannot make a retry write twice, and two requests racing with one key cannot both write
// (the second waits on the key's row, finds it taken, and rolls back).
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Db, Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { Problem } from './problems.ts';
import { plugin } from './plugin.ts';
import { t } from '../i18n/message.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { principal: string; key: string; requestHash: string } | null;
  }
}

const KEY = /^[\w\-.:]{1,200}$/;

function requestHash(request: FastifyRequest): string {
  let body: string;
  try {
    body = JSON.stringify(request.body ?? null);
  } catch {
    // JSON.parse takes any depth, JSON.stringify overflows the stack a few thousand levels down; only a
    // route without a body schema lets such a body get here (a body schema refuses it first)
    throw new Problem('bad_request', t`The JSON body is nested too deeply`);
  }
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

/** A response header as stored for a replay: null when absent or empty. */
function headerOf(reply: FastifyReply, name: string): string | null {
  const value = reply.getHeader(name);
  if (value === undefined) return null;
  return (Array.isArray(value) ? value.join(', ') : String(value)) || null;
}

export default fp(plugin(function idempotency(app: FastifyInstance, opts: { db: Db }): void {
  app.decorateRequest('idempotency', null);

  const replayOrRecord: preHandlerAsyncHookHandler = async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || !request.principal) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new Problem('bad_request', t`Idempotency-Key must be 1–200 characters of letters, digits, "-", "_", ".", ":"`);
    }
    const principal = `${request.principal.kind}:${request.principal.id}`;
    const hash = requestHash(request);
    const [stored] = await opts.db.select().from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    if (!stored) {
      request.idempotency = { principal, key, requestHash: hash };
      return;
    }
    if (stored.requestHash !== hash) {
      throw new Problem('conflict', t`This Idempotency-Key was already used for a different request`);
    }
    reply.code(stored.statusCode).header('idempotent-replayed', 'true');
    if (stored.contentType) reply.type(stored.contentType);
    if (stored.etag) reply.header('etag', stored.etag);
    if (stored.location) reply.header('location', stored.location);
    return reply.send(stored.responseBody);
  };
  // on the POST routes only (first of their preHandlers): a GET pays nothing for it
  app.addHook('onRoute', (route) => {
    if (![route.method].flat().includes('POST')) return;
    route.preHandler = [replayOrRecord, ...[route.preHandler ?? []].flat()];
  });
}));

/**
 * Inside the unit of work, after the handler: keeps the answer of a POST that carried a key, as the
 * route will serialise it. Refuses (409, rolling the write back) when a concurrent request with
 * the same key committed first.
 */
export async function keepForReplay(tx: Tx, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const pending = request.idempotency;
  // binary answers (a file) are not kept, as a text column cannot hold them: such a POST re-runs
  if (!pending || payload === undefined || Buffer.isBuffer(payload) || payload instanceof Uint8Array) return;
  const serialized = typeof payload === 'string' ? payload : reply.serialize(payload);
  const body = typeof serialized === 'string' ? serialized : Buffer.from(serialized as ArrayBuffer).toString('utf8');
  const kept = await tx.insert(idempotencyKeys).values({
    principal: pending.principal, key: pending.key, requestHash: pending.requestHash,
    statusCode: reply.statusCode, responseBody: body,
    contentType: headerOf(reply, 'content-type') ?? (typeof payload === 'string' ? null : 'application/json; charset=utf-8'),
    etag: headerOf(reply, 'etag'), location: headerOf(reply, 'location'),
  }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (kept.length === 0) {
    throw new Problem('conflict', t`Another request with this Idempotency-Key was answered meanwhile; send it again to get that answer`);
  }
}
