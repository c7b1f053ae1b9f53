// Why a participant has its score, and what it would take to reach the next band (docs/scoring.md §8).
import { nextBandAbove } from './bands.ts';
import { answerPoints, type CompiledQuestion } from './compile.ts';
import { toDec } from './decimal.ts';
import { scoredStagesInOrder, stageLabelOf } from './evaluation-order.ts';
import { HUNDRED, ONE, ZERO, centsToDec, cmp, div, fracToDec, mul, rat, ratToDec, sub, type Rat } from './rational.ts';
import { effectiveWeights, evaluate, stageScore, toParticipantScore, type Evaluation } from './score.ts';
import { must } from '../must.ts';
import type { Explanation, GapQuestion, ParticipantInput, QuestionExplanation, StageExplanation } from './types.ts';

const codeOrder = new Intl.Collator('en', { numeric: true });

/**
 * The explanation of a participant's score: every indicator (with its sub-indicators' percentages,
 * when its questions are grouped), every question's self-assessed and
 * verified value with s(q), every stage, and the gap to the next band with the exact final-score
 * gain of fully meeting each unmet question:
 *
 *     gain(q) = (saq stage weight / 100 if advanced, else 1) × W_k × w_q × (1 − s(q)) / Σ_{q' in k} w_q'
 *
 * exactly as docs/scoring.md §8 writes it (for a provisional participant that factor is the one written
 * there, not saq weight / Σ present weights). A participant without a score (not submitted) gets an
 * empty gap: it can no longer improve in this period. The next band and the points needed follow
 * from the adjusted final score (§5); the gains are those of the answers, unchanged.
 */
export function explainParticipant(input: ParticipantInput): Explanation {
  const e = evaluate(input);
  const score = toParticipantScore(e);
  return {
    score,
    indicators: score.indicators,
    questions: e.cq.questions.map((cq) => questionExplanation(e, cq, input)),
    stages: stageExplanations(e),
    gap: gap(e, input),
    adjustments: e.adjustments.map((a) => ({ points: toDec(a.points), reason: a.reason })),
  };
}

function sOf(cq: CompiledQuestion, points: bigint): Rat {
  return rat(points, cq.full);
}

function questionExplanation(e: Evaluation, cq: CompiledQuestion, input: ParticipantInput): QuestionExplanation {
  const selfValue = input.selfAnswers[cq.code];
  const verifiedValue = input.verifiedAnswers[cq.code];
  const self = sOf(cq, answerPoints(cq, selfValue));
  const verified = sOf(cq, answerPoints(cq, verifiedValue));
  const explanation: QuestionExplanation = {
    code: cq.code,
    indicator: must(e.cq.indicators[cq.indicatorIndex], 'the indicator of a question').code,
    text: cq.question.text,
    type: cq.type,
    weight: toDec(cq.question.weight).toString(),
    evidence: cq.question.evidence,
    selfValue: selfValue ?? null,
    verifiedValue: verifiedValue ?? null,
    selfScore: ratToDec(self),
    verifiedScore: ratToDec(verified),
    decided: verifiedValue !== undefined,
  };
  if (cq.question.subIndicator !== undefined) explanation.subIndicator = cq.question.subIndicator;
  return explanation;
}

/** Every stage of the period in the order it runs (docs/scoring.md §5 "Evaluation order"), with its label. */
function stageExplanations(e: Evaluation): StageExplanation[] {
  const weights = effectiveWeights(e);
  const period = e.cp.period;
  const order = scoredStagesInOrder(period);
  const stages = [...e.cp.stages].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return stages.map((stage) => {
    const score = stageScore(e, stage.name);
    const effective = weights.get(stage.name) ?? null;
    return {
      stage: stage.name,
      label: stageLabelOf(period, stage.name),
      weight: stage.weightText,
      score: score === null ? null : ratToDec(score),
      effectiveWeight: ratToDec(effective ?? ZERO),
      contribution: score === null || effective === null ? null : ratToDec(div(mul(effective, score), HUNDRED)),
    };
  });
}

function gap(e: Evaluation, input: ParticipantInput): Explanation['gap'] {
  if (e.finalCents === null || e.band === null || e.status === 'not_submitted') {
    return { nextBand: null, pointsNeeded: null, questions: [] };
  }
  const next = nextBandAbove(e.cp.period.bands, e.band);
  const pointsNeeded = next === null ? null : toDec(next.min).minus(centsToDec(e.finalCents));
  const factor = e.advanced ? div(e.cp.saqWeight, HUNDRED) : ONE;
  const gains: { gq: GapQuestion; gain: Rat }[] = [];
  for (const cq of e.cq.questions) {
    const value = input.verifiedAnswers[cq.code];
    const s = sOf(cq, answerPoints(cq, value));
    if (cmp(s, ONE) >= 0) continue;
    const indicator = must(e.cq.indicators[cq.indicatorIndex], 'the indicator of a question');
    const gain = div(mul(mul(mul(factor, indicator.weight), cq.weight), sub(ONE, s)), indicator.weightSum);
    gains.push({
      gain,
      gq: { question: cq.code, indicator: indicator.code, text: cq.question.text, verifiedScore: ratToDec(s), gain: fracToDec(gain.n, gain.d) },
    });
  }
  gains.sort((a, b) => cmp(b.gain, a.gain) || codeOrder.compare(a.gq.question, b.gq.question));
  return {
    nextBand: next === null ? null : { code: next.code, label: next.label },
    pointsNeeded,
    questions: gains.map((g) => g.gq),
  };
}
