// Enforced deadlines (docs/api.md "second round"), as a rule with no I/O: after `deadlines.saq` a body's
// answers, evidence and submission, after `deadlines.appeal` its appeals, are refused — unless the
// commission's plenary extended the deadline for that body (the participant's extension).
import { Problem } from '../../http/problems.ts';
import type { Period } from './periods.repo.ts';

/** The deadlines a respondent's writes are held to; the other stages' deadlines are informational. */
export type EnforcedDeadline = 'saq' | 'appeal';

const WHAT: Record<EnforcedDeadline, string> = { saq: 'The SAQ', appeal: 'The appeal window (masa sanggah)' };

/** When the participant may write until: the later of the deadline and its extension; null when open-ended. */
export function effectiveDeadline(deadline: string | undefined, extensionUntil: Date | null): Date | null {
  if (deadline === undefined) return null;
  const due = new Date(deadline);
  return extensionUntil !== null && extensionUntil > due ? extensionUntil : due;
}

/**
 * 409 `deadline_passed` when `now` is after the period's `which` deadline and after the
 * participant's extension, if any. The problem says when it closed and how to get an extension.
 */
export function assertBeforeDeadline(
  period: Pick<Period, 'deadlines'>, participant: { extensionUntil: Date | null }, which: EnforcedDeadline, action: string, now: Date = new Date(),
): void {
  const deadline = period.deadlines[which];
  const until = effectiveDeadline(deadline, participant.extensionUntil);
  if (deadline === undefined || until === null || now <= until) return;
  const extended = participant.extensionUntil !== null && participant.extensionUntil > new Date(deadline);
  throw new Problem('deadline_passed', `${WHAT[which]} closed at ${new Date(deadline).toISOString()}`
    + `${extended ? ` and this body's extension ended at ${until.toISOString()}` : ''}; ${action} is no longer possible. `
    + 'A late submission needs an extension decided by the commission\'s plenary: ask the commission\'s secretariat '
    + '(an admin records it with PUT …/participants/{bodyId}/extension).', {
    extra: { deadline: new Date(deadline).toISOString(), deadlineOf: which, extensionUntil: extended ? until.toISOString() : null },
  });
}
