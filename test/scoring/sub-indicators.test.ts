// Sub-indicators (docs/scoring.md §2, §8): an optional grouping of an indicator's questions that is
// validated, carried through canonical inputs, and reported as percentages, with no effect on any score.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalInputs, canonicalJson, explainParticipant, normalizePeriodScoring, round2, scoreFromJson, scoreParticipant, scoringInputsRecord,
  sha256Hex, validateAnswers, validateQuestionnaire, type AnswerValue, type Dec, type ParticipantInput, type Question, type Questionnaire,
  type ValidationIssue,
} from '../../src/scoring/index.ts';
import { SCORING_EXAMPLE } from '../helpers/questionnaires.ts';
import { example, questionnaire } from './fixtures.ts';

const str = (x: Dec | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

/**
 * The §2 example with its questions grouped: JI = { 2.1 "Dokumen informasi": 2.1.1 (w2), 2.1.2 (w1);
 * 2.2 "Kanal layanan": 2.1.3 (w1) }, DG = { 3 "Laman": 3.1 }. Same questions, same weights.
 */
function grouped(): Record<string, unknown> {
  const raw = structuredClone(SCORING_EXAMPLE) as { indicators: { subIndicators?: unknown; questions: Record<string, unknown>[] }[] };
  const [ji, dg] = raw.indicators;
  ji!.subIndicators = [{ code: '2.1', name: 'Dokumen informasi' }, { code: '2.2', name: 'Kanal layanan' }];
  ji!.questions.forEach((q, i) => (q.subIndicator = i < 2 ? '2.1' : '2.2'));
  dg!.subIndicators = [{ code: '3', name: 'Laman' }];
  dg!.questions.forEach((q) => (q.subIndicator = '3'));
  return raw;
}

const GROUPED: Questionnaire = questionnaire(grouped());

function errorsOf(raw: unknown): ValidationIssue[] {
  const result = validateQuestionnaire(raw);
  if (result.ok) throw new Error('expected the questionnaire to be invalid');
  return result.errors;
}

type Raw = { indicators: { code?: unknown; subIndicators?: unknown; questions: Record<string, unknown>[] }[] };
const mutate = (fn: (q: Raw) => void): unknown => {
  const q = grouped() as Raw;
  fn(q);
  return q;
};

function run(q: Questionnaire, verified: Record<string, AnswerValue>, self: Record<string, AnswerValue> = verified, rest: Partial<ParticipantInput> = {}): ParticipantInput {
  return {
    questionnaire: q, period: normalizePeriodScoring({ stages: { saq: 80, visitation: 20 } }), selfAnswers: self, verifiedAnswers: verified,
    visitation: 85.5, presentation: [], advanced: true, submitted: true, ...rest,
  };
}

describe('validating sub-indicators (docs/scoring.md §2)', () => {
  it('accepts a grouped questionnaire and keeps the grouping and the sample mark in its clean copy', () => {
    const raw = grouped() as Raw;
    raw.indicators[0]!.questions[0]!.sample = true;
    raw.indicators[0]!.questions[1]!.sample = false;
    const result = validateQuestionnaire(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [ji, dg] = result.value.indicators;
    expect(ji!.subIndicators).toEqual([{ code: '2.1', name: 'Dokumen informasi' }, { code: '2.2', name: 'Kanal layanan' }]);
    expect(ji!.questions.map((q) => [q.code, q.subIndicator, q.sample])).toEqual([['2.1.1', '2.1', true], ['2.1.2', '2.1', undefined], ['2.1.3', '2.2', undefined]]);
    expect(ji!.questions[1]).not.toHaveProperty('sample');
    expect(dg!.subIndicators).toEqual([{ code: '3', name: 'Laman' }]);
    // an ungrouped questionnaire gets neither member
    expect(example.indicators[0]).not.toHaveProperty('subIndicators');
    expect(example.indicators[0]!.questions[0]).not.toHaveProperty('subIndicator');
  });

  it('requires sub-indicators to be a non-empty list of { code, name } with codes unique in the questionnaire', () => {
    expect(errorsOf(mutate((q) => (q.indicators[0]!.subIndicators = [])))).toEqual([
      { path: 'indicators[0].subIndicators', message: 'must have at least 1 sub-indicator' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.subIndicators = [{ code: '2.1', name: '' }, { code: '2.2', name: 'Kanal', weight: 3 }])))).toEqual([
      { path: 'indicators[0].subIndicators[0].name', message: 'must be a non-empty string' },
      { path: 'indicators[0].subIndicators[1].weight', message: 'unknown property (allowed: code, name)' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.subIndicators = 'Dokumen')))).toEqual([
      { path: 'indicators[0].subIndicators', message: 'must be an array' },
    ]);
    // the same code twice, in one indicator or across two
    expect(errorsOf(mutate((q) => {
      q.indicators[0]!.subIndicators = [{ code: '2.1', name: 'A' }, { code: '2.1', name: 'B' }];
      q.indicators[0]!.questions.forEach((x) => (x.subIndicator = '2.1'));
    }))).toEqual([
      { path: 'indicators[0].subIndicators[1].code', message: 'duplicate sub-indicator code "2.1" (also at indicators[0].subIndicators[0])' },
    ]);
    expect(errorsOf(mutate((q) => {
      q.indicators[1]!.subIndicators = [{ code: '2.2', name: 'Laman' }];
      q.indicators[1]!.questions.forEach((x) => (x.subIndicator = '2.2'));
    }))).toEqual([
      { path: 'indicators[1].subIndicators[0].code', message: 'duplicate sub-indicator code "2.2" (also at indicators[0].subIndicators[1])' },
    ]);
  });

  it('refuses a sub-indicator code that is also a question or indicator code', () => {
    expect(errorsOf(mutate((q) => {
      q.indicators[1]!.subIndicators = [{ code: '2.1.1', name: 'Laman' }];
      q.indicators[1]!.questions.forEach((x) => (x.subIndicator = '2.1.1'));
    }))).toEqual([{ path: 'indicators[1].subIndicators[0].code', message: 'sub-indicator code "2.1.1" is also the code of a question' }]);
    expect(errorsOf(mutate((q) => {
      q.indicators[1]!.subIndicators = [{ code: 'JI', name: 'Laman' }];
      q.indicators[1]!.questions.forEach((x) => (x.subIndicator = 'JI'));
    }))).toEqual([{ path: 'indicators[1].subIndicators[0].code', message: 'sub-indicator code "JI" is also the code of an indicator' }]);
  });

  it('requires every question of a grouped indicator to name one of its own sub-indicators, and every sub-indicator to have a question', () => {
    expect(errorsOf(mutate((q) => delete q.indicators[0]!.questions[2]!.subIndicator))).toEqual([
      { path: 'indicators[0].questions[2].subIndicator', message: 'is required: the indicator has subIndicators, so every question belongs to one' },
      { path: 'indicators[0].subIndicators[1]', message: 'sub-indicator "2.2" has no question' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.questions[2]!.subIndicator = '3')))).toEqual([
      { path: 'indicators[0].questions[2].subIndicator', message: 'must be the code of one of the indicator\'s subIndicators ("2.1", "2.2")' },
      { path: 'indicators[0].subIndicators[1]', message: 'sub-indicator "2.2" has no question' },
    ]);
    expect(errorsOf(mutate((q) => {
      delete q.indicators[1]!.subIndicators;
    }))).toEqual([{ path: 'indicators[1].questions[0].subIndicator', message: 'the indicator has no subIndicators' }]);
    expect(errorsOf(mutate((q) => {
      q.indicators[0]!.questions[0]!.subIndicator = '';
      q.indicators[0]!.questions[1]!.sample = 'yes';
    }))).toEqual([
      { path: 'indicators[0].questions[0].subIndicator', message: 'must be a non-empty string' },
      { path: 'indicators[0].questions[1].sample', message: 'must be true or false' },
    ]);
  });
});

