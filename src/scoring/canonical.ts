// Canonical JSON and SHA-256 of a participant's scoring inputs (SCORING.md §9), so that a result
// set can prove which inputs produced its numbers.
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { toDec } from './decimal.ts';
import type { AnswerValue, ParticipantInput, PeriodScoring, Questionnaire } from './types.ts';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members
 * dropped, strings escaped as JSON.stringify does, numbers in the shortest form that reads back as
 * the same number (ECMAScript Number::toString, which is what JSON.stringify writes). For plain
 * JSON data this is RFC 8785 (JCS). A Decimal is written as a JSON number with its exact digits;
 * a bigint as its integer digits. Non-finite numbers, functions and symbols throw.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Decimal.isDecimal(value)) {
        if (!value.isFinite()) throw new TypeError('canonicalJson: non-finite decimal');
        return value.isZero() ? '0' : value.toString();
      }
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      const entries = Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A decimal as plain JSON: a number when the number reads back to exactly the same decimal
 * (2, "2" and 2.0 all become 2; "0.89995" becomes 0.89995), otherwise the exact decimal string.
 * The hash therefore does not depend on how a weight was spelled, and the record survives a
 * JSON round trip unchanged.
 */
export function plainDecimal(value: number | string): number | string {
  const exact = toDec(value);
  const asNumber = Number(exact.toString());
  return Number.isFinite(asNumber) && toDec(asNumber).eq(exact) ? (asNumber === 0 ? 0 : asNumber) : exact.toString();
}

function plainQuestionnaire(q: Questionnaire): Questionnaire {
  return {
    code: q.code,
    title: q.title,
    indicators: q.indicators.map((indicator) => ({
      code: indicator.code,
      name: indicator.name,
      weight: plainDecimal(indicator.weight),
      questions: indicator.questions.map((question) => ({
        code: question.code,
        text: question.text,
        weight: plainDecimal(question.weight),
        type: question.type,
        evidence: question.evidence ?? 'none',
        ...(question.options ? { options: question.options.map((o) => ({ value: o.value, label: o.label, score: plainDecimal(o.score) })) } : {}),
        ...(question.items ? { items: question.items.map((i) => ({ value: i.value, label: i.label })) } : {}),
      })),
    })),
  };
}

function plainPeriod(p: PeriodScoring): PeriodScoring {
  const stages: PeriodScoring['stages'] = { saq: plainDecimal(p.stages.saq) };
  if (p.stages.visitation !== undefined) stages.visitation = plainDecimal(p.stages.visitation);
  if (p.stages.presentation !== undefined) stages.presentation = plainDecimal(p.stages.presentation);
  const advancement: PeriodScoring['advancement'] =
    p.advancement.rule === 'min_score' ? { rule: 'min_score', minScore: plainDecimal(p.advancement.minScore) } : p.advancement;
  return {
    stages,
    presentationAspects: Object.fromEntries(Object.entries(p.presentationAspects).map(([k, v]) => [k, plainDecimal(v)])),
    advancement,
    bands: p.bands.map((b) => ({ code: b.code, label: b.label, min: plainDecimal(b.min) })),
    nonSubmitters: p.nonSubmitters,
  };
}

/** The inputs that determine a participant's numbers, as plain JSON (what a result set records). */
export interface ScoringInputsRecord {
  questionnaire: Questionnaire;
  period: PeriodScoring;
  answers: Record<string, AnswerValue>;
  visitation: number | string | null;
  presentation: Record<string, number | string>[];
  advanced: boolean;
  submitted: boolean;
}

/**
 * The record of a participant's scoring inputs: questionnaire, period settings (stages, aspects,
 * advancement, bands, non-submitter rule), verified answers and stage scores, plus whether it
 * advanced and submitted. The self-assessed answers do not change the final score and are left
 * out. `kip-monev score --inputs` recomputes the score from exactly this record.
 */
export function scoringInputsRecord(input: ParticipantInput): ScoringInputsRecord {
  return {
    questionnaire: plainQuestionnaire(input.questionnaire),
    period: plainPeriod(input.period),
    answers: { ...input.verifiedAnswers },
    visitation: input.visitation === null || input.visitation === undefined ? null : plainDecimal(input.visitation),
    presentation: (input.presentation ?? []).map((juror) => Object.fromEntries(Object.entries(juror).map(([k, v]) => [k, plainDecimal(v)]))),
    advanced: input.advanced,
    submitted: input.submitted,
  };
}

/** SHA-256 (hex) over the canonical JSON of scoringInputsRecord(input). */
export function scoringInputsHash(input: ParticipantInput): string {
  return sha256Hex(canonicalJson(scoringInputsRecord(input)));
}
