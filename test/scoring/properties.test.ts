// Property tests (fast-check) for the rules of docs/scoring.md that must hold for every questionnaire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  D, answerScore, explainParticipant, normalizePeriodScoring, rankParticipants, round2, scoreParticipant, validateQuestionnaire,
  type AnswerValue, type Dec, type ParticipantInput, type PeriodScoring, type Question, type Questionnaire,
} from '../../src/scoring/index.ts';
import { canonicalJson } from '../../src/scoring/canonical.ts';
import { fracToDec } from '../../src/scoring/rational.ts';

const RUNS = { numRuns: 200 };

/** Positive integer weights summing to exactly 100. */
const indicatorWeights = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => p - points[i]!);
  }),
);

const questionWeight = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom('0.5', '1.25', '2.75', '0.1', 3.3));
const optionScore = fc.constantFrom(0, 0.25, 0.5, 0.75, '0.333', 0.89995, '0.1');

const question = (code: string, simple: boolean): fc.Arbitrary<Question> =>
  fc.oneof(
    fc.record({ weight: simple ? fc.constant(1) : questionWeight }).map((r): Question => ({ code, text: code, weight: r.weight, type: 'yes_no', evidence: 'none' })),
    fc.record({ weight: simple ? fc.constant(1) : questionWeight, scores: fc.array(simple ? fc.constantFrom(0, 0.5, 0.25) : optionScore, { minLength: 1, maxLength: 3 }) }).map((r): Question => ({
      code, text: code, weight: r.weight, type: 'choice', evidence: 'optional',
      options: [1, ...r.scores].map((score, i) => ({ value: `o${i}`, label: `O${i}`, score })),
    })),
    fc.record({ weight: simple ? fc.constant(1) : questionWeight, n: simple ? fc.constantFrom(1, 2, 4, 5) : fc.integer({ min: 1, max: 6 }) }).map((r): Question => ({
      code, text: code, weight: r.weight, type: 'checklist', evidence: 'required',
      items: Array.from({ length: r.n }, (_, i) => ({ value: `i${i}`, label: `I${i}` })),
    })),
  );

/**
 * A valid questionnaire. `simple` keeps every value a terminating decimal (question weights 1 and
 * 1, 2, 4 or 5 questions per indicator, checklists of 1, 2, 4 or 5 items), so sums can be compared exactly.
 */
const questionnaireArb = (simple = false): fc.Arbitrary<Questionnaire> =>
  indicatorWeights.chain((weights) =>
    fc.tuple(...weights.map((weight, k) =>
      (simple ? fc.constantFrom(1, 2, 4, 5) : fc.integer({ min: 1, max: 5 })).chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, j) => question(`${k + 1}.${j + 1}`, simple))).map((questions) => ({ code: `I${k}`, name: `Indikator ${k}`, weight, questions })),
      ),
    )).map((indicators) => {
      const result = validateQuestionnaire({ code: 'P', title: 'Property', indicators });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.value;
    }),
  );

const answerArb = (q: Question): fc.Arbitrary<AnswerValue | undefined> => {
  const value: fc.Arbitrary<AnswerValue> =
    q.type === 'yes_no' ? fc.boolean()
      : q.type === 'choice' ? fc.constantFrom(...q.options!.map((o) => o.value))
        : fc.subarray(q.items!.map((i) => i.value));
  return fc.option(value, { nil: undefined });
};

const answersArb = (q: Questionnaire): fc.Arbitrary<Record<string, AnswerValue>> =>
  fc.tuple(...q.indicators.flatMap((i) => i.questions).map((question) => answerArb(question).map((a) => [question.code, a] as const)))
    .map((pairs) => Object.fromEntries(pairs.filter(([, a]) => a !== undefined)) as Record<string, AnswerValue>);

const stageScore = fc.integer({ min: 0, max: 10000 }).map((c) => new D(c).div(100).toString());

