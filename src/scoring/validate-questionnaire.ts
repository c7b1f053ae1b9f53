// Validation of questionnaires (SCORING.md §2).
import { Issues, isObj, join, quote, type Obj } from './issues.ts';
import { toDec } from './decimal.ts';
import type { ChecklistItem, ChoiceOption, EvidenceRule, Indicator, Question, QuestionType, Questionnaire, Result } from './types.ts';

const QUESTION_TYPES: readonly QuestionType[] = ['yes_no', 'choice', 'checklist'];
const EVIDENCE_RULES: readonly EvidenceRule[] = ['required', 'optional', 'none'];

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
