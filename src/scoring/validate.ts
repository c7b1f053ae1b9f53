// Validation of questionnaires (SCORING.md §2), period scoring settings (§5, §6) and answers (§3).
// Every error names the offending path, e.g. `indicators[2].questions[0].options`; all errors are
// collected, not just the first.
import { DEFAULT_BANDS } from './bands.ts';
import { isDecimalLike, toDec } from './decimal.ts';
import type {
  Advancement, Band, ChecklistItem, ChoiceOption, EvidenceRule, Indicator,
  PeriodScoring, Question, QuestionType, Questionnaire, Result, ValidationIssue,
} from './types.ts';

type Obj = Record<string, unknown>;

const QUESTION_TYPES: readonly QuestionType[] = ['yes_no', 'choice', 'checklist'];
const EVIDENCE_RULES: readonly EvidenceRule[] = ['required', 'optional', 'none'];
const STAGE_NAMES = ['saq', 'visitation', 'presentation'] as const;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function quote(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

class Issues {
  readonly list: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
  get count(): number {
    return this.list.length;
  }
  /** Unknown properties are errors: a typo such as "wieght" must not silently fall back to a default. */
  onlyKeys(obj: Obj, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(join(path, key), `unknown property (allowed: ${allowed.join(', ')})`);
    }
  }
  text(obj: Obj, key: string, path: string): string | null {
    const value = obj[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(join(path, key), value === undefined ? 'is required' : 'must be a non-empty string');
      return null;
    }
    return value;
  }
  /** A decimal (JSON number or decimal string) within bounds; returns it unchanged when valid. */
  decimal(obj: Obj, key: string, path: string, check: { positive?: boolean; min?: number; max?: number }): number | string | null {
    const value = obj[key];
    const where = join(path, key);
    if (value === undefined) {
      this.add(where, 'is required');
      return null;
    }
    if (!isDecimalLike(value)) {
      this.add(where, 'must be a decimal number (a JSON number or a decimal string such as "0.5")');
      return null;
    }
    const dec = toDec(value);
    if (check.positive && !dec.gt(0)) {
      this.add(where, 'must be positive');
      return null;
    }
    if (check.min !== undefined && check.max !== undefined && (dec.lt(check.min) || dec.gt(check.max))) {
      this.add(where, `must be between ${check.min} and ${check.max}`);
      return null;
    }
    return value;
  }
  array(obj: Obj, key: string, path: string, minLength: number, what: string): unknown[] | null {
    const value = obj[key];
    const where = join(path, key);
    if (!Array.isArray(value)) {
      this.add(where, value === undefined ? 'is required' : 'must be an array');
      return null;
    }
    if (value.length < minLength) {
      this.add(where, `must have at least ${minLength} ${what}`);
      return null;
    }
    return value;
  }
  result<T>(value: T): Result<T> {
    return this.list.length === 0 ? { ok: true, value } : { ok: false, errors: this.list };
  }
}

// ─── Questionnaire ──────────────────────────────────────────────────────────────────────────────

