// The SQL of a result set's rows: the bulk insert that freezes them, and the reads of rankings,
// recaps, a row's complete input record and a body's rows. The database refuses UPDATE and DELETE
// on result rows (migration 0001).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { categories, periods, resultRows, resultSets } from '../../../db/schema.ts';
import { must } from '../../../must.ts';
import { canonicalJson, sha256Hex, sharedSha256, type SharedJson } from '../../../scoring/index.ts';
import type { Standing } from '../standings.ts';
import type { Frozen } from './freeze.ts';
import type { RowSubject } from '../rows.ts';

const INSERT_CHUNK = 500;
/** Ids per `in (...)` list, well under PostgreSQL's parameter limit. */
const ID_CHUNK = 5000;

export interface FrozenRow extends RowSubject {
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
  /** Σ points of the recorded adjustments (from the inputs; null without any), loaded with the recap or a page's details */
  adjustment?: string | null;
}

/** Σ points of the adjustments a row's inputs record (docs/scoring.md §9); null without any. */
const adjustmentSum = sql<string | null>`(select sum((a.value ->> 'points')::numeric)::text
  from jsonb_array_elements(coalesce(${resultRows.inputs} -> 'adjustments', '[]'::jsonb)) as a(value))`;

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
    adjustment: options.recap ? adjustmentSum : sql<string | null>`null`,
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

/** The frozen indicator scores of some rows of a result set (a page of it), and whether each advanced (from its inputs). */
export async function frozenDetailsOf(db: Executor, resultSetId: string, participantIds: string[]): Promise<Map<string, { indicatorScores: unknown; advanced: boolean | null; adjustment: string | null }>> {
  const out = new Map<string, { indicatorScores: unknown; advanced: boolean | null; adjustment: string | null }>();
  for (let i = 0; i < participantIds.length; i += ID_CHUNK) {
    const rows = await db.select({
      id: resultRows.participantId,
      indicatorScores: resultRows.indicatorScores,
      advanced: sql<boolean | null>`(${resultRows.inputs} ->> 'advanced')::boolean`,
      adjustment: adjustmentSum,
    }).from(resultRows)
      .where(and(eq(resultRows.resultSetId, resultSetId), inArray(resultRows.participantId, participantIds.slice(i, i + ID_CHUNK))));
    for (const r of rows) out.set(r.id, { indicatorScores: r.indicatorScores, advanced: r.advanced, adjustment: r.adjustment });
  }
  return out;
}

/**
 * Stored in place of a questionnaire that an earlier row of the same result set already holds: the
 * holder's participant id and the SHA-256 of the questionnaire's canonical JSON. A version of 5,000
 * participants thus stores each questionnaire once instead of 5,000 times (what the database would
 * otherwise build, compress and log is ten times the rest of the inputs), while every row still
 * resolves to its complete input record (resultRowInputs) and nothing leaves the immutable table.
 */
export interface QuestionnaireRef { sameAs: string; sha256: string }

function isRef(value: unknown): value is QuestionnaireRef {
  return typeof value === 'object' && value !== null && typeof (value as QuestionnaireRef).sameAs === 'string' && typeof (value as QuestionnaireRef).sha256 === 'string';
}

/**
 * Bulk insert in chunks, in ranking order: one JSON parameter of per-row values per statement,
 * unpacked with jsonb_to_recordset; the database assembles each row's input record from the row's
 * own parts, the chunk's single copy of the period settings and the questionnaire (or a reference
 * to its holder, the first row in ranking order with that questionnaire).
 */
