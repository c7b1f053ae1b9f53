// A participant's scoring inputs as a result set records them (docs/scoring.md §9): the record, its
// canonical JSON and its SHA-256, so that a frozen number can be recomputed and proven from its
// inputs alone. scoringInputsRecord + canonicalJson is the definition; canonicalInputParts spells
// the same bytes faster for result sets of thousands (a test checks the two agree).
import { createHash } from 'node:crypto';
import { canonicalJson, plainDecimal, sha256Hex } from './canonical.ts';
import { toDec } from './decimal.ts';
import type { Adjustment, AnswerValue, ParticipantInput, PeriodScoring, Questionnaire } from './types.ts';

// Sub-indicators, a question's sub-indicator and the sample mark appear only when the questionnaire
// has them, so the record of a questionnaire without them is spelled exactly as before they existed.
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
        ...(question.subIndicator !== undefined ? { subIndicator: question.subIndicator } : {}),
        ...(question.sample === true ? { sample: true as const } : {}),
      })),
      ...(indicator.subIndicators ? { subIndicators: indicator.subIndicators.map((s) => ({ code: s.code, name: s.name })) } : {}),
    })),
  };
}

/**
 * The period settings as the record spells them. `maxAdjustment` is written only when it is not 0,
 * so the record of a period without adjustments stays what it was before they existed (and the
 * hashes of earlier result sets still verify).
 */
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
    ...(p.maxAdjustment !== undefined && !toDec(p.maxAdjustment).isZero() ? { maxAdjustment: plainDecimal(p.maxAdjustment) } : {}),
  };
}

/** A participant's adjustments as the record spells them (plain decimals), or undefined when none. */
function plainAdjustments(adjustments: readonly Adjustment[] | undefined): Adjustment[] | undefined {
  if (adjustments === undefined || adjustments.length === 0) return undefined;
  return adjustments.map((a) => ({ points: plainDecimal(a.points), reason: a.reason }));
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
  /** only when the participant has adjustments (§5) */
  adjustments?: Adjustment[];
}

/**
 * The record of a participant's scoring inputs: questionnaire, period settings (stages, aspects,
 * advancement, bands, non-submitter rule, maxAdjustment when not 0), verified answers and stage
 * scores, whether it advanced and submitted, and its adjustments when it has any. The self-assessed
 * answers do not change the final score and are left out. `kip-monev score --inputs` recomputes the
 * score from exactly this record.
 */
