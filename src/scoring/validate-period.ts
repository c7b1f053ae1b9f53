// Validation of a period's scoring settings (docs/scoring.md §5, §6): stage weights, presentation
// aspects, the advancement rule, bands, the non-submitter rule, the adjustment limit, and the
// evaluation order and stage labels (which change no number).
import { DEFAULT_BANDS } from './bands.ts';
import { toDec } from './decimal.ts';
import {
  EVALUATION_STAGES, LABELLED_STAGES, STAGE_LABEL_MAX_LENGTH, evaluationOrderOf, isEvaluationStage, isLabelledStage,
} from './evaluation-order.ts';
import { formatIssues, Issues, isObj, join, quote } from './issues.ts';
import type { Advancement, Band, EvaluationStage, PeriodScoring, Result, StageName } from './types.ts';
import { t } from '../i18n/message.ts';

const STAGE_NAMES = ['saq', 'visitation', 'presentation'] as const;

export const DEFAULT_PERIOD_SCORING: PeriodScoring = {
  stages: { saq: 100 },
  presentationAspects: {},
  advancement: { rule: 'none' },
  bands: DEFAULT_BANDS,
  nonSubmitters: 'not_scored',
  evaluationOrder: [],
  stageLabels: {},
  maxAdjustment: 0,
};

/**
 * Validates a period's scoring settings; absent parts take the defaults of docs/scoring.md
 * (stages `{ saq: 100 }`, advancement `none`, the five PerKI bands, non-submitters not scored,
 * the evaluation stages in the default order, the default labels, maxAdjustment 0: no adjustments).
 * Presentation aspects are required (positive weights summing to 100) when the period has a
 * presentation stage; aspects given without that stage are kept but unused. The evaluation order,
 * when given, lists exactly the evaluation stages the period has; labels name only stages it has.
 */
export function validatePeriodScoring(input: unknown): Result<PeriodScoring> {
  const issues = new Issues();
  if (input === undefined || input === null) input = {};
  if (!isObj(input)) {
    issues.add('', t`the period scoring settings must be a JSON object`);
    return issues.result(null as never);
  }
  issues.onlyKeys(input, ['stages', 'presentationAspects', 'advancement', 'bands', 'nonSubmitters', 'evaluationOrder', 'stageLabels', 'maxAdjustment'], '');
  const stages = validateStages(input.stages, issues);
  const evaluationOrder = validateEvaluationOrder(input.evaluationOrder, stages, issues);
  const stageLabels = validateStageLabels(input.stageLabels, stages, issues);
  const presentationAspects = validateAspects(input.presentationAspects, stages !== null && stages.presentation !== undefined, issues);
  const advancement = validateAdvancement(input.advancement, issues);
  const bands = validateBands(input.bands, issues);
  let nonSubmitters: PeriodScoring['nonSubmitters'] = 'not_scored';
  if (input.nonSubmitters !== undefined) {
    if (input.nonSubmitters === 'not_scored' || input.nonSubmitters === 'tidak_informatif') nonSubmitters = input.nonSubmitters;
    else issues.add('nonSubmitters', t`must be "not_scored" or "tidak_informatif"`);
  }
  const maxAdjustment = input.maxAdjustment === undefined ? 0 : issues.decimal(input, 'maxAdjustment', '', { min: 0, max: 100 });
  if (stages === null || advancement === null || bands === null || maxAdjustment === null) return issues.result(null as never);
  return issues.result({ stages, presentationAspects, advancement, bands, nonSubmitters, evaluationOrder, stageLabels, maxAdjustment });
}

/** Like validatePeriodScoring, for settings already known to be valid: throws on invalid input. */
export function normalizePeriodScoring(input?: unknown): PeriodScoring {
  const result = validatePeriodScoring(input);
  if (!result.ok) throw new TypeError(`invalid period scoring settings: ${formatIssues(result.errors)}`);
  return result.value;
}

