// Validation of answers (docs/scoring.md §3) and stage scores, and the evidence a submission needs.
import { Issues, isObj, join, quote, type Obj } from './issues.ts';
import type { PeriodScoring, Question, Questionnaire, ValidationIssue } from './types.ts';
import { t, type Message } from '../i18n/message.ts';

/** null when `value` is a valid answer to `question` (docs/scoring.md §3), else what is wrong with it. */
export function validateAnswer(question: Question, value: unknown): Message | null {
  switch (question.type) {
    case 'yes_no':
      return typeof value === 'boolean' ? null : t`expected true or false`;
    case 'choice': {
      const options = question.options ?? [];
      if (typeof value !== 'string') return t`expected one of ${quote(options.map((o) => o.value))}`;
      return options.some((o) => o.value === value) ? null : t`unknown option "${value}" (expected one of ${quote(options.map((o) => o.value))})`;
    }
    case 'checklist': {
      const items = question.items ?? [];
      if (!Array.isArray(value)) return t`expected a list of item values`;
      const seen = new Set<string>();
      for (const v of value as unknown[]) {
        if (typeof v !== 'string') return t`expected a list of item values (strings)`;
        if (!items.some((item) => item.value === v)) return t`unknown item "${v}" (expected some of ${quote(items.map((i) => i.value))})`;
        if (seen.has(v)) return t`duplicate item "${v}"`;
        seen.add(v);
      }
      return null;
    }
    default:
      return t`unknown question type "${String((question as { type: unknown }).type)}"`;
  }
}

/** Validates a map of answers (question code → value); each issue's path is the question code. */
export function validateAnswers(q: Questionnaire, answers: Record<string, unknown>): ValidationIssue[] {
  if (!isObj(answers)) return [{ path: '', message: t`answers must be an object mapping question codes to values` }];
  const byCode = new Map<string, Question>();
  for (const indicator of q.indicators) for (const question of indicator.questions) byCode.set(question.code, question);
  const issues: ValidationIssue[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const question = byCode.get(code);
    if (!question) {
      issues.push({ path: code, message: t`unknown question "${code}"` });
      continue;
    }
    const message = validateAnswer(question, value);
    if (message !== null) issues.push({ path: code, message });
  }
  return issues;
}

/** Checks visitation and presentation scores against a period (each score 0–100, aspects as declared). */
export function validateStageScores(
  period: PeriodScoring,
  scores: { visitation?: unknown; presentation?: unknown },
): ValidationIssue[] {
  const issues = new Issues();
  const holder: Obj = { visitation: scores.visitation, presentation: scores.presentation };
  if (holder.visitation !== undefined && holder.visitation !== null) {
    if (period.stages.visitation === undefined) issues.add('visitation', t`the period has no visitation stage`);
    else issues.decimal(holder, 'visitation', '', { min: 0, max: 100 });
  }
  if (holder.presentation !== undefined && holder.presentation !== null) {
    const jurors = holder.presentation;
    if (!Array.isArray(jurors)) issues.add('presentation', t`must be an array with one object of aspect scores per juror`);
    else if (jurors.length > 0 && period.stages.presentation === undefined) issues.add('presentation', t`the period has no presentation stage`);
    else {
      const aspects = Object.keys(period.presentationAspects);
      jurors.forEach((juror: unknown, i) => {
        const at = join('presentation', i);
        if (!isObj(juror)) {
          issues.add(at, t`must be an object of aspect scores`);
          return;
        }
        issues.onlyKeys(juror, aspects, at);
        for (const aspect of aspects) issues.decimal(juror, aspect, at, { min: 0, max: 100 });
      });
    }
  }
  return issues.list;
}

/**
 * The questions that block submission for lack of evidence (docs/scoring.md §3): evidence "required",
 * answered, and not in `withEvidence` (the codes whose answer has a link or a file). Such answers
 * can still be saved as drafts. Questionnaire order.
 */
export function questionsLackingEvidence(q: Questionnaire, answers: Record<string, unknown>, withEvidence: ReadonlySet<string>): string[] {
  const lacking: string[] = [];
  for (const indicator of q.indicators) {
    for (const question of indicator.questions) {
      if (question.evidence === 'required' && answers[question.code] !== undefined && !withEvidence.has(question.code)) lacking.push(question.code);
    }
  }
  return lacking;
}
