// The SQL of rankings, statistics, juror agreement and result sets. Live figures read the scores
// materialised on `participants` (never raw answers); result sets read their frozen rows.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  assignments, bodies, categories, participants, presentationScores, publications, resultRows, resultSets, users,
} from '../../db/schema.ts';

export interface LiveParticipant {
  participantId: string;
  bodyId: string;
  bodyName: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  participantStatus: 'enrolled' | 'submitted' | 'not_submitted';
  advanced: boolean | null;
  visitationScore: string | null;
  selfAssessedSaq: string | null;
  verifiedSaq: string | null;
  saqStageScore: string | null;
  visitationStageScore: string | null;
  presentationStageScore: string | null;
  finalScoreExact: string | null;
  finalScoreRounded: string | null;
  bandCode: string | null;
  complete: boolean;
  decidedCount: number;
  questionCount: number;
  indicatorScores: unknown;
}

/** Every participant of a period with its materialised scores (indicator scores are left out: see indicatorScoresOf). */
export async function periodParticipants(db: Executor, periodId: string): Promise<LiveParticipant[]> {
  return db.select({
    participantId: participants.id,
    bodyId: participants.bodyId,
    bodyName: bodies.name,
    categoryId: participants.categoryId,
    categoryCode: categories.code,
    categoryName: categories.name,
    participantStatus: participants.status,
    advanced: participants.advanced,
    visitationScore: participants.visitationScore,
    selfAssessedSaq: participants.selfAssessedSaq,
    verifiedSaq: participants.verifiedSaq,
    saqStageScore: participants.saqStageScore,
    visitationStageScore: participants.visitationStageScore,
    presentationStageScore: participants.presentationStageScore,
    finalScoreExact: participants.finalScore,
    finalScoreRounded: participants.finalScoreRounded,
    bandCode: participants.bandCode,
    complete: participants.complete,
    decidedCount: participants.decidedCount,
    questionCount: participants.questionCount,
    indicatorScores: sql<unknown>`null`,
  })
    .from(participants)
    .innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(eq(participants.periodId, periodId));
}

/** Ids per `in (...)` list, well under PostgreSQL's parameter limit. */
const ID_CHUNK = 5000;

/** The materialised indicator scores of some participants (a page of a recap). */
export async function indicatorScoresOf(db: Executor, participantIds: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let i = 0; i < participantIds.length; i += ID_CHUNK) {
    const rows = await db.select({ id: participants.id, indicatorScores: participants.indicatorScores }).from(participants)
      .where(inArray(participants.id, participantIds.slice(i, i + ID_CHUNK)));
    for (const r of rows) out.set(r.id, r.indicatorScores);
  }
  return out;
}

/** The frozen indicator scores of some rows of a result set (a page of it), and whether each advanced (from its inputs). */
export async function frozenDetailsOf(db: Executor, resultSetId: string, participantIds: string[]): Promise<Map<string, { indicatorScores: unknown; advanced: boolean | null }>> {
  const out = new Map<string, { indicatorScores: unknown; advanced: boolean | null }>();
  for (let i = 0; i < participantIds.length; i += ID_CHUNK) {
    const rows = await db.select({
      id: resultRows.participantId,
      indicatorScores: resultRows.indicatorScores,
      advanced: sql<boolean | null>`(${resultRows.inputs} ->> 'advanced')::boolean`,
    }).from(resultRows)
      .where(and(eq(resultRows.resultSetId, resultSetId), inArray(resultRows.participantId, participantIds.slice(i, i + ID_CHUNK))));
    for (const r of rows) out.set(r.id, { indicatorScores: r.indicatorScores, advanced: r.advanced });
  }
  return out;
}

export interface IndicatorMean { code: string; name: string; participants: number; meanScore: string | null; meanSelfScore: string | null }

/**
 * Mean verified and self-assessed score per indicator over the submitted participants, from their
 * materialised indicator scores (numeric averages are exact to 30+ decimals; rounded once by the caller).
 */
export async function indicatorMeans(db: Executor, periodId: string): Promise<IndicatorMean[]> {
  const result = await db.execute(sql`
    select i.value ->> 'code' as code, i.value ->> 'name' as name, count(*)::int as participants,
      avg((i.value ->> 'score')::numeric)::text as mean_score, avg((i.value ->> 'selfScore')::numeric)::text as mean_self_score,
      min(i.ordinality) as position
    from ${participants} p cross join lateral jsonb_array_elements(p.indicator_scores) with ordinality as i(value, ordinality)
    where p.period_id = ${periodId} and p.status = 'submitted' and jsonb_typeof(p.indicator_scores) = 'array'
    group by 1, 2
    order by position, code`);
  return (result as unknown as { rows: { code: string; name: string; participants: number; mean_score: string | null; mean_self_score: string | null }[] }).rows
    .map((r) => ({ code: r.code, name: r.name, participants: r.participants, meanScore: r.mean_score, meanSelfScore: r.mean_self_score }));
}

export interface JurorScoreRow { participantId: string; jurorId: string; jurorName: string; score: string }

export async function presentationScoresOf(db: Executor, periodId: string): Promise<JurorScoreRow[]> {
  return db.select({
    participantId: presentationScores.participantId,
    jurorId: presentationScores.jurorId,
    jurorName: sql<string>`coalesce(${users.displayName}, ${users.username})`,
    score: presentationScores.score,
  })
    .from(presentationScores)
    .innerJoin(participants, eq(participants.id, presentationScores.participantId))
    .innerJoin(users, eq(users.id, presentationScores.jurorId))
    .where(eq(participants.periodId, periodId));
}

