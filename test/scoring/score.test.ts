import { describe, expect, it } from 'vitest';
import {
  D, DEFAULT_BANDS, InvalidAnswerError, answerScore, applyAdvancement, bandFor, canonicalJson, presentationScore, round2,
  scoreCohort, scoreParticipant, scoringInputsHash, sha256Hex, toScoreNumber, type Dec,
} from '../../src/scoring/index.ts';
import { answered, example, input, period, questionnaire, singleChoice } from './fixtures.ts';

const str = (x: Dec | null | undefined): string | null | undefined => (x == null ? x : x.toString());

describe('answerScore s(q) (docs/scoring.md §3)', () => {
  const [yesNo, choice, checklist] = example.indicators[0]!.questions;
  if (!yesNo || !choice || !checklist) throw new Error('the example questionnaire starts with three questions');

  it('scores yes/no, choice and checklist answers, and no answer as 0', () => {
    expect(str(answerScore(yesNo, true))).toBe('1');
    expect(str(answerScore(yesNo, false))).toBe('0');
    expect(str(answerScore(yesNo, undefined))).toBe('0');
    expect(str(answerScore(choice, 'late'))).toBe('0.5');
    expect(str(answerScore(checklist, ['web', 'app', 'desk']))).toBe('0.75');
    expect(str(answerScore(checklist, []))).toBe('0');
  });

  it('reads an option score of 0.89995 exactly', () => {
    expect(str(answerScore(singleChoice(0.89995).indicators[0]!.questions[0]!, 'part'))).toBe('0.89995');
    expect(str(answerScore(singleChoice('0.89995').indicators[0]!.questions[0]!, 'part'))).toBe('0.89995');
  });

  it('refuses to score against an invalid questionnaire', () => {
    const broken = { ...example, indicators: [example.indicators[0]!] }; // weights sum to 40
    expect(() => scoreParticipant(answered(broken, {}))).toThrow('invalid questionnaire: indicators: indicator weights must sum to exactly 100 (they sum to 40)');
  });

  it('throws on an invalid value instead of scoring it 0', () => {
    expect(() => answerScore(choice, 'maybe')).toThrow(InvalidAnswerError);
    expect(() => answerScore(yesNo, 'true')).toThrow('expected true or false');
    expect(() => scoreParticipant(answered(example, { '2.1.3': ['web', 'fax'] }))).toThrow('answer to question "2.1.3": unknown item "fax"');
  });
});

describe('indicator and SAQ scores (docs/scoring.md §4)', () => {
  it('computes I_k and the SAQ from weighted answers, undecided questions counting 0', () => {
    // JI = 100 × (2·1 + 1·0.5 + 1·¼) / 4 = 68.75; DG undecided = 0; SAQ = 40 × 68.75 / 100 = 27.5.
    const score = scoreParticipant(input({
      questionnaire: example,
      selfAnswers: { '2.1.1': true, '2.1.2': 'full', '2.1.3': ['web', 'app', 'desk', 'sms'], '3.1': true },
      verifiedAnswers: { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web'] },
    }));
    expect(score.indicators.map((i) => [i.code, i.weight, str(i.score), str(i.contribution), str(i.selfScore)])).toEqual([
      ['JI', '40', '68.75', '27.5', '100'],
      ['DG', '60', '0', '0', '100'],
    ]);
    expect(str(score.verifiedSaq)).toBe('27.5');
    expect(str(score.selfAssessedSaq)).toBe('100');
    expect(score.progress).toEqual({ decided: 3, total: 4 });
    expect(str(score.finalScore)).toBe('27.5');
    expect(score.band).toEqual({ code: 'tidak_informatif', label: 'Tidak Informatif' });
  });

  it('keeps checklist thirds exact: 50 × ⅓ + 50 × ⅔ is exactly 50', () => {
    const thirds = questionnaire({
      code: 'T', title: 'Thirds',
      indicators: ['A', 'B'].map((code) => ({
        code, name: code, weight: 50,
        questions: [{ code: `${code}1`, text: 't', weight: 1, type: 'checklist', items: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] }],
      })),
    });
    const score = scoreParticipant(answered(thirds, { A1: ['x'], B1: ['x', 'y'] }));
    expect(str(score.indicators[0]!.score)).toBe('33.33333333333333333333333333333333333333');
    expect(str(score.indicators[1]!.score)).toBe('66.66666666666666666666666666666666666667');
    expect(str(score.verifiedSaq)).toBe('50');
    expect(str(score.finalScoreRounded)).toBe('50');
  });

  it('normalises question weights within their indicator (any scale)', () => {
    const scaled = (w1: number | string, w2: number | string) => questionnaire({
      code: 'S', title: 'S',
      indicators: [{ code: 'A', name: 'A', weight: 100, questions: [{ code: 'a', text: 't', weight: w1, type: 'yes_no' }, { code: 'b', text: 't', weight: w2, type: 'yes_no' }] }],
    });
    const a = scoreParticipant(answered(scaled(1, 3), { a: true })).verifiedSaq;
    const b = scoreParticipant(answered(scaled('0.5', 1.5), { a: true })).verifiedSaq;
    expect(str(a)).toBe('25');
    expect(str(b)).toBe('25');
  });
});