const periodArb: fc.Arbitrary<PeriodScoring> = fc.constantFrom<unknown>(
  {},
  { stages: { saq: 80, visitation: 20 } },
  { stages: { saq: 70, presentation: 30 }, presentationAspects: { materi: 40, inovasi: 30, komitmen: 30 } },
  { stages: { saq: '60.5', visitation: '19.5', presentation: 20 }, presentationAspects: { materi: 100 } },
).map((raw) => normalizePeriodScoring(raw));

const participantArb: fc.Arbitrary<ParticipantInput> = fc.tuple(questionnaireArb(), periodArb).chain(([questionnaire, period]) =>
  fc.record({
    selfAnswers: answersArb(questionnaire),
    verifiedAnswers: answersArb(questionnaire),
    visitation: fc.option(stageScore, { nil: null }),
    presentation: fc.array(fc.record({ materi: stageScore, inovasi: stageScore, komitmen: stageScore }), { maxLength: 3 }),
    advanced: fc.boolean(),
    submitted: fc.boolean(),
  }).map((r) => ({
    questionnaire, period, ...r,
    visitation: period.stages.visitation === undefined ? null : r.visitation,
    presentation: period.stages.presentation === undefined ? [] : r.presentation.map((j) => Object.fromEntries(Object.keys(period.presentationAspects).map((a) => [a, j[a as keyof typeof j]]))),
  })),
);

const inRange = (x: Dec) => x.gte(0) && x.lte(100);