/** Validates a questionnaire (§2) and returns a clean copy with `evidence` defaulted to "none". */
export function validateQuestionnaire(input: unknown): Result<Questionnaire> {
  const issues = new Issues();
  if (!isObj(input)) {
    issues.add('', 'the questionnaire must be a JSON object');
    return issues.result(null as never);
  }
  issues.onlyKeys(input, ['code', 'title', 'indicators'], '');
  const code = issues.text(input, 'code', '');
  const title = issues.text(input, 'title', '');
  const rawIndicators = issues.array(input, 'indicators', '', 1, 'indicator');
  const indicators: Indicator[] = [];
  const indicatorCodes = new Map<string, string>();
  const questionCodes = new Map<string, string>();
  let weightSum = toDec(0);
  let weightsValid = true;
  (rawIndicators ?? []).forEach((raw, i) => {
    const path = join('indicators', i);
    if (!isObj(raw)) {
      issues.add(path, 'an indicator must be an object');
      weightsValid = false;
      return;
    }
    issues.onlyKeys(raw, ['code', 'name', 'weight', 'questions'], path);
    const indicatorCode = issues.text(raw, 'code', path);
    if (indicatorCode !== null) {
      const first = indicatorCodes.get(indicatorCode);
      if (first !== undefined) issues.add(join(path, 'code'), `duplicate indicator code "${indicatorCode}" (also at ${first})`);
      else indicatorCodes.set(indicatorCode, path);
    }
    const name = issues.text(raw, 'name', path);
    const weight = issues.decimal(raw, 'weight', path, { positive: true });
    if (weight === null) weightsValid = false;
    else weightSum = weightSum.plus(toDec(weight));
    const rawQuestions = issues.array(raw, 'questions', path, 1, 'question');
    const questions: Question[] = [];
    (rawQuestions ?? []).forEach((rawQuestion, j) => {
      const question = validateQuestion(rawQuestion, join(join(path, 'questions'), j), issues, questionCodes);
      if (question) questions.push(question);
    });
    if (indicatorCode !== null && name !== null && weight !== null) {
      indicators.push({ code: indicatorCode, name, weight, questions });
    }
  });
  if (rawIndicators && weightsValid && !weightSum.eq(100)) {
    issues.add('indicators', `indicator weights must sum to exactly 100 (they sum to ${weightSum.toString()})`);
  }
  return issues.result({ code: code ?? '', title: title ?? '', indicators });
}

function validateQuestion(raw: unknown, path: string, issues: Issues, codes: Map<string, string>): Question | null {
  if (!isObj(raw)) {
    issues.add(path, 'a question must be an object');
    return null;
  }
  issues.onlyKeys(raw, ['code', 'text', 'weight', 'type', 'evidence', 'options', 'items'], path);
  const before = issues.count;
  const code = issues.text(raw, 'code', path);
  if (code !== null) {
    const first = codes.get(code);
    if (first !== undefined) issues.add(join(path, 'code'), `duplicate question code "${code}" (also at ${first})`);
    else codes.set(code, path);
  }
  const text = issues.text(raw, 'text', path);
  const weight = issues.decimal(raw, 'weight', path, { positive: true });
  const type = raw.type;
  if (!QUESTION_TYPES.includes(type as QuestionType)) {
    issues.add(join(path, 'type'), type === undefined ? `is required (one of ${quote(QUESTION_TYPES)})` : `must be one of ${quote(QUESTION_TYPES)}`);
  }
  let evidence: EvidenceRule = 'none';
  if (raw.evidence !== undefined) {
    if (EVIDENCE_RULES.includes(raw.evidence as EvidenceRule)) evidence = raw.evidence as EvidenceRule;
    else issues.add(join(path, 'evidence'), `must be one of ${quote(EVIDENCE_RULES)}`);
  }
  let options: ChoiceOption[] | undefined;
  let items: ChecklistItem[] | undefined;
  if (type === 'choice') {
    options = validateOptions(raw, path, issues);
    if (raw.items !== undefined) issues.add(join(path, 'items'), 'only checklist questions have items');
  } else if (type === 'checklist') {
    items = validateItems(raw, path, issues);
    if (raw.options !== undefined) issues.add(join(path, 'options'), 'only choice questions have options');
  } else if (type === 'yes_no') {
    if (raw.options !== undefined) issues.add(join(path, 'options'), 'only choice questions have options');
    if (raw.items !== undefined) issues.add(join(path, 'items'), 'only checklist questions have items');
  }
  if (issues.count > before || code === null || text === null || weight === null) return null;
  const question: Question = { code, text, weight, type: type as QuestionType, evidence };
  if (options) question.options = options;
  if (items) question.items = items;
  return question;
}

