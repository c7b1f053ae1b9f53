// What services need to know about the caller: who, in which commission, which request, and why.
import type { FastifyRequest } from 'fastify';
import type { Principal } from './permissions.ts';
import { Problem } from './problems.ts';
import { t, type Message } from '../i18n/message.ts';

export interface RequestContext {
  principal: Principal;
  /** the caller's commission; every query of commission data is filtered by it */
  commissionId: string;
  requestId: string;
  /** from the X-Audit-Reason header (percent-encoding allowed for non-ASCII text) */
  reason: string | null;
}

export function auditReason(request: FastifyRequest): string | null {
  const raw = request.headers['x-audit-reason'];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/** The context of a caller in a commission. Superadmins have no commission and get 403 here. */
export function commissionContext(principal: Principal | null, requestId: string, reason: string | null): RequestContext {
  if (!principal) throw new Problem('unauthenticated', t`Authentication required`);
  if (!principal.commissionId) throw new Problem('forbidden', t`This resource belongs to a commission; the platform superadmin has none`);
  return { principal, commissionId: principal.commissionId, requestId, reason };
}

/** The context of a commission-scoped request (reads). */
export function ctx(request: FastifyRequest): RequestContext {
  return commissionContext(request.principal, String(request.id), auditReason(request));
}

export function requireReason(c: { reason: string | null }, what: Message): string {
  if (!c.reason) throw new Problem('reason_required', t`${what} needs a reason (send it in the X-Audit-Reason header)`);
  return c.reason;
}
