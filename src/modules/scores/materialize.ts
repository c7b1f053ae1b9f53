// Materialised scores (SCORING.md §4–§6, DESIGN.md "Concurrency"): every participant's self-assessed
// and verified SAQ, stage scores, final score, band, completeness and indicator scores are computed
// with the scoring module and stored on its `participants` row, in the transaction of the change
// that moved them, so rankings and statistics read precomputed rows.
//
// Advancement (who goes on to visitation / presentation) is decided here:
// - `none`: every participant that has not been marked `not_submitted` advances, at any stage;
// - `min_score`: decided per participant from its own verified SAQ (compared unrounded), at any
//   stage, so it follows the verification as it happens;
// - `top_per_category`: depends on the other participants of the category, so it is decided only
//   once the period is past `verification` (appeal, visitation, presentation, deliberation, closed).
//   Before that `advanced` is stored as null ("not decided yet") and the participant is scored as
//   advanced, i.e. provisional while a later stage exists: its final score is its verified SAQ.
//   After that, any rescore of one participant re-decides its whole category (an appeal revised in
//   the `appeal` stage can move the cut).
// A participant still `enrolled` (the SAQ stage is open) is scored from its draft answers, so the
// body sees its self-assessed SAQ live; it becomes a non-submitter only when the SAQ stage closes.
//
// Stored numbers are exact decimals cut to the columns' 30 decimal places (numeric(60,30)); the
// rounded final score is half up to 2 decimals; rows are written only when something changed, and
// then `periods.scores_changed_at` (the rankings ETag) moves.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { participants, periods } from '../../db/schema.ts';
import { storedQuestionnaire } from './questionnaires.ts';
import {
  fittingAnswers, InvalidAnswerError, normalizePeriodScoring, scoreCohort,
  type AnswerValue, type CohortMember, type Dec, type ParticipantInput, type ParticipantScore,
  type PeriodScoring, type Questionnaire,
} from '../../scoring/index.ts';

/** Stages after which `top_per_category` advancement is decided. */
const DECIDED_STAGES = new Set(['appeal', 'visitation', 'presentation', 'deliberation', 'closed']);
/**
 * Participants per loading query: each query reads the answers and verifications tables through
 * their indexes, and a period's answers lie all over the tables, so fewer, larger chunks read less.
 */
const LOAD_CHUNK = 2500;
/** Participants per bulk UPDATE statement. */
const WRITE_CHUNK = 1000;

type PeriodRow = typeof periods.$inferSelect;

interface Loaded {
  period: PeriodScoring;
  stage: string;
  rows: LoadedParticipant[];
}

interface LoadedParticipant {
  id: string;
  categoryId: string;
  status: 'enrolled' | 'submitted' | 'not_submitted';
  storedAdvanced: boolean | null;
  /** null when the participant's category has no questionnaire in the period */
  questionnaire: Questionnaire | null;
  selfAnswers: Record<string, AnswerValue>;
  verifiedAnswers: Record<string, AnswerValue>;
  visitation: string | null;
  presentation: Record<string, number | string>[];
  /** the participant's row, with the stored materialised columns when loaded for a rescore */
  stored: StoredRow;
}

/** A participant's row; the materialised columns are read only for a rescore (loadScope `stored`). */
type StoredRow = Partial<Omit<Materialised, 'indicator_scores'>> & {
  id: string;
  category_id: string;
  status: LoadedParticipant['status'];
  advanced: boolean | null;
  visitation: string | null;
  indicator_scores?: unknown;
};

/** The period's scoring settings, validated and normalised (defaults filled in). */
export function periodScoring(period: Pick<PeriodRow, 'stages' | 'presentationAspects' | 'advancement' | 'bands' | 'nonSubmitters'>): PeriodScoring {
  return normalizePeriodScoring({
    stages: period.stages,
    presentationAspects: period.presentationAspects,
    advancement: period.advancement,
    bands: period.bands,
    nonSubmitters: period.nonSubmitters,
  });
}

/** Decimal text without trailing zeros (numeric(60,30) reads back padded to 30 decimals). */
function plain(value: string | null): string | null {
  if (value === null) return null;
  const text = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return text === '-0' ? '0' : text;
}

