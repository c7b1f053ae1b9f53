// A participant's scores (docs/scoring.md §4–§6): indicator scores, self-assessed and verified SAQ,
// stage scores, the final score (advanced, not advanced, provisional, not submitted) and the band.
// Everything is computed exactly (see rational.ts); the Dec fields of the result are 40-digit
// decimals materialised on first read, and the rounded score and band come from the exact value.
import { adjustmentSum, applyAdjustment } from './adjustments.ts';
import { answerIndex, compileQuestionnaire, type CompiledQuestionnaire } from './compile.ts';
import { bandForCents, compilePeriod, presentationRat, stageValue, type CompiledPeriod } from './compile-period.ts';
import type { Dec } from './decimal.ts';
import { must } from '../must.ts';
import { HUNDRED, ZERO, add, centsToDec, div, fracRound2Cents, fracToDec, mul, ratToDec, type Rat } from './rational.ts';
import type {
  Adjustment, AnswerValue, Band, IndicatorScore, ParticipantInput, Questionnaire, ParticipantScore, ParticipantStatus, StageName, SubIndicatorScore,
} from './types.ts';

/** Per-indicator points of a set of answers, and how many questions have an answer. */
function indicatorPoints(cq: CompiledQuestionnaire, answers: Record<string, unknown>): { points: bigint[]; answered: number } {
  const questions = cq.questions;
  let answered = 0;
  if (cq.safeIntegers) {
    // Exact integer sums (see CompiledQuestionnaire.safeIntegers); converted to BigInt once per indicator.
    const sums: number[] = new Array<number>(cq.indicators.length).fill(0);
    for (const question of questions) {
      const index = answerIndex(question, answers[question.code]);
      if (index < 0) continue;
      answered++;
      const k = question.indicatorIndex;
      sums[k] = must(sums[k], 'an indicator sum') + must(question.pointsSafe[index], 'the points of an answer');
    }
    return { points: sums.map((sum) => BigInt(sum)), answered };
  }
  const points: bigint[] = new Array<bigint>(cq.indicators.length).fill(0n);
  for (const question of questions) {
    const index = answerIndex(question, answers[question.code]);
    if (index < 0) continue;
    answered++;
    const k = question.indicatorIndex;
    points[k] = must(points[k], 'an indicator sum') + must(question.points[index], 'the points of an answer');
  }
  return { points, answered };
}

const NO_POINTS: readonly bigint[] = [];

/**
 * Per-sub-indicator points of a set of answers (CompiledQuestionnaire.subIndicators order): reported
 * only, never part of I_k or the SAQ. Nothing to add up for a questionnaire without sub-indicators.
 */
function subIndicatorPoints(cq: CompiledQuestionnaire, answers: Record<string, unknown>): readonly bigint[] {
  if (cq.subIndicators.length === 0) return NO_POINTS;
  const points = new Array<bigint>(cq.subIndicators.length).fill(0n);
  for (const question of cq.questions) {
    const group = question.subIndicatorIndex;
    if (group < 0) continue;
    const index = answerIndex(question, answers[question.code]);
    if (index < 0) continue;
    points[group] = (points[group] ?? 0n) + (question.points[index] ?? 0n);
  }
  return points;
}

function saqNumerator(cq: CompiledQuestionnaire, points: bigint[]): bigint {
  let sum = 0n;
  let k = 0;
  for (const indicator of cq.indicators) sum += indicator.saqMultiplier * must(points[k++], 'the points of an indicator');
  return sum;
}

/** What a participant's answers and stage scores measure, before advancement is applied. */
export interface Measurement {
  readonly cq: CompiledQuestionnaire;
  readonly cp: CompiledPeriod;
  readonly selfPoints: bigint[];
  readonly verifiedPoints: bigint[];
  /** Points per sub-indicator (empty without sub-indicators). */
  readonly selfSubPoints: readonly bigint[];
  readonly verifiedSubPoints: readonly bigint[];
  readonly selfSaq: Rat;
  readonly verifiedSaq: Rat;
  /** Exact visitation and presentation scores; null when missing (or not a stage of the period). */
  readonly visitation: Rat | null;
  readonly presentation: Rat | null;
  readonly decided: number;
}

