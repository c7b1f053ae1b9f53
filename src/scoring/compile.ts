// A questionnaire compiled once for fast, exact scoring of many participants (SCORING.md §3–§4).
//
// For indicator k with question weights w_q, every possible answer's w_q·s(q) is scaled by one
// integer D_k into an exact BigInt "points" value, so that
//     I_k = 100 · points_k / T_k            with T_k = D_k · Σ_q w_q
//     SAQ = Σ_k m_k · points_k / L          with L = lcm_k(den(W_k) · T_k), m_k = W_k · L / T_k
// Scoring a participant is then one table lookup and one BigInt addition per answer: no rounding
// anywhere, whatever the weights (thirds from checklists included).
import { D, toDec, type Dec } from './decimal.ts';
import { lcm, rat, ratOf, type Rat } from './rational.ts';
import type { AnswerValue, Question, QuestionType, Questionnaire } from './types.ts';

export interface CompiledQuestion {
  readonly question: Question;
  readonly code: string;
  readonly type: QuestionType;
  readonly indicatorIndex: number;
  readonly weight: Rat;
  /** Points for a full answer (s = 1); the s(q) of an answer is points / full. */
  readonly full: bigint;
  /** choice: option value → points. */
  readonly options: ReadonlyMap<string, bigint> | null;
  /** checklist: item values; points for c items listed is perCount[c]. */
  readonly items: ReadonlySet<string> | null;
  readonly perCount: readonly bigint[] | null;
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
}

export interface CompiledQuestionnaire {
  readonly questionnaire: Questionnaire;
  readonly indicators: readonly CompiledIndicator[];
  readonly questions: readonly CompiledQuestion[];
  readonly byCode: ReadonlyMap<string, CompiledQuestion>;
  /** L: SAQ = Σ_k m_k · points_k / L. */
  readonly saqDenominator: bigint;
}

const cache = new WeakMap<Questionnaire, CompiledQuestionnaire>();

/**
 * Compiles a valid questionnaire (see validateQuestionnaire). The result is cached per questionnaire
 * object, so scoring many participants against the same object compiles it once.
 */
export function compileQuestionnaire(q: Questionnaire): CompiledQuestionnaire {
  const cached = cache.get(q);
  if (cached) return cached;
  const questions: CompiledQuestion[] = [];
  const byCode = new Map<string, CompiledQuestion>();
  const partial = q.indicators.map((indicator, k) => {
    // Every s(q) is num/den; D_k must clear the denominators of all w_q·s(q) in the indicator.
    let scaleD = 1n;
    let weightSum = rat(0n);
    const weights = indicator.questions.map((question) => {
      const w = ratOf(question.weight);
      weightSum = { n: weightSum.n * w.d + w.n * weightSum.d, d: weightSum.d * w.d };
      let den = w.d;
      if (question.type === 'choice') for (const o of question.options ?? []) den = lcm(den, w.d * ratOf(o.score).d);
      if (question.type === 'checklist') den = lcm(den, w.d * BigInt((question.items ?? []).length));
      scaleD = lcm(scaleD, den);
      return w;
    });
    weightSum = rat(weightSum.n, weightSum.d);
    const points = (w: Rat, s: Rat): bigint => {
      const num = w.n * s.n * scaleD;
      const den = w.d * s.d;
      if (num % den !== 0n) throw new Error('internal error: points are not an integer');
      return num / den;
    };
    const compiledQuestions = indicator.questions.map((question, j): CompiledQuestion => {
      const w = weights[j];
      const full = points(w, rat(1n));
      let options: Map<string, bigint> | null = null;
      let items: Set<string> | null = null;
      let perCount: bigint[] | null = null;
      if (question.type === 'choice') {
        options = new Map((question.options ?? []).map((o) => [o.value, points(w, ratOf(o.score))]));
      } else if (question.type === 'checklist') {
        const list = question.items ?? [];
        items = new Set(list.map((i) => i.value));
        perCount = list.map((_, c) => points(w, rat(BigInt(c), BigInt(list.length))));
        perCount.push(full);
      }
      const compiled: CompiledQuestion = {
        question, code: question.code, type: question.type, indicatorIndex: k, weight: w, full, options, items, perCount,
      };
      questions.push(compiled);
      byCode.set(question.code, compiled);
      return compiled;
    });
    const weight = ratOf(indicator.weight);
    // T_k = D_k · Σ w_q is an integer because D_k is a multiple of every den(w_q).
    const scale = (scaleD * weightSum.n) / weightSum.d;
    return { indicator, weight, scale, weightSum, questions: compiledQuestions };
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
  }));
  const compiled: CompiledQuestionnaire = { questionnaire: q, indicators, questions, byCode, saqDenominator };
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
 * The points of one answer (0 for no answer). An invalid value throws: a wrong type or an unknown
 * option is never silently scored 0 (SCORING.md §3).
 */
export function answerPoints(cq: CompiledQuestion, value: unknown): bigint {
  if (value === undefined) return 0n;
  switch (cq.type) {
    case 'yes_no':
      if (value === true) return cq.full;
      if (value === false) return 0n;
      throw new InvalidAnswerError(cq.code, 'expected true or false');
    case 'choice': {
      const points = typeof value === 'string' ? cq.options!.get(value) : undefined;
      if (points === undefined) throw new InvalidAnswerError(cq.code, `unknown option ${JSON.stringify(value)}`);
      return points;
    }
    case 'checklist': {
      if (!Array.isArray(value)) throw new InvalidAnswerError(cq.code, 'expected a list of item values');
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (typeof item !== 'string' || !cq.items!.has(item)) throw new InvalidAnswerError(cq.code, `unknown item ${JSON.stringify(item)}`);
        for (let j = 0; j < i; j++) if (list[j] === item) throw new InvalidAnswerError(cq.code, `duplicate item "${item}"`);
      }
      return cq.perCount![list.length];
    }
  }
}

/** s(q) as an exact rational. */
export function answerRat(cq: CompiledQuestion, value: unknown): Rat {
  return rat(answerPoints(cq, value), cq.full);
}

/** s(q) ∈ [0, 1] for one answer (SCORING.md §3); no answer scores 0, an invalid value throws. */
export function answerScore(question: Question, value: AnswerValue | undefined): Dec {
  const cq = compileQuestion(question);
  const s = answerRat(cq, value);
  return new D(s.n.toString()).div(s.d.toString());
}

function compileQuestion(question: Question): CompiledQuestion {
  const q: Questionnaire = { code: '', title: '', indicators: [{ code: '', name: '', weight: 100, questions: [question] }] };
  return compileQuestionnaire(q).questions[0];
}