/** Exact value cut to 30 decimal places, padded as numeric(60,30) reads back: compared as text. */
function col(value: Dec | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.toFixed(30);
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
/** A list of ids as one array parameter (one bind value instead of a thousand). */
const idArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The period, its participants' rows (the scope) and the questionnaire of each category. */
interface Scope {
  period: PeriodScoring;
  stage: string;
  base: StoredRow[];
  byCategory: Map<string, Questionnaire>;
}

async function loadScope(db: Executor, periodId: string, filter: { participantIds?: string[]; categoryId?: string }, stored: boolean): Promise<Scope | null> {
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
  if (!period) return null;
  const scoring = periodScoring(period);
  const conditions: SQL[] = [sql`p.period_id = ${periodId}`];
  if (filter.participantIds) {
    if (filter.participantIds.length === 0) return { period: scoring, stage: period.stage, base: [], byCategory: new Map() };
    conditions.push(sql`p.id = any(${idArray(filter.participantIds)})`);
  }
  if (filter.categoryId) conditions.push(sql`p.category_id = ${filter.categoryId}::uuid`);
  const materialised = sql`,
    p.self_assessed_saq::text as self_assessed_saq, p.verified_saq::text as verified_saq, p.saq_stage_score::text as saq_stage_score,
    p.visitation_stage_score::text as visitation_stage_score, p.presentation_stage_score::text as presentation_stage_score,
    p.final_score::text as final_score, p.final_score_rounded::text as final_score_rounded, p.band_code, p.complete,
    p.indicator_scores, p.decided_count, p.question_count`;
  const base = rowsOf<StoredRow>(await db.execute(sql`
    select p.id, p.category_id, p.status, p.advanced, p.visitation_score::text as visitation${stored ? materialised : sql``}
    from participants p where ${sql.join(conditions, sql` and `)} order by p.id`));
  // One questionnaire object per questionnaire version, so the scoring module compiles each once.
  const byCategory = new Map<string, Questionnaire>();
  const questionnaireRows = rowsOf<{ category_id: string; id: string; xmin: string }>(await db.execute(sql`
    select qc.category_id, q.id, q.xmin::text as xmin
    from questionnaire_categories qc join questionnaires q on q.id = qc.questionnaire_id
    where qc.period_id = ${periodId}`));
  for (const row of questionnaireRows) {
    const questionnaire = await storedQuestionnaire(row.id, row.xmin, async () => json(rowsOf<{ definition: unknown }>(
      await db.execute(sql`select definition from questionnaires where id = ${row.id}`))[0].definition));
    if (questionnaire) byCategory.set(row.category_id, questionnaire);
  }
  return { period: scoring, stage: period.stage, base, byCategory };
}

interface Inputs {
  self: Map<string, Record<string, AnswerValue>>;
  verified: Map<string, Record<string, AnswerValue>>;
  juries: Map<string, Record<string, number | string>[]>;
}

interface InputRow {
  kind: 's' | 'v' | 'p';
  id: string;
  data: string | null;
  n: number | null;
}

/**
 * The answers, verified answers and jurors' scores of some participants, in one statement that
 * aggregates per participant (the driver receives one JSON text per participant, not one row per
 * answer) through the (participant_id, question_code) indexes. JSON travels as text, parsed by
 * readInputs.
 */
function queryInputs(db: Executor, ids: readonly string[]): Promise<InputRow[]> {
  return db.execute(sql`
    select 's' as kind, a.participant_id as id, json_object_agg(a.question_code, a.value)::text as data, count(*)::int as n
      from answers a where a.participant_id = any(${idArray(ids)}) group by a.participant_id
    union all
    select 'v', v.participant_id, (json_object_agg(v.question_code, v.value) filter (where v.decision = 'adjust'))::text,
        (count(*) filter (where v.decision = 'accept'))::int
      from verifications v where v.participant_id = any(${idArray(ids)}) group by v.participant_id
    union all
    select 'p', ps.participant_id, json_agg(ps.aspects order by ps.juror_id)::text, null
      from presentation_scores ps where ps.participant_id = any(${idArray(ids)}) group by ps.participant_id`).then(rowsOf<InputRow>);
}

interface Decisions { id: string; adjusted: Record<string, AnswerValue> }

/**
 * Parses what queryInputs returned. Accepted decisions always name an answered question (the
 * answers service drops an accept with its answer), so when the accepts and the adjusted answered
 * questions add up to all the answers, every answer is decided: the verified answers are the body's
 * (a second parse of its text, cheaper than copying an object of 150 keys) with the adjusted values
 * on top. Participants still being verified are returned as `undecided`: they need their accepted
 * codes (addAccepted).
 */
function readInputs(rows: InputRow[]): { inputs: Inputs; undecided: Decisions[] } {
  const self = new Map<string, Record<string, AnswerValue>>();
  const selfText = new Map<string, { text: string; count: number }>();
  const decisions: (Decisions & { accepted: number; anyAdjusted: boolean })[] = [];
  const juries = new Map<string, Record<string, number | string>[]>();
  for (const r of rows) {
    if (r.kind === 's') {
      self.set(r.id, JSON.parse(r.data!));
      selfText.set(r.id, { text: r.data!, count: r.n! });
    } else if (r.kind === 'v') decisions.push({ id: r.id, adjusted: r.data === null ? {} : JSON.parse(r.data), accepted: r.n!, anyAdjusted: r.data !== null });
    else juries.set(r.id, JSON.parse(r.data!));
  }
  const verified = new Map<string, Record<string, AnswerValue>>();
  const undecided: Decisions[] = [];
  for (const d of decisions) {
    const own = self.get(d.id) ?? {};
    const text = selfText.get(d.id);
    let adjustedAnswered = 0;
    for (const code in d.adjusted) if (Object.hasOwn(own, code)) adjustedAnswered++;
    if (d.accepted + adjustedAnswered !== (text?.count ?? 0)) undecided.push(d);
    else if (!d.anyAdjusted) verified.set(d.id, own); // all accepted: the body's answers (neither object is changed later)
    else {
      const decided: Record<string, AnswerValue> = text ? JSON.parse(text.text) : {};
      for (const code in d.adjusted) decided[code] = d.adjusted[code];
      verified.set(d.id, decided);
    }
  }
  return { inputs: { self, verified, juries }, undecided };
}

/** The verified answers of participants still being verified: the adjusted and the accepted ones. */
async function addAccepted(db: Executor, inputs: Inputs, undecided: Decisions[]): Promise<void> {
  const accepted = await db.execute(sql`
    select v.participant_id as id, v.question_code as code from verifications v
    where v.decision = 'accept' and v.participant_id = any(${idArray(undecided.map((d) => d.id))})`);
  const byParticipant = new Map<string, string[]>();
  for (const r of rowsOf<{ id: string; code: string }>(accepted)) {
    const list = byParticipant.get(r.id);
    if (list) list.push(r.code);
    else byParticipant.set(r.id, [r.code]);
  }
  for (const { id, adjusted } of undecided) {
    const own = inputs.self.get(id) ?? {};
    const decided = { ...adjusted };
    for (const code of byParticipant.get(id) ?? []) if (own[code] !== undefined) decided[code] = own[code];
    inputs.verified.set(id, decided);
  }
}

function assemble(scope: Scope, base: StoredRow[], inputs: Inputs): LoadedParticipant[] {
  return base.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    status: r.status,
    storedAdvanced: r.advanced,
    questionnaire: scope.byCategory.get(r.category_id) ?? null,
    selfAnswers: inputs.self.get(r.id) ?? {},
    verifiedAnswers: inputs.verified.get(r.id) ?? {},
    visitation: plain(r.visitation),
    presentation: inputs.juries.get(r.id) ?? [],
    stored: r,
  }));
}