describe('rounding and bands (docs/scoring.md §1, §6)', () => {
  it('89.995 → 90.00 → Informatif (an option scored 0.89995 is exactly 89.995)', () => {
    const score = scoreParticipant(answered(singleChoice(0.89995), { q: 'part' }));
    expect(str(score.finalScore)).toBe('89.995');
    expect(score.finalScoreRounded!.toFixed(2)).toBe('90.00');
    expect(score.band).toEqual({ code: 'informatif', label: 'Informatif' });
    expect(toScoreNumber(score.finalScore)).toBe(90);
  });

  it('89.994 → 89.99 → Menuju Informatif', () => {
    const score = scoreParticipant(answered(singleChoice('0.89994'), { q: 'part' }));
    expect(str(score.finalScore)).toBe('89.994');
    expect(score.finalScoreRounded!.toFixed(2)).toBe('89.99');
    expect(score.band?.code).toBe('menuju_informatif');
  });

  it('59.995 → 60.00 → Cukup Informatif, where binary floating point gives 59.99', () => {
    expect((0.59995 * 100).toFixed(2)).toBe('59.99'); // the bug exact decimals avoid
    const score = scoreParticipant(answered(singleChoice(0.59995), { q: 'part' }));
    expect(score.finalScoreRounded!.toFixed(2)).toBe('60.00');
    expect(score.band?.code).toBe('cukup_informatif');
  });

  it('computes the final score from the unrounded SAQ: 0.8 × 89.99375 + 0.2 × 90 = 89.995 → Informatif', () => {
    // Rounding the SAQ first (89.99) would give 89.992 → 89.99 → Menuju Informatif.
    const score = scoreParticipant(answered(singleChoice('0.8999375'), { q: 'part' }, { period: period({ stages: { saq: 80, visitation: 20 } }), visitation: 90 }));
    expect(str(score.stages.saq)).toBe('89.99375');
    expect(str(score.finalScore)).toBe('89.995');
    expect(score.band?.code).toBe('informatif');
  });

  it('round2 rounds half up; bandFor judges the rounded score', () => {
    expect(round2(new D('89.995')).toFixed(2)).toBe('90.00');
    expect(round2(new D('89.994999999999')).toFixed(2)).toBe('89.99');
    expect(round2(new D('1.005')).toFixed(2)).toBe('1.01');
    expect(bandFor(DEFAULT_BANDS, new D('89.995')).code).toBe('informatif');
    expect(bandFor(DEFAULT_BANDS, new D('89.994')).code).toBe('menuju_informatif');
    expect(bandFor(DEFAULT_BANDS, new D('79.999')).code).toBe('menuju_informatif');
    expect(bandFor(DEFAULT_BANDS, new D('39.99')).code).toBe('tidak_informatif');
    expect(bandFor(DEFAULT_BANDS, new D('0')).code).toBe('tidak_informatif');
    expect(bandFor(DEFAULT_BANDS, new D('100')).code).toBe('informatif');
    expect(toScoreNumber(null)).toBeNull();
    expect(toScoreNumber(new D('59.995'))).toBe(60);
  });

  it('uses the period\'s own bands', () => {
    const p = period({ bands: [{ code: 'lulus', label: 'Lulus', min: 70 }, { code: 'tidak', label: 'Tidak lulus', min: 0 }] });
    expect(scoreParticipant(answered(singleChoice(0.7), { q: 'part' }, { period: p })).band).toEqual({ code: 'lulus', label: 'Lulus' });
    expect(scoreParticipant(answered(singleChoice('0.69994'), { q: 'part' }, { period: p })).band?.code).toBe('tidak');
  });
});