describe('sub-indicators change no arithmetic (docs/scoring.md §4)', () => {
  it('a grouped and an ungrouped questionnaire with the same questions score identically', () => {
    const codes = example.indicators.flatMap((i) => i.questions);
    const value = (q: Question): fc.Arbitrary<AnswerValue | undefined> => {
      const given: fc.Arbitrary<AnswerValue> = q.type === 'yes_no' ? fc.boolean()
        : q.type === 'choice' ? fc.constantFrom(...q.options!.map((o) => o.value)) : fc.subarray(q.items!.map((i) => i.value));
      return fc.option(given, { nil: undefined });
    };
    const answers = fc.tuple(...codes.map(value)).map((values) => {
      const out: Record<string, AnswerValue> = {};
      values.forEach((v, i) => { if (v !== undefined) out[codes[i]!.code] = v; });
      return out;
    });
    fc.assert(fc.property(answers, answers, fc.boolean(), (verified, self, advanced) => {
      const plain = scoreParticipant(run(example, verified, self, { advanced }));
      const withGroups = scoreParticipant(run(GROUPED, verified, self, { advanced }));
      expect(str(withGroups.finalScore)).toBe(str(plain.finalScore));
      expect(str(withGroups.verifiedSaq)).toBe(str(plain.verifiedSaq));
      expect(str(withGroups.selfAssessedSaq)).toBe(str(plain.selfAssessedSaq));
      expect(withGroups.band).toEqual(plain.band);
      expect(withGroups.indicators.map((i) => [i.code, str(i.score), str(i.contribution), str(i.selfScore)]))
        .toEqual(plain.indicators.map((i) => [i.code, str(i.score), str(i.contribution), str(i.selfScore)]));
      const gaps = (q: Questionnaire) => explainParticipant(run(q, verified, self, { advanced })).gap.questions.map((g) => [g.question, str(g.gain)]);
      expect(gaps(GROUPED)).toEqual(gaps(example));
    }), { numRuns: 200 });
  });

  it('validates answers and counts progress over every question, grouped or not', () => {
    expect(validateAnswers(GROUPED, { '2.1.3': ['web', 'fax'], '3.1': true })).toEqual([
      { path: '2.1.3', message: 'unknown item "fax" (expected some of "web", "app", "desk", "sms")' },
    ]);
    expect(scoreParticipant(run(GROUPED, { '2.1.1': true })).progress).toEqual({ decided: 1, total: 4 });
  });
});