/**
 * Loads the scope's participants in chunks and hands each chunk to `consume` as soon as it is
 * there. The database already computes the next chunk while this one is parsed and consumed; the
 * connection still runs one statement at a time (a chunk with participants still being verified
 * waits for the next chunk's statement before asking for their accepted codes).
 */
async function forEachChunk(db: Executor, scope: Scope, consume: (rows: LoadedParticipant[]) => void, size = LOAD_CHUNK): Promise<void> {
  const chunks: StoredRow[][] = [];
  for (let i = 0; i < scope.base.length; i += size) chunks.push(scope.base.slice(i, i + size));
  // the aggregates of thousands of participants (375,000 answers) work better with more than the default 4 MB
  if (chunks.length > 1) await db.execute(sql`select set_config('work_mem', '64MB', true)`);
  const query = (k: number) => {
    const promise = queryInputs(db, chunks[k].map((r) => r.id));
    // if this chunk fails meanwhile, the statement in flight must not become an unhandled rejection
    promise.catch(() => {});
    return promise;
  };
  let next = chunks.length > 0 ? query(0) : null;
  try {
    for (let k = 0; k < chunks.length; k++) {
      const rows = await next!;
      next = k + 1 < chunks.length ? query(k + 1) : null;
      const { inputs, undecided } = readInputs(rows);
      if (undecided.length > 0) {
        await next?.catch(() => {});
        await addAccepted(db, inputs, undecided);
      }
      consume(assemble(scope, chunks[k], inputs));
    }
  } finally {
    // never leave a statement running unobserved behind a failure
    await next?.catch(() => {});
  }
}