describe('stages, advancement and the final score (docs/scoring.md §5)', () => {
  const aspects = { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 };
  const jurors = [
    { penguasaan_materi: 80, inovasi: 70, komitmen_pimpinan: 90 }, // 32 + 21 + 27 = 80
    { penguasaan_materi: 90, inovasi: 90, komitmen_pimpinan: 60 }, // 36 + 27 + 18 = 81
  ];

  it('presentation = mean of the jurors\' weighted means; null without jurors', () => {
    expect(str(presentationScore(aspects, jurors))).toBe('80.5');
    expect(presentationScore(aspects, [])).toBeNull();
  });

  it('an advanced participant: Σ stage weight × stage score / 100', () => {
    // 0.7 × 85 + 0.3 × 80.5 = 59.5 + 24.15 = 83.65
    const p = period({ stages: { saq: 70, presentation: 30 }, presentationAspects: aspects });
    const score = scoreParticipant(answered(singleChoice(0.85), { q: 'part' }, { period: p, presentation: jurors }));
    expect(score.status).toBe('scored');
    expect(score.complete).toBe(true);
    expect(score.stages).toEqual({ saq: new D(85), presentation: new D('80.5') });
    expect(str(score.finalScore)).toBe('83.65');
    expect(score.band?.code).toBe('menuju_informatif');
  });

  it('a participant that did not advance keeps its verified SAQ as its final score', () => {
    const p = period({ stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 } });
    const score = scoreParticipant(answered(singleChoice(0.55), { q: 'part' }, { period: p, visitation: 95, advanced: false }));
    expect(score.status).toBe('scored');
    expect(score.advanced).toBe(false);
    expect(score.complete).toBe(true);
    expect(str(score.finalScore)).toBe('55');
    expect(score.band?.code).toBe('kurang_informatif');
  });

  it('an advanced participant missing a later stage is provisional: weighted mean over the stages present', () => {
    // (60 × 85 + 20 × 80) / 80 = 83.75
    const p = period({ stages: { saq: 60, visitation: 20, presentation: 20 }, presentationAspects: { materi: 100 } });
    const score = scoreParticipant(answered(singleChoice(0.85), { q: 'part' }, { period: p, visitation: 80 }));
    expect(score.status).toBe('provisional');
    expect(score.complete).toBe(false);
    expect(score.stages).toEqual({ saq: new D(85), visitation: new D(80), presentation: null });
    expect(str(score.finalScore)).toBe('83.75');
    expect(score.finalScoreRounded!.toFixed(2)).toBe('83.75');
  });

  it('a participant that never submitted has no score, band or rank by default', () => {
    const score = scoreParticipant(answered(example, { '2.1.1': true }, { submitted: false }));
    expect(score).toMatchObject({ status: 'not_submitted', advanced: false, complete: false, finalScore: null, finalScoreRounded: null, band: null });
  });

  it('with nonSubmitters "tidak_informatif" a non-submitter gets 0 and the lowest band', () => {
    const score = scoreParticipant(answered(example, { '2.1.1': true }, { submitted: false, period: period({ nonSubmitters: 'tidak_informatif' }) }));
    expect(score.status).toBe('not_submitted');
    expect(str(score.finalScore)).toBe('0');
    expect(score.band).toEqual({ code: 'tidak_informatif', label: 'Tidak Informatif' });
  });

  it('rejects stage scores outside 0–100', () => {
    const p = period({ stages: { saq: 80, visitation: 20 } });
    expect(() => scoreParticipant(answered(example, {}, { period: p, visitation: 100.5 }))).toThrow('visitation must be between 0 and 100');
  });
});

