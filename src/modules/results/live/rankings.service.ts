// Live rankings and the live score recap of a period, read from the scores materialised on
// `participants` in the transaction of each change, ranked once per state and shared.
import type { Executor } from '../../../db/client.ts';
import type { Period } from '../../periods/index.ts';
import { applyFilter, rankingRow, recapRow, type ListFilter } from '../rows.ts';
import { sharedStandings } from '../standings-cache.ts';
import { pageStandings, rankingStatus, standings, type RankingStatus, type Standing } from '../standings.ts';
import { adjustmentTotalsOf, indicatorScoresOf, periodParticipants, type LiveParticipant } from './live.repo.ts';

export type LiveStanding = Standing<LiveParticipant & { status: RankingStatus; finalScore: string | null }>;

/** Every participant of the period with its ranks, in ranking order (indicator scores not loaded); shared, read-only. */
export function liveStandings(db: Executor, period: Period): Promise<readonly LiveStanding[]> {
  return sharedStandings(`live:${period.id}:${period.scoresChangedAt.getTime()}:${period.version}`, async () => {
    const rows = await periodParticipants(db, period.id);
    return standings(rows.map((p) => ({
      ...p,
      status: rankingStatus({ status: p.participantStatus, finalScoreRounded: p.finalScoreRounded, complete: p.complete }),
      finalScore: p.finalScoreRounded,
    })));
  });
}

export function liveRecapRow(row: LiveStanding, period: Period, filter: ListFilter, adjustment: string | null = null) {
  return recapRow(row, period.bands, period.stages, filter, {
    adjustment,
    selfAssessedSaq: row.selfAssessedSaq,
    verifiedSaq: row.verifiedSaq,
    stages: { saq: row.saqStageScore, visitation: row.visitationStageScore, presentation: row.presentationStageScore },
    indicators: row.indicatorScores,
  });
}

type Paging = { limit: number; cursor?: string } | null;

/** The live standings after the filter: all of them (exports) or one page. */
async function livePage(db: Executor, period: Period, filter: ListFilter, paging: Paging) {
  const all = applyFilter(await liveStandings(db, period), filter);
  return paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
}

/** Live ranking rows: all of them (exports) or one page. */
export async function liveRankings(db: Executor, period: Period, filter: ListFilter, paging: Paging) {
  const { items, nextCursor } = await livePage(db, period, filter, paging);
  const bands = period.bands;
  return { asOf: period.scoresChangedAt.toISOString(), items: items.map((r) => rankingRow(r, bands, filter)), nextCursor };
}

/** Live recap rows: all of them (exports) or one page. */
export async function liveRecap(db: Executor, period: Period, filter: ListFilter, paging: Paging) {
  const { items, nextCursor } = await livePage(db, period, filter, paging);
  // the (large) indicator scores only for the rows sent
  const ids = items.map((r) => r.participantId);
  const indicators = await indicatorScoresOf(db, ids);
  const adjustments = await adjustmentTotalsOf(db, ids);
  const rows = items.map((row) => liveRecapRow(
    { ...row, indicatorScores: indicators.get(row.participantId) ?? null }, period, filter, adjustments.get(row.participantId) ?? null));
  return { asOf: period.scoresChangedAt.toISOString(), items: rows, nextCursor };
}
