// What the public API shows of published result sets: a version's rankings and a body's rows,
// shaped here so that the public module never sees a participant id or an advancement decision.
import type { Executor } from '../../../db/client.ts';
import type { Period } from '../../periods/index.ts';
import { applyFilter, publicRankingRow, type ListFilter } from '../rows.ts';
import { sharedStandings } from '../standings-cache.ts';
import { bandOf, pageStandings, scoreNumber, type RankingStatus } from '../standings.ts';
import { orderFrozen } from './read.service.ts';
import { bodyRows, frozenRows } from './rows.repo.ts';

/** The rankings of a published version of the period: all of them (exports) or one page. */
export async function publishedRankings(
  db: Executor, period: Period, publication: { id: string }, filter: ListFilter, paging: { limit: number; cursor?: string } | null,
) {
  const ordered = await sharedStandings(`published:${publication.id}:${period.scoresChangedAt.getTime()}:${period.version}`,
    async () => orderFrozen(await frozenRows(db, publication.id)));
  const all = applyFilter(ordered, filter);
  const { items, nextCursor } = paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
  const bands = period.bands;
  return { items: items.map((r) => publicRankingRow(r, bands, filter)), nextCursor };
}

/** A body's row in each of some (published) result sets, by result set id. */
export async function bodyResults(db: Executor, bodyId: string, resultSetIds: string[]) {
  const rows = resultSetIds.length ? await bodyRows(db, bodyId, resultSetIds) : [];
  const out = new Map<string, ReturnType<typeof bodyResult>>();
  for (const row of rows) if (!out.has(row.resultSetId)) out.set(row.resultSetId, bodyResult(row));
  return out;
}

function bodyResult(row: Awaited<ReturnType<typeof bodyRows>>[number]) {
  return {
    bodyName: row.bodyName,
    categoryId: row.categoryId,
    categoryCode: row.categoryCode ?? '',
    categoryName: row.categoryName ?? '',
    finalScore: scoreNumber(row.finalScore),
    band: bandOf(row.bands, row.bandCode),
    overallRank: row.rank,
    categoryRank: row.categoryRank,
    complete: row.complete,
    status: row.status as RankingStatus,
  };
}

export type BodyResult = ReturnType<typeof bodyResult>;