/** Everything scoreParticipant and explainParticipant derive, kept exact. */
export interface Evaluation extends Measurement {
  readonly status: ParticipantStatus;
  readonly advanced: boolean;
  readonly complete: boolean;
  readonly finalScore: Rat | null;
  readonly finalCents: bigint | null;
  readonly band: Band | null;
  /** The adjustments given (§5), their exact sum, whether finalScore includes them, and the score before. */
  readonly adjustments: readonly Adjustment[];
  readonly adjustmentTotal: Rat;
  readonly adjustmentsApplied: boolean;
  readonly baseScore: Rat | null;
}

export type MeasureInput = Omit<ParticipantInput, 'advanced' | 'submitted' | 'adjustments'>;

const NO_ADJUSTMENTS: readonly Adjustment[] = [];

export function measure(input: MeasureInput): Measurement {
  const cq = compileQuestionnaire(input.questionnaire);
  const cp = compilePeriod(input.period);
  const self = indicatorPoints(cq, input.selfAnswers);
  const verified = indicatorPoints(cq, input.verifiedAnswers);
  const hasVisitation = cp.period.stages.visitation !== undefined;
  const hasPresentation = cp.period.stages.presentation !== undefined;
  return {
    cq, cp, selfPoints: self.points, verifiedPoints: verified.points,
    selfSubPoints: subIndicatorPoints(cq, input.selfAnswers), verifiedSubPoints: subIndicatorPoints(cq, input.verifiedAnswers),
    selfSaq: { n: saqNumerator(cq, self.points), d: cq.saqDenominator },
    verifiedSaq: { n: saqNumerator(cq, verified.points), d: cq.saqDenominator },
    visitation: hasVisitation && input.visitation !== null && input.visitation !== undefined ? stageValue(input.visitation, 'visitation') : null,
    presentation: hasPresentation ? presentationRat(cp.aspects, cp.aspectWeightSum, input.presentation ?? []) : null,
    decided: verified.answered,
  };
}

/** A stage's exact score in a measurement; null when missing. */
export function stageScore(m: Measurement, stage: StageName): Rat | null {
  return stage === 'saq' ? m.verifiedSaq : stage === 'visitation' ? m.visitation : m.presentation;
}

/** The share (in %) each stage has in the final score; stages that do not count are absent. */
export function effectiveWeights(e: Evaluation): Map<StageName, Rat> {
  const weights = new Map<StageName, Rat>();
  if (e.status === 'not_submitted') return weights;
  if (!e.advanced) return weights.set('saq', HUNDRED);
  const present = e.cp.stages.filter((s) => stageScore(e, s.name) !== null);
  const presentWeight = present.reduce((sum, s) => add(sum, s.weight), ZERO);
  for (const s of present) weights.set(s.name, div(mul(s.weight, HUNDRED), presentWeight));
  return weights;
}

/**
 * Applies advancement, submission and adjustments to a measurement: final score, status and band
 * (§5, §6). Adjustments count only for a complete participant with status `scored`:
 * min(100, max(0, base + Σ points)); the rounding and the band follow from that value.
 */
