import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, type Preset } from '../../src/scoring/presets.ts';
import { scoreParticipant, validateQuestionnaire, type AnswerValue, type Question } from '../../src/scoring/index.ts';
import { period } from './fixtures.ts';

/** The six indicators in SAQ order with KI Pusat's 2025 weights. */
const PERKI_2025 = [
  ['SP', 'Sarana dan Prasarana', 10], ['JI', 'Jenis Informasi', 40], ['KI', 'Kualitas Informasi', 10],
  ['KO', 'Komitmen Organisasi', 10], ['PI', 'Pelayanan Informasi', 10], ['DG', 'Digitalisasi', 20],
];

/** The categories commissions use (KI Pusat's seven, a province's OPD, kabupaten/kota, BUMD and desa). */
const CATEGORIES = [['kementerian'], ['ln-lpnk', 'lns'], ['bumn'], ['ptn'], ['parpol'], ['pemprov'], ['pemkab-pemkot'], ['opd'], ['bumd'], ['desa']];

function full(q: Question): AnswerValue {
  if (q.type === 'yes_no') return true;
  if (q.type === 'checklist') return q.items!.map((i) => i.value);
  return q.options!.find((o) => Number(o.score) === 1)!.value;
}

const questionsOf = (p: Preset) => p.questionnaire.indicators.flatMap((i) => i.questions);

describe('presets', () => {
  const presets = listPresets();
  const current = presets.filter((p) => !p.legacy);

  it('cover every category commissions use, one current preset per category', () => {
    const covered = current.flatMap((p) => p.categories.map((c) => c.code));
    for (const codes of CATEGORIES) expect(covered, codes.join('/')).toEqual(expect.arrayContaining(codes));
    expect(new Set(covered).size).toBe(covered.length);
    expect(current).toHaveLength(10);
    expect(new Set(presets.map((p) => p.code)).size).toBe(presets.length);
  });

  it('keep the older codes working, marked legacy and wholly illustrative', () => {
    for (const code of ['perki-2022-pemprov', 'perki-2022-bumd']) {
      const p = getPreset(code)!;
      expect(p.legacy).toBe(true);
      expect(p.sampleQuestionCount).toBe(questionsOf(p).length);
      expect(questionsOf(p).every((q) => q.sample === true)).toBe(true);
    }
  });

  it.each(presets.map((p) => [p.code, p] as const))('%s is valid, scores 0 to 100, and says where it comes from', (_code, preset) => {
    expect(validateQuestionnaire(preset.questionnaire)).toEqual({ ok: true, value: preset.questionnaire });
    expect(preset.questionnaire.code).toBe(preset.code);
    expect(preset.title).toBe(preset.questionnaire.title);
    expect(preset.description.length).toBeGreaterThan(40);
    // provenance
    expect(preset.year).toBe(2025);
    expect(preset.categories.length).toBeGreaterThan(0);
    expect(preset.source.instrument).toMatch(/sample/);
    expect(preset.source.weights).toMatch(/asumsi/);
    expect(preset.source.references.length).toBeGreaterThan(0);
    for (const r of preset.source.references) {
      expect(r.url).toMatch(/^https?:\/\/[^\s]+$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.usedFor.length).toBeGreaterThan(10);
    }
    const questions = questionsOf(preset);
    expect(preset.sampleQuestionCount).toBe(questions.filter((q) => q.sample === true).length);
    // Fully met answers score 100; no answers score 0.
    const answers = Object.fromEntries(questions.map((q) => [q.code, full(q)]));
    const base = { questionnaire: preset.questionnaire, period: period(), visitation: null, presentation: [], advanced: true, submitted: true };
    expect(scoreParticipant({ ...base, selfAnswers: answers, verifiedAnswers: answers }).finalScore!.toString()).toBe('100');
    expect(scoreParticipant({ ...base, selfAnswers: {}, verifiedAnswers: {} }).finalScore!.toString()).toBe('0');
  });

  it.each(current.map((p) => [p.code, p] as const))('%s follows PerKI 1/2022 with the 2025 weights, numbered indicator → sub-indicator → question', (_code, preset) => {
    expect(preset.questionnaire.indicators.map((i) => [i.code, i.name, i.weight])).toEqual(PERKI_2025);
    preset.questionnaire.indicators.forEach((indicator, k) => {
      const subs = indicator.subIndicators ?? [];
      expect(subs.length, indicator.code).toBeGreaterThanOrEqual(2);
      subs.forEach((s, n) => expect(s.code).toBe(`${k + 1}.${n + 1}`));
      for (const q of indicator.questions) {
        expect(q.code).toMatch(/^\d+\.\d+\.\d+$/);
        expect(q.code.startsWith(`${q.subIndicator}.`), q.code).toBe(true);
      }
      // questions are listed sub-indicator by sub-indicator, numbered 1, 2, 3 … within each
      expect(indicator.questions.map((q) => q.code)).toEqual(subs.flatMap((s) => indicator.questions.filter((q) => q.subIndicator === s.code).map((_, j) => `${s.code}.${j + 1}`)));
    });
    const questions = questionsOf(preset);
    expect(questions.length).toBeGreaterThanOrEqual(30);
    // mostly traced to a public instrument: the samples are a minority (desa has the most: PerKI 1/2018 was not found)
    expect(preset.sampleQuestionCount).toBeGreaterThan(0);
    expect(preset.sampleQuestionCount).toBeLessThan(questions.length / 3);
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['yes_no', 'choice', 'checklist']));
    expect(questions.filter((q) => q.evidence === 'required').length).toBeGreaterThan(questions.length * 0.8);
  });

  it('write each category\'s Jenis Informasi from the law that applies to it', () => {
    const texts = (code: string) => getPreset(code)!.questionnaire.indicators.find((i) => i.code === 'JI')!.questions.map((q) => q.text).join('\n');
    expect(texts('monev-2025-bumn')).toMatch(/pemegang saham/);
    expect(texts('monev-2025-bumd')).toMatch(/dewan pengawas \(perumda\)/);
    expect(texts('monev-2025-parpol')).toMatch(/muktamar\/kongres\/munas/);
    expect(texts('monev-2025-desa')).toMatch(/APB Desa/);
    expect(texts('monev-2025-ptn')).toMatch(/akreditasi/);
    expect(texts('monev-2025-opd')).toMatch(/LKjIP perangkat daerah/);
  });

  it('getPreset returns a copy, or null for an unknown code', () => {
    const a = getPreset('monev-2025-bumd')!;
    a.questionnaire.indicators[0]!.weight = 1;
    expect(getPreset('monev-2025-bumd')!.questionnaire.indicators[0]!.weight).toBe(10);
    expect(getPreset('perki-2022-bumd')!.questionnaire.indicators[0]!.weight).toBe(40);
    expect(getPreset('nope')).toBeNull();
  });
});
