// The reads of result set versions: the list, one version's rows in ranking order (full recap,
// paged or whole for exports) and one row with its complete scoring inputs.
import type { Executor } from '../../../db/client.ts';
import type { RequestContext } from '../../../http/context.ts';
import { decodeCursor, isInt4, page } from '../../../http/pagination.ts';
import { invalid, notFound } from '../../../http/problems.ts';
import type { Band } from '../../../scoring/index.ts';
import { loadPeriod, type Period } from '../../periods/index.ts';
import { applyFilter, recapRow, type ListFilter } from '../rows.ts';
import type { PeriodScoring } from '../../../scoring/index.ts';
import { compareStandingKeys, pageStandings, standingKey, type RankingStatus, type Standing } from '../standings.ts';
import { currentVersionOf, findResultSet, listResultSets, type ResultSetInfo } from './result-sets.repo.ts';
import { frozenDetailsOf, frozenRows, frozenRowWithInputs, resultRowInputs, type FrozenRow } from './rows.repo.ts';
import { t } from '../../../i18n/message.ts';

export function resultSetSummary(set: ResultSetInfo, currentVersion: number | null) {
  return {
    id: set.id,
    periodId: set.periodId,
    version: set.version,
    decreeNumber: set.decreeNumber,
    decreeDate: set.decreeDate,
    reason: set.reason,
    createdAt: set.createdAt.toISOString(),
    createdBy: set.createdBy,
    rowCount: set.rowCount,
    published: set.publishedAt !== null,
    publishedAt: set.publishedAt?.toISOString() ?? null,
    current: currentVersion !== null && set.version === currentVersion,
  };
}

export async function listVersions(db: Executor, c: RequestContext, periodId: string, paging: { limit: number; cursor?: string }) {
  const period = await loadPeriod(db, c, periodId);
  const after = decodeCursor(paging.cursor, 1);
  if (after !== null && !isInt4(after[0])) throw invalid(t`The cursor is not valid`, [{ path: 'querystring.cursor', message: t`is not valid` }]);
  const rows = await listResultSets(db, period.id, { beforeVersion: after ? Number(after[0]) : undefined, limit: paging.limit + 1 });
  const current = await currentVersionOf(db, period.id);
  const { items, nextCursor } = page(rows, paging.limit, (r) => [r.version]);
  return { items: items.map((r) => resultSetSummary(r, current)), nextCursor };
}

export async function loadResultSet(db: Executor, c: RequestContext, periodId: string, version: number) {
  const period = await loadPeriod(db, c, periodId);
  const set = await findResultSet(db, period.id, version);
  if (!set) throw notFound(t`Result set version ${version}`);
  return { period, set, current: await currentVersionOf(db, period.id) };
}

export type FrozenStanding = Standing<FrozenRow & { overallRank: number | null; status: RankingStatus }>;

/** Frozen rows in ranking order, with their stored ranks (never re-ranked). */
export function orderFrozen(rows: FrozenRow[]): FrozenStanding[] {
  return rows
    .map((r) => ({ ...r, status: r.status as RankingStatus, overallRank: r.rank }))
    .sort((a, b) => compareStandingKeys(standingKey(a), standingKey(b)));
}

/** Bands of a frozen version: the period's bands (settings are editable only in draft, before any result set). */
export function frozenRecapRow(row: FrozenStanding, bands: Band[], stages: PeriodScoring['stages'], filter: ListFilter) {
  const stageScores = (row.stageScores ?? {}) as { saq?: string | null; visitation?: string | null; presentation?: string | null };
  return recapRow(row, bands, stages, filter, {
    selfAssessedSaq: row.selfAssessedSaq,
    verifiedSaq: row.verifiedSaq,
    stages: { saq: stageScores.saq ?? null, visitation: stageScores.visitation, presentation: stageScores.presentation },
    indicators: row.indicatorScores,
    adjustment: row.adjustment ?? null,
  });
}

export async function resultSetRows(db: Executor, period: Period, set: ResultSetInfo, filter: ListFilter, paging: { limit: number; cursor?: string } | null) {
  const all = applyFilter(orderFrozen(await frozenRows(db, set.id)), filter);
  const { items, nextCursor } = paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
  const details = await frozenDetailsOf(db, set.id, items.map((r) => r.participantId));
  for (const row of items) {
    row.indicatorScores = details.get(row.participantId)?.indicatorScores ?? [];
    row.advanced = details.get(row.participantId)?.advanced ?? null;
    row.adjustment = details.get(row.participantId)?.adjustment ?? null;
  }
  const bands = period.bands;
  const stages = period.stages;
  return { items: items.map((r) => frozenRecapRow(r, bands, stages, filter)), nextCursor };
}

export async function resultRowDetail(db: Executor, c: RequestContext, periodId: string, version: number, bodyId: string) {
  const { period, set } = await loadResultSet(db, c, periodId, version);
  const [row] = orderFrozen(await frozenRows(db, set.id, { recap: true, bodyIds: [bodyId] }));
  const stored = row ? await frozenRowWithInputs(db, set.id, bodyId) : null;
  if (!row || !stored) throw notFound(t`Result row`);
  const inputs = await resultRowInputs(db, set.id, stored.inputs as Record<string, unknown>);
  return { ...frozenRecapRow(row, period.bands, period.stages, {}), version: set.version, inputs, inputsSha256: row.inputsSha256 };
}