function validateOptions(raw: Obj, path: string, issues: Issues): ChoiceOption[] | undefined {
  const list = issues.array(raw, 'options', path, 2, 'options');
  if (!list) return undefined;
  const where = join(path, 'options');
  const seen = new Map<string, number>();
  const options: ChoiceOption[] = [];
  let hasFull = false;
  let allScoresValid = true;
  list.forEach((option, i) => {
    const at = join(where, i);
    if (!isObj(option)) {
      issues.add(at, 'an option must be an object');
      allScoresValid = false;
      return;
    }
    issues.onlyKeys(option, ['value', 'label', 'score'], at);
    const value = issues.text(option, 'value', at);
    if (value !== null) {
      const first = seen.get(value);
      if (first !== undefined) issues.add(join(at, 'value'), `duplicate option value "${value}" (also at ${join(where, first)})`);
      else seen.set(value, i);
    }
    const label = issues.text(option, 'label', at);
    const score = issues.decimal(option, 'score', at, { min: 0, max: 1 });
    if (score === null) allScoresValid = false;
    else if (toDec(score).eq(1)) hasFull = true;
    if (value !== null && label !== null && score !== null) options.push({ value, label, score });
  });
  if (allScoresValid && !hasFull) issues.add(where, 'at least one option must have score 1');
  return options;
}

function validateItems(raw: Obj, path: string, issues: Issues): ChecklistItem[] | undefined {
  const list = issues.array(raw, 'items', path, 1, 'item');
  if (!list) return undefined;
  const where = join(path, 'items');
  const seen = new Map<string, number>();
  const items: ChecklistItem[] = [];
  list.forEach((item, i) => {
    const at = join(where, i);
    if (!isObj(item)) {
      issues.add(at, 'an item must be an object');
      return;
    }
    issues.onlyKeys(item, ['value', 'label'], at);
    const value = issues.text(item, 'value', at);
    if (value !== null) {
      const first = seen.get(value);
      if (first !== undefined) issues.add(join(at, 'value'), `duplicate item value "${value}" (also at ${join(where, first)})`);
      else seen.set(value, i);
    }
    const label = issues.text(item, 'label', at);
    if (value !== null && label !== null) items.push({ value, label });
  });
  return items;
}

// ─── Period scoring settings ────────────────────────────────────────────────────────────────────

export const DEFAULT_PERIOD_SCORING: PeriodScoring = {
  stages: { saq: 100 },
  presentationAspects: {},
  advancement: { rule: 'none' },
  bands: DEFAULT_BANDS,
  nonSubmitters: 'not_scored',
};

/**
 * Validates a period's scoring settings; absent parts take the defaults of SCORING.md
 * (stages `{ saq: 100 }`, advancement `none`, the five PerKI bands, non-submitters not scored).
 * Presentation aspects are required (positive weights summing to 100) when the period has a
 * presentation stage; aspects given without that stage are kept but unused.
 */
export function validatePeriodScoring(input: unknown): Result<PeriodScoring> {
  const issues = new Issues();
  if (input === undefined || input === null) input = {};
  if (!isObj(input)) {
    issues.add('', 'the period scoring settings must be a JSON object');
    return issues.result(null as never);
  }
  issues.onlyKeys(input, ['stages', 'presentationAspects', 'advancement', 'bands', 'nonSubmitters'], '');
  const stages = validateStages(input.stages, issues);
  const presentationAspects = validateAspects(input.presentationAspects, stages !== null && stages.presentation !== undefined, issues);
  const advancement = validateAdvancement(input.advancement, issues);
  const bands = validateBands(input.bands, issues);
  let nonSubmitters: PeriodScoring['nonSubmitters'] = 'not_scored';
  if (input.nonSubmitters !== undefined) {
    if (input.nonSubmitters === 'not_scored' || input.nonSubmitters === 'tidak_informatif') nonSubmitters = input.nonSubmitters;
    else issues.add('nonSubmitters', 'must be "not_scored" or "tidak_informatif"');
  }
  if (stages === null || advancement === null || bands === null) return issues.result(null as never);
  return issues.result({ stages, presentationAspects, advancement, bands, nonSubmitters });
}