export async function insertRows(tx: Executor, resultSetId: string, rows: Standing<Frozen>[]): Promise<void> {
  const holders = new Map<SharedJson, { participantId: string; sha256: string }>();
  // the next chunk is prepared while the database stores this one
  const inFlight: { statement: Promise<void> | null } = { statement: null };
  try {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const period = must(chunk[0], 'the first row of a chunk').period;
      const questionnaires: SharedJson[] = [];
      const values = chunk.map((r) => {
        const holder = holders.get(r.questionnaire);
        let q: number | null = null;
        if (!holder) {
          holders.set(r.questionnaire, { participantId: r.participantId, sha256: sharedSha256(r.questionnaire) });
          q = questionnaires.push(r.questionnaire) - 1;
        }
        const ranks = JSON.stringify({
          rank: r.overallRank,
          category_rank: r.categoryRank,
          q,
          qref: holder ? { sameAs: holder.participantId, sha256: holder.sha256 } : null,
        });
        return `${ranks.slice(0, -1)},${r.values.toString('utf8', 1)}`;
      });
      const statement = sql`
        with shared as (select ${`[${questionnaires.map((q) => q.text).join(',')}]`}::jsonb as questionnaires, ${period.text}::jsonb as period)
        insert into result_rows (result_set_id, participant_id, body_id, body_name, category_id, status, rank, category_rank, final_score,
          band_code, complete, self_assessed_saq, verified_saq, stage_scores, indicator_scores, inputs, inputs_sha256)
        select ${resultSetId}::uuid, v.participant_id, v.body_id, v.body_name, v.category_id, v.status, v.rank, v.category_rank, v.final_score,
          v.band_code, v.complete, v.self_assessed_saq, v.verified_saq, v.stage_scores, v.indicator_scores,
          jsonb_build_object('advanced', v.advanced, 'answers', v.answers, 'period', shared.period, 'presentation', v.presentation,
            'questionnaire', coalesce(v.qref, shared.questionnaires -> v.q), 'submitted', v.submitted, 'visitation', coalesce(v.visitation, 'null'::jsonb))
            -- adjustments only when the participant has any (docs/scoring.md §9)
            || case when v.adjustments is null then '{}'::jsonb else jsonb_build_object('adjustments', v.adjustments) end,
          v.sha
        from shared, jsonb_to_recordset(${`[${values.join(',')}]`}::jsonb) as v(
          participant_id uuid, body_id uuid, body_name text, category_id uuid, status text, rank integer, category_rank integer,
          final_score numeric, band_code text, complete boolean, self_assessed_saq numeric, verified_saq numeric, stage_scores jsonb,
          indicator_scores jsonb, q integer, qref jsonb, advanced boolean, answers jsonb, presentation jsonb, submitted boolean, visitation jsonb,
          adjustments jsonb, sha text)`;
      if (inFlight.statement) await inFlight.statement;
      // drizzle's raw queries run when awaited: then() starts this one now
      inFlight.statement = tx.execute(statement).then(() => undefined);
    }
    if (inFlight.statement) await inFlight.statement;
  } catch (error) {
    // never leave a statement running unobserved behind a failure
    await inFlight.statement?.catch(() => undefined);
    throw error;
  }
}

/** A row's complete input record: a questionnaire stored by reference is read from its holder row. */
export async function resultRowInputs(db: Executor, resultSetId: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ref = inputs.questionnaire;
  if (!isRef(ref)) return inputs;
  const [holder] = await db.select({ questionnaire: sql<unknown>`${resultRows.inputs} -> 'questionnaire'` }).from(resultRows)
    .where(and(eq(resultRows.resultSetId, resultSetId), eq(resultRows.participantId, ref.sameAs)));
  const questionnaire: unknown = typeof holder?.questionnaire === 'string' ? JSON.parse(holder.questionnaire) : holder?.questionnaire;
  if (!questionnaire || sha256Hex(canonicalJson(questionnaire)) !== ref.sha256) {
    throw new Error(`result set ${resultSetId}: the questionnaire referenced by a row does not match its holder`);
  }
  return { ...inputs, questionnaire };
}

/** A body's rows in some result sets, with their category and the bands of their period. */
export async function bodyRows(db: Executor, bodyId: string, resultSetIds: string[]) {
  return db.select({
    resultSetId: resultRows.resultSetId, bodyName: resultRows.bodyName, status: resultRows.status, rank: resultRows.rank,
    categoryRank: resultRows.categoryRank, finalScore: resultRows.finalScore, bandCode: resultRows.bandCode, complete: resultRows.complete,
    categoryId: resultRows.categoryId, categoryCode: categories.code, categoryName: categories.name, bands: periods.bands,
  }).from(resultRows)
    .innerJoin(resultSets, eq(resultSets.id, resultRows.resultSetId))
    .innerJoin(periods, eq(periods.id, resultSets.periodId))
    .leftJoin(categories, eq(categories.id, resultRows.categoryId))
    .where(and(eq(resultRows.bodyId, bodyId), inArray(resultRows.resultSetId, resultSetIds)));
}

/** The bodies among `bodyIds` that have a row in the result set, with the name frozen there. */
export async function resultSetBodies(db: Executor, resultSetId: string, bodyIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < bodyIds.length; i += ID_CHUNK) {
    const rows = await db.select({ id: resultRows.bodyId, name: resultRows.bodyName }).from(resultRows)
      .where(and(eq(resultRows.resultSetId, resultSetId), inArray(resultRows.bodyId, bodyIds.slice(i, i + ID_CHUNK))));
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/**
 * The newest result set of the period whose row of the participant was frozen from inputs with this
 * SHA-256 (the rapor names it: its numbers are then the result set's), or undefined.
 */
export async function newestSetWithInputs(db: Executor, periodId: string, participantId: string, inputsSha256: string) {
  const [row] = await db.select({ version: resultSets.version, decreeNumber: resultSets.decreeNumber, decreeDate: resultSets.decreeDate, inputsSha256: resultRows.inputsSha256 })
    .from(resultRows)
    .innerJoin(resultSets, eq(resultSets.id, resultRows.resultSetId))
    .where(and(eq(resultSets.periodId, periodId), eq(resultRows.participantId, participantId), eq(resultRows.inputsSha256, inputsSha256)))
    .orderBy(desc(resultSets.version))
    .limit(1);
  return row;
}
