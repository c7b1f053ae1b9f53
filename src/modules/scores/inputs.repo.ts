// The scoring inputs of a period's participants, read from the database in one place for rescoring
// (materialize.ts), freezing a result set and explaining a score: the period's settings, each
// category's questionnaire, the answers, the verification decisions, the stage scores and the
// adjustments. Large
// periods are streamed in chunks, so that no caller holds every participant's answers at once.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { periods } from '../../db/schema.ts';
import { must } from '../../must.ts';
import {
  fittingAnswers, type Adjustment, type AnswerValue, type ParticipantInput, type PeriodScoring, type Questionnaire,
} from '../../scoring/index.ts';
import { scoringOf, type Stage } from '../periods/index.ts';
import { advancedInput } from './advancement-policy.ts';
import { storedQuestionnaire } from './questionnaires.ts';
import { plainText } from './stored-scores.ts';

/**
 * Participants per loading query: each query reads the answers and verifications tables through
 * their indexes, and a period's answers lie all over the tables, so fewer, larger chunks read less.
 */
const LOAD_CHUNK = 2500;

type ParticipantStatus = 'enrolled' | 'submitted' | 'not_submitted';

/** A participant's row as loaded, with the extra columns its caller asked loadScope for. */
export interface ParticipantRow {
  id: string;
  category_id: string;
  status: ParticipantStatus;
  advanced: boolean | null;
  visitation: string | null;
  [column: string]: unknown;
}

