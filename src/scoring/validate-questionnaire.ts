// Validation of questionnaires (docs/scoring.md §2).
import { Issues, isObj, join, quote, type Obj } from './issues.ts';
import { toDec } from './decimal.ts';
import type {
  ChecklistItem, ChoiceOption, EvidenceRule, Indicator, Question, QuestionType, Questionnaire, Result, SubIndicator,
} from './types.ts';
import { t } from '../i18n/message.ts';

const QUESTION_TYPES: readonly QuestionType[] = ['yes_no', 'choice', 'checklist'];
const EVIDENCE_RULES: readonly EvidenceRule[] = ['required', 'optional', 'none'];

/** Validates a questionnaire (§2) and returns a clean copy with `evidence` defaulted to "none". */
export function validateQuestionnaire(input: unknown): Result<Questionnaire> {
  const issues = new Issues();
  if (!isObj(input)) {
    issues.add('', t`the questionnaire must be a JSON object`);
    return issues.result(null as never);
  }
  issues.onlyKeys(input, ['code', 'title', 'indicators'], '');
  const code = issues.text(input, 'code', '');
  const title = issues.text(input, 'title', '');
  const rawIndicators = issues.array(input, 'indicators', '', 1, t`indicator`);
  const indicators: Indicator[] = [];
  const indicatorCodes = new Map<string, string>();
  const questionCodes = new Map<string, string>();
  const subIndicatorCodes = new Map<string, string>();
  let weightSum = toDec(0);
  let weightsValid = true;
  (rawIndicators ?? []).forEach((raw, i) => {
    const path = join('indicators', i);
    if (!isObj(raw)) {
      issues.add(path, t`an indicator must be an object`);
      weightsValid = false;
      return;
    }
    issues.onlyKeys(raw, ['code', 'name', 'weight', 'questions', 'subIndicators'], path);
    const indicatorCode = issues.text(raw, 'code', path);
    if (indicatorCode !== null) {
      const first = indicatorCodes.get(indicatorCode);
      if (first !== undefined) issues.add(join(path, 'code'), t`duplicate indicator code "${indicatorCode}" (also at ${first})`);
      else indicatorCodes.set(indicatorCode, path);
    }
    const name = issues.text(raw, 'name', path);
    const weight = issues.decimal(raw, 'weight', path, { positive: true });
    if (weight === null) weightsValid = false;
    else weightSum = weightSum.plus(toDec(weight));
    const subIndicators = raw.subIndicators === undefined ? undefined : validateSubIndicators(raw, path, issues, subIndicatorCodes);
    const rawQuestions = issues.array(raw, 'questions', path, 1, t`question`);
    const questions: Question[] = [];
    const grouped = new Set<string>();
    (rawQuestions ?? []).forEach((rawQuestion, j) => {
      const at = join(join(path, 'questions'), j);
      const question = validateQuestion(rawQuestion, at, issues, questionCodes);
      if (isObj(rawQuestion) && rawQuestion.subIndicator !== undefined) {
        const ref = rawQuestion.subIndicator;
        if (typeof ref !== 'string' || ref.trim() === '') {
          // reported by validateQuestion
        } else if (raw.subIndicators === undefined) issues.add(join(at, 'subIndicator'), t`the indicator has no subIndicators`);
        else if (subIndicators && !subIndicators.some((s) => s.code === ref)) {
          issues.add(join(at, 'subIndicator'), t`must be the code of one of the indicator's subIndicators (${quote(subIndicators.map((s) => s.code))})`);
        } else grouped.add(ref);
      } else if (isObj(rawQuestion) && raw.subIndicators !== undefined) {
        issues.add(join(at, 'subIndicator'), t`is required: the indicator has subIndicators, so every question belongs to one`);
      }
      if (question) questions.push(question);
    });
    subIndicators?.forEach((s, k) => {
      if (rawQuestions && !grouped.has(s.code)) issues.add(join(join(path, 'subIndicators'), k), t`sub-indicator "${s.code}" has no question`);
    });
    if (indicatorCode !== null && name !== null && weight !== null) {
      indicators.push(subIndicators ? { code: indicatorCode, name, weight, questions, subIndicators } : { code: indicatorCode, name, weight, questions });
    }
  });
  if (rawIndicators && weightsValid && !weightSum.eq(100)) {
    issues.add('indicators', t`indicator weights must sum to exactly 100 (they sum to ${weightSum.toString()})`);
  }
  // A sub-indicator code names one group only: not an indicator's code, not a question's code.
  for (const [code, at] of subIndicatorCodes) {
    const clash = indicatorCodes.has(code) ? 'an indicator' : questionCodes.has(code) ? 'a question' : null;
    if (clash) issues.add(join(at, 'code'), t`sub-indicator code "${code}" is also the code of ${clash}`);
  }
  return issues.result({ code: code ?? '', title: title ?? '', indicators });
}

/** An indicator's subIndicators: at least one, each { code, name }; codes unique in the questionnaire. */
function validateSubIndicators(raw: Obj, path: string, issues: Issues, codes: Map<string, string>): SubIndicator[] | undefined {
  const list = issues.array(raw, 'subIndicators', path, 1, t`sub-indicator`);
  if (!list) return undefined;
  const where = join(path, 'subIndicators');
  const result: SubIndicator[] = [];
  let valid = true;
  list.forEach((item, k) => {
    const at = join(where, k);
    if (!isObj(item)) {
      issues.add(at, t`a sub-indicator must be an object`);
      valid = false;
      return;
    }
    issues.onlyKeys(item, ['code', 'name'], at);
    const code = issues.text(item, 'code', at);
    const name = issues.text(item, 'name', at);
    if (code !== null) {
      const first = codes.get(code);
      if (first !== undefined) issues.add(join(at, 'code'), t`duplicate sub-indicator code "${code}" (also at ${first})`);
      else codes.set(code, at);
    }
    if (code === null || name === null) valid = false;
    else result.push({ code, name });
  });
  return valid ? result : undefined;
}

