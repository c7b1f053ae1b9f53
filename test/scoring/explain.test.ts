import { describe, expect, it } from 'vitest';
import { explainParticipant, type Dec } from '../../src/scoring/index.ts';
import { example, input, period, singleChoice, answered } from './fixtures.ts';

const str = (x: Dec | null): string | null => (x === null ? null : x.toString());

describe('explainParticipant (docs/scoring.md §8)', () => {
  // JI (40): 2.1.1 w2 yes, 2.1.2 w1 'late' (0.5), 2.1.3 w1 ['web'] (¼ of 4 items); DG (60): 3.1 undecided.
  const verifiedAnswers = { '2.1.1': true, '2.1.2': 'late', '2.1.3': ['web'] };
  const selfAnswers = { '2.1.1': true, '2.1.2': 'full', '2.1.3': ['web', 'app'], '3.1': true };

  it('explains every question: self and verified value, s(q), decided', () => {
    const e = explainParticipant(input({ questionnaire: example, selfAnswers, verifiedAnswers }));
    expect(e.questions.map((q) => [q.code, q.indicator, q.selfValue, q.verifiedValue, str(q.selfScore), str(q.verifiedScore), q.decided])).toEqual([
      ['2.1.1', 'JI', true, true, '1', '1', true],
      ['2.1.2', 'JI', 'full', 'late', '1', '0.5', true],
      ['2.1.3', 'JI', ['web', 'app'], ['web'], '0.5', '0.25', true],
      ['3.1', 'DG', true, null, '1', '0', false],
    ]);
    expect(e.indicators.map((i) => [i.code, str(i.score), str(i.contribution)])).toEqual([['JI', '68.75', '27.5'], ['DG', '0', '0']]);
  });

  it('gives the gap to the next band with the exact gain of each unmet question, largest first', () => {
    // SAQ only, advanced (factor 1). SAQ = 27.5 → Tidak Informatif; next band Kurang Informatif (40): 12.5 points.
    // gain = W_k × w_q × (1 − s) / Σ w: 3.1 → 60 × 1 × 1 / 1 = 60; 2.1.3 → 40 × 1 × ¾ / 4 = 7.5; 2.1.2 → 40 × 1 × ½ / 4 = 5.
    const e = explainParticipant(input({ questionnaire: example, selfAnswers, verifiedAnswers }));
    expect(e.gap.nextBand).toEqual({ code: 'kurang_informatif', label: 'Kurang Informatif' });
    expect(str(e.gap.pointsNeeded)).toBe('12.5');
    expect(e.gap.questions.map((g) => [g.question, g.indicator, str(g.gain)])).toEqual([['3.1', 'DG', '60'], ['2.1.3', 'JI', '7.5'], ['2.1.2', 'JI', '5']]);
  });

  it('scales gains by the SAQ stage weight when the participant advanced, and explains the stages', () => {
    // saq 80 + visitation 20, visitation 85.5: final = 0.8 × 27.5 + 17.1 = 39.1 → next band at 40: 0.9 points.
    const p = period({ stages: { saq: 80, visitation: 20 } });
    const e = explainParticipant(input({ questionnaire: example, selfAnswers, verifiedAnswers, period: p, visitation: 85.5 }));
    expect(str(e.score.finalScore)).toBe('39.1');
    expect(str(e.gap.pointsNeeded)).toBe('0.9');
    expect(e.gap.questions.map((g) => str(g.gain))).toEqual(['48', '6', '4']);
    expect(e.stages.map((s) => [s.stage, s.weight, str(s.score), str(s.effectiveWeight), str(s.contribution)])).toEqual([
      ['saq', '80', '27.5', '80', '22'],
      ['visitation', '20', '85.5', '20', '17.1'],
    ]);
  });

  it('lists the stages in the period\'s evaluation order with their labels; order and labels change no number', () => {
    // KI Pusat: uji publik (presentation) before visitasi. saq 60, presentation 20, visitation 20;
    // presentation one juror at 90, visitation 85.5: final = 0.6 × 27.5 + 18 + 17.1 = 51.6 either way.
    const stages = { saq: 60, presentation: 20, visitation: 20 };
    const presentationAspects = { penguasaan_materi: 100 };
    const scores = { visitation: 85.5, presentation: [{ penguasaan_materi: 90 }] };
    const kiPusat = period({ stages, presentationAspects, evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: 'Uji Publik' } });
    const e = explainParticipant(input({ questionnaire: example, verifiedAnswers, period: kiPusat, ...scores }));
    expect(e.stages.map((s) => [s.stage, s.label, s.weight, str(s.score), str(s.contribution)])).toEqual([
      ['saq', 'Penilaian Mandiri (SAQ)', '60', '27.5', '16.5'],
      ['presentation', 'Uji Publik', '20', '90', '18'],
      ['visitation', 'Visitasi', '20', '85.5', '17.1'],
    ]);
    const plain = explainParticipant(input({ questionnaire: example, verifiedAnswers, period: period({ stages, presentationAspects }), ...scores }));
    expect(plain.stages.map((s) => [s.stage, s.label])).toEqual([['saq', 'Penilaian Mandiri (SAQ)'], ['visitation', 'Visitasi'], ['presentation', 'Presentasi']]);
    expect(str(e.score.finalScore)).toBe('51.6');
    expect(str(plain.score.finalScore)).toBe('51.6');
    expect(e.gap).toEqual(plain.gap);
  });

  it('uses factor 1 for a participant that did not advance (its final score is its verified SAQ)', () => {
    const p = period({ stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 } });
    const e = explainParticipant(input({ questionnaire: example, selfAnswers, verifiedAnswers, period: p, advanced: false }));
    expect(e.gap.questions.map((g) => str(g.gain))).toEqual(['60', '7.5', '5']);
    expect(e.stages.map((s) => [s.stage, str(s.effectiveWeight), str(s.contribution)])).toEqual([['saq', '100', '27.5'], ['visitation', '0', null]]);
  });

  it('breaks equal gains by question code and has no next band at the top', () => {
    const q = singleChoice(0.5);
    const top = explainParticipant(answered(q, { q: 'full' }));
    expect(top.gap).toEqual({ nextBand: null, pointsNeeded: null, questions: [] });
    const e = explainParticipant(input({ questionnaire: example, verifiedAnswers: { '2.1.1': true, '2.1.3': ['web', 'app', 'desk'] } }));
    // 2.1.2 (w1, s 0) and 2.1.3 (w1, s ¾): gains 10 and 2.5; 3.1: 60.
    expect(e.gap.questions.map((g) => [g.question, str(g.gain)])).toEqual([['3.1', '60'], ['2.1.2', '10'], ['2.1.3', '2.5']]);
  });

  it('gives a non-submitter no gap', () => {
    const e = explainParticipant(input({ questionnaire: example, submitted: false }));
    expect(e.gap).toEqual({ nextBand: null, pointsNeeded: null, questions: [] });
  });
});