export interface LoadedParticipant {
  id: string;
  categoryId: string;
  status: ParticipantStatus;
  storedAdvanced: boolean | null;
  /** null when the participant's category has no questionnaire in the period */
  questionnaire: Questionnaire | null;
  selfAnswers: Record<string, AnswerValue>;
  verifiedAnswers: Record<string, AnswerValue>;
  visitation: string | null;
  presentation: Record<string, number | string>[];
  /** oldest first; empty without any (docs/scoring.md §5) */
  adjustments: Adjustment[];
  row: ParticipantRow;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
/** A list of ids as one array parameter (one bind value instead of a thousand). */
const idArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The period, its participants' rows (the scope) and the questionnaire of each category. */
export interface Scope {
  period: PeriodScoring;
  stage: Stage;
  base: ParticipantRow[];
  byCategory: Map<string, Questionnaire>;
}

export interface ScopeFilter { participantIds?: string[]; categoryId?: string }

/** `columns`: more columns of `participants p` to load with each row (e.g. the stored scores). */
export async function loadScope(db: Executor, periodId: string, filter: ScopeFilter, columns?: SQL): Promise<Scope | null> {
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
  if (!period) return null;
  const scoring = scoringOf(period);
  const conditions: SQL[] = [sql`p.period_id = ${periodId}`];
  if (filter.participantIds) {
    if (filter.participantIds.length === 0) return { period: scoring, stage: period.stage, base: [], byCategory: new Map() };
    conditions.push(sql`p.id = any(${idArray(filter.participantIds)})`);
  }
  if (filter.categoryId) conditions.push(sql`p.category_id = ${filter.categoryId}::uuid`);
  const base = rowsOf<ParticipantRow>(await db.execute(sql`
    select p.id, p.category_id, p.status, p.advanced, p.visitation_score::text as visitation${columns ? sql`, ${columns}` : sql``}
    from participants p where ${sql.join(conditions, sql` and `)} order by p.id`));
  // One questionnaire object per questionnaire version, so the scoring module compiles each once.
  const byCategory = new Map<string, Questionnaire>();
  const questionnaireRows = rowsOf<{ category_id: string; id: string; xmin: string }>(await db.execute(sql`
    select qc.category_id, q.id, q.xmin::text as xmin
    from questionnaire_categories qc join questionnaires q on q.id = qc.questionnaire_id
    where qc.period_id = ${periodId}`));
  for (const row of questionnaireRows) {
    const questionnaire = await storedQuestionnaire(row.id, row.xmin, async () => {
      const [stored] = rowsOf<{ definition: unknown }>(await db.execute(sql`select definition from questionnaires where id = ${row.id}`));
      // deleted since the join above: no definition, so no (valid) questionnaire for the category
      return stored === undefined ? undefined : json(stored.definition);
    });
    if (questionnaire) byCategory.set(row.category_id, questionnaire);
  }
  return { period: scoring, stage: period.stage, base, byCategory };
}

interface Inputs {
  self: Map<string, Record<string, AnswerValue>>;
  verified: Map<string, Record<string, AnswerValue>>;
  juries: Map<string, Record<string, number | string>[]>;
  adjustments: Map<string, Adjustment[]>;
}

interface InputRow {
  kind: 's' | 'v' | 'p' | 'a';
  id: string;
  data: string | null;
  n: number | null;
}

/**
 * The answers, verified answers, jurors' scores and adjustments of some participants, in one statement that
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
      from presentation_scores ps where ps.participant_id = any(${idArray(ids)}) group by ps.participant_id
    union all
    select 'a', ad.participant_id, json_agg(json_build_object('points', ad.points::text, 'reason', ad.reason) order by ad.created_at, ad.id)::text, null
      from adjustments ad where ad.participant_id = any(${idArray(ids)}) group by ad.participant_id`).then(rowsOf<InputRow>);
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
  const adjustments = new Map<string, Adjustment[]>();
  for (const r of rows) {
    if (r.kind === 's') {
      self.set(r.id, JSON.parse(r.data!) as Record<string, AnswerValue>);
      selfText.set(r.id, { text: r.data!, count: r.n! });
    } else if (r.kind === 'v') {
      const adjusted = r.data === null ? {} : JSON.parse(r.data) as Record<string, AnswerValue>;
      decisions.push({ id: r.id, adjusted, accepted: r.n!, anyAdjusted: r.data !== null });
    } else if (r.kind === 'a') {
      // numeric text as stored ("2.50"): the points without trailing zeros
      const list = JSON.parse(r.data ?? '[]') as { points: string; reason: string }[];
      adjustments.set(r.id, list.map((a) => ({ points: plainText(a.points) ?? '0', reason: a.reason })));
    } else juries.set(r.id, JSON.parse(r.data!) as Record<string, number | string>[]);
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
      const decided: Record<string, AnswerValue> = text ? JSON.parse(text.text) as Record<string, AnswerValue> : {};
      for (const [code, value] of Object.entries(d.adjusted)) decided[code] = value;
      verified.set(d.id, decided);
    }
  }
  return { inputs: { self, verified, juries, adjustments }, undecided };
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


function assemble(scope: Scope, base: ParticipantRow[], inputs: Inputs): LoadedParticipant[] {
  return base.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    status: r.status,
    storedAdvanced: r.advanced,
    questionnaire: scope.byCategory.get(r.category_id) ?? null,
    selfAnswers: inputs.self.get(r.id) ?? {},
    verifiedAnswers: inputs.verified.get(r.id) ?? {},
    visitation: plainText(r.visitation),
    presentation: inputs.juries.get(r.id) ?? [],
    adjustments: inputs.adjustments.get(r.id) ?? [],
    row: r,
  }));
}

/**
 * Loads the scope's participants in chunks and hands each chunk to `consume` as soon as it is
 * there. The database already computes the next chunk while this one is parsed and consumed; the
 * connection still runs one statement at a time (a chunk with participants still being verified
 * waits for the next chunk's statement before asking for their accepted codes).
 */
export async function forEachChunk(db: Executor, scope: Scope, consume: (rows: LoadedParticipant[]) => void, size = LOAD_CHUNK): Promise<void> {
  const chunks: ParticipantRow[][] = [];
  for (let i = 0; i < scope.base.length; i += size) chunks.push(scope.base.slice(i, i + size));
  // the aggregates of thousands of participants (375,000 answers) work better with more than the default 4 MB
  if (chunks.length > 1) await db.execute(sql`select set_config('work_mem', '64MB', true)`);
  const query = (k: number) => {
    const promise = queryInputs(db, must(chunks[k], 'a chunk of participants').map((r) => r.id));
    // if this chunk fails meanwhile, the statement in flight must not become an unhandled rejection
    promise.catch(() => {});
    return promise;
  };
  let next = chunks.length > 0 ? query(0) : null;
  try {
    for (const [k, chunk] of chunks.entries()) {
      const rows = await next!;
      next = k + 1 < chunks.length ? query(k + 1) : null;
      const { inputs, undecided } = readInputs(rows);
      if (undecided.length > 0) {
        await next?.catch(() => {});
        await addAccepted(db, inputs, undecided);
      }
      consume(assemble(scope, chunk, inputs));
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
 * (see materialize.ts): a result set frozen from these inputs has the live scores, and recomputing a
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
  const scope = await loadScope(db, periodId, { participantIds });
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
        advanced: advancedInput(row.status, row.storedAdvanced),
        submitted: row.status !== 'not_submitted',
        ...(row.adjustments.length > 0 ? { adjustments: row.adjustments } : {}),
      });
    }
  }, chunk);
}