function validateStages(raw: unknown, issues: Issues): PeriodScoring['stages'] | null {
  if (raw === undefined) return { saq: 100 };
  if (!isObj(raw)) {
    issues.add('stages', t`must be an object of stage weights, e.g. { "saq": 80, "visitation": 20 }`);
    return null;
  }
  issues.onlyKeys(raw, STAGE_NAMES, 'stages');
  let valid = true;
  let sum = toDec(0);
  const stages: Partial<Record<(typeof STAGE_NAMES)[number], number | string>> = {};
  for (const name of STAGE_NAMES) {
    if (raw[name] === undefined && name !== 'saq') continue;
    const weight = issues.decimal(raw, name, 'stages', { positive: true });
    if (weight === null) valid = false;
    else {
      stages[name] = weight;
      sum = sum.plus(toDec(weight));
    }
  }
  if (!valid) return null;
  if (!sum.eq(100)) {
    issues.add('stages', t`stage weights must sum to exactly 100 (they sum to ${sum.toString()})`);
    return null;
  }
  return stages as PeriodScoring['stages'];
}

/**
 * The evaluation stages in the order they run: every one the period has (a stage in `stages` other
 * than saq), each once, and nothing else. Absent: the default order. Returned complete.
 */
function validateEvaluationOrder(raw: unknown, stages: PeriodScoring['stages'] | null, issues: Issues): EvaluationStage[] {
  const fallback = stages === null ? [] : evaluationOrderOf({ stages });
  if (raw === undefined) return fallback;
  if (!Array.isArray(raw)) {
    issues.add('evaluationOrder', t`must be an array of the period's evaluation stages in the order they run, e.g. ["presentation", "visitation"]`);
    return fallback;
  }
  const seen = new Map<EvaluationStage, number>();
  raw.forEach((name: unknown, i) => {
    const at = join('evaluationOrder', i);
    if (name === 'saq') issues.add(at, t`"saq" always runs first and is not part of the evaluation order`);
    else if (!isEvaluationStage(name)) issues.add(at, t`must be one of ${quote(EVALUATION_STAGES)}`);
    else if (seen.has(name)) issues.add(at, t`duplicate stage "${name}" (also at evaluationOrder[${seen.get(name)}])`);
    else {
      seen.set(name, i);
      if (stages !== null && stages[name] === undefined) issues.add(at, t`the period has no stage "${name}" (stages gives it no weight)`);
    }
  });
  if (stages !== null) {
    const missing = EVALUATION_STAGES.filter((s) => stages[s] !== undefined && !seen.has(s));
    if (missing.length > 0) issues.add('evaluationOrder', t`must list every evaluation stage the period has; missing ${quote(missing)}`);
  }
  return stages === null ? [] : evaluationOrderOf({ stages, evaluationOrder: [...seen.keys()] });
}

/** Display names: stage → a non-empty name of at most STAGE_LABEL_MAX_LENGTH characters, for stages the period has. */
function validateStageLabels(raw: unknown, stages: PeriodScoring['stages'] | null, issues: Issues): Partial<Record<StageName, string>> {
  if (raw === undefined) return {};
  if (!isObj(raw)) {
    issues.add('stageLabels', t`must be an object of stage names, e.g. { "presentation": "Uji Publik" }`);
    return {};
  }
  const labels: Partial<Record<StageName, string>> = {};
  for (const [stage, value] of Object.entries(raw)) {
    const at = join('stageLabels', stage);
    if (!isLabelledStage(stage)) {
      issues.add(at, t`unknown stage (labels name ${quote(LABELLED_STAGES)})`);
      continue;
    }
    if (stages !== null && stages[stage] === undefined) {
      issues.add(at, t`the period has no stage "${stage}" (stages gives it no weight)`);
      continue;
    }
    const label = typeof value === 'string' ? value.trim() : null;
    if (label === null || label === '' || [...label].length > STAGE_LABEL_MAX_LENGTH || /\p{Cc}/u.test(label)) {
      issues.add(at, t`must be a name of 1 to ${STAGE_LABEL_MAX_LENGTH} characters without control characters`);
      continue;
    }
    labels[stage] = label;
  }
  return labels;
}

