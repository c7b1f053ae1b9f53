// Scoring from raw JSON inputs: what the `kip-monev score` command and any import path need.
// Validates the questionnaire, the period settings and the answers file, decides advancement from
// the period's rule unless the answers file says, and returns the §9 report.
import { validateAdjustments } from './adjustments.ts';
import { scoringInputsHash } from './inputs-record.ts';
import { round2, type Dec } from './decimal.ts';
import { scoreCohort, type CohortMember } from './cohort.ts';
import { EVALUATION_STAGES, evaluationOrderOf } from './evaluation-order.ts';
import type { Adjustment, AnswerValue, ParticipantInput, ParticipantScore, PeriodScoring, Questionnaire, Result, ValidationIssue } from './types.ts';
import { validateAnswers, validateStageScores } from './validate-answers.ts';
import { validatePeriodScoring } from './validate-period.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';
import { must } from '../must.ts';
import { t } from '../i18n/message.ts';

/** The §9 output. Scores are Decs rounded half up to 2 decimals (write them with toFixed(2)). */
export interface ScoreReport {
  status: ParticipantScore['status'];
  /** `subIndicators` only for an indicator whose questions are grouped (docs/scoring.md §8). */
  indicators: { code: string; name: string; score: Dec; contribution: Dec; subIndicators?: { code: string; name: string; score: Dec }[] }[];
  saq: Dec;
  stages: { saq: Dec; visitation?: Dec | null; presentation?: Dec | null };
  advanced: boolean;
  finalScore: Dec | null;
  /**
   * Only when the participant has adjustments (§5): their sum, whether finalScore includes them, and
   * the final score before them (2 decimals).
   */
  adjustments?: { total: Dec; applied: boolean; baseScore: Dec | null };
  band: { code: string; label: string } | null;
  complete: boolean;
  progress: { decided: number; total: number };
  /** SHA-256 over the canonical JSON of the scoring inputs (scoringInputsHash). */
  inputsHash: string;
}

/** The §9 report of a score; `period` only orders the stages (its evaluationOrder), as the API lists them. */
export function scoreReport(score: ParticipantScore, inputsHash: string, period?: PeriodScoring, hasAdjustments = false): ScoreReport {
  const stages: ScoreReport['stages'] = { saq: round2(score.stages.saq) };
  const order = period ? evaluationOrderOf(period) : EVALUATION_STAGES;
  for (const stage of order) {
    const value = score.stages[stage];
    if (value !== undefined) stages[stage] = value === null ? null : round2(value);
  }
  return {
    status: score.status,
    indicators: score.indicators.map((i) => ({
      code: i.code, name: i.name, score: round2(i.score), contribution: round2(i.contribution),
      ...(i.subIndicators ? { subIndicators: i.subIndicators.map((sub) => ({ code: sub.code, name: sub.name, score: round2(sub.score) })) } : {}),
    })),
    saq: round2(score.verifiedSaq),
    stages,
    advanced: score.advanced,
    finalScore: score.finalScoreRounded,
    ...(hasAdjustments ? {
      adjustments: { total: round2(score.adjustmentTotal), applied: score.adjustmentsApplied, baseScore: score.baseScore === null ? null : round2(score.baseScore) },
    } : {}),
    band: score.band,
    complete: score.complete,
    progress: score.progress,
    inputsHash,
  };
}

export interface ScoreFromJsonInput {
  /** A questionnaire as parsed JSON. */
  questionnaire: unknown;
  /** `{ "answers": {...}, "visitation"?, "presentation"?, "advanced"?, "submitted"?, "adjustments"? }` as parsed JSON. */
  answers: unknown;
  /** Period scoring settings as parsed JSON; absent parts take the defaults. */
  period?: unknown;
}

export interface ScoreFromJson {
  input: ParticipantInput;
  score: ParticipantScore;
  report: ScoreReport;
}

function prefixed(prefix: string, errors: ValidationIssue[]): ValidationIssue[] {
  return errors.map((e) => ({ path: e.path ? `${prefix}.${e.path}` : prefix, message: e.message }));
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Scores one participant from parsed JSON (docs/scoring.md §9). The answers are taken as the verified
 * (and self-assessed) answers. `advanced` in the answers file overrides the period's rule; without
 * it `none` advances, `min_score` compares the verified SAQ, and `top_per_category` is an error
 * (one participant cannot be ranked against its category). Error paths start with
 * `questionnaire`, `period` or `answers`.
 */
export function scoreFromJson(raw: ScoreFromJsonInput): Result<ScoreFromJson> {
  const q = validateQuestionnaire(raw.questionnaire);
  if (!q.ok) return { ok: false, errors: prefixed('questionnaire', q.errors) };
  const p = validatePeriodScoring(raw.period);
  if (!p.ok) return { ok: false, errors: prefixed('period', p.errors) };
  const a = raw.answers;
  if (!isObj(a)) return { ok: false, errors: [{ path: 'answers', message: t`the answers file must be a JSON object with an "answers" member` }] };
  const errors: ValidationIssue[] = [];
  const allowed = ['answers', 'visitation', 'presentation', 'advanced', 'submitted', 'adjustments'];
  for (const key of Object.keys(a)) {
    if (!allowed.includes(key)) errors.push({ path: `answers.${key}`, message: t`unknown property (allowed: ${allowed.join(', ')})` });
  }
  if (!isObj(a.answers)) errors.push({ path: 'answers.answers', message: t`is required: an object mapping question codes to values` });
  else errors.push(...validateAnswers(q.value, a.answers).map((e) => ({ path: `answers.answers["${e.path}"]`, message: e.message })));
  errors.push(...prefixed('answers', validateStageScores(p.value, { visitation: a.visitation, presentation: a.presentation })));
  errors.push(...validateAdjustments(p.value, a.adjustments).map((e) => ({ path: `answers.adjustments${e.path}`, message: e.message })));
  for (const flag of ['advanced', 'submitted'] as const) {
    if (a[flag] !== undefined && typeof a[flag] !== 'boolean') errors.push({ path: `answers.${flag}`, message: t`must be true or false` });
  }
  if (a.advanced === undefined && p.value.advancement.rule === 'top_per_category') {
    errors.push({ path: 'answers.advanced', message: t`is required when the period advances the top n per category (one participant cannot apply that rule)` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: scoreValidated(q.value, p.value, a) };
}

function scoreValidated(questionnaire: Questionnaire, period: PeriodScoring, a: Record<string, unknown>): ScoreFromJson {
  const answers = a.answers as Record<string, AnswerValue>;
  const adjustments = (a.adjustments ?? []) as Adjustment[];
  const member: CohortMember = {
    id: 'participant',
    categoryId: 'category',
    questionnaire,
    selfAnswers: answers,
    verifiedAnswers: answers,
    visitation: (a.visitation ?? null) as number | string | null,
    presentation: (a.presentation ?? []) as Record<string, number | string>[],
    submitted: a.submitted !== false,
    advanced: a.advanced as boolean | undefined,
    ...(adjustments.length > 0 ? { adjustments: adjustments.map((x) => ({ points: x.points, reason: x.reason })) } : {}),
  };
  // A cohort of one applies `none` and `min_score` (on the exact verified SAQ) like a whole period would.
  const score = must(scoreCohort(period, [member])[0], 'the score of a cohort of one');
  const input: ParticipantInput = { ...member, period, advanced: score.advanced };
  return { input, score, report: scoreReport(score, scoringInputsHash(input), period, adjustments.length > 0) };
}