/** Like validatePeriodScoring, for settings already known to be valid: throws on invalid input. */
export function normalizePeriodScoring(input?: unknown): PeriodScoring {
  const result = validatePeriodScoring(input);
  if (!result.ok) throw new TypeError(`invalid period scoring settings: ${formatIssues(result.errors)}`);
  return result.value;
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

function validateStages(raw: unknown, issues: Issues): PeriodScoring['stages'] | null {
  if (raw === undefined) return { saq: 100 };
  if (!isObj(raw)) {
    issues.add('stages', 'must be an object of stage weights, e.g. { "saq": 80, "visitation": 20 }');
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
    issues.add('stages', `stage weights must sum to exactly 100 (they sum to ${sum.toString()})`);
    return null;
  }
  return stages as PeriodScoring['stages'];
}

function validateAspects(raw: unknown, required: boolean, issues: Issues): Record<string, number | string> {
  if (raw === undefined) {
    if (required) issues.add('presentationAspects', 'is required when the period has a presentation stage');
    return {};
  }
  if (!isObj(raw)) {
    issues.add('presentationAspects', 'must be an object of aspect weights, e.g. { "inovasi": 30, ... }');
    return {};
  }
  const aspects: Record<string, number | string> = {};
  let valid = true;
  let sum = toDec(0);
  for (const key of Object.keys(raw)) {
    if (key.trim() === '') {
      issues.add('presentationAspects', 'aspect names must be non-empty');
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
    if (Object.keys(aspects).length === 0) issues.add('presentationAspects', 'must name at least one aspect when the period has a presentation stage');
    else if (!sum.eq(100)) issues.add('presentationAspects', `aspect weights must sum to exactly 100 (they sum to ${sum.toString()})`);
  }
  return aspects;
}

function validateAdvancement(raw: unknown, issues: Issues): Advancement | null {
  if (raw === undefined) return { rule: 'none' };
  if (!isObj(raw)) {
    issues.add('advancement', 'must be an object such as { "rule": "min_score", "minScore": 60 }');
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
        issues.add('advancement.n', n === undefined ? 'is required' : 'must be a positive integer');
        return null;
      }
      return { rule: 'top_per_category', n };
    }
    default:
      issues.add('advancement.rule', 'must be "none", "min_score" or "top_per_category"');
      return null;
  }
}

function validateBands(raw: unknown, issues: Issues): Band[] | null {
  if (raw === undefined) return DEFAULT_BANDS.map((b) => ({ ...b }));
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.add('bands', 'must be a non-empty array of { code, label, min }');
    return null;
  }
  const bands: Band[] = [];
  const codes = new Map<string, number>();
  const mins = new Map<string, number>();
  raw.forEach((band, i) => {
    const at = join('bands', i);
    if (!isObj(band)) {
      issues.add(at, 'a band must be an object');
      return;
    }
    issues.onlyKeys(band, ['code', 'label', 'min'], at);
    const code = issues.text(band, 'code', at);
    if (code !== null) {
      const first = codes.get(code);
      if (first !== undefined) issues.add(join(at, 'code'), `duplicate band code "${code}" (also at bands[${first}])`);
      else codes.set(code, i);
    }
    const label = issues.text(band, 'label', at);
    const min = issues.decimal(band, 'min', at, { min: 0, max: 100 });
    if (min !== null) {
      const key = toDec(min).toString();
      const first = mins.get(key);
      if (first !== undefined) issues.add(join(at, 'min'), `two bands cannot share min ${key} (also at bands[${first}])`);
      else mins.set(key, i);
    }
    if (code !== null && label !== null && min !== null) bands.push({ code, label, min });
  });
  if (bands.length !== raw.length) return null;
  if (!bands.some((b) => toDec(b.min).eq(0))) {
    issues.add('bands', 'one band must have min 0 so that every score has a band');
    return null;
  }
  return bands.sort((a, b) => toDec(b.min).cmp(toDec(a.min)));
}