/**
 * The scoring inputs of a period's participants (all, or those listed), keyed by participant id.
 * Participants whose category has no questionnaire are left out. `advanced` is the stored decision
 * (a not-yet-decided `top_per_category` counts as advanced: provisional while a later stage exists);
 * verified answers hold only decided questions (accept → the body's answer, adjust → the assessor's).
 * Answers that do not fit the questionnaire are left out, as the materialised scores leave them out
 * (see scoreLoaded): a result set frozen from these inputs has the live scores, and recomputing a
 * row from its stored inputs works.
 */
export async function loadParticipantInputs(db: Executor, periodId: string, participantIds?: string[]): Promise<Map<string, ParticipantInput>> {
  const inputs = new Map<string, ParticipantInput>();
  await forEachParticipantInput(db, periodId, (id, input) => inputs.set(id, input), { participantIds });
  return inputs;
}

/**
 * The same inputs handed over one by one as their chunk of participants is read (participants
 * without a questionnaire are skipped), so that a caller going through a whole period can keep
 * only what it derives from each and never holds every participant's answers at once.
 */
export async function forEachParticipantInput(
  db: Executor, periodId: string, consume: (participantId: string, input: ParticipantInput) => void,
  options: { participantIds?: string[]; chunk?: number } = {},
): Promise<void> {
  const { participantIds, chunk = LOAD_CHUNK } = options;
  const scope = await loadScope(db, periodId, { participantIds }, false);
  if (!scope) return;
  await forEachChunk(db, scope, (rows) => {
    for (const row of rows) {
      if (!row.questionnaire) continue;
      consume(row.id, {
        questionnaire: row.questionnaire,
        period: scope.period,
        selfAnswers: fittingAnswers(row.questionnaire, row.selfAnswers),
        verifiedAnswers: fittingAnswers(row.questionnaire, row.verifiedAnswers),
        visitation: row.visitation,
        presentation: row.presentation,
        advanced: row.status !== 'not_submitted' && (row.storedAdvanced ?? true),
        submitted: row.status !== 'not_submitted',
      });
    }
  }, chunk);
}

interface Materialised {
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
  indicator_scores: { code: string; name: string; weight: string; score: string; contribution: string; selfScore: string }[] | null;
  decided_count: number;
  question_count: number;
}

function materialise(id: string, score: ParticipantScore | null, advanced: boolean | null): Materialised {
  if (!score) {
    return {
      id, self_assessed_saq: null, verified_saq: null, saq_stage_score: null, visitation_stage_score: null,
      presentation_stage_score: null, final_score: null, final_score_rounded: null, band_code: null, complete: false,
      advanced: null, indicator_scores: null, decided_count: 0, question_count: 0,
    };
  }
  const stages = score.stages;
  return {
    id,
    self_assessed_saq: col(score.selfAssessedSaq),
    verified_saq: col(score.verifiedSaq),
    saq_stage_score: col(stages.saq),
    visitation_stage_score: col(stages.visitation),
    presentation_stage_score: col(stages.presentation),
    final_score: col(score.finalScore),
    final_score_rounded: score.finalScoreRounded === null ? null : score.finalScoreRounded.toFixed(2),
    band_code: score.band?.code ?? null,
    complete: score.complete,
    advanced,
    indicator_scores: score.indicators.map((i) => ({
      code: i.code, name: i.name, weight: i.weight, score: plain(col(i.score))!, contribution: plain(col(i.contribution))!, selfScore: plain(col(i.selfScore))!,
    })),
    decided_count: score.progress.decided,
    question_count: score.progress.total,
  };
}