export function finalise(m: Measurement, advancedInput: boolean, submitted: boolean, adjustments: readonly Adjustment[] = NO_ADJUSTMENTS): Evaluation {
  const { cp, verifiedSaq } = m;
  let status: ParticipantStatus;
  let advanced = advancedInput;
  let finalScore: Rat | null;
  if (!submitted) {
    status = 'not_submitted';
    advanced = false;
    finalScore = cp.period.nonSubmitters === 'tidak_informatif' ? ZERO : null;
  } else if (!advanced) {
    // A participant that did not advance keeps its verified SAQ as its final score.
    status = 'scored';
    finalScore = verifiedSaq;
  } else {
    // Advanced: the weighted mean over the stages present; provisional while one is missing.
    let presentWeight = ZERO;
    let numerator = ZERO;
    let missing = false;
    for (const s of cp.stages) {
      const score = stageScore(m, s.name);
      if (score === null) missing = true;
      else {
        presentWeight = add(presentWeight, s.weight);
        numerator = add(numerator, mul(s.weight, score));
      }
    }
    status = missing ? 'provisional' : 'scored';
    finalScore = div(numerator, presentWeight);
  }
  const baseScore = finalScore;
  const adjustmentTotal = adjustments.length === 0 ? ZERO : adjustmentSum(adjustments);
  const adjustmentsApplied = adjustments.length > 0 && status === 'scored' && finalScore !== null;
  if (adjustmentsApplied && finalScore !== null) finalScore = applyAdjustment(finalScore, adjustmentTotal);
  const finalCents = finalScore === null ? null : fracRound2Cents(finalScore.n, finalScore.d);
  let band: Band | null = null;
  if (status === 'not_submitted') band = finalScore === null ? null : cp.lowestBand;
  else if (finalCents !== null) band = bandForCents(cp, finalCents);
  // Fields listed one by one: an object spread of the measurement is ten times slower here.
  return {
    cq: m.cq, cp, selfPoints: m.selfPoints, verifiedPoints: m.verifiedPoints,
    selfSubPoints: m.selfSubPoints, verifiedSubPoints: m.verifiedSubPoints, selfSaq: m.selfSaq, verifiedSaq,
    visitation: m.visitation, presentation: m.presentation, decided: m.decided,
    status, advanced, complete: finalScore !== null && status !== 'provisional', finalScore, finalCents, band,
    adjustments, adjustmentTotal, adjustmentsApplied, baseScore,
  };
}

export function evaluate(input: ParticipantInput): Evaluation {
  return finalise(measure(input), input.advanced, input.submitted, input.adjustments);
}

function indicatorScores(e: Evaluation): IndicatorScore[] {
  let firstSub = 0;
  return e.cq.indicators.map((indicator, k): IndicatorScore => {
    const verified = must(e.verifiedPoints[k], 'the verified points of an indicator');
    const self = must(e.selfPoints[k], 'the self-assessed points of an indicator');
    let score: Dec | undefined;
    let contribution: Dec | undefined;
    let selfScore: Dec | undefined;
    // Decimal materialisation is the slowest step, so each value is computed on first read.
    const result: IndicatorScore = {
      code: indicator.code,
      name: indicator.name,
      weight: indicator.weightText,
      get score() { return (score ??= fracToDec(100n * verified, indicator.scale)); },
      set score(v: Dec) { score = v; },
      get contribution() { return (contribution ??= fracToDec(indicator.weight.n * verified, indicator.weight.d * indicator.scale)); },
      set contribution(v: Dec) { contribution = v; },
      get selfScore() { return (selfScore ??= fracToDec(100n * self, indicator.scale)); },
      set selfScore(v: Dec) { selfScore = v; },
    };
    // Only a grouped indicator has the member at all, so an ungrouped one reads (and stores) as before.
    if (indicator.subIndicators.length > 0) {
      const first = firstSub;
      result.subIndicators = indicator.subIndicators.map((sub, n) => subIndicatorScore(e, first + n, sub.code, sub.name, sub.full));
    }
    firstSub += indicator.subIndicators.length;
    return result;
  });
}

