import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BANDS, fittingAnswers, questionsLackingEvidence, validateAnswer, validateAnswers, validatePeriodScoring, validateQuestionnaire, validateStageScores, scoringInputsRecord,
  type ValidationIssue,
} from '../../src/scoring/index.ts';
import { example, period } from './fixtures.ts';

function valid(): Record<string, unknown> {
  return structuredClone({
    code: 'Q', title: 'T',
    indicators: [
      {
        code: 'JI', name: 'Jenis Informasi', weight: 40,
        questions: [
          { code: '1', text: 'a', weight: 2, type: 'yes_no', evidence: 'required' },
          { code: '2', text: 'b', weight: '0.5', type: 'choice', options: [{ value: 'y', label: 'Y', score: 1 }, { value: 'n', label: 'N', score: 0 }] },
        ],
      },
      { code: 'DG', name: 'Digitalisasi', weight: '60', questions: [{ code: '3', text: 'c', weight: 1, type: 'checklist', items: [{ value: 'a', label: 'A' }] }] },
    ],
  });
}

function errorsOf(raw: unknown): ValidationIssue[] {
  const result = validateQuestionnaire(raw);
  if (result.ok) throw new Error('expected the questionnaire to be invalid');
  return result.errors;
}

type Q = { indicators: { weight: unknown; questions: Record<string, unknown>[] }[] } & Record<string, unknown>;
function mutate(fn: (q: Q) => void): unknown {
  const q = valid() as Q;
  fn(q);
  return q;
}