/** A comparable text of the materialised columns, to write only the rows that changed. */
function fingerprint(m: Materialised): string {
  const pad = (v: string | null) => (v === null ? '~' : v);
  const indicators = m.indicator_scores === null ? 'null' : JSON.stringify(m.indicator_scores.map((i) => [i.code, i.name, i.weight, i.score, i.contribution, i.selfScore]));
  return [
    m.self_assessed_saq, m.verified_saq, m.saq_stage_score, m.visitation_stage_score, m.presentation_stage_score, m.final_score,
    m.final_score_rounded, m.band_code, String(m.complete), m.advanced === null ? 'null' : String(m.advanced),
    String(m.decided_count), String(m.question_count), indicators,
  ].map(pad).join('|');
}

/**
 * Scores the loaded participants: advancement per the period's rule (see the header), then every
 * participant with its questionnaire. Returns the rows to write (only those that changed).
 */
function scoreLoaded(loaded: Loaded): Materialised[] {
  const { period, stage } = loaded;
  const topPending = period.advancement.rule === 'top_per_category' && !DECIDED_STAGES.has(stage);
  const scorable = loaded.rows.filter((r) => r.questionnaire !== null);
  const members: CohortMember[] = scorable.map((r) => ({
    id: r.id,
    categoryId: r.categoryId,
    questionnaire: r.questionnaire!,
    selfAnswers: r.selfAnswers,
    verifiedAnswers: r.verifiedAnswers,
    visitation: r.visitation,
    presentation: r.presentation,
    submitted: r.status !== 'not_submitted',
    ...(topPending ? { advanced: true } : {}),
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
  const out: Materialised[] = [];
  for (const row of loaded.rows) {
    const score = byId.get(row.id) ?? null;
    const advanced = score === null ? null : topPending && score.status !== 'not_submitted' ? null : score.advanced;
    const m = materialise(row.id, score, advanced);
    const stored = { ...row.stored, indicator_scores: json<Materialised['indicator_scores']>(row.stored.indicator_scores) } as Materialised;
    if (fingerprint(m) !== fingerprint(stored)) out.push(m);
  }
  return out;
}

async function write(db: Executor, periodId: string, rows: Materialised[]): Promise<void> {
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

/**
 * Rescores a scope. Advancement by `none` or `min_score`, or a pending `top_per_category`, is a
 * per-participant matter, so each chunk is scored as soon as it is loaded; a decided
 * `top_per_category` compares the participants of a category, so the whole scope is scored at once.
 */
async function rescoreScope(db: Executor, periodId: string, filter: { participantIds?: string[]; categoryId?: string }): Promise<number> {
  const scope = await loadScope(db, periodId, filter, true);
  if (!scope) return 0;
  const whole = scope.period.advancement.rule === 'top_per_category' && DECIDED_STAGES.has(scope.stage);
  const changed: Materialised[] = [];
  const all: LoadedParticipant[] = [];
  await forEachChunk(db, scope, (rows) => {
    if (whole) all.push(...rows);
    else changed.push(...scoreLoaded({ period: scope.period, stage: scope.stage, rows }));
  });
  if (whole) changed.push(...scoreLoaded({ period: scope.period, stage: scope.stage, rows: all }));
  await write(db, periodId, changed);
  return changed.length;
}

/**
 * Recomputes one participant's materialised scores. Call it in the transaction of the change, after
 * locking the participant row (loadParticipant(..., { forUpdate: true })). With `top_per_category`
 * decided (past verification) the participant's whole category is re-decided and rescored.
 */
export async function rescoreParticipant(tx: Executor, participantId: string): Promise<void> {
  const [row] = await tx.select({ periodId: participants.periodId, categoryId: participants.categoryId, stage: periods.stage, advancement: periods.advancement })
    .from(participants).innerJoin(periods, eq(periods.id, participants.periodId))
    .where(eq(participants.id, participantId));
  if (!row) return;
  const rule = (row.advancement as { rule?: string } | null)?.rule;
  await rescoreScope(tx, row.periodId, rule === 'top_per_category' && DECIDED_STAGES.has(row.stage) ? { categoryId: row.categoryId } : { participantIds: [participantId] });
}

/**
 * Re-decides advancement and rescores every participant of the period in bulk (after a stage
 * transition, an enrolment or a change of the scoring settings). Returns how many rows changed.
 */
export async function rescorePeriod(tx: Executor, periodId: string): Promise<{ count: number }> {
  return { count: await rescoreScope(tx, periodId, {}) };
}
