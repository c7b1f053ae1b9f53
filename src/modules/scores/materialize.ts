// Materialised scores (docs/scoring.md §4–§6, docs/architecture.md "The write path"): every participant's self-assessed
// and verified SAQ, stage scores, final score, band, completeness and indicator scores are computed
// with the scoring module and stored on its `participants` row, in the transaction of the change
// that moved them, so rankings and statistics read precomputed rows. Inputs come from
// inputs.repo.ts, advancement follows advancement-policy.ts, the columns are those of
// materialized.repo.ts.
import type { Executor } from '../../db/client.ts';
import { fittingAnswers, InvalidAnswerError, scoreCohort, type CohortMember, type ParticipantScore, type PeriodScoring } from '../../scoring/index.ts';
import type { Stage } from '../periods/index.ts';
import { advancementPending, decidedPerCategory, storedAdvanced } from './advancement-policy.ts';
import { forEachChunk, loadScope, type LoadedParticipant, type ScopeFilter } from './inputs.repo.ts';
import {
  fingerprint, MATERIALIZED_COLUMNS, materializedRow, participantPlace, storedRow, writeMaterialized, type MaterializedRow,
} from './materialized.repo.ts';

/**
 * Scores the loaded participants: advancement per the period's rule, then every participant with
 * its questionnaire. Returns the rows to write (only those that changed).
 */
function scoreLoaded(period: PeriodScoring, stage: Stage, rows: LoadedParticipant[]): MaterializedRow[] {
  const pending = advancementPending(period.advancement.rule, stage);
  const scorable = rows.filter((r) => r.questionnaire !== null);
  const members: CohortMember[] = scorable.map((r) => ({
    id: r.id,
    categoryId: r.categoryId,
    questionnaire: r.questionnaire!,
    selfAnswers: r.selfAnswers,
    verifiedAnswers: r.verifiedAnswers,
    visitation: r.visitation,
    presentation: r.presentation,
    submitted: r.status !== 'not_submitted',
    ...(r.adjustments.length > 0 ? { adjustments: r.adjustments } : {}),
    ...(pending ? { advanced: true } : {}),
  }));
  let scores: ParticipantScore[];
  try {
    scores = scoreCohort(period, members);
  } catch (error) {
    // Answers stored before the questionnaire changed (the API keeps a period with answers from going
    // back to draft, so only data from elsewhere has them) are left out rather than failing every
    // rescore; answers to unknown questions never count anyway.
    if (!(error instanceof InvalidAnswerError)) throw error;
    for (const m of members) {
      m.selfAnswers = fittingAnswers(m.questionnaire, m.selfAnswers);
      m.verifiedAnswers = fittingAnswers(m.questionnaire, m.verifiedAnswers);
    }
    scores = scoreCohort(period, members);
  }
  const byId = new Map(scorable.map((r, i) => [r.id, scores[i]]));
  const out: MaterializedRow[] = [];
  for (const row of rows) {
    const score = byId.get(row.id) ?? null;
    const m = materializedRow(row.id, score, storedAdvanced(score, pending));
    if (fingerprint(m) !== fingerprint(storedRow(row.row))) out.push(m);
  }
  return out;
}

/**
 * Rescores a scope. Advancement by `none` or `min_score`, or a pending `top_per_category`, is a
 * per-participant matter, so each chunk is scored as soon as it is loaded; a decided
 * `top_per_category` compares the participants of a category, so the whole scope is scored at once.
 */
async function rescoreScope(db: Executor, periodId: string, filter: ScopeFilter): Promise<number> {
  const scope = await loadScope(db, periodId, filter, MATERIALIZED_COLUMNS);
  if (!scope) return 0;
  const whole = decidedPerCategory(scope.period.advancement.rule, scope.stage);
  const changed: MaterializedRow[] = [];
  const all: LoadedParticipant[] = [];
  await forEachChunk(db, scope, (rows) => {
    if (whole) all.push(...rows);
    else changed.push(...scoreLoaded(scope.period, scope.stage, rows));
  });
  if (whole) changed.push(...scoreLoaded(scope.period, scope.stage, all));
  await writeMaterialized(db, periodId, changed);
  return changed.length;
}

/**
 * Recomputes one participant's materialised scores. Call it in the transaction of the change, after
 * locking the participant row (loadParticipant(..., { forUpdate: true })). With `top_per_category`
 * decided (past verification) the participant's whole category is re-decided and rescored.
 */
export async function rescoreParticipant(tx: Executor, participantId: string): Promise<void> {
  const place = await participantPlace(tx, participantId);
  if (!place) return;
  const rule = (place.advancement as { rule?: string } | null)?.rule;
  await rescoreScope(tx, place.periodId, decidedPerCategory(rule, place.stage) ? { categoryId: place.categoryId } : { participantIds: [participantId] });
}

/**
 * Re-decides advancement and rescores every participant of the period in bulk (after a stage
 * transition, an enrolment or a change of the scoring settings). Returns how many rows changed.
 */
/**
 * rescoreParticipant for several participants of one period in one pass (the bulk answers import,
 * which writes many participants in one transaction): their scope at once, or the whole period
 * when a decided `top_per_category` makes every category's participants depend on each other.
 */
export async function rescoreParticipants(tx: Executor, periodId: string, participantIds: string[]): Promise<void> {
  const [first] = participantIds;
  const place = first === undefined ? null : await participantPlace(tx, first);
  if (!place) return;
  const rule = (place.advancement as { rule?: string } | null)?.rule;
  await rescoreScope(tx, periodId, decidedPerCategory(rule, place.stage) ? {} : { participantIds });
}

export async function rescorePeriod(tx: Executor, periodId: string): Promise<{ count: number }> {
  return { count: await rescoreScope(tx, periodId, {}) };
}