describe('validateQuestionnaire (docs/scoring.md §2)', () => {
  it('accepts a valid questionnaire and defaults evidence to "none"', () => {
    const result = validateQuestionnaire(valid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.indicators[0]!.questions[0]!.evidence).toBe('required');
    expect(result.value.indicators[0]!.questions[1]!.evidence).toBe('none');
    expect(result.value.indicators[1]!.weight).toBe('60');
  });

  it('rejects indicator weights that do not sum to exactly 100', () => {
    expect(errorsOf(mutate((q) => (q.indicators[1]!.weight = 60.01)))).toEqual([
      { path: 'indicators', message: 'indicator weights must sum to exactly 100 (they sum to 100.01)' },
    ]);
  });

  it('sums decimal weights exactly (33.3 + 33.3 + 33.4 = 100)', () => {
    const q = valid() as Q;
    q.indicators = [0, 1, 2].map((i) => ({ code: `I${i}`, name: 'n', weight: i === 2 ? 33.4 : 33.3, questions: [{ code: `q${i}`, text: 't', weight: 1, type: 'yes_no' }] }));
    expect(validateQuestionnaire(q).ok).toBe(true);
  });

  it('rejects non-positive and non-numeric weights with their paths', () => {
    const errors = errorsOf(mutate((q) => {
      q.indicators[0]!.weight = 0;
      q.indicators[0]!.questions[0]!.weight = -1;
      q.indicators[0]!.questions[1]!.weight = '1,5';
    }));
    expect(errors).toEqual([
      { path: 'indicators[0].weight', message: 'must be positive' },
      { path: 'indicators[0].questions[0].weight', message: 'must be positive' },
      { path: 'indicators[0].questions[1].weight', message: 'must be a decimal number (a JSON number or a decimal string such as "0.5")' },
    ]);
  });

  it('rejects duplicate indicator and question codes, naming both places', () => {
    const errors = errorsOf(mutate((q) => {
      (q.indicators[1] as Record<string, unknown>).code = 'JI';
      q.indicators[1]!.questions[0]!.code = '1';
    }));
    expect(errors).toEqual([
      { path: 'indicators[1].code', message: 'duplicate indicator code "JI" (also at indicators[0])' },
      { path: 'indicators[1].questions[0].code', message: 'duplicate question code "1" (also at indicators[0].questions[0])' },
    ]);
  });

  it('requires at least one question per indicator', () => {
    expect(errorsOf(mutate((q) => (q.indicators[1]!.questions = [])))).toContainEqual({ path: 'indicators[1].questions', message: 'must have at least 1 question' });
  });

  it('checks choice options: at least two, unique values, scores in [0, 1], one scoring 1', () => {
    expect(errorsOf(mutate((q) => (q.indicators[0]!.questions[1]!.options = [{ value: 'y', label: 'Y', score: 1 }])))).toEqual([
      { path: 'indicators[0].questions[1].options', message: 'must have at least 2 options' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.questions[1]!.options = [{ value: 'y', label: 'Y', score: 1 }, { value: 'y', label: 'N', score: 0 }])))).toEqual([
      { path: 'indicators[0].questions[1].options[1].value', message: 'duplicate option value "y" (also at indicators[0].questions[1].options[0])' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.questions[1]!.options = [{ value: 'y', label: 'Y', score: 1.5 }, { value: 'n', label: 'N', score: 0 }])))).toEqual([
      { path: 'indicators[0].questions[1].options[0].score', message: 'must be between 0 and 1' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[0]!.questions[1]!.options = [{ value: 'y', label: 'Y', score: 0.9 }, { value: 'n', label: 'N', score: 0 }])))).toEqual([
      { path: 'indicators[0].questions[1].options', message: 'at least one option must have score 1' },
    ]);
  });

  it('checks checklist items: at least one, unique values', () => {
    expect(errorsOf(mutate((q) => (q.indicators[1]!.questions[0]!.items = [])))).toEqual([
      { path: 'indicators[1].questions[0].items', message: 'must have at least 1 item' },
    ]);
    expect(errorsOf(mutate((q) => (q.indicators[1]!.questions[0]!.items = [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }])))).toEqual([
      { path: 'indicators[1].questions[0].items[1].value', message: 'duplicate item value "a" (also at indicators[1].questions[0].items[0])' },
    ]);
  });

  it('rejects an unknown type or evidence rule, misplaced options/items and unknown properties', () => {
    const errors = errorsOf(mutate((q) => {
      q.indicators[0]!.questions[0]!.type = 'scale';
      q.indicators[0]!.questions[1]!.evidence = 'sometimes';
      q.indicators[1]!.questions[0]!.options = [];
      q.indicators[0]!.questions[0]!.wieght = 3;
    }));
    expect(errors).toEqual([
      { path: 'indicators[0].questions[0].wieght', message: 'unknown property (allowed: code, text, weight, type, evidence, options, items, subIndicator, sample)' },
      { path: 'indicators[0].questions[0].type', message: 'must be one of "yes_no", "choice", "checklist"' },
      { path: 'indicators[0].questions[1].evidence', message: 'must be one of "required", "optional", "none"' },
      { path: 'indicators[1].questions[0].options', message: 'only choice questions have options' },
    ]);
  });

  it('rejects what is not a questionnaire at all', () => {
    expect(errorsOf([])).toEqual([{ path: '', message: 'the questionnaire must be a JSON object' }]);
    expect(errorsOf({ code: 'x', title: 't' })).toEqual([{ path: 'indicators', message: 'is required' }]);
    expect(errorsOf({ code: '', title: 't', indicators: [] })).toEqual([
      { path: 'code', message: 'must be a non-empty string' },
      { path: 'indicators', message: 'must have at least 1 indicator' },
    ]);
  });
});

