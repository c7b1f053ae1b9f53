// Enforced deadlines (docs/api.md "second round"), as a rule with no I/O: after `deadlines.saq` a body's
// answers, evidence and submission, after `deadlines.appeal` its appeals, are refused — unless the
// commission's plenary extended the deadline for that body (the participant's extension).
import { Problem } from '../../http/problems.ts';
import type { Period } from './periods.repo.ts';
import { t, type Message } from '../../i18n/message.ts';

const LATE = t`A late submission needs an extension decided by the commission's plenary: ask the commission's secretariat (an admin records it with PUT …/participants/{bodyId}/extension).`;

/** The deadlines a respondent's writes are held to; the other stages' deadlines are informational. */
export type EnforcedDeadline = 'saq' | 'appeal';

const WHAT: Record<EnforcedDeadline, Message> = { saq: t`The SAQ`, appeal: t`The appeal window (masa sanggah)` };

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
  period: Pick<Period, 'deadlines'>, participant: { extensionUntil: Date | null }, which: EnforcedDeadline, action: Message, now: Date = new Date(),
): void {
  const deadline = period.deadlines[which];
  const until = effectiveDeadline(deadline, participant.extensionUntil);
  if (deadline === undefined || until === null || now <= until) return;
  const extended = participant.extensionUntil !== null && participant.extensionUntil > new Date(deadline);
  const closed = new Date(deadline).toISOString();
  const detail = extended
    ? t`${WHAT[which]} closed at ${closed} and this body's extension ended at ${until.toISOString()}; ${action} is no longer possible. ${LATE}`
    : t`${WHAT[which]} closed at ${closed}; ${action} is no longer possible. ${LATE}`;
  throw new Problem('deadline_passed', detail, {
    extra: { deadline: new Date(deadline).toISOString(), deadlineOf: which, extensionUntil: extended ? until.toISOString() : null },
  });
}