// ─── Answers ────────────────────────────────────────────────────────────────────────────────────

/** null when `value` is a valid answer to `question` (SCORING.md §3), else what is wrong with it. */
export function validateAnswer(question: Question, value: unknown): string | null {
  switch (question.type) {
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'choice': {
      const options = question.options ?? [];
      if (typeof value !== 'string') return `expected one of ${quote(options.map((o) => o.value))}`;
      return options.some((o) => o.value === value) ? null : `unknown option "${value}" (expected one of ${quote(options.map((o) => o.value))})`;
    }
    case 'checklist': {
      const items = question.items ?? [];
      if (!Array.isArray(value)) return 'expected a list of item values';
      const seen = new Set<string>();
      for (const v of value as unknown[]) {
        if (typeof v !== 'string') return 'expected a list of item values (strings)';
        if (!items.some((item) => item.value === v)) return `unknown item "${v}" (expected some of ${quote(items.map((i) => i.value))})`;
        if (seen.has(v)) return `duplicate item "${v}"`;
        seen.add(v);
      }
      return null;
    }
    default:
      return `unknown question type "${String((question as { type: unknown }).type)}"`;
  }
}

/** Validates a map of answers (question code → value); each issue's path is the question code. */
export function validateAnswers(q: Questionnaire, answers: Record<string, unknown>): ValidationIssue[] {
  if (!isObj(answers)) return [{ path: '', message: 'answers must be an object mapping question codes to values' }];
  const byCode = new Map<string, Question>();
  for (const indicator of q.indicators) for (const question of indicator.questions) byCode.set(question.code, question);
  const issues: ValidationIssue[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const question = byCode.get(code);
    if (!question) {
      issues.push({ path: code, message: `unknown question "${code}"` });
      continue;
    }
    const message = validateAnswer(question, value);
    if (message !== null) issues.push({ path: code, message });
  }
  return issues;
}

/** Checks visitation and presentation scores against a period (each score 0–100, aspects as declared). */
export function validateStageScores(
  period: PeriodScoring,
  scores: { visitation?: unknown; presentation?: unknown },
): ValidationIssue[] {
  const issues = new Issues();
  const holder: Obj = { visitation: scores.visitation, presentation: scores.presentation };
  if (holder.visitation !== undefined && holder.visitation !== null) {
    if (period.stages.visitation === undefined) issues.add('visitation', 'the period has no visitation stage');
    else issues.decimal(holder, 'visitation', '', { min: 0, max: 100 });
  }
  if (holder.presentation !== undefined && holder.presentation !== null) {
    const jurors = holder.presentation;
    if (!Array.isArray(jurors)) issues.add('presentation', 'must be an array with one object of aspect scores per juror');
    else if (jurors.length > 0 && period.stages.presentation === undefined) issues.add('presentation', 'the period has no presentation stage');
    else {
      const aspects = Object.keys(period.presentationAspects);
      jurors.forEach((juror: unknown, i) => {
        const at = join('presentation', i);
        if (!isObj(juror)) {
          issues.add(at, 'must be an object of aspect scores');
          return;
        }
        issues.onlyKeys(juror, aspects, at);
        for (const aspect of aspects) issues.decimal(juror, aspect, at, { min: 0, max: 100 });
      });
    }
  }
  return issues.list;
}

/**
 * The questions that block submission for lack of evidence (SCORING.md §3): evidence "required",
 * answered, and not in `withEvidence` (the codes whose answer has a link or a file). Such answers
 * can still be saved as drafts. Questionnaire order.
 */
export function questionsLackingEvidence(q: Questionnaire, answers: Record<string, unknown>, withEvidence: ReadonlySet<string>): string[] {
  const lacking: string[] = [];
  for (const indicator of q.indicators) {
    for (const question of indicator.questions) {
      if (question.evidence === 'required' && answers[question.code] !== undefined && !withEvidence.has(question.code)) lacking.push(question.code);
    }
  }
  return lacking;
}