export async function jurorAssignmentsOf(db: Executor, periodId: string): Promise<{ participantId: string; jurorId: string; jurorName: string }[]> {
  return db.select({
    participantId: assignments.participantId,
    jurorId: assignments.userId,
    jurorName: sql<string>`coalesce(${users.displayName}, ${users.username})`,
  })
    .from(assignments)
    .innerJoin(participants, eq(participants.id, assignments.participantId))
    .innerJoin(users, eq(users.id, assignments.userId))
    .where(and(eq(participants.periodId, periodId), eq(assignments.role, 'juror')));
}

// Result sets

export type ResultSet = typeof resultSets.$inferSelect;

export interface ResultSetInfo extends ResultSet {
  rowCount: number;
  publishedAt: Date | null;
}

const rowCount = sql<number>`(select count(*)::int from ${resultRows} where ${resultRows.resultSetId} = ${resultSets.id})`;

export async function listResultSets(db: Executor, periodId: string, options: { beforeVersion?: number; limit: number }): Promise<ResultSetInfo[]> {
  const where = options.beforeVersion === undefined
    ? eq(resultSets.periodId, periodId)
    : and(eq(resultSets.periodId, periodId), sql`${resultSets.version} < ${options.beforeVersion}`);
  const rows = await db.select({ set: resultSets, rowCount, publishedAt: publications.publishedAt })
    .from(resultSets)
    .leftJoin(publications, eq(publications.resultSetId, resultSets.id))
    .where(where)
    .orderBy(desc(resultSets.version))
    .limit(options.limit);
  return rows.map((r) => ({ ...r.set, rowCount: r.rowCount, publishedAt: r.publishedAt }));
}

export async function findResultSet(db: Executor, periodId: string, version: number): Promise<ResultSetInfo | null> {
  const [row] = await db.select({ set: resultSets, rowCount, publishedAt: publications.publishedAt })
    .from(resultSets)
    .leftJoin(publications, eq(publications.resultSetId, resultSets.id))
    .where(and(eq(resultSets.periodId, periodId), eq(resultSets.version, version)));
  return row ? { ...row.set, rowCount: row.rowCount, publishedAt: row.publishedAt } : null;
}

export async function latestVersion(db: Executor, periodId: string): Promise<number> {
  const [row] = await db.select({ v: sql<number | null>`max(${resultSets.version})` }).from(resultSets).where(eq(resultSets.periodId, periodId));
  return row?.v === null || row?.v === undefined ? 0 : Number(row.v);
}

/** The latest published version of a period (the one the public sees), or null. */
export async function currentPublication(db: Executor, periodId: string): Promise<(ResultSet & { publishedAt: Date }) | null> {
  const [row] = await db.select({ set: resultSets, publishedAt: publications.publishedAt })
    .from(publications)
    .innerJoin(resultSets, eq(resultSets.id, publications.resultSetId))
    .where(eq(publications.periodId, periodId))
    .orderBy(desc(resultSets.version))
    .limit(1);
  return row ? { ...row.set, publishedAt: row.publishedAt } : null;
}

export interface FrozenRow {
  participantId: string;
  bodyId: string;
  bodyName: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  status: string;
  rank: number | null;
  categoryRank: number | null;
  finalScore: string | null;
  bandCode: string | null;
  complete: boolean;
  selfAssessedSaq: string | null;
  verifiedSaq: string | null;
  stageScores: unknown;
  indicatorScores: unknown;
  inputsSha256: string;
  /** from the inputs, loaded only with the details of a page (frozenDetailsOf) */
  advanced?: boolean | null;
}

/** The rows of a result set, without their (large) inputs; `recap` adds stage and indicator scores. */
export async function frozenRows(db: Executor, resultSetId: string, options: { recap?: boolean; bodyIds?: string[] } = {}): Promise<FrozenRow[]> {
  const where = options.bodyIds
    ? and(eq(resultRows.resultSetId, resultSetId), inArray(resultRows.bodyId, options.bodyIds))
    : eq(resultRows.resultSetId, resultSetId);
  return db.select({
    participantId: resultRows.participantId,
    bodyId: resultRows.bodyId,
    bodyName: resultRows.bodyName,
    categoryId: resultRows.categoryId,
    categoryCode: categories.code,
    categoryName: categories.name,
    status: resultRows.status,
    rank: resultRows.rank,
    categoryRank: resultRows.categoryRank,
    finalScore: resultRows.finalScore,
    bandCode: resultRows.bandCode,
    complete: resultRows.complete,
    selfAssessedSaq: resultRows.selfAssessedSaq,
    verifiedSaq: resultRows.verifiedSaq,
    stageScores: resultRows.stageScores,
    indicatorScores: options.recap ? resultRows.indicatorScores : sql<unknown>`'[]'::jsonb`,
    inputsSha256: resultRows.inputsSha256,
  })
    .from(resultRows)
    .innerJoin(categories, eq(categories.id, resultRows.categoryId))
    .where(where);
}

export async function frozenRowWithInputs(db: Executor, resultSetId: string, bodyId: string) {
  const [row] = await db.select({ inputs: resultRows.inputs }).from(resultRows)
    .where(and(eq(resultRows.resultSetId, resultSetId), eq(resultRows.bodyId, bodyId)));
  return row ?? null;
}