describe('sub-indicator percentages (docs/scoring.md §8)', () => {
  // §4 answers: 2.1.1 yes (w2), 2.1.2 'late' (0.5, w1), 2.1.3 three of four items (0.75, w1), 3.1 no.
  //   2.1 = 100 × (2·1 + 1·0.5) / (2 + 1) = 250/3 = 83.333…  → 83.33
  //   2.2 = 100 × (1·0.75) / 1           = 75          → 75.00
  //   3   = 100 × 0 / 1                  = 0
  //   I_JI = 100 × (2 + 0.5 + 0.75) / 4 = 81.25, unchanged by the grouping
  // self answers: 2.1.2 'full', 2.1.3 two of four: 2.1 = 100 × 3/3 = 100, 2.2 = 50, 3 = 0.
  const verified = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web', 'desk', 'sms'], '3.1': false };
  const self = { '2.1.1': true, '2.1.2': 'full', '2.1.3': ['web', 'app'] };

  it('are Σ w·s / Σ w × 100 over each sub-indicator, exact, in the explanation', () => {
    const e = explainParticipant(run(GROUPED, verified, self));
    const [ji, dg] = e.indicators;
    expect(str(ji!.score)).toBe('81.25');
    expect(ji!.subIndicators!.map((s) => [s.code, s.name, str(s.score), str(s.selfScore)])).toEqual([
      ['2.1', 'Dokumen informasi', '83.33333333333333333333333333333333333333', '100'],
      ['2.2', 'Kanal layanan', '75', '50'],
    ]);
    expect(ji!.subIndicators!.map((s) => round2(s.score).toFixed(2))).toEqual(['83.33', '75.00']);
    expect(dg!.subIndicators!.map((s) => [s.code, str(s.score), str(s.selfScore)])).toEqual([['3', '0', '0']]);
    expect(e.questions.map((q) => [q.code, q.indicator, q.subIndicator])).toEqual([
      ['2.1.1', 'JI', '2.1'], ['2.1.2', 'JI', '2.1'], ['2.1.3', 'JI', '2.2'], ['3.1', 'DG', '3'],
    ]);
  });

  it('are reported rounded half up from the exact value', () => {
    // one sub-indicator of a single choice scoring 0.12345: exactly 12.345 → 12.35 (half even would give 12.34)
    const q = questionnaire({
      code: 'R', title: 'Rounding',
      indicators: [{
        code: 'JI', name: 'Jenis Informasi', weight: 100, subIndicators: [{ code: '1.1', name: 'Satu' }, { code: '1.2', name: 'Dua' }],
        questions: [
          { code: '1.1.1', subIndicator: '1.1', text: 'Bertingkat', weight: 1, type: 'choice', options: [{ value: 'a', label: 'A', score: 1 }, { value: 'b', label: 'B', score: '0.12345' }] },
          { code: '1.2.1', subIndicator: '1.2', text: 'Tiga butir', weight: 2, type: 'checklist', items: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] },
        ],
      }],
    });
    const [ji] = scoreParticipant(run(q, { '1.1.1': 'b', '1.2.1': ['x', 'y'] })).indicators;
    expect(ji!.subIndicators!.map((s) => [str(s.score), round2(s.score).toFixed(2)])).toEqual([
      ['12.345', '12.35'],
      ['66.66666666666666666666666666666666666667', '66.67'],
    ]);
    // I_JI = 100 × (0.12345 + 2·⅔) / 3 = 48.5594… — a sub-indicator is not the mean of the others
    expect(round2(ji!.score).toFixed(2)).toBe('48.56');
  });

  it('exist only for grouped indicators; an ungrouped one reads as before', () => {
    const [ji] = scoreParticipant(run(example, verified)).indicators;
    expect(ji).not.toHaveProperty('subIndicators');
    expect(explainParticipant(run(example, verified)).questions[0]).not.toHaveProperty('subIndicator');
  });

  it('appear in the kip-monev score report of a grouped questionnaire', () => {
    const result = scoreFromJson({ questionnaire: grouped(), answers: { answers: verified } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.report.indicators.map((i) => [i.code, i.subIndicators?.map((s) => [s.code, s.score.toFixed(2)])])).toEqual([
      ['JI', [['2.1', '83.33'], ['2.2', '75.00']]],
      ['DG', [['3', '0.00']]],
    ]);
  });
});

