// A participant's scores (SCORING.md §4–§6): indicator scores, self-assessed and verified SAQ,
// stage scores, the final score (advanced, not advanced, provisional, not submitted) and the band.
// Everything is computed exactly (see rational.ts); the Dec fields of the result are 40-digit
// decimals materialised on first read, and the rounded score and band come from the exact value.
import { bandForRounded, lowestBand } from './bands.ts';
import { answerPoints, compileQuestionnaire, type CompiledQuestionnaire } from './compile.ts';
import { D, type Dec } from './decimal.ts';
import {
  HUNDRED, ZERO, add, centsToDec, cmp, div, fracRound2Cents, fracToDec, mul, rat, ratOf, ratToDec, type Rat,
} from './rational.ts';
import type {
  Band, IndicatorScore, ParticipantInput, ParticipantScore, ParticipantStatus, PeriodScoring, StageName,
} from './types.ts';

export interface CompiledPeriod {
  readonly period: PeriodScoring;
  /** The period's stages in the order saq, visitation, presentation, with exact weights. */
  readonly stages: readonly { name: StageName; weightText: string; weight: Rat }[];
  readonly saqWeight: Rat;
  readonly aspects: readonly { name: string; weight: Rat }[];
  readonly aspectWeightSum: Rat;
  readonly lowestBand: Band;
}

const periodCache = new WeakMap<PeriodScoring, CompiledPeriod>();

export function compilePeriod(period: PeriodScoring): CompiledPeriod {
  const cached = periodCache.get(period);
  if (cached) return cached;
  const stages = (['saq', 'visitation', 'presentation'] as const)
    .filter((name) => period.stages[name] !== undefined)
    .map((name) => {
      const raw = period.stages[name] as number | string;
      return { name, weightText: ratToDec(ratOf(raw)).toString(), weight: ratOf(raw) };
    });
  const aspects = Object.entries(period.presentationAspects).map(([name, w]) => ({ name, weight: ratOf(w) }));
  const compiled: CompiledPeriod = {
    period,
    stages,
    saqWeight: ratOf(period.stages.saq),
    aspects,
    aspectWeightSum: aspects.reduce((sum, a) => add(sum, a.weight), ZERO),
    lowestBand: lowestBand(period.bands),
  };
  periodCache.set(period, compiled);
  return compiled;
}

/** A stage score 0–100 (visitation, a juror's aspect score) read exactly; out of range throws. */
function stageValue(value: number | string, what: string): Rat {
  const r = ratOf(value);
  if (cmp(r, ZERO) < 0 || cmp(r, HUNDRED) > 0) throw new RangeError(`${what} must be between 0 and 100`);
  return r;
}

/** The presentation score as an exact rational: the mean of the jurors' weighted means. */
export function presentationRat(aspects: CompiledPeriod['aspects'], weightSum: Rat, juries: Record<string, number | string>[]): Rat | null {
  if (juries.length === 0) return null;
  if (aspects.length === 0) throw new RangeError('presentation scores given but the period declares no presentation aspects');
  let total = ZERO;
  juries.forEach((juror, i) => {
    let weighted = ZERO;
    for (const aspect of aspects) {
      const value = juror[aspect.name];
      if (value === undefined) throw new RangeError(`presentation[${i}].${aspect.name} is missing`);
      weighted = add(weighted, mul(aspect.weight, stageValue(value, `presentation[${i}].${aspect.name}`)));
    }
    for (const key of Object.keys(juror)) {
      if (!aspects.some((a) => a.name === key)) throw new RangeError(`presentation[${i}].${key} is not an aspect of the period`);
    }
    total = add(total, div(weighted, weightSum));
  });
  return div(total, rat(BigInt(juries.length)));
}

/** The presentation stage score: the arithmetic mean of the jurors' weighted means; null without jurors. */
export function presentationScore(aspects: PeriodScoring['presentationAspects'], juries: Record<string, number | string>[]): Dec | null {
  const list = Object.entries(aspects).map(([name, w]) => ({ name, weight: ratOf(w) }));
  const r = presentationRat(list, list.reduce((sum, a) => add(sum, a.weight), ZERO), juries);
  return r === null ? null : new D(r.n.toString()).div(r.d.toString());
}

/** Per-indicator points of a set of answers; `decided` counts the questions that have an answer. */
export function indicatorPoints(cq: CompiledQuestionnaire, answers: Record<string, unknown>): { points: bigint[]; answered: number } {
  const points: bigint[] = new Array<bigint>(cq.indicators.length).fill(0n);
  let answered = 0;
  const questions = cq.questions;
  for (let i = 0; i < questions.length; i++) {
    const question = questions[i];
    const value = answers[question.code];
    if (value === undefined) continue;
    answered++;
    const p = answerPoints(question, value);
    if (p !== 0n) points[question.indicatorIndex] += p;
  }
  return { points, answered };
}

function saqNumerator(cq: CompiledQuestionnaire, points: bigint[]): bigint {
  let sum = 0n;
  for (let k = 0; k < points.length; k++) sum += cq.indicators[k].saqMultiplier * points[k];
  return sum;
}

