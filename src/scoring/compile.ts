// A questionnaire compiled once for fast, exact scoring of many participants (docs/scoring.md §3–§4).
//
// For indicator k with question weights w_q, every possible answer's w_q·s(q) is scaled by one
// integer D_k into an exact BigInt "points" value, so that
//     I_k = 100 · points_k / T_k            with T_k = D_k · Σ_q w_q
//     SAQ = Σ_k m_k · points_k / L          with L = lcm_k(den(W_k) · T_k), m_k = W_k · L / T_k
// Scoring a participant is then one table lookup and one BigInt addition per answer: no rounding
// anywhere, whatever the weights (thirds from checklists included).
import { toDec, type Dec } from './decimal.ts';
import { fracToDec, lcm, rat, ratOf, type Rat } from './rational.ts';
import type { AnswerValue, Question, QuestionType, Questionnaire } from './types.ts';
import { formatIssues } from './issues.ts';
import { validateQuestionnaire } from './validate-questionnaire.ts';
import { must } from '../must.ts';

export interface CompiledQuestion {
  readonly question: Question;
  readonly code: string;
  readonly type: QuestionType;
  readonly indicatorIndex: number;
  /** Index in CompiledQuestionnaire.subIndicators, or -1 when the question is not grouped. */
  readonly subIndicatorIndex: number;
  readonly weight: Rat;
  /** Points for a full answer (s = 1); the s(q) of an answer is points / full. */
  readonly full: bigint;
  /**
   * Points by answer index (see answerIndex): yes_no [false, true], choice by option, checklist by
   * the number of items listed.
   */
  readonly points: readonly bigint[];
  /** The same points as safe integers, when the questionnaire's totals allow it (see safeIntegers). */
  readonly pointsSafe: readonly number[];
  /** choice: option value → answer index. */
  readonly optionIndex: ReadonlyMap<string, number> | null;
  /** checklist: the item values. */
  readonly items: ReadonlySet<string> | null;
}

/**
 * A sub-indicator: a group of one indicator's questions. Its percentage is 100 · points / full over its
 * questions, where full is the sum of their full points: the indicator's scale D_k cancels out, so this
 * is exactly 100 · Σ w·s / Σ w (docs/scoring.md §8). It takes no part in I_k or the SAQ.
 */
export interface CompiledSubIndicator {
  readonly code: string;
  readonly name: string;
  readonly indicatorIndex: number;
  /** Σ of its questions' full points. */
  readonly full: bigint;
  readonly questions: readonly CompiledQuestion[];
}

export interface CompiledIndicator {
  readonly code: string;
  readonly name: string;
  readonly weightText: string;
  readonly weight: Rat;
  /** T_k = D_k · Σ w_q: I_k = 100 · points / T_k. */
  readonly scale: bigint;
  /** m_k: the indicator's multiplier in the SAQ numerator. */
  readonly saqMultiplier: bigint;
  /** Σ_q w_q. */
  readonly weightSum: Rat;
  readonly questions: readonly CompiledQuestion[];
  /** Its sub-indicators in declared order; empty when its questions are not grouped. */
  readonly subIndicators: readonly CompiledSubIndicator[];
}

export interface CompiledQuestionnaire {
  readonly questionnaire: Questionnaire;
  readonly indicators: readonly CompiledIndicator[];
  readonly questions: readonly CompiledQuestion[];
  /** Every indicator's sub-indicators, indicator by indicator (CompiledQuestion.subIndicatorIndex). */
  readonly subIndicators: readonly CompiledSubIndicator[];
  readonly byCode: ReadonlyMap<string, CompiledQuestion>;
  /** L: SAQ = Σ_k m_k · points_k / L. */
  readonly saqDenominator: bigint;
  /**
   * True when every indicator's total of full points is at most 2^53 − 1, so points can be summed
   * as JS integers: each partial sum is then an integer a double holds exactly, and the sum is the
   * same integer BigInt would give, without allocating a BigInt per answer. Otherwise BigInt is used.
   */
  readonly safeIntegers: boolean;
}

const cache = new WeakMap<Questionnaire, CompiledQuestionnaire>();

