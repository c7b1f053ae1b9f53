// Each participant's outcome in a period as comparisons across periods read it (the statistics
// area's trends and band migration): from the latest published result set when the period has one
// — the official numbers, final scores at their published 2 decimals — else from the live scores.
import type { Executor } from '../../db/client.ts';
import type { Period } from '../periods/index.ts';
import { currentPublication } from './frozen/result-sets.repo.ts';
import { frozenRows } from './frozen/rows.repo.ts';
import { liveStandings } from './live/rankings.service.ts';
import type { RankingStatus } from './standings.ts';
import type { SummaryRow } from './summary.ts';

export interface Outcome extends SummaryRow {
  bodyId: string;
  bodyName: string;
  categoryId: string;
}

export interface PeriodOutcomes {
  source: 'published' | 'live';
  /** the published result set's version; null for live scores */
  version: number | null;
  rows: Outcome[];
}

export type PublishedOutcomes = PeriodOutcomes & { source: 'published'; version: number };

/** The outcomes of the latest published result set, or null when nothing is published. */
export async function publishedOutcomes(db: Executor, period: Pick<Period, 'id'>): Promise<PublishedOutcomes | null> {
  const publication = await currentPublication(db, period.id);
  if (!publication) return null;
  const rows = await frozenRows(db, publication.id);
  return {
    source: 'published',
    version: publication.version,
    rows: rows.map((r) => ({
      bodyId: r.bodyId, bodyName: r.bodyName, categoryId: r.categoryId,
      status: r.status as RankingStatus, bandCode: r.bandCode, exact: r.finalScore, rounded: r.finalScore,
    })),
  };
}

/** The published outcomes, else the live ones. */
export async function periodOutcomes(db: Executor, period: Period): Promise<PeriodOutcomes> {
  const published = await publishedOutcomes(db, period);
  if (published) return published;
  const live = await liveStandings(db, period);
  return {
    source: 'live',
    version: null,
    rows: live.map((r) => ({
      bodyId: r.bodyId, bodyName: r.bodyName, categoryId: r.categoryId,
      status: r.status, bandCode: r.bandCode, exact: r.finalScoreExact, rounded: r.finalScoreRounded,
    })),
  };
}
