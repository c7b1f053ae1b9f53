// Scope as data: who may see or act on a participant. Another commission's participant, and one the
// caller is not assigned to (assessor, juror) or does not answer for (respondent), answers 404.
import type { Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { notFound, Problem } from '../../http/problems.ts';
import { loadPeriod } from '../periods/index.ts';
import { findParticipant, isAssigned, type Participant, type ParticipantScope } from './participants.repo.ts';
import { t } from '../../i18n/message.ts';

export type { Participant, ParticipantScope } from './participants.repo.ts';

/** The participants the caller may see: all for admins, viewers and keys; assigned ones; its own body. */
export function participantScope(c: RequestContext): ParticipantScope {
  const { role, kind, id, bodyId } = c.principal;
  if (kind === 'api_key' || role === 'admin' || role === 'viewer') return { kind: 'all' };
  if (role === 'respondent') return bodyId ? { kind: 'body', bodyId } : { kind: 'none' };
  if (role === 'assessor' || role === 'juror') return { kind: 'assigned', userId: id, role };
  return { kind: 'none' };
}

/** Whether the caller sees this participant at all (read access). */
export async function canSeeParticipant(db: Executor, c: RequestContext, participant: Participant): Promise<boolean> {
  const scope = participantScope(c);
  switch (scope.kind) {
    case 'all': return true;
    case 'body': return scope.bodyId === participant.bodyId;
    case 'assigned': return await isAssigned(db, participant.id, scope.userId, scope.role);
    case 'none': return false;
  }
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
  const participant = await findParticipant(db, period.id, bodyId, options);
  if (!participant || !(await canSeeParticipant(db, c, participant))) throw notFound(t`Participant`);
  return { period, participant };
}

/** Respondents act only for their own body (already guaranteed by loadParticipant's visibility). */
export function assertRespondentOf(c: RequestContext, participant: Participant): void {
  if (c.principal.role !== 'respondent' || c.principal.bodyId !== participant.bodyId) {
    throw new Problem('forbidden', t`Only the body's own respondent may do this`);
  }
}