describe('validatePeriodScoring (docs/scoring.md §5, §6)', () => {
  it('fills every default from an empty object', () => {
    expect(validatePeriodScoring({})).toEqual({
      ok: true,
      value: {
        stages: { saq: 100 }, presentationAspects: {}, advancement: { rule: 'none' }, bands: DEFAULT_BANDS, nonSubmitters: 'not_scored',
        evaluationOrder: [], stageLabels: {}, maxAdjustment: 0,
      },
    });
    expect(validatePeriodScoring(undefined).ok).toBe(true);
  });

  it('accepts stages that sum to 100 and rejects the rest', () => {
    expect(validatePeriodScoring({ stages: { saq: 80, visitation: 20 } }).ok).toBe(true);
    expect(validatePeriodScoring({ stages: { saq: 80, visitation: 10 } })).toEqual({
      ok: false, errors: [{ path: 'stages', message: 'stage weights must sum to exactly 100 (they sum to 90)' }],
    });
    expect(validatePeriodScoring({ stages: { visitation: 100 } })).toEqual({ ok: false, errors: [{ path: 'stages.saq', message: 'is required' }] });
    expect(validatePeriodScoring({ stages: { saq: 100, visitation: 0 } })).toEqual({ ok: false, errors: [{ path: 'stages.visitation', message: 'must be positive' }] });
    expect(validatePeriodScoring({ stages: { saq: 90, interview: 10 } }).ok).toBe(false);
  });

  it('requires presentation aspects summing to 100 when there is a presentation stage', () => {
    expect(validatePeriodScoring({ stages: { saq: 70, presentation: 30 } })).toEqual({
      ok: false, errors: [{ path: 'presentationAspects', message: 'is required when the period has a presentation stage' }],
    });
    expect(validatePeriodScoring({ stages: { saq: 70, presentation: 30 }, presentationAspects: { inovasi: 50, komitmen: 40 } })).toEqual({
      ok: false, errors: [{ path: 'presentationAspects', message: 'aspect weights must sum to exactly 100 (they sum to 90)' }],
    });
    expect(validatePeriodScoring({ stages: { saq: 70, presentation: 30 }, presentationAspects: { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 } }).ok).toBe(true);
  });

  it('validates the advancement rule', () => {
    expect(validatePeriodScoring({ advancement: { rule: 'min_score', minScore: 60 } }).ok).toBe(true);
    expect(validatePeriodScoring({ advancement: { rule: 'min_score', minScore: 101 } })).toEqual({
      ok: false, errors: [{ path: 'advancement.minScore', message: 'must be between 0 and 100' }],
    });
    expect(validatePeriodScoring({ advancement: { rule: 'top_per_category', n: 3 } }).ok).toBe(true);
    expect(validatePeriodScoring({ advancement: { rule: 'top_per_category', n: 1.5 } })).toEqual({
      ok: false, errors: [{ path: 'advancement.n', message: 'must be a positive integer' }],
    });
    expect(validatePeriodScoring({ advancement: { rule: 'best' } })).toEqual({
      ok: false, errors: [{ path: 'advancement.rule', message: 'must be "none", "min_score" or "top_per_category"' }],
    });
  });

  it('validates bands and returns them ordered by min descending', () => {
    const result = validatePeriodScoring({ bands: [{ code: 'low', label: 'Low', min: 0 }, { code: 'high', label: 'High', min: '75.5' }] });
    expect(result.ok && result.value.bands.map((b) => b.code)).toEqual(['high', 'low']);
    expect(validatePeriodScoring({ bands: [{ code: 'a', label: 'A', min: 10 }] })).toEqual({
      ok: false, errors: [{ path: 'bands', message: 'one band must have min 0 so that every score has a band' }],
    });
    expect(validatePeriodScoring({ bands: [{ code: 'a', label: 'A', min: 0 }, { code: 'a', label: 'B', min: 0 }] })).toEqual({
      ok: false,
      errors: [
        { path: 'bands[1].code', message: 'duplicate band code "a" (also at bands[0])' },
        { path: 'bands[1].min', message: 'two bands cannot share min 0 (also at bands[0])' },
      ],
    });
    expect(validatePeriodScoring({ bands: [{ code: 'a', label: 'A', min: 0 }, { code: 'b', label: 'B', min: 120 }] })).toEqual({
      ok: false, errors: [{ path: 'bands[1].min', message: 'must be between 0 and 100' }],
    });
  });

  it('completes the evaluation order with the default one, and keeps an order given', () => {
    const aspects = { inovasi: 100 };
    const value = (raw: Record<string, unknown>) => {
      const result = validatePeriodScoring(raw);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.value;
    };
    expect(value({ stages: { saq: 60, visitation: 20, presentation: 20 }, presentationAspects: aspects }).evaluationOrder).toEqual(['visitation', 'presentation']);
    expect(value({ stages: { saq: 80, presentation: 20 }, presentationAspects: aspects }).evaluationOrder).toEqual(['presentation']);
    expect(value({ stages: { saq: 100 }, evaluationOrder: [] }).evaluationOrder).toEqual([]);
    const kiPusat = value({
      stages: { saq: 60, presentation: 20, visitation: 20 }, presentationAspects: aspects,
      evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: '  Uji Publik ' },
    });
    expect(kiPusat).toMatchObject({ evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: 'Uji Publik' } });
    // order and labels are not arithmetic: the canonical inputs record leaves them out
    expect(scoringInputsRecord({
      questionnaire: example, period: kiPusat, selfAnswers: {}, verifiedAnswers: {}, visitation: null, presentation: [], advanced: true, submitted: true,
    }).period).not.toHaveProperty('evaluationOrder');
  });

  it('refuses an evaluation order that is not exactly the evaluation stages of the period, naming the path', () => {
    const three = { stages: { saq: 60, visitation: 20, presentation: 20 }, presentationAspects: { inovasi: 100 } };
    const errors = (raw: Record<string, unknown>) => {
      const result = validatePeriodScoring(raw);
      return result.ok ? [] : result.errors;
    };
    expect(errors({ ...three, evaluationOrder: ['presentation'] })).toEqual([
      { path: 'evaluationOrder', message: 'must list every evaluation stage the period has; missing "visitation"' },
    ]);
    expect(errors({ stages: { saq: 80, visitation: 20 }, evaluationOrder: ['presentation', 'visitation'] })).toEqual([
      { path: 'evaluationOrder[0]', message: 'the period has no stage "presentation" (stages gives it no weight)' },
    ]);
    expect(errors({ ...three, evaluationOrder: ['visitation', 'presentation', 'visitation'] })).toEqual([
      { path: 'evaluationOrder[2]', message: 'duplicate stage "visitation" (also at evaluationOrder[0])' },
    ]);
    expect(errors({ ...three, evaluationOrder: ['saq', 'uji_publik', 'visitation', 'presentation'] })).toEqual([
      { path: 'evaluationOrder[0]', message: '"saq" always runs first and is not part of the evaluation order' },
      { path: 'evaluationOrder[1]', message: 'must be one of "visitation", "presentation"' },
    ]);
    expect(errors({ ...three, evaluationOrder: 'presentation' })).toEqual([
      { path: 'evaluationOrder', message: 'must be an array of the period\'s evaluation stages in the order they run, e.g. ["presentation", "visitation"]' },
    ]);
  });

  it('refuses labels of unknown stages or stages the period lacks, and empty or over-long labels', () => {
    const errors = (stageLabels: unknown) => {
      const result = validatePeriodScoring({ stages: { saq: 80, visitation: 20 }, stageLabels });
      return result.ok ? [] : result.errors;
    };
    expect(errors({ saq: 'SAQ', visitation: 'Kunjungan Lapangan' })).toEqual([]);
    const length = 'must be a name of 1 to 60 characters without control characters';
    expect(errors({ wawancara: 'Wawancara', presentation: 'Uji Publik', saq: ' ', visitation: 'V'.repeat(61) })).toEqual([
      { path: 'stageLabels.wawancara', message: 'unknown stage (labels name "saq", "visitation", "presentation")' },
      { path: 'stageLabels.presentation', message: 'the period has no stage "presentation" (stages gives it no weight)' },
      { path: 'stageLabels.saq', message: length },
      { path: 'stageLabels.visitation', message: length },
    ]);
    expect(errors({ visitation: 7 })).toEqual([{ path: 'stageLabels.visitation', message: length }]);
    expect(errors({ visitation: 'Visi\ntasi' })).toEqual([{ path: 'stageLabels.visitation', message: length }]);
    expect(errors({ visitation: 'V'.repeat(60) })).toEqual([]);
    expect(errors(['Visitasi'])).toEqual([{ path: 'stageLabels', message: 'must be an object of stage names, e.g. { "presentation": "Uji Publik" }' }]);
  });

  it('validates nonSubmitters', () => {
    expect(validatePeriodScoring({ nonSubmitters: 'tidak_informatif' }).ok).toBe(true);
    expect(validatePeriodScoring({ nonSubmitters: 'zero' })).toEqual({ ok: false, errors: [{ path: 'nonSubmitters', message: 'must be "not_scored" or "tidak_informatif"' }] });
  });
});