function validateQuestion(raw: unknown, path: string, issues: Issues, codes: Map<string, string>): Question | null {
  if (!isObj(raw)) {
    issues.add(path, t`a question must be an object`);
    return null;
  }
  issues.onlyKeys(raw, ['code', 'text', 'weight', 'type', 'evidence', 'options', 'items', 'subIndicator', 'sample'], path);
  const before = issues.count;
  const code = issues.text(raw, 'code', path);
  if (code !== null) {
    const first = codes.get(code);
    if (first !== undefined) issues.add(join(path, 'code'), t`duplicate question code "${code}" (also at ${first})`);
    else codes.set(code, path);
  }
  const text = issues.text(raw, 'text', path);
  const weight = issues.decimal(raw, 'weight', path, { positive: true });
  const type = raw.type;
  if (!QUESTION_TYPES.includes(type as QuestionType)) {
    issues.add(join(path, 'type'), type === undefined ? t`is required (one of ${quote(QUESTION_TYPES)})` : t`must be one of ${quote(QUESTION_TYPES)}`);
  }
  let evidence: EvidenceRule = 'none';
  if (raw.evidence !== undefined) {
    if (EVIDENCE_RULES.includes(raw.evidence as EvidenceRule)) evidence = raw.evidence as EvidenceRule;
    else issues.add(join(path, 'evidence'), t`must be one of ${quote(EVIDENCE_RULES)}`);
  }
  if (raw.subIndicator !== undefined && (typeof raw.subIndicator !== 'string' || raw.subIndicator.trim() === '')) {
    issues.add(join(path, 'subIndicator'), t`must be a non-empty string`);
  }
  if (raw.sample !== undefined && typeof raw.sample !== 'boolean') issues.add(join(path, 'sample'), t`must be true or false`);
  let options: ChoiceOption[] | undefined;
  let items: ChecklistItem[] | undefined;
  if (type === 'choice') {
    options = validateOptions(raw, path, issues);
    if (raw.items !== undefined) issues.add(join(path, 'items'), t`only checklist questions have items`);
  } else if (type === 'checklist') {
    items = validateItems(raw, path, issues);
    if (raw.options !== undefined) issues.add(join(path, 'options'), t`only choice questions have options`);
  } else if (type === 'yes_no') {
    if (raw.options !== undefined) issues.add(join(path, 'options'), t`only choice questions have options`);
    if (raw.items !== undefined) issues.add(join(path, 'items'), t`only checklist questions have items`);
  }
  if (issues.count > before || code === null || text === null || weight === null) return null;
  const question: Question = { code, text, weight, type: type as QuestionType, evidence };
  if (options) question.options = options;
  if (items) question.items = items;
  if (typeof raw.subIndicator === 'string') question.subIndicator = raw.subIndicator;
  if (raw.sample === true) question.sample = true;
  return question;
}

function validateOptions(raw: Obj, path: string, issues: Issues): ChoiceOption[] | undefined {
  const list = issues.array(raw, 'options', path, 2, t`options`);
  if (!list) return undefined;
  const where = join(path, 'options');
  const seen = new Map<string, number>();
  const options: ChoiceOption[] = [];
  let hasFull = false;
  let allScoresValid = true;
  list.forEach((option, i) => {
    const at = join(where, i);
    if (!isObj(option)) {
      issues.add(at, t`an option must be an object`);
      allScoresValid = false;
      return;
    }
    issues.onlyKeys(option, ['value', 'label', 'score'], at);
    const value = issues.text(option, 'value', at);
    if (value !== null) {
      const first = seen.get(value);
      if (first !== undefined) issues.add(join(at, 'value'), t`duplicate option value "${value}" (also at ${join(where, first)})`);
      else seen.set(value, i);
    }
    const label = issues.text(option, 'label', at);
    const score = issues.decimal(option, 'score', at, { min: 0, max: 1 });
    if (score === null) allScoresValid = false;
    else if (toDec(score).eq(1)) hasFull = true;
    if (value !== null && label !== null && score !== null) options.push({ value, label, score });
  });
  if (allScoresValid && !hasFull) issues.add(where, t`at least one option must have score 1`);
  return options;
}

function validateItems(raw: Obj, path: string, issues: Issues): ChecklistItem[] | undefined {
  const list = issues.array(raw, 'items', path, 1, t`item`);
  if (!list) return undefined;
  const where = join(path, 'items');
  const seen = new Map<string, number>();
  const items: ChecklistItem[] = [];
  list.forEach((item, i) => {
    const at = join(where, i);
    if (!isObj(item)) {
      issues.add(at, t`an item must be an object`);
      return;
    }
    issues.onlyKeys(item, ['value', 'label'], at);
    const value = issues.text(item, 'value', at);
    if (value !== null) {
      const first = seen.get(value);
      if (first !== undefined) issues.add(join(at, 'value'), t`duplicate item value "${value}" (also at ${join(where, first)})`);
      else seen.set(value, i);
    }
    const label = issues.text(item, 'label', at);
    if (value !== null && label !== null) items.push({ value, label });
  });
  return items;
}