/** Everything scoreParticipant and explainParticipant derive, kept exact. */
export interface Evaluation {
  readonly cq: CompiledQuestionnaire;
  readonly cp: CompiledPeriod;
  readonly selfPoints: bigint[];
  readonly verifiedPoints: bigint[];
  readonly selfSaq: Rat;
  readonly verifiedSaq: Rat;
  readonly status: ParticipantStatus;
  readonly advanced: boolean;
  readonly complete: boolean;
  /** Stage → exact score (null = missing), for the stages the period has. */
  readonly stageScores: ReadonlyMap<StageName, Rat | null>;
  /** Stage → the share (in %) it has in the final score, for the stages that count. */
  readonly effectiveWeights: ReadonlyMap<StageName, Rat>;
  readonly finalScore: Rat | null;
  readonly finalCents: bigint | null;
  readonly band: Band | null;
  readonly decided: number;
}

export function evaluate(input: ParticipantInput): Evaluation {
  const cq = compileQuestionnaire(input.questionnaire);
  const cp = compilePeriod(input.period);
  const self = indicatorPoints(cq, input.selfAnswers);
  const verified = indicatorPoints(cq, input.verifiedAnswers);
  const selfSaq: Rat = { n: saqNumerator(cq, self.points), d: cq.saqDenominator };
  const verifiedSaq: Rat = { n: saqNumerator(cq, verified.points), d: cq.saqDenominator };

  const stageScores = new Map<StageName, Rat | null>();
  for (const stage of cp.stages) {
    if (stage.name === 'saq') stageScores.set('saq', verifiedSaq);
    else if (stage.name === 'visitation') {
      stageScores.set('visitation', input.visitation === null || input.visitation === undefined ? null : stageValue(input.visitation, 'visitation'));
    } else stageScores.set('presentation', presentationRat(cp.aspects, cp.aspectWeightSum, input.presentation ?? []));
  }

  const effectiveWeights = new Map<StageName, Rat>();
  let status: ParticipantStatus;
  let advanced = input.advanced;
  let finalScore: Rat | null;
  if (!input.submitted) {
    status = 'not_submitted';
    advanced = false;
    finalScore = cp.period.nonSubmitters === 'tidak_informatif' ? ZERO : null;
  } else if (!advanced) {
    status = 'scored';
    effectiveWeights.set('saq', HUNDRED);
    finalScore = verifiedSaq;
  } else {
    const present = cp.stages.filter((s) => stageScores.get(s.name) !== null);
    status = present.length === cp.stages.length ? 'scored' : 'provisional';
    const presentWeight = present.reduce((sum, s) => add(sum, s.weight), ZERO);
    let numerator = ZERO;
    for (const s of present) {
      effectiveWeights.set(s.name, div(mul(s.weight, HUNDRED), presentWeight));
      numerator = add(numerator, mul(s.weight, stageScores.get(s.name) as Rat));
    }
    finalScore = div(numerator, presentWeight);
  }
  const finalCents = finalScore === null ? null : fracRound2Cents(finalScore.n, finalScore.d);
  let band: Band | null = null;
  if (status === 'not_submitted') band = finalScore === null ? null : cp.lowestBand;
  else if (finalCents !== null) band = bandForRounded(cp.period.bands, centsToDec(finalCents));
  return {
    cq, cp, selfPoints: self.points, verifiedPoints: verified.points, selfSaq, verifiedSaq, status, advanced,
    complete: finalScore !== null && status !== 'provisional',
    stageScores, effectiveWeights, finalScore, finalCents, band, decided: verified.answered,
  };
}

/** A property computed on first read and then kept; still enumerable and assignable like a plain field. */
function lazy<T extends object, V>(target: T, key: string, compute: () => V): void {
  let value: V | undefined;
  let done = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
    set: (v: V) => {
      value = v;
      done = true;
    },
  });
}

export function indicatorScores(e: Evaluation): IndicatorScore[] {
  return e.cq.indicators.map((indicator, k) => {
    const score = { code: indicator.code, name: indicator.name, weight: indicator.weightText } as IndicatorScore;
    const verified = e.verifiedPoints[k];
    lazy(score, 'score', () => fracToDec(100n * verified, indicator.scale));
    lazy(score, 'contribution', () => fracToDec(indicator.weight.n * verified, indicator.weight.d * indicator.scale));
    lazy(score, 'selfScore', () => fracToDec(100n * e.selfPoints[k], indicator.scale));
    return score;
  });
}

/** The scores of one participant (SCORING.md §4–§6). Answers must be valid (see validateAnswers). */
export function scoreParticipant(input: ParticipantInput): ParticipantScore {
  const e = evaluate(input);
  return toParticipantScore(e);
}

export function toParticipantScore(e: Evaluation): ParticipantScore {
  const score = { status: e.status } as ParticipantScore;
  lazy(score, 'selfAssessedSaq', () => ratToDec(e.selfSaq));
  lazy(score, 'verifiedSaq', () => ratToDec(e.verifiedSaq));
  lazy(score, 'stages', () => {
    const stages = {} as ParticipantScore['stages'];
    for (const [name, value] of e.stageScores) {
      if (name === 'saq') lazy(stages, 'saq', () => score.verifiedSaq);
      else lazy(stages, name, () => (value === null ? null : ratToDec(value)));
    }
    return stages;
  });
  score.advanced = e.advanced;
  score.complete = e.complete;
  lazy(score, 'finalScore', () => (e.finalScore === null ? null : ratToDec(e.finalScore)));
  score.finalScoreRounded = e.finalCents === null ? null : centsToDec(e.finalCents);
  score.band = e.band === null ? null : { code: e.band.code, label: e.band.label };
  lazy(score, 'indicators', () => indicatorScores(e));
  score.progress = { decided: e.decided, total: e.cq.questions.length };
  return score;
}
