// The anonymous API: only what a publication made public. Every query goes through `publications`,
// so a period, a commission or a body without a published result set answers 404 (nothing leaks).
import { kept } from '../../db/changes.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { notFound, Problem } from '../../http/problems.ts';
import { bodyResults, contentTag, currentPublication, publishedRankings, publishedSummary, type ListFilter } from '../results/index.ts';
import {
  commissionRef, findPeriodById, periodIdsPublishingBody, publicationRows, publishedCommissionRows, type PublicationRow,
} from './public.repo.ts';
import { t } from '../../i18n/message.ts';

const badCursor = () => new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });

/** Commissions with at least one published period, by name. */
export async function publicCommissions(db: Executor, paging: { limit: number; cursor?: string }) {
  const after = decodeCursor(paging.cursor, 2);
  if (after && (typeof after[0] !== 'string' || typeof after[1] !== 'string')) throw badCursor();
  const rows = await publishedCommissionRows(db, { after: after as [string, string] | null, limit: paging.limit + 1 });
  return page(rows, paging.limit, (r) => [r.name, r.id]);
}

type PublishedPeriod = PublicationRow;

/** The periods with a publication, each with its latest published version (a later one supersedes it). */
async function publishedPeriods(db: Executor, where: { commissionId?: string; periodIds?: string[] }): Promise<PublishedPeriod[]> {
  const rows = await publicationRows(db, where);
  const latest = new Map<string, PublishedPeriod>();
  for (const row of rows) if (!latest.has(row.id)) latest.set(row.id, row);
  return [...latest.values()];
}

function publishedInfo(p: PublishedPeriod) {
  return {
    version: p.version,
    decreeNumber: p.decreeNumber,
    decreeDate: p.decreeDate,
    publishedAt: p.publishedAt.toISOString(),
    decree: p.decree ?? p.decreeNumber,
    mode: p.mode,
  };
}

/** Every published period of every commission, the latest publication first (the /hasil page). */
export async function allPublishedPeriods(db: Executor) {
  const all = await publishedPeriods(db, {});
  return all
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .map((p) => ({ id: p.id, year: p.year, title: p.title, commission: p.commissionName, decree: p.decree ?? p.decreeNumber, publishedAt: p.publishedAt }));
}

export async function publicPeriods(db: Executor, commissionId: string, paging: { limit: number; cursor?: string }) {
  const all = await publishedPeriods(db, { commissionId });
  const [first] = all;
  if (!first) throw notFound(t`Commission`);
  const after = decodeCursor(paging.cursor, 1);
  let start = 0;
  if (after) {
    start = all.findIndex((p) => p.id === after[0]) + 1;
    if (start === 0) throw badCursor();
  }
  const { items, nextCursor } = page(all.slice(start, start + paging.limit + 1), paging.limit, (p) => [p.id]);
  return {
    commission: { id: first.commissionId, name: first.commissionName },
    items: items.map((p) => ({ id: p.id, year: p.year, title: p.title, result: publishedInfo(p) })),
    nextCursor,
  };
}

async function readPublishedPeriod(db: Executor, periodId: string) {
  const period = await findPeriodById(db, periodId);
  const publication = period ? await currentPublication(db, period.id) : null;
  if (!period || !publication) return { published: null };
  const commission = await commissionRef(db, period.commissionId);
  return { published: { period, publication, commission } };
}

/**
 * The public period (404 unless published) and its latest published result set: read once, then
 * kept until any table changes (db/changes.ts), so that the spike of an announcement day is
 * served from memory. A period not (yet) published is kept as such too.
 */
export async function publishedPeriod(db: Executor, periodId: string) {
  const { published } = await kept(db, 'public-periods', periodId, () => readPublishedPeriod(db, periodId));
  if (!published) throw notFound(t`Published period`);
  return published;
}

/** The public period's body and its ETag, built once per state of what it shows (as publishedPeriod). */
export async function publicPeriodWithTag(db: Executor, periodId: string) {
  return kept(db, 'public-period-bodies', periodId, async () => {
    const body = await publicPeriod(db, await publishedPeriod(db, periodId));
    return { body, tag: contentTag('public-period', body, 'json') };
  });
}

/** The rankings of a published period (as publishedPeriod() returned it). */
export async function publicRankings(db: Executor, published: Awaited<ReturnType<typeof publishedPeriod>>, filter: ListFilter, paging: { limit: number; cursor?: string } | null) {
  const { period, publication, commission } = published;
  const { items, nextCursor } = await publishedRankings(db, period, publication, filter, paging);
  return {
    period: { id: period.id, year: period.year, title: period.title, commission },
    result: {
      version: publication.version, decreeNumber: publication.decreeNumber, decreeDate: publication.decreeDate, publishedAt: publication.publishedAt.toISOString(),
      decree: publication.publicationDecree ?? publication.decreeNumber, mode: publication.mode,
    },
    items,
    nextCursor,
  };
}

/**
 * A published period (as publishedPeriod() returned it): its latest published version with the
 * publication's decree (the result set's decree number when it named none), mode and awards, and
 * how many participants each band has.
 */
export async function publicPeriod(db: Executor, published: Awaited<ReturnType<typeof publishedPeriod>>) {
  const { period, publication, commission } = published;
  const { awards, bands } = await publishedSummary(db, period, publication);
  return {
    id: period.id,
    year: period.year,
    title: period.title,
    commission,
    version: publication.version,
    decree: publication.publicationDecree ?? publication.decreeNumber,
    decreeNumber: publication.decreeNumber,
    decreeDate: publication.decreeDate,
    mode: publication.mode,
    publishedAt: publication.publishedAt.toISOString(),
    awards,
    bands,
  };
}

/** A body's published results across years: final score, band and ranks of each latest published version. */
export async function bodyHistory(db: Executor, bodyId: string) {
  const periodIds = await periodIdsPublishingBody(db, bodyId);
  const published = periodIds.length ? await publishedPeriods(db, { periodIds }) : [];
  const rows = await bodyResults(db, bodyId, published.map((p) => ({ id: p.resultSetId, mode: p.mode })));
  // only the latest published version of a period counts; a body absent from it has no public result there
  const items = published.flatMap((p) => {
    const row = rows.get(p.resultSetId);
    return row ? [{ p, row }] : [];
  });
  const [newest] = items;
  if (!newest) throw notFound(t`Published results of this body`);
  return {
    bodyId,
    bodyName: newest.row.bodyName,
    items: items.map(({ p, row: { bodyName: _b, ...row } }) => ({
      year: p.year,
      periodId: p.id,
      periodTitle: p.title,
      commission: { id: p.commissionId, name: p.commissionName },
      result: publishedInfo(p),
      ...row,
    })),
  };
}