/** 100 · points / full: exactly 100 · Σ w·s / Σ w over the sub-indicator's questions (see CompiledSubIndicator). */
function subIndicatorScore(e: Evaluation, index: number, code: string, name: string, full: bigint): SubIndicatorScore {
  let score: Dec | undefined;
  let selfScore: Dec | undefined;
  return {
    code,
    name,
    get score() { return (score ??= fracToDec(100n * (e.verifiedSubPoints[index] ?? 0n), full)); },
    set score(v: Dec) { score = v; },
    get selfScore() { return (selfScore ??= fracToDec(100n * (e.selfSubPoints[index] ?? 0n), full)); },
    set selfScore(v: Dec) { selfScore = v; },
  };
}

/** The scores of one participant (docs/scoring.md §4–§6). Answers must be valid (see validateAnswers). */
export function scoreParticipant(input: ParticipantInput): ParticipantScore {
  return toParticipantScore(evaluate(input));
}

/** One SAQ score (self-assessed or verified, by the answers given): what advancement compares. */
export function saqScore(questionnaire: Questionnaire, answers: Record<string, AnswerValue>): Dec {
  const cq = compileQuestionnaire(questionnaire);
  return fracToDec(saqNumerator(cq, indicatorPoints(cq, answers).points), cq.saqDenominator);
}

function stageDecs(e: Evaluation, saq: () => Dec): ParticipantScore['stages'] {
  const stages = {} as ParticipantScore['stages'];
  for (const { name } of e.cp.stages) {
    const value = stageScore(e, name);
    if (name === 'saq') stages.saq = saq();
    else stages[name] = value === null ? null : ratToDec(value);
  }
  return stages;
}

/**
 * The public result. Its Dec fields are exact values rounded to 40 significant digits, computed on
 * first read and then kept (plain enumerable, assignable properties, so spreading, JSON and deep
 * equality work as on a plain object). Rounded score, band and status are computed eagerly.
 */
export function toParticipantScore(e: Evaluation): ParticipantScore {
  let selfAssessedSaq: Dec | undefined;
  let verifiedSaq: Dec | undefined;
  let stages: ParticipantScore['stages'] | undefined;
  let finalScore: Dec | null | undefined;
  let indicators: IndicatorScore[] | undefined;
  let adjustmentTotal: Dec | undefined;
  let baseScore: Dec | null | undefined;
  const verified = (): Dec => (verifiedSaq ??= ratToDec(e.verifiedSaq));
  const final = (): Dec | null => (finalScore !== undefined ? finalScore : (finalScore = e.finalScore === null ? null : ratToDec(e.finalScore)));
  return {
    status: e.status,
    get selfAssessedSaq() { return (selfAssessedSaq ??= ratToDec(e.selfSaq)); },
    set selfAssessedSaq(v: Dec) { selfAssessedSaq = v; },
    get verifiedSaq() { return verified(); },
    set verifiedSaq(v: Dec) { verifiedSaq = v; },
    get stages() { return (stages ??= stageDecs(e, verified)); },
    set stages(v: ParticipantScore['stages']) { stages = v; },
    advanced: e.advanced,
    complete: e.complete,
    get finalScore() { return final(); },
    set finalScore(v: Dec | null) { finalScore = v; },
    finalScoreRounded: e.finalCents === null ? null : centsToDec(e.finalCents),
    band: e.band === null ? null : { code: e.band.code, label: e.band.label },
    get indicators() { return (indicators ??= indicatorScores(e)); },
    set indicators(v: IndicatorScore[]) { indicators = v; },
    progress: { decided: e.decided, total: e.cq.questions.length },
    get adjustmentTotal() { return (adjustmentTotal ??= ratToDec(e.adjustmentTotal)); },
    set adjustmentTotal(v: Dec) { adjustmentTotal = v; },
    adjustmentsApplied: e.adjustmentsApplied,
    get baseScore() {
      if (baseScore !== undefined) return baseScore;
      return (baseScore = !e.adjustmentsApplied ? final() : e.baseScore === null ? null : ratToDec(e.baseScore));
    },
    set baseScore(v: Dec | null) { baseScore = v; },
  };
}