describe('validateAnswer / validateAnswers (docs/scoring.md §3)', () => {
  const [yesNo, choice, checklist] = example.indicators[0]!.questions;
  if (!yesNo || !choice || !checklist) throw new Error('the example questionnaire starts with three questions');

  it('accepts a value of the right type', () => {
    expect(validateAnswer(yesNo, true)).toBeNull();
    expect(validateAnswer(yesNo, false)).toBeNull();
    expect(validateAnswer(choice, 'late')).toBeNull();
    expect(validateAnswer(checklist, [])).toBeNull();
    expect(validateAnswer(checklist, ['web', 'sms'])).toBeNull();
  });

  it('rejects a wrong type or an unknown option/item instead of scoring it 0', () => {
    expect(validateAnswer(yesNo, 'yes')?.en()).toBe('expected true or false');
    expect(validateAnswer(yesNo, 1)?.en()).toBe('expected true or false');
    expect(validateAnswer(choice, 'x')?.en()).toBe('unknown option "x" (expected one of "full", "late", "none")');
    expect(validateAnswer(choice, 1)?.en()).toBe('expected one of "full", "late", "none"');
    expect(validateAnswer(checklist, 'web')?.en()).toBe('expected a list of item values');
    expect(validateAnswer(checklist, ['web', 'fax'])?.en()).toBe('unknown item "fax" (expected some of "web", "app", "desk", "sms")');
    expect(validateAnswer(checklist, ['web', 'web'])?.en()).toBe('duplicate item "web"');
  });

  it('names the question code and rejects unknown questions', () => {
    expect(validateAnswers(example, { '2.1.1': true, '2.1.2': 'maybe', '9.9': true })).toEqual([
      { path: '2.1.2', message: 'unknown option "maybe" (expected one of "full", "late", "none")' },
      { path: '9.9', message: 'unknown question "9.9"' },
    ]);
    expect(validateAnswers(example, {})).toEqual([]);
  });
});

