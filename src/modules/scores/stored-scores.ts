// The one mapping from a computed score to the numbers stored of it. The live row on `participants`
// (rankings and statistics read it) and a frozen result row store the same fields, each at its own
// precision: live columns are numeric(60,30), cut to 30 places so that an unchanged score reads
// back as the same text; a result set keeps the SAQs as published (2 places) and the stage and
// indicator scores exact, so that its rows can be checked against their recorded inputs.
import type { Dec, ParticipantScore } from '../../scoring/index.ts';

/** Decimal places, or the exact value (40 significant digits, no trailing zeros). */
export type Places = number | 'exact';

export interface Precision {
  /** the self-assessed and verified SAQ */
  saq: Places;
  /** stage scores and indicator scores */
  scores: Places;
  /** the unrounded final score; null when only the rounded one (always 2 places) is stored */
  finalScore: Places | null;
}

export const LIVE_PRECISION: Precision = { saq: 30, scores: 30, finalScore: 30 };
export const FROZEN_PRECISION: Precision = { saq: 2, scores: 'exact', finalScore: null };

export interface StoredSubIndicator { code: string; name: string; score: string; selfScore: string }
/** `subIndicators` only for an indicator whose questions are grouped (docs/scoring.md §2). */
export interface StoredIndicator {
  code: string; name: string; weight: string; score: string; contribution: string; selfScore: string;
  subIndicators?: StoredSubIndicator[];
}

export interface StoredScores {
  selfAssessedSaq: string | null;
  verifiedSaq: string | null;
  /** the stages the period has */
  stages: { saq: string | null; visitation?: string | null; presentation?: string | null };
  finalScore: string | null;
  finalScoreRounded: string | null;
  bandCode: string | null;
  complete: boolean;
  indicators: StoredIndicator[];
  decidedCount: number;
  questionCount: number;
}

/** Decimal text without trailing zeros (numeric(60,30) reads back padded to 30 decimals). */
export function plainText(value: string | null): string | null {
  if (value === null) return null;
  const text = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return text === '-0' ? '0' : text;
}

/** A numeric column's text: padded to its places, as PostgreSQL reads it back (half up, like D). */
function column(value: Dec | null | undefined, places: Places): string | null {
  if (value === null || value === undefined) return null;
  return places === 'exact' ? value.toString() : value.toFixed(places);
}

/** A number inside jsonb: as short as it is exact at its places. */
function inJson(value: Dec, places: Places): string {
  return places === 'exact' ? value.toString() : plainText(value.toFixed(places))!;
}

export function storedScores(score: ParticipantScore, precision: Precision): StoredScores {
  const { saq, scores } = precision;
  const stages: StoredScores['stages'] = { saq: column(score.stages.saq, scores) };
  if ('visitation' in score.stages) stages.visitation = column(score.stages.visitation, scores);
  if ('presentation' in score.stages) stages.presentation = column(score.stages.presentation, scores);
  return {
    selfAssessedSaq: column(score.selfAssessedSaq, saq),
    verifiedSaq: column(score.verifiedSaq, saq),
    stages,
    // the exact value is materialised only when it is stored (the slowest step of a score)
    finalScore: precision.finalScore === null ? null : column(score.finalScore, precision.finalScore),
    finalScoreRounded: score.finalScoreRounded === null ? null : score.finalScoreRounded.toFixed(2),
    bandCode: score.band?.code ?? null,
    complete: score.complete,
    indicators: score.indicators.map((i): StoredIndicator => ({
      code: i.code, name: i.name, weight: i.weight, score: inJson(i.score, scores), contribution: inJson(i.contribution, scores), selfScore: inJson(i.selfScore, scores),
      ...(i.subIndicators
        ? { subIndicators: i.subIndicators.map((sub) => ({ code: sub.code, name: sub.name, score: inJson(sub.score, scores), selfScore: inJson(sub.selfScore, scores) })) }
        : {}),
    })),
    decidedCount: score.progress.decided,
    questionCount: score.progress.total,
  };
}
