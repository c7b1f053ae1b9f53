// Scope as data: who may see or act on a participant. Another commission's participant, and one the
// caller is not assigned to (assessor, juror) or does not answer for (respondent), answers 404.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { assignments, participants } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { notFound, Problem } from '../../http/problems.ts';
import { loadPeriod } from '../periods/index.ts';

export type Participant = typeof participants.$inferSelect;

/** Whether the caller sees this participant at all (read access). */
export async function canSeeParticipant(db: Executor, c: RequestContext, participant: Participant): Promise<boolean> {
  const { role, bodyId, id, kind } = c.principal;
  if (kind === 'api_key' || role === 'admin' || role === 'viewer') return true;
  if (role === 'respondent') return bodyId === participant.bodyId;
  if (role === 'assessor' || role === 'juror') {
    const [row] = await db.select({ userId: assignments.userId }).from(assignments)
      .where(and(eq(assignments.participantId, participant.id), eq(assignments.userId, id), eq(assignments.role, role))).limit(1);
    return Boolean(row);
  }
  return false;
}

/**
 * The period and the participant for `bodyId`, visible to the caller, or 404.
 * `forUpdate` locks the participant row: writes that rescore a participant take this lock first, so
 * concurrent writers to one participant serialise and never lose each other's changes. It first
 * takes a key-share lock on the period, held to commit: the stage the write checks cannot change
 * under it, and the locks are taken in the order stage transitions take them (period, then
 * participants), so a transition waits for the writes in flight instead of deadlocking with them.
 */
export async function loadParticipant(db: Executor, c: RequestContext, periodId: string, bodyId: string, options: { forUpdate?: boolean } = {}) {
  const period = await loadPeriod(db, c, periodId, { forKeyShare: options.forUpdate });
  const q = db.select().from(participants).where(and(eq(participants.periodId, period.id), eq(participants.bodyId, bodyId)));
  const [participant] = options.forUpdate ? await q.for('update') : await q;
  if (!participant || !(await canSeeParticipant(db, c, participant))) throw notFound('Participant');
  return { period, participant };
}

/** Respondents act only for their own body (already guaranteed by loadParticipant's visibility). */
export function assertRespondentOf(c: RequestContext, participant: Participant): void {
  if (c.principal.role !== 'respondent' || c.principal.bodyId !== participant.bodyId) {
    throw new Problem('forbidden', 'Only the body\'s own respondent may do this');
  }
}
