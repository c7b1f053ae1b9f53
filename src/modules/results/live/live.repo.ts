// The SQL of the live figures: rankings, statistics and juror agreement read the scores
// materialised on `participants` (never raw answers).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { adjustments, assignments, bodies, categories, participants, presentationScores, users } from '../../../db/schema.ts';
import type { RowSubject } from '../rows.ts';

export interface LiveParticipant extends RowSubject {
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

/** Σ points of the adjustments of some participants (a page of a recap); participants without any are absent. */
export async function adjustmentTotalsOf(db: Executor, participantIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < participantIds.length; i += ID_CHUNK) {
    const rows = await db.select({ id: adjustments.participantId, total: sql<string>`sum(${adjustments.points})::text` }).from(adjustments)
      .where(inArray(adjustments.participantId, participantIds.slice(i, i + ID_CHUNK)))
      .groupBy(adjustments.participantId);
    for (const r of rows) out.set(r.id, r.total);
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
  return (result as { rows: { code: string; name: string; participants: number; mean_score: string | null; mean_self_score: string | null }[] }).rows
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