describe('fittingAnswers', () => {
  it('keeps the answers object when every answer fits, and otherwise copies the ones that do', () => {
    const q = validateQuestionnaire(valid());
    if (!q.ok) throw new Error('fixture');
    const good = { '1': true, '2': 'y', '3': ['a'] };
    expect(fittingAnswers(q.value, good)).toBe(good);
    expect(fittingAnswers(q.value, {})).toEqual({});
    expect(fittingAnswers(q.value, { '1': 'yes', '2': 'n', '3': ['a', 'a'], '9': true })).toEqual({ '2': 'n' });
  });
});

describe('validateStageScores', () => {
  const p = period({ stages: { saq: 70, presentation: 30 }, presentationAspects: { materi: 50, inovasi: 50 } });

  it('checks jurors against the aspects and scores against 0–100', () => {
    expect(validateStageScores(p, { presentation: [{ materi: 80, inovasi: 90 }] })).toEqual([]);
    expect(validateStageScores(p, { presentation: [{ materi: 80 }, { materi: 101, inovasi: 1, humor: 3 }] })).toEqual([
      { path: 'presentation[0].inovasi', message: 'is required' },
      { path: 'presentation[1].humor', message: 'unknown property (allowed: materi, inovasi)' },
      { path: 'presentation[1].materi', message: 'must be between 0 and 100' },
    ]);
    expect(validateStageScores(p, { visitation: 80 })).toEqual([{ path: 'visitation', message: 'the period has no visitation stage' }]);
  });
});

describe('questionsLackingEvidence (docs/scoring.md §3)', () => {
  it('lists answered questions that require evidence and have none', () => {
    // 2.1.1 requires evidence, 2.1.2 is optional, 2.1.3 and 3.1 need none.
    expect(questionsLackingEvidence(example, { '2.1.1': true, '2.1.2': 'full', '3.1': true }, new Set())).toEqual(['2.1.1']);
    expect(questionsLackingEvidence(example, { '2.1.1': true }, new Set(['2.1.1']))).toEqual([]);
    expect(questionsLackingEvidence(example, {}, new Set())).toEqual([]);
  });
});