describe('scoring properties', () => {
  it('every score stays within [0, 100]', () => {
    fc.assert(fc.property(participantArb, (input) => {
      const s = scoreParticipant(input);
      expect(inRange(s.selfAssessedSaq) && inRange(s.verifiedSaq)).toBe(true);
      for (const i of s.indicators) expect(inRange(i.score) && inRange(i.selfScore) && i.contribution.gte(0)).toBe(true);
      if (s.finalScore !== null) expect(inRange(s.finalScore)).toBe(true);
      if (s.finalScoreRounded !== null) expect(inRange(s.finalScoreRounded)).toBe(true);
      for (const v of Object.values(s.stages)) if (v) expect(inRange(v)).toBe(true);
    }), RUNS);
  });

  it('improving one answer never lowers an indicator score, the verified SAQ or the final score', () => {
    const arb = participantArb.chain((input) => {
      const questions = input.questionnaire.indicators.flatMap((i) => i.questions);
      return fc.tuple(fc.constant(input), fc.nat({ max: questions.length - 1 }).chain((i) => {
        const question = questions[i]!;
        return fc.tuple(fc.constant(question), answerArb(question));
      }));
    });
    fc.assert(fc.property(arb, ([input, [q, candidate]]) => {
      const current = input.verifiedAnswers[q.code];
      const better = answerScore(q, candidate).gte(answerScore(q, current)) ? candidate : current;
      if (better === undefined) return;
      const before = scoreParticipant(input);
      const after = scoreParticipant({ ...input, verifiedAnswers: { ...input.verifiedAnswers, [q.code]: better } });
      expect(after.verifiedSaq.gte(before.verifiedSaq)).toBe(true);
      after.indicators.forEach((ind, k) => expect(ind.score.gte(before.indicators[k]!.score)).toBe(true));
      if (before.finalScore !== null) expect(after.finalScore!.gte(before.finalScore)).toBe(true);
    }), RUNS);
  });

  it('scaling all question weights of an indicator changes nothing', () => {
    const arb = participantArb.chain((input) =>
      fc.tuple(fc.constant(input), fc.nat({ max: input.questionnaire.indicators.length - 1 }), fc.constantFrom('3', '0.5', '2.5', '0.001', '7')));
    fc.assert(fc.property(arb, ([input, k, factor]) => {
      const scaled = structuredClone(input.questionnaire);
      for (const q of scaled.indicators[k]!.questions) q.weight = new D(String(q.weight)).times(factor).toString();
      const a = scoreParticipant(input);
      const b = scoreParticipant({ ...input, questionnaire: scaled });
      expect(b.verifiedSaq.eq(a.verifiedSaq)).toBe(true);
      expect(b.selfAssessedSaq.eq(a.selfAssessedSaq)).toBe(true);
      expect(b.indicators[k]!.score.eq(a.indicators[k]!.score)).toBe(true);
      expect(b.finalScoreRounded?.toString()).toBe(a.finalScoreRounded?.toString());
    }), RUNS);
  });

  it('with only a SAQ stage, the gains of all unmet questions add up to 100 − SAQ', () => {
    const saqOnly = normalizePeriodScoring({});
    const arb = (simple: boolean) => questionnaireArb(simple).chain((questionnaire) =>
      fc.tuple(answersArb(questionnaire), fc.boolean()).map(([answers, advanced]): ParticipantInput => ({
        questionnaire, period: saqOnly, selfAnswers: answers, verifiedAnswers: answers, visitation: null, presentation: [], advanced, submitted: true,
      })));
    const gap = (input: ParticipantInput) => {
      const e = explainParticipant(input);
      const sum = e.gap.questions.reduce((acc, g) => acc.plus(g.gain), new D(0));
      return { sum, expected: new D(100).minus(e.score.verifiedSaq) };
    };
    // Terminating decimals throughout: exactly equal.
    fc.assert(fc.property(arb(true), (input) => {
      const { sum, expected } = gap(input);
      expect(sum.toString()).toBe(expected.toString());
    }), RUNS);
    // Any weights (thirds, 0.333 scores): equal up to the 40-digit representation of each gain.
    fc.assert(fc.property(arb(false), (input) => {
      const { sum, expected } = gap(input);
      expect(sum.minus(expected).abs().lte('1e-35')).toBe(true);
    }), RUNS);
  });

  it('the final score of a participant that did not advance is its verified SAQ', () => {
    fc.assert(fc.property(participantArb, (input) => {
      const s = scoreParticipant({ ...input, advanced: false, submitted: true });
      expect(s.finalScore!.eq(s.verifiedSaq)).toBe(true);
      expect(s.finalScoreRounded!.eq(round2(s.verifiedSaq))).toBe(true);
      expect(s.complete).toBe(true);
    }), RUNS);
  });

  it('ranking is a permutation in which equal rounded scores share a rank', () => {
    const rowArb = fc.record({
      name: fc.constantFrom('Dinas A', 'dinas a', 'Badan B', 'Biro C', 'Ádam'),
      score: fc.option(fc.integer({ min: 0, max: 100000 }).map((c) => new D(c).div(1000)), { nil: null }),
      status: fc.constantFrom('scored', 'scored', 'scored', 'provisional', 'not_submitted'),
    });
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 40 }), (raw) => {
      const rows = raw.map((r, i) => ({ id: `id${i}`, name: r.name, finalScore: r.score, status: r.status, complete: r.status === 'scored' && r.score !== null }));
      const ranked = rankParticipants(rows);
      expect(ranked.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
      const withRank = ranked.filter((r) => r.rank !== null);
      expect(withRank.length).toBe(rows.filter((r) => r.complete).length);
      expect(ranked.slice(0, withRank.length).every((r) => r.rank !== null)).toBe(true);
      for (const r of withRank) {
        const above = withRank.filter((o) => round2(o.finalScore!).gt(round2(r.finalScore!))).length;
        expect(r.rank).toBe(above + 1);
      }
    }), RUNS);
  });

  it('a rational becomes the same 40-digit decimal as decimal.js division gives', () => {
    const big = fc.bigInt({ min: 1n, max: 10n ** 60n });
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }), big, (n, d) => {
      expect(fracToDec(n, d).toString()).toBe(new D(n.toString()).div(d.toString()).toString());
    }), { numRuns: 1000 });
  });

  it('canonical JSON reads back as the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }), RUNS);
  });
});
