// The rows live rankings, result sets and the public API answer with, built from either source (the
// materialised scores or a frozen version) by the same functions so that they cannot drift apart.
import { D, toScoreNumber, type Band, type PeriodScoring } from '../../scoring/index.ts';
import { bandOf, scoreNumber, type RankingStatus } from './standings.ts';

export interface ListFilter { category?: string; band?: string }

export function applyFilter<T extends { categoryId: string; bandCode: string | null }>(rows: readonly T[], filter: ListFilter): T[] {
  return rows.filter((r) => (!filter.category || r.categoryId === filter.category) && (!filter.band || r.bandCode === filter.band));
}

/** Who a row is about: every row of rankings, recaps and result sets starts with these. */
export interface RowSubject {
  participantId: string;
  bodyId: string;
  bodyName: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
}

export interface RankedLike extends RowSubject {
  overallRank: number | null;
  categoryRank: number | null;
  finalScore: string | null;
  bandCode: string | null;
  complete: boolean;
  status: RankingStatus;
  advanced?: boolean | null;
}

/**
 * A ranking row as the public sees it: no participant id, no advancement. `withheld`: a
 * publication by qualification, which shows band and status but neither ranks nor final score.
 */
export function publicRankingRow(row: RankedLike, bands: Band[], filter: ListFilter, withheld = false) {
  return {
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    categoryId: row.categoryId,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    rank: withheld ? null : filter.category ? row.categoryRank : row.overallRank,
    overallRank: withheld ? null : row.overallRank,
    categoryRank: withheld ? null : row.categoryRank,
    finalScore: withheld ? null : scoreNumber(row.finalScore),
    band: bandOf(bands, row.bandCode),
    complete: row.complete,
    status: row.status,
  };
}

export type PublicRankingRowBody = ReturnType<typeof publicRankingRow>;

/** A ranking row (docs/api.md shape); `rank` is the category rank when the list is one category's. */
export function rankingRow(row: RankedLike, bands: Band[], filter: ListFilter) {
  return { participantId: row.participantId, ...publicRankingRow(row, bands, filter), advanced: row.advanced ?? null };
}

export type RankingRowBody = ReturnType<typeof rankingRow>;

interface SubIndicatorJson { code: string; name: string; score: string | number; selfScore?: string | number | null }
interface IndicatorJson {
  code: string; name: string; weight: string | number; score: string | number; contribution: string | number; selfScore?: string | number | null;
  subIndicators?: SubIndicatorJson[];
}

function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return toScoreNumber(new D(String(value)));
}

/**
 * Indicator scores stored as decimal text (materialised or frozen) → rounded JSON numbers; an
 * indicator whose questions are grouped also lists its sub-indicators' percentages (docs/scoring.md §8).
 */
export function indicatorRecap(json: unknown) {
  if (!Array.isArray(json)) return [];
  return (json as IndicatorJson[]).map((i) => ({
    code: i.code,
    name: i.name,
    weight: Number(new D(String(i.weight)).toString()),
    score: num(i.score) ?? 0,
    contribution: num(i.contribution) ?? 0,
    selfScore: num(i.selfScore),
    ...(Array.isArray(i.subIndicators)
      ? { subIndicators: i.subIndicators.map((s) => ({ code: s.code, name: s.name, score: num(s.score) ?? 0, selfScore: num(s.selfScore) })) }
      : {}),
  }));
}

export interface StageValues { saq: string | null; visitation?: string | null; presentation?: string | null }

/** Stage scores for the stages the period has. */
export function stagesRecap(stages: PeriodScoring['stages'], values: StageValues) {
  return {
    saq: scoreNumber(values.saq),
    ...(stages.visitation !== undefined ? { visitation: scoreNumber(values.visitation) } : {}),
    ...(stages.presentation !== undefined ? { presentation: scoreNumber(values.presentation) } : {}),
  };
}

/** The stored scores a recap row shows besides its ranking row, as decimal text. */
export interface RecapScores {
  selfAssessedSaq: string | null;
  verifiedSaq: string | null;
  stages: StageValues;
  indicators: unknown;
  /** Σ points of the participant's adjustments (docs/scoring.md §5); null without any */
  adjustment?: string | null;
}

/** A full recap row: the ranking row, both SAQs, the period's stage scores and every indicator score. */
export function recapRow(row: RankedLike, bands: Band[], stages: PeriodScoring['stages'], filter: ListFilter, scores: RecapScores) {
  return {
    ...rankingRow(row, bands, filter),
    selfAssessedSaq: scoreNumber(scores.selfAssessedSaq),
    verifiedSaq: scoreNumber(scores.verifiedSaq),
    stages: stagesRecap(stages, scores.stages),
    adjustment: scoreNumber(scores.adjustment) ?? 0,
    indicators: indicatorRecap(scores.indicators),
  };
}

export type RecapRowBody = ReturnType<typeof recapRow>;