export function scoringInputsRecord(input: ParticipantInput): ScoringInputsRecord {
  const adjustments = plainAdjustments(input.adjustments);
  return {
    ...(adjustments ? { adjustments } : {}),
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

// ─── The same text, spliced ─────────────────────────────────────────────────────────────────────
// A participant's record is mostly its questionnaire and period settings, which every participant
// of a category shares. Their canonical JSON is computed once per object and spliced between the
// participant's own parts (keys in canonical order); the hash is fed the shared bytes without
// copying them, and a result set stores one copy of them per statement.

/** The canonical JSON of an object many records share, with its UTF-8 bytes. */
export interface SharedJson { readonly text: string; readonly bytes: Buffer }
const sharedCache = new WeakMap<object, SharedJson>();

function shared(value: object, plain: () => unknown): SharedJson {
  let entry = sharedCache.get(value);
  if (entry === undefined) {
    const text = canonicalJson(plain());
    sharedCache.set(value, (entry = { text, bytes: Buffer.from(text, 'utf8') }));
  }
  return entry;
}

/** The record's fields that are the participant's own. */
export type OwnInputs = Omit<ScoringInputsRecord, 'questionnaire' | 'period'>;

/** canonicalJson(scoringInputsRecord(input)) in parts: head + questionnaire.text + tail. */
export interface CanonicalInputParts {
  record: OwnInputs;
  questionnaire: SharedJson;
  period: SharedJson;
  /** the canonical text of record.answers */
  answers: string;
  /** the canonical text before the questionnaire */
  head: string;
  /** the canonical text after the questionnaire */
  tail: string;
}

/**
 * The parts of scoringInputsRecord(input): the participant's own spelled as the record spells them
 * (plain decimals), the shared questionnaire and period from the cache.
 */
export function canonicalInputParts(input: ParticipantInput): CanonicalInputParts {
  const questionnaire = shared(input.questionnaire, () => plainQuestionnaire(input.questionnaire));
  const period = shared(input.period, () => plainPeriod(input.period));
  const adjustments = plainAdjustments(input.adjustments);
  const record: OwnInputs = {
    ...(adjustments ? { adjustments } : {}),
    advanced: input.advanced,
    answers: input.verifiedAnswers,
    presentation: (input.presentation ?? []).map((juror) => Object.fromEntries(Object.entries(juror).map(([k, v]) => [k, plainNumber(v)]))),
    submitted: input.submitted,
    visitation: input.visitation === null || input.visitation === undefined ? null : plainNumber(input.visitation),
  };
  const answers = canonicalAnswers(record.answers, input.questionnaire);
  return {
    record,
    questionnaire,
    period,
    answers,
    // "adjustments" sorts before "advanced"; absent, the text is what it was before adjustments existed
    head: `{${adjustments ? `"adjustments":${canonicalJson(adjustments)},` : ''}"advanced":${canonicalJson(record.advanced)},"answers":${answers},"period":${period.text},`
      + `"presentation":${canonicalJson(record.presentation)},"questionnaire":`,
    tail: `,"submitted":${canonicalJson(record.submitted)},"visitation":${canonicalJson(record.visitation)}}`,
  };
}

/** A questionnaire's question codes in canonical key order, each with its JSON spelling. */
const codeOrder = new WeakMap<object, { code: string; json: string }[]>();

function sortedCodes(questionnaire: Questionnaire): { code: string; json: string }[] {
  let codes = codeOrder.get(questionnaire);
  if (!codes) {
    codes = questionnaire.indicators.flatMap((i) => i.questions.map((q) => q.code)).sort().map((code) => ({ code, json: JSON.stringify(code) }));
    codeOrder.set(questionnaire, codes);
  }
  return codes;
}

/**
 * canonicalJson of an answer map, faster: keys in code-unit order (walked from the questionnaire's
 * sorted codes, no sorting per participant) and values (booleans, strings, lists of strings) written
 * by JSON.stringify exactly as canonicalJson writes them. Anything unexpected takes canonicalJson.
 */
function canonicalAnswers(answers: Record<string, AnswerValue>, questionnaire: Questionnaire): string {
  let out = '{';
  let written = 0;
  for (const { code, json } of sortedCodes(questionnaire)) {
    const value = answers[code];
    if (value === undefined) continue;
    const plain = typeof value === 'boolean' || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!plain) return canonicalJson(answers);
    out += `${written++ ? ',' : ''}${json}:${JSON.stringify(value)}`;
  }
  // an answer to a code outside the questionnaire: let canonicalJson spell the whole map
  return written === Object.keys(answers).length ? `${out}}` : canonicalJson(answers);
}

/** plainDecimal, without the decimal round trip for a JS number (which it returns as is, -0 as 0). */
function plainNumber(value: number | string): number | string {
  return typeof value === 'number' && Number.isFinite(value) ? (value === 0 ? 0 : value) : plainDecimal(value);
}

/** canonicalJson(scoringInputsRecord(input)), spliced. */
export function canonicalInputs(input: ParticipantInput): string {
  const parts = canonicalInputParts(input);
  return parts.head + parts.questionnaire.text + parts.tail;
}

/** sha256Hex(canonicalInputs(input)) without building the whole text. */
export function inputsSha256(parts: CanonicalInputParts): string {
  return createHash('sha256').update(parts.head, 'utf8').update(parts.questionnaire.bytes).update(parts.tail, 'utf8').digest('hex');
}

/** sha256Hex(shared.text), from the bytes already made. */
export function sharedSha256(json: SharedJson): string {
  return createHash('sha256').update(json.bytes).digest('hex');
}