function validateAspects(raw: unknown, required: boolean, issues: Issues): Record<string, number | string> {
  if (raw === undefined) {
    if (required) issues.add('presentationAspects', t`is required when the period has a presentation stage`);
    return {};
  }
  if (!isObj(raw)) {
    issues.add('presentationAspects', t`must be an object of aspect weights, e.g. { "inovasi": 30, ... }`);
    return {};
  }
  const aspects: Record<string, number | string> = {};
  let valid = true;
  let sum = toDec(0);
  for (const key of Object.keys(raw)) {
    if (key.trim() === '') {
      issues.add('presentationAspects', t`aspect names must be non-empty`);
      valid = false;
      continue;
    }
    const weight = issues.decimal(raw, key, 'presentationAspects', { positive: true });
    if (weight === null) valid = false;
    else {
      aspects[key] = weight;
      sum = sum.plus(toDec(weight));
    }
  }
  if (required && valid) {
    if (Object.keys(aspects).length === 0) issues.add('presentationAspects', t`must name at least one aspect when the period has a presentation stage`);
    else if (!sum.eq(100)) issues.add('presentationAspects', t`aspect weights must sum to exactly 100 (they sum to ${sum.toString()})`);
  }
  return aspects;
}

function validateAdvancement(raw: unknown, issues: Issues): Advancement | null {
  if (raw === undefined) return { rule: 'none' };
  if (!isObj(raw)) {
    issues.add('advancement', t`must be an object such as { "rule": "min_score", "minScore": 60 }`);
    return null;
  }
  switch (raw.rule) {
    case 'none':
      issues.onlyKeys(raw, ['rule'], 'advancement');
      return { rule: 'none' };
    case 'min_score': {
      issues.onlyKeys(raw, ['rule', 'minScore'], 'advancement');
      const minScore = issues.decimal(raw, 'minScore', 'advancement', { min: 0, max: 100 });
      return minScore === null ? null : { rule: 'min_score', minScore };
    }
    case 'top_per_category': {
      issues.onlyKeys(raw, ['rule', 'n'], 'advancement');
      const n = raw.n;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
        issues.add('advancement.n', n === undefined ? t`is required` : t`must be a positive integer`);
        return null;
      }
      return { rule: 'top_per_category', n };
    }
    default:
      issues.add('advancement.rule', t`must be "none", "min_score" or "top_per_category"`);
      return null;
  }
}

function validateBands(raw: unknown, issues: Issues): Band[] | null {
  if (raw === undefined) return DEFAULT_BANDS.map((b) => ({ ...b }));
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.add('bands', t`must be a non-empty array of { code, label, min }`);
    return null;
  }
  const bands: Band[] = [];
  const codes = new Map<string, number>();
  const mins = new Map<string, number>();
  raw.forEach((band, i) => {
    const at = join('bands', i);
    if (!isObj(band)) {
      issues.add(at, t`a band must be an object`);
      return;
    }
    issues.onlyKeys(band, ['code', 'label', 'min'], at);
    const code = issues.text(band, 'code', at);
    if (code !== null) {
      const first = codes.get(code);
      if (first !== undefined) issues.add(join(at, 'code'), t`duplicate band code "${code}" (also at bands[${first}])`);
      else codes.set(code, i);
    }
    const label = issues.text(band, 'label', at);
    const min = issues.decimal(band, 'min', at, { min: 0, max: 100 });
    if (min !== null) {
      const key = toDec(min).toString();
      const first = mins.get(key);
      if (first !== undefined) issues.add(join(at, 'min'), t`two bands cannot share min ${key} (also at bands[${first}])`);
      else mins.set(key, i);
    }
    if (code !== null && label !== null && min !== null) bands.push({ code, label, min });
  });
  if (bands.length !== raw.length) return null;
  if (!bands.some((b) => toDec(b.min).eq(0))) {
    issues.add('bands', t`one band must have min 0 so that every score has a band`);
    return null;
  }
  return bands.sort((a, b) => toDec(b.min).cmp(toDec(a.min)));
}
