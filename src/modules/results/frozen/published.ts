// What the public API shows of published result sets: a version's rankings, its band counts and
// awards, and a body's rows, shaped here so that the public module never sees a participant id or
// an advancement decision. A publication by qualification shows bands and statuses only: its rows
// carry no rank and no final score, and neither their order nor the cursors reveal either.
import type { Executor } from '../../../db/client.ts';
import type { PublicationAward, PublicationMode } from '../../../db/schema.ts';
import { decodeCursor, page } from '../../../http/pagination.ts';
import { Problem } from '../../../http/problems.ts';
import type { Band } from '../../../scoring/index.ts';
import type { Period } from '../../periods/index.ts';
import { applyFilter, publicRankingRow, type ListFilter } from '../rows.ts';
import { sharedStandings } from '../standings-cache.ts';
import { bandOf, countsInBand, pageStandings, scoreNumber, type RankingStatus } from '../standings.ts';
import { orderFrozen, type FrozenStanding } from './read.service.ts';
import { bodyRows, frozenRows, resultSetBodies } from './rows.repo.ts';
import { t } from '../../../i18n/message.ts';

/** A published version as the public reads see it: the result set id, and how it was published. */
export interface PublishedVersion { id: string; mode: PublicationMode; awards?: PublicationAward[] }

function publishedStandings(db: Executor, period: Period, publication: { id: string }) {
  return sharedStandings(`published:${publication.id}:${period.scoresChangedAt.getTime()}:${period.version}`,
    async () => orderFrozen(await frozenRows(db, publication.id)));
}

const GROUP: Record<RankingStatus, number> = { scored: 0, provisional: 1, not_submitted: 2 };
const collator = new Intl.Collator('id');
type QualificationKey = [number, number, string, string];

/** The order of a publication by qualification: scored, provisional, not submitted; each by band (highest first), then by name. */
function qualificationKey(bands: Band[]) {
  const index = new Map(bands.map((b, i) => [b.code, i]));
  return (row: FrozenStanding): QualificationKey =>
    [GROUP[row.status], (row.bandCode === null ? undefined : index.get(row.bandCode)) ?? bands.length, row.bodyName, row.participantId];
}

function compareQualification(a: QualificationKey, b: QualificationKey): number {
  return a[0] - b[0] || a[1] - b[1] || collator.compare(a[2], b[2]) || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);
}

function byQualification(rows: FrozenStanding[], bands: Band[]) {
  const keyOf = qualificationKey(bands);
  return rows.map((row) => ({ row, key: keyOf(row) })).sort((a, b) => compareQualification(a.key, b.key));
}

function pageByQualification(rows: FrozenStanding[], bands: Band[], paging: { limit: number; cursor?: string }) {
  const sorted = byQualification(rows, bands);
  const after = decodeCursor(paging.cursor, 4);
  if (after !== null && !(Number.isInteger(after[0]) && Number.isInteger(after[1]) && typeof after[2] === 'string' && typeof after[3] === 'string')) {
    throw new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  const start = after === null ? 0 : sorted.findIndex((r) => compareQualification(r.key, after as QualificationKey) > 0);
  const cut = page(start < 0 ? [] : sorted.slice(start, start + paging.limit + 1), paging.limit, (r) => r.key);
  return { items: cut.items.map((r) => r.row), nextCursor: cut.nextCursor };
}

/** The rankings of a published version of the period: all of them (exports) or one page. */
export async function publishedRankings(
  db: Executor, period: Period, publication: PublishedVersion, filter: ListFilter, paging: { limit: number; cursor?: string } | null,
) {
  const all = applyFilter(await publishedStandings(db, period, publication), filter);
  const bands = period.bands;
  if (publication.mode === 'qualification') {
    const { items, nextCursor } = paging ? pageByQualification(all, bands, paging) : { items: byQualification(all, bands).map((r) => r.row), nextCursor: null };
    return { items: items.map((r) => publicRankingRow(r, bands, filter, true)), nextCursor };
  }
  const { items, nextCursor } = paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
  return { items: items.map((r) => publicRankingRow(r, bands, filter)), nextCursor };
}

/**
 * A published version's band counts (participants per band, as in the result set: the scored ones
 * and non-submitters given the lowest band) and its awards with the bodies' names as frozen.
 */
export async function publishedSummary(db: Executor, period: Period, publication: PublishedVersion) {
  const rows = await publishedStandings(db, period, publication);
  const awards = publication.awards ?? [];
  const names = await resultSetBodies(db, publication.id, [...new Set(awards.flatMap((a) => a.bodyIds))]);
  return {
    awards: awards.map((a) => ({ title: a.title, bodies: a.bodyIds.map((id) => ({ id, name: names.get(id) ?? '' })) })),
    bands: period.bands.map((b) => ({ code: b.code, label: b.label, count: rows.filter((r) => countsInBand(r) && r.bandCode === b.code).length })),
  };
}

/** A body's row in each of some (published) result sets, by result set id. */
export async function bodyResults(db: Executor, bodyId: string, sets: { id: string; mode: PublicationMode }[]) {
  const rows = sets.length ? await bodyRows(db, bodyId, sets.map((s) => s.id)) : [];
  const withheld = new Set(sets.filter((s) => s.mode === 'qualification').map((s) => s.id));
  const out = new Map<string, ReturnType<typeof bodyResult>>();
  for (const row of rows) if (!out.has(row.resultSetId)) out.set(row.resultSetId, bodyResult(row, withheld.has(row.resultSetId)));
  return out;
}

function bodyResult(row: Awaited<ReturnType<typeof bodyRows>>[number], withheld: boolean) {
  return {
    bodyName: row.bodyName,
    categoryId: row.categoryId,
    categoryCode: row.categoryCode ?? '',
    categoryName: row.categoryName ?? '',
    finalScore: withheld ? null : scoreNumber(row.finalScore),
    band: bandOf(row.bands, row.bandCode),
    overallRank: withheld ? null : row.rank,
    categoryRank: withheld ? null : row.categoryRank,
    complete: row.complete,
    status: row.status as RankingStatus,
  };
}

export type BodyResult = ReturnType<typeof bodyResult>;