describe('canonical inputs (docs/scoring.md §9)', () => {
  const answers = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web', 'desk', 'sms'], '3.1': false };

  it('spell a questionnaire without sub-indicators byte for byte as before they existed', () => {
    // the hash of this record computed by the code before sub-indicators (commit 289f7df)
    const input = run(example, answers);
    expect(sha256Hex(canonicalJson(scoringInputsRecord(input)))).toBe('ef9f117d01e5f9191ed59ff7187616a5bbb276253cfe5f92a37ae87db6030cb3');
    expect(sha256Hex(canonicalInputs(input))).toBe('ef9f117d01e5f9191ed59ff7187616a5bbb276253cfe5f92a37ae87db6030cb3');
    expect(canonicalJson(scoringInputsRecord(input))).not.toMatch(/subIndicator|sample/);
  });

  it('carry the grouping and the sample mark, and a recorded questionnaire validates back to itself', () => {
    const raw = grouped() as Raw;
    raw.indicators[1]!.questions[0]!.sample = true;
    const q = questionnaire(raw);
    const input = run(q, answers);
    const record = scoringInputsRecord(input);
    expect(canonicalInputs(input)).toBe(canonicalJson(record));
    expect(record.questionnaire.indicators[0]!.subIndicators).toEqual([{ code: '2.1', name: 'Dokumen informasi' }, { code: '2.2', name: 'Kanal layanan' }]);
    expect(record.questionnaire.indicators[1]!.questions[0]).toMatchObject({ subIndicator: '3', sample: true });
    const again = validateQuestionnaire(JSON.parse(JSON.stringify(record.questionnaire)));
    expect(again).toEqual({ ok: true, value: record.questionnaire });
    // the grouping does not change the score recomputed from the record
    const recomputed = scoreFromJson({ questionnaire: record.questionnaire, answers: { answers: record.answers, visitation: 85.5 }, period: record.period });
    expect(recomputed.ok && str(recomputed.value.score.finalScore)).toBe(str(scoreParticipant(run(example, answers)).finalScore));
  });
});