describe('applyAdvancement (docs/scoring.md §5)', () => {
  const row = (id: string, categoryId: string, saq: string, submitted = true) => ({ id, categoryId, verifiedSaq: new D(saq), submitted });
  const rows = [
    row('a1', 'A', '90'), row('a2', 'A', '85'), row('a3', 'A', '85'), row('a4', 'A', '70'),
    row('b1', 'B', '59.995'), row('b2', 'B', '60'),
    row('c1', 'C', '100', false),
  ];

  it('none: every participant that submitted advances', () => {
    expect([...applyAdvancement({ rule: 'none' }, rows)].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
  });

  it('min_score compares the unrounded verified SAQ (59.995 does not reach 60)', () => {
    expect([...applyAdvancement({ rule: 'min_score', minScore: 60 }, rows)].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b2']);
  });

  it('top_per_category takes the n best of each category, with everyone tied at the cut', () => {
    expect([...applyAdvancement({ rule: 'top_per_category', n: 2 }, rows)].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect([...applyAdvancement({ rule: 'top_per_category', n: 1 }, rows)].sort()).toEqual(['a1', 'b2']);
  });

  it('scoreCohort applies the rule on the exact verified SAQ and honours an override', () => {
    const p = period({ stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 } });
    const q = singleChoice(0.5);
    const member = (id: string, answer: string, extra = {}) => ({
      id, categoryId: 'A', questionnaire: q, selfAnswers: { q: answer }, verifiedAnswers: { q: answer }, visitation: 100, presentation: [], submitted: true, ...extra,
    });
    const [high, low, overridden] = scoreCohort(p, [member('x', 'full'), member('y', 'part'), member('z', 'part', { advanced: true })]);
    if (!high || !low || !overridden) throw new Error('scoreCohort returns one score per member');
    expect([high.advanced, str(high.finalScore)]).toEqual([true, '100']);
    expect([low.advanced, str(low.finalScore)]).toEqual([false, '50']); // keeps its verified SAQ
    expect([overridden.advanced, str(overridden.finalScore)]).toEqual([true, '60']); // 0.8 × 50 + 0.2 × 100
  });
});

describe('canonical JSON and SHA-256 (docs/scoring.md §9)', () => {
  it('sorts keys, drops whitespace and writes numbers in shortest form', () => {
    expect(canonicalJson({ b: 1, a: [1, 'x', true, null, undefined], c: { z: 0.1, y: 1e21, x: undefined, w: 2.50 } })).toBe(
      '{"a":[1,"x",true,null,null],"b":1,"c":{"w":2.5,"y":1e+21,"z":0.1}}',
    );
    expect(canonicalJson({ é: 'ü\n', A: -0 })).toBe('{"A":0,"é":"ü\\n"}');
    expect(canonicalJson(new D('0.89995000'))).toBe('0.89995');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });

  it('hashes with SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same input hash however a weight is spelled, a different one when an answer changes', () => {
    const spelled = (weight: number | string) => questionnaire({
      code: 'W', title: 'W', indicators: [{ code: 'A', name: 'A', weight: 100, questions: [{ code: 'a', text: 't', weight, type: 'yes_no' }] }],
    });
    const h1 = scoringInputsHash(answered(spelled(2), { a: true }));
    expect(scoringInputsHash(answered(spelled('2.0'), { a: true }))).toBe(h1);
    expect(scoringInputsHash(answered(spelled(2), { a: false }))).not.toBe(h1);
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
  });
});