/**
 * Compiles a questionnaire; an invalid one throws (see validateQuestionnaire). The result is cached
 * per questionnaire object, so scoring many participants against the same object compiles it once;
 * a questionnaire is therefore treated as immutable once scored (copy it to change it).
 */
export function compileQuestionnaire(q: Questionnaire): CompiledQuestionnaire {
  const cached = cache.get(q);
  if (cached) return cached;
  const validation = validateQuestionnaire(q);
  if (!validation.ok) throw new TypeError(`invalid questionnaire: ${formatIssues(validation.errors)}`);
  const questions: CompiledQuestion[] = [];
  const byCode = new Map<string, CompiledQuestion>();
  const subIndicators: CompiledSubIndicator[] = [];
  const partial = q.indicators.map((indicator, k) => {
    // the global index of each of this indicator's sub-indicators, by code
    const firstSub = subIndicators.length;
    const subIndex = new Map((indicator.subIndicators ?? []).map((sub, n) => [sub.code, firstSub + n]));
    // Every s(q) is num/den; D_k must clear the denominators of all w_q·s(q) in the indicator.
    let scaleD = 1n;
    let weightSum = rat(0n);
    const weighted = indicator.questions.map((question) => {
      const w = ratOf(question.weight);
      weightSum = { n: weightSum.n * w.d + w.n * weightSum.d, d: weightSum.d * w.d };
      let den = w.d;
      if (question.type === 'choice') for (const o of question.options ?? []) den = lcm(den, w.d * ratOf(o.score).d);
      if (question.type === 'checklist') den = lcm(den, w.d * BigInt((question.items ?? []).length));
      scaleD = lcm(scaleD, den);
      return { question, w };
    });
    weightSum = rat(weightSum.n, weightSum.d);
    const points = (w: Rat, s: Rat): bigint => {
      const num = w.n * s.n * scaleD;
      const den = w.d * s.d;
      if (num % den !== 0n) throw new Error('internal error: points are not an integer');
      return num / den;
    };
    const compiledQuestions = weighted.map(({ question, w }): CompiledQuestion => {
      const full = points(w, rat(1n));
      let table: bigint[];
      let optionIndex: Map<string, number> | null = null;
      let items: Set<string> | null = null;
      if (question.type === 'choice') {
        const options = question.options ?? [];
        optionIndex = new Map(options.map((o, i) => [o.value, i]));
        table = options.map((o) => points(w, ratOf(o.score)));
      } else if (question.type === 'checklist') {
        const list = question.items ?? [];
        items = new Set(list.map((i) => i.value));
        table = list.map((_, c) => points(w, rat(BigInt(c), BigInt(list.length))));
        table.push(full);
      } else {
        table = [0n, full];
      }
      const compiled: CompiledQuestion = {
        question, code: question.code, type: question.type, indicatorIndex: k,
        subIndicatorIndex: question.subIndicator === undefined ? -1 : subIndex.get(question.subIndicator) ?? -1, weight: w, full,
        points: table, pointsSafe: table.map((p) => Number(p)), optionIndex, items,
      };
      questions.push(compiled);
      byCode.set(question.code, compiled);
      return compiled;
    });
    const own = (indicator.subIndicators ?? []).map((sub, n): CompiledSubIndicator => {
      const members = compiledQuestions.filter((cq) => cq.subIndicatorIndex === firstSub + n);
      return { code: sub.code, name: sub.name, indicatorIndex: k, full: members.reduce((sum, cq) => sum + cq.full, 0n), questions: members };
    });
    subIndicators.push(...own);
    const weight = ratOf(indicator.weight);
    // T_k = D_k · Σ w_q is an integer because D_k is a multiple of every den(w_q).
    const scale = (scaleD * weightSum.n) / weightSum.d;
    return { indicator, weight, scale, weightSum, questions: compiledQuestions, subIndicators: own };
  });
  let saqDenominator = 1n;
  for (const p of partial) saqDenominator = lcm(saqDenominator, p.weight.d * p.scale);
  const indicators = partial.map((p): CompiledIndicator => ({
    code: p.indicator.code,
    name: p.indicator.name,
    weightText: toDec(p.indicator.weight).toString(),
    weight: p.weight,
    scale: p.scale,
    saqMultiplier: (p.weight.n * saqDenominator) / (p.weight.d * p.scale),
    weightSum: p.weightSum,
    questions: p.questions,
    subIndicators: p.subIndicators,
  }));
  const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
  const safeIntegers = indicators.every((indicator) => indicator.questions.reduce((sum, question) => sum + question.full, 0n) <= maxSafe);
  const compiled: CompiledQuestionnaire = { questionnaire: q, indicators, questions, subIndicators, byCode, saqDenominator, safeIntegers };
  cache.set(q, compiled);
  return compiled;
}

