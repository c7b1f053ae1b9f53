// The SQL of result set versions and their publications (the rows are in rows.repo.ts).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { bodies, commissions, participants, publications, resultRows, resultSets, type PublicationAward, type PublicationMode } from '../../../db/schema.ts';

export type ResultSet = typeof resultSets.$inferSelect;

export interface ResultSetInfo extends ResultSet {
  rowCount: number;
  publishedAt: Date | null;
  /** how it was published (null: not published) */
  publicationMode: PublicationMode | null;
}

const rowCount = sql<number>`(select count(*)::int from ${resultRows} where ${resultRows.resultSetId} = ${resultSets.id})`;

export async function listResultSets(db: Executor, periodId: string, options: { beforeVersion?: number; limit: number }): Promise<ResultSetInfo[]> {
  const where = options.beforeVersion === undefined
    ? eq(resultSets.periodId, periodId)
    : and(eq(resultSets.periodId, periodId), sql`${resultSets.version} < ${options.beforeVersion}`);
  const rows = await db.select({ set: resultSets, rowCount, publishedAt: publications.publishedAt, mode: publications.mode })
    .from(resultSets)
    .leftJoin(publications, eq(publications.resultSetId, resultSets.id))
    .where(where)
    .orderBy(desc(resultSets.version))
    .limit(options.limit);
  return rows.map((r) => ({ ...r.set, rowCount: r.rowCount, publishedAt: r.publishedAt, publicationMode: r.mode }));
}

export async function findResultSet(db: Executor, periodId: string, version: number): Promise<ResultSetInfo | null> {
  const [row] = await db.select({ set: resultSets, rowCount, publishedAt: publications.publishedAt, mode: publications.mode })
    .from(resultSets)
    .leftJoin(publications, eq(publications.resultSetId, resultSets.id))
    .where(and(eq(resultSets.periodId, periodId), eq(resultSets.version, version)));
  return row ? { ...row.set, rowCount: row.rowCount, publishedAt: row.publishedAt, publicationMode: row.mode } : null;
}

export async function latestVersion(db: Executor, periodId: string): Promise<number> {
  const [row] = await db.select({ v: sql<number | null>`max(${resultSets.version})` }).from(resultSets).where(eq(resultSets.periodId, periodId));
  return row?.v === null || row?.v === undefined ? 0 : Number(row.v);
}

/** A result set as published: the version with what its publication said. */
export type PublishedSet = ResultSet & { publishedAt: Date; publicationDecree: string | null; mode: PublicationMode; awards: PublicationAward[] };

/** The latest published version of a period (the one the public sees), or null. */
export async function currentPublication(db: Executor, periodId: string): Promise<PublishedSet | null> {
  const [row] = await db.select({
    set: resultSets, publishedAt: publications.publishedAt, decree: publications.decree, mode: publications.mode, awards: publications.awards,
  })
    .from(publications)
    .innerJoin(resultSets, eq(resultSets.id, publications.resultSetId))
    .where(eq(publications.periodId, periodId))
    .orderBy(desc(resultSets.version))
    .limit(1);
  return row ? { ...row.set, publishedAt: row.publishedAt, publicationDecree: row.decree, mode: row.mode, awards: row.awards } : null;
}

/** Publishes a result set (the table refuses updates and deletes: a publication is final). */
export async function insertPublication(db: Executor, values: typeof publications.$inferInsert) {
  const [publication] = await db.insert(publications).values(values).returning();
  if (!publication) throw new Error('insert into publications returned no row');
  return publication;
}

/** The latest published version number of a period, or null. */
export async function currentVersionOf(db: Executor, periodId: string): Promise<number | null> {
  const [row] = await db.select({ v: sql<number | null>`max(${resultSets.version})` })
    .from(publications).innerJoin(resultSets, eq(resultSets.id, publications.resultSetId))
    .where(eq(publications.periodId, periodId));
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

/** The participants a new version of the period freezes, with their bodies' names. */
export async function participantsToFreeze(db: Executor, periodId: string) {
  return db.select({ id: participants.id, bodyId: participants.bodyId, bodyName: bodies.name, categoryId: participants.categoryId })
    .from(participants).innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .where(eq(participants.periodId, periodId));
}

/** The name of the commission a result set's decree is issued by. */
export async function commissionName(db: Executor, commissionId: string): Promise<string> {
  const [row] = await db.select({ name: commissions.name }).from(commissions).where(eq(commissions.id, commissionId));
  // periods.commission_id references commissions
  if (!row) throw new Error(`commission ${commissionId} of a period does not exist`);
  return row.name;
}
