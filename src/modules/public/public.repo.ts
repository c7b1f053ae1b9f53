// The SQL of the anonymous API. Every read starts from `publications`, so only what a publication
// made public is ever selected; the rankings and a body's rows come from results/index.ts.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { commissions, periods, publications, resultRows, resultSets, type PublicationMode } from '../../db/schema.ts';
import type { Period } from '../periods/index.ts';

/** Commissions with at least one published period, by name, after the (name, id) `after`. */
export async function publishedCommissionRows(db: Executor, page: { after: [string, string] | null; limit: number }) {
  const { after } = page;
  const published = db.selectDistinct({ commissionId: periods.commissionId, periodId: periods.id })
    .from(publications).innerJoin(periods, eq(periods.id, publications.periodId)).as('published');
  return db.select({
    id: commissions.id,
    name: commissions.name,
    level: commissions.level,
    region: commissions.region,
    publishedPeriods: sql<number>`count(${published.periodId})::int`,
  })
    .from(commissions)
    .innerJoin(published, eq(published.commissionId, commissions.id))
    .where(after ? or(sql`${commissions.name} > ${after[0]}`, and(eq(commissions.name, after[0]), sql`${commissions.id} > ${after[1]}`)) : undefined)
    .groupBy(commissions.id)
    .orderBy(asc(commissions.name), asc(commissions.id))
    .limit(page.limit);
}

export interface PublicationRow {
  id: string;
  year: number;
  title: string;
  commissionId: string;
  commissionName: string;
  resultSetId: string;
  version: number;
  decreeNumber: string;
  decreeDate: string;
  publishedAt: Date;
  decree: string | null;
  mode: PublicationMode;
}

/** Every publication of the commission's periods, or of these periods: newest year first, then each period's newest version first. */
export async function publicationRows(db: Executor, where: { commissionId?: string; periodIds?: string[] }): Promise<PublicationRow[]> {
  const conditions = [
    where.commissionId ? eq(periods.commissionId, where.commissionId) : undefined,
    where.periodIds ? inArray(periods.id, where.periodIds) : undefined,
  ].filter((c) => c !== undefined);
  return db.select({
    id: periods.id,
    year: periods.year,
    title: periods.title,
    commissionId: periods.commissionId,
    commissionName: commissions.name,
    resultSetId: resultSets.id,
    version: resultSets.version,
    decreeNumber: resultSets.decreeNumber,
    decreeDate: resultSets.decreeDate,
    publishedAt: publications.publishedAt,
    decree: publications.decree,
    mode: publications.mode,
  })
    .from(publications)
    .innerJoin(resultSets, eq(resultSets.id, publications.resultSetId))
    .innerJoin(periods, eq(periods.id, publications.periodId))
    .innerJoin(commissions, eq(commissions.id, periods.commissionId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(periods.year), asc(periods.id), desc(resultSets.version));
}

/** The periods with a published result set that has a row of the body. */
export async function periodIdsPublishingBody(db: Executor, bodyId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ periodId: resultSets.periodId })
    .from(resultRows)
    .innerJoin(resultSets, eq(resultSets.id, resultRows.resultSetId))
    .innerJoin(publications, eq(publications.resultSetId, resultSets.id))
    .where(eq(resultRows.bodyId, bodyId));
  return rows.map((r) => r.periodId);
}

/** The period, whatever its commission, or undefined (the caller checks that it is published). */
export async function findPeriodById(db: Executor, periodId: string): Promise<Period | undefined> {
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
  return period;
}

export async function commissionRef(db: Executor, commissionId: string): Promise<{ id: string; name: string }> {
  const [commission] = await db.select({ id: commissions.id, name: commissions.name }).from(commissions).where(eq(commissions.id, commissionId));
  // periods.commission_id references commissions
  if (!commission) throw new Error(`commission ${commissionId} of a period does not exist`);
  return commission;
}