export class InvalidAnswerError extends Error {
  constructor(readonly question: string, message: string) {
    super(`answer to question "${question}": ${message}`);
    this.name = 'InvalidAnswerError';
  }
}

/**
 * The index of an answer in the question's points table, or -1 for no answer. An invalid value
 * throws: a wrong type or an unknown option is never silently scored 0 (docs/scoring.md §3).
 */
export function answerIndex(cq: CompiledQuestion, value: unknown): number {
  if (value === undefined) return -1;
  switch (cq.type) {
    case 'yes_no':
      if (value === true) return 1;
      if (value === false) return 0;
      throw new InvalidAnswerError(cq.code, 'expected true or false');
    case 'choice': {
      const index = typeof value === 'string' ? cq.optionIndex!.get(value) : undefined;
      if (index === undefined) throw new InvalidAnswerError(cq.code, `unknown option ${JSON.stringify(value)}`);
      return index;
    }
    case 'checklist': {
      if (!Array.isArray(value)) throw new InvalidAnswerError(cq.code, 'expected a list of item values');
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (typeof item !== 'string' || !cq.items!.has(item)) throw new InvalidAnswerError(cq.code, `unknown item ${JSON.stringify(item)}`);
        for (let j = 0; j < i; j++) if (list[j] === item) throw new InvalidAnswerError(cq.code, `duplicate item "${item}"`);
      }
      return list.length;
    }
  }
}

/**
 * The answers that fit the questionnaire: those to one of its questions, with a value it accepts.
 * Returns the same object when all of them fit (the usual case), otherwise a copy without the rest.
 */
export function fittingAnswers<T>(questionnaire: Questionnaire, answers: Record<string, T>): Record<string, T> {
  const cq = compileQuestionnaire(questionnaire);
  const fits = (code: string): boolean => {
    const question = cq.byCode.get(code);
    if (!question) return false;
    try {
      answerIndex(question, answers[code]);
      return true;
    } catch (error) {
      if (error instanceof InvalidAnswerError) return false;
      throw error;
    }
  };
  for (const code in answers) {
    if (fits(code)) continue;
    const kept: Record<string, T> = {};
    for (const [c, value] of Object.entries(answers)) if (fits(c)) kept[c] = value;
    return kept;
  }
  return answers;
}

/** The points of one answer (0 for no answer); an invalid value throws. */
export function answerPoints(cq: CompiledQuestion, value: unknown): bigint {
  const index = answerIndex(cq, value);
  return index < 0 ? 0n : must(cq.points[index], 'the points of an answer');
}

/** s(q) ∈ [0, 1] for one answer (docs/scoring.md §3); no answer scores 0, an invalid value throws. */
export function answerScore(question: Question, value: AnswerValue | undefined): Dec {
  const cq = compileQuestion(question);
  return fracToDec(answerPoints(cq, value), cq.full);
}

const questionCache = new WeakMap<Question, CompiledQuestion>();

function compileQuestion(question: Question): CompiledQuestion {
  let compiled = questionCache.get(question);
  if (!compiled) {
    // alone in an indicator of its own, without the sub-indicator it may name
    const { subIndicator: _grouping, ...alone } = question;
    const q: Questionnaire = { code: 'q', title: 'q', indicators: [{ code: 'k', name: 'k', weight: 100, questions: [alone] }] };
    const [only] = compileQuestionnaire(q).questions;
    if (!only) throw new Error('internal error: a one-question questionnaire compiled to no question');
    compiled = only;
    questionCache.set(question, compiled);
  }
  return compiled;
}
