import { describe, expect, it } from 'vitest';
import { getPreset, listPresets } from '../../src/scoring/presets.ts';
import { scoreParticipant, validateQuestionnaire, type AnswerValue, type Question } from '../../src/scoring/index.ts';
import { period } from './fixtures.ts';

const PERKI_2025 = [
  ['Jenis Informasi', 40], ['Digitalisasi', 20], ['Kualitas Informasi', 10],
  ['Pelayanan Informasi', 10], ['Komitmen Organisasi', 10], ['Sarana dan Prasarana', 10],
];

function full(q: Question): AnswerValue {
  if (q.type === 'yes_no') return true;
  if (q.type === 'checklist') return q.items!.map((i) => i.value);
  return q.options!.find((o) => Number(o.score) === 1)!.value;
}

describe('presets', () => {
  const presets = listPresets();

  it('offers at least two questionnaires, among them Pemprov/OPD and BUMD', () => {
    expect(presets.length).toBeGreaterThanOrEqual(2);
    expect(presets.map((p) => p.code)).toEqual(expect.arrayContaining(['perki-2022-pemprov', 'perki-2022-bumd']));
  });

  it.each(presets.map((p) => [p.code, p] as const))('%s passes validateQuestionnaire and follows PerKI 1/2022 with the 2025 weights', (_code, preset) => {
    const result = validateQuestionnaire(preset.questionnaire);
    expect(result).toEqual({ ok: true, value: preset.questionnaire });
    expect(preset.questionnaire.indicators.map((i) => [i.name, i.weight])).toEqual(PERKI_2025);
    expect(preset.title).toBe(preset.questionnaire.title);
    expect(preset.description.length).toBeGreaterThan(20);
    const questions = preset.questionnaire.indicators.flatMap((i) => i.questions);
    for (const indicator of preset.questionnaire.indicators) {
      expect(indicator.questions.length).toBeGreaterThanOrEqual(3);
      expect(indicator.questions.length).toBeLessThanOrEqual(6);
    }
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['yes_no', 'choice', 'checklist']));
    expect(new Set(questions.map((q) => q.evidence))).toEqual(new Set(['required', 'optional', 'none']));
    // Fully met answers score 100; no answers score 0.
    const answers = Object.fromEntries(questions.map((q) => [q.code, full(q)]));
    const base = { questionnaire: preset.questionnaire, period: period(), visitation: null, presentation: [], advanced: true, submitted: true };
    expect(scoreParticipant({ ...base, selfAnswers: answers, verifiedAnswers: answers }).finalScore!.toString()).toBe('100');
    expect(scoreParticipant({ ...base, selfAnswers: {}, verifiedAnswers: {} }).finalScore!.toString()).toBe('0');
  });

  it('getPreset returns a copy, or null for an unknown code', () => {
    const a = getPreset('perki-2022-bumd')!;
    a.questionnaire.indicators[0]!.weight = 1;
    expect(getPreset('perki-2022-bumd')!.questionnaire.indicators[0]!.weight).toBe(40);
    expect(getPreset('nope')).toBeNull();
  });
});
