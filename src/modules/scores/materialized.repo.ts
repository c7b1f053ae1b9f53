// The materialised score columns of `participants`: their row shape, the SQL that reads them back
// for comparison and the bulk UPDATE that writes them. Rows are written only when something
// changed, and then `periods.scores_changed_at` (the rankings ETag) moves.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { participants, periods } from '../../db/schema.ts';
import type { ParticipantScore } from '../../scoring/index.ts';
import type { ParticipantRow } from './inputs.repo.ts';
import { LIVE_PRECISION, storedScores, type StoredIndicator } from './stored-scores.ts';

/** Participants per bulk UPDATE statement. */
const WRITE_CHUNK = 1000;

/** The materialised columns of one participant, named as jsonb_to_recordset unpacks them. */
export interface MaterializedRow {
  id: string;
  self_assessed_saq: string | null;
  verified_saq: string | null;
  saq_stage_score: string | null;
  visitation_stage_score: string | null;
  presentation_stage_score: string | null;
  final_score: string | null;
  final_score_rounded: string | null;
  band_code: string | null;
  complete: boolean;
  advanced: boolean | null;
  indicator_scores: StoredIndicator[] | null;
  decided_count: number;
  question_count: number;
}

/** What loadScope is asked for with each row when a rescore compares new scores with the stored. */
export const MATERIALIZED_COLUMNS = sql`
    p.self_assessed_saq::text as self_assessed_saq, p.verified_saq::text as verified_saq, p.saq_stage_score::text as saq_stage_score,
    p.visitation_stage_score::text as visitation_stage_score, p.presentation_stage_score::text as presentation_stage_score,
    p.final_score::text as final_score, p.final_score_rounded::text as final_score_rounded, p.band_code, p.complete,
    p.indicator_scores, p.decided_count, p.question_count`;

/** A participant's new materialised columns: the score at the columns' precision, or all empty without one. */
export function materializedRow(id: string, score: ParticipantScore | null, advanced: boolean | null): MaterializedRow {
  if (!score) {
    return {
      id, self_assessed_saq: null, verified_saq: null, saq_stage_score: null, visitation_stage_score: null,
      presentation_stage_score: null, final_score: null, final_score_rounded: null, band_code: null, complete: false,
      advanced: null, indicator_scores: null, decided_count: 0, question_count: 0,
    };
  }
  const s = storedScores(score, LIVE_PRECISION);
  return {
    id,
    self_assessed_saq: s.selfAssessedSaq,
    verified_saq: s.verifiedSaq,
    saq_stage_score: s.stages.saq,
    visitation_stage_score: s.stages.visitation ?? null,
    presentation_stage_score: s.stages.presentation ?? null,
    final_score: s.finalScore,
    final_score_rounded: s.finalScoreRounded,
    band_code: s.bandCode,
    complete: s.complete,
    advanced,
    indicator_scores: s.indicators,
    decided_count: s.decidedCount,
    question_count: s.questionCount,
  };
}

/** The stored columns of a row loaded with MATERIALIZED_COLUMNS (jsonb may arrive as text). */
export function storedRow(row: ParticipantRow): MaterializedRow {
  const indicators = row.indicator_scores;
  return { ...row, indicator_scores: typeof indicators === 'string' ? JSON.parse(indicators) as unknown : indicators } as unknown as MaterializedRow;
}

/** A comparable text of the materialised columns, to write only the rows that changed. */
export function fingerprint(m: MaterializedRow): string {
  const pad = (v: string | null) => (v === null ? '~' : v);
  const indicators = m.indicator_scores === null ? 'null' : JSON.stringify(m.indicator_scores.map((i) => [
    i.code, i.name, i.weight, i.score, i.contribution, i.selfScore,
    ...(i.subIndicators ? [i.subIndicators.map((s) => [s.code, s.name, s.score, s.selfScore])] : []),
  ]));
  return [
    m.self_assessed_saq, m.verified_saq, m.saq_stage_score, m.visitation_stage_score, m.presentation_stage_score, m.final_score,
    m.final_score_rounded, m.band_code, String(m.complete), m.advanced === null ? 'null' : String(m.advanced),
    String(m.decided_count), String(m.question_count), indicators,
  ].map(pad).join('|');
}

/** Writes changed rows in bulk, one JSON parameter per statement, and moves the rankings ETag. */
export async function writeMaterialized(db: Executor, periodId: string, rows: MaterializedRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = JSON.stringify(rows.slice(i, i + WRITE_CHUNK));
    await db.execute(sql`
      update participants p set
        self_assessed_saq = v.self_assessed_saq, verified_saq = v.verified_saq, saq_stage_score = v.saq_stage_score,
        visitation_stage_score = v.visitation_stage_score, presentation_stage_score = v.presentation_stage_score,
        final_score = v.final_score, final_score_rounded = v.final_score_rounded, band_code = v.band_code,
        complete = v.complete, advanced = v.advanced, indicator_scores = v.indicator_scores,
        decided_count = v.decided_count, question_count = v.question_count, scored_at = clock_timestamp()
      from jsonb_to_recordset(${chunk}::jsonb) as v(
        id uuid, self_assessed_saq numeric, verified_saq numeric, saq_stage_score numeric, visitation_stage_score numeric,
        presentation_stage_score numeric, final_score numeric, final_score_rounded numeric, band_code text, complete boolean,
        advanced boolean, indicator_scores jsonb, decided_count integer, question_count integer)
      where p.id = v.id and p.period_id = ${periodId}`);
  }
  await db.update(periods).set({ scoresChangedAt: sql`clock_timestamp()` }).where(eq(periods.id, periodId));
}

/** Where a participant is: its period and category, the period's stage and advancement rule. */
export async function participantPlace(db: Executor, participantId: string) {
  const [row] = await db.select({ periodId: participants.periodId, categoryId: participants.categoryId, stage: periods.stage, advancement: periods.advancement })
    .from(participants).innerJoin(periods, eq(periods.id, participants.periodId))
    .where(eq(participants.id, participantId));
  return row ?? null;
}
