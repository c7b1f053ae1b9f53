// The period as stored, and the SQL that reads it: the row every request of a period starts from
// (loadPeriod), the list, and the facts the lifecycle's guards are checked against; and the writes
// of the period row, of its participants' statuses on a transition, and of its rankings tag.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowCache } from '../../db/changes.ts';
import type { Executor } from '../../db/client.ts';
import { answers, appeals, categories, participants, periods, questionnaireCategories } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { notFound } from '../../http/problems.ts';
import { one } from '../../must.ts';
import type { PeriodScoring } from '../../scoring/index.ts';
import { t } from '../../i18n/message.ts';

export type Period = typeof periods.$inferSelect;
type ParticipantStatus = (typeof participants.$inferSelect)['status'];

/** The scoring settings of a period (validated when they were written, so read as they are). */
export function scoringOf(period: Pick<Period, keyof PeriodScoring>): PeriodScoring {
  const { stages, presentationAspects, advancement, bands, nonSubmitters, evaluationOrder, stageLabels, maxAdjustment } = period;
  return { stages, presentationAspects, advancement, bands, nonSubmitters, evaluationOrder, stageLabels, maxAdjustment };
}

function selectPeriod(db: Executor) {
  return db.select().from(periods)
    .where(and(eq(periods.id, sql.placeholder('periodId')), eq(periods.commissionId, sql.placeholder('commissionId'))));
}

/**
 * Nearly every request of a period reads it first: the statement is prepared once per connection pool
 * or transaction, and outside a transaction the row is kept in memory until periods change (db/changes.ts).
 */
const preparedPeriod = new WeakMap<Executor, ReturnType<ReturnType<typeof selectPeriod>['prepare']>>();

/** The advisory lock space of periods (the second key is the period id's hash): 'PE'. */
const PERIOD_LOCKS = 0x5045;

/**
 * The period, if it belongs to the caller's commission. `forUpdate` locks it exclusively (stage
 * transitions, result sets, settings); `forKeyShare` only keeps those out until commit, so writers
 * to different participants of the period still run side by side.
 */
export async function loadPeriod(db: Executor, c: Pick<RequestContext, 'commissionId'>, periodId: string, options: { forUpdate?: boolean; forKeyShare?: boolean } = {}): Promise<Period> {
  let period: Period | undefined;
  if (options.forUpdate || options.forKeyShare) {
    // Row locks are not granted in turn: while a transition waits for FOR UPDATE, every new writer
    // still gets its KEY SHARE, so a steady stream of writes (the SAQ deadline) kept a transition
    // waiting for as long as it lasted. Advisory locks queue fairly: taken first, in the same
    // modes, they make writers that come after a waiting transition wait behind it.
    const lock = options.forUpdate ? sql`pg_advisory_xact_lock` : sql`pg_advisory_xact_lock_shared`;
    await db.execute(sql`select ${lock}(${PERIOD_LOCKS}, hashtext(${periodId}))`);
    [period] = await db.select().from(periods).where(and(eq(periods.id, periodId), eq(periods.commissionId, c.commissionId)))
      .for(options.forUpdate ? 'update' : 'key share');
  } else {
    let statement = preparedPeriod.get(db);
    if (!statement) preparedPeriod.set(db, statement = selectPeriod(db).prepare('load_period'));
    const load = async () => (await statement.execute({ periodId, commissionId: c.commissionId }))[0];
    const cached = rowCache<Period>(db, 'periods');
    period = await (cached ? cached.get(`${periodId}:${c.commissionId}`, load) : load());
  }
  if (!period) throw notFound(t`Period`);
  return period;
}

export async function participantCount(db: Executor, periodId: string): Promise<number> {
  const row = one(await db.select({ n: count() }).from(participants).where(eq(participants.periodId, periodId)), 'the participant count');
  return Number(row.n);
}

export interface PeriodFilter {
  year?: number;
  stage?: Period['stage'];
  /** the (year, id) of the last period of the previous page */
  after?: [number, string] | null;
  limit: number;
}

/** The commission's periods, newest year first, each with its number of participants. */
export async function listPeriodRows(db: Executor, commissionId: string, filter: PeriodFilter) {
  const { after } = filter;
  const rows = await db.select({ period: periods, n: sql<number>`(select count(*)::int from ${participants} where ${participants.periodId} = "periods"."id")` })
    .from(periods)
    .where(and(
      eq(periods.commissionId, commissionId),
      filter.year !== undefined ? eq(periods.year, filter.year) : undefined,
      filter.stage !== undefined ? eq(periods.stage, filter.stage) : undefined,
      after ? or(lt(periods.year, after[0]), and(eq(periods.year, after[0]), lt(periods.id, after[1]))) : undefined,
    ))
    .orderBy(desc(periods.year), desc(periods.id))
    .limit(filter.limit);
  return rows.map((r) => ({ period: r.period, participantCount: Number(r.n) }));
}

/** The commission's periods of the years `from` to `to` (either open), oldest first. */
export async function periodsOfYears(db: Executor, commissionId: string, years: { from?: number; to?: number }): Promise<Period[]> {
  return db.select().from(periods)
    .where(and(
      eq(periods.commissionId, commissionId),
      years.from !== undefined ? gte(periods.year, years.from) : undefined,
      years.to !== undefined ? lte(periods.year, years.to) : undefined,
    ))
    .orderBy(asc(periods.year), asc(periods.createdAt), asc(periods.id));
}

export interface MissingCategory { id: string; code: string; name: string }

/** Categories of the period's participants that have no questionnaire in the period. */
export async function categoriesWithoutQuestionnaire(db: Executor, periodId: string): Promise<MissingCategory[]> {
  return db.selectDistinct({ id: categories.id, code: categories.code, name: categories.name })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(questionnaireCategories, and(eq(questionnaireCategories.periodId, participants.periodId), eq(questionnaireCategories.categoryId, participants.categoryId)))
    .where(and(eq(participants.periodId, periodId), isNull(questionnaireCategories.questionnaireId)))
    .orderBy(categories.code);
}

/** Whether any participant of the period has answered anything. */
export async function hasAnswers(db: Executor, periodId: string): Promise<boolean> {
  const [answered] = await db.select({ id: answers.id }).from(answers)
    .innerJoin(participants, eq(participants.id, answers.participantId))
    .where(eq(participants.periodId, periodId)).limit(1);
  return Boolean(answered);
}

export interface OpenAppeal { id: string; participantId: string; bodyId: string; question: string }

/** The period's appeals still open, oldest first. */
export async function openAppealsOf(db: Executor, periodId: string): Promise<OpenAppeal[]> {
  return db.select({ id: appeals.id, participantId: appeals.participantId, bodyId: participants.bodyId, question: appeals.questionCode })
    .from(appeals)
    .innerJoin(participants, eq(participants.id, appeals.participantId))
    .where(and(eq(participants.periodId, periodId), eq(appeals.status, 'open')))
    .orderBy(appeals.createdAt, appeals.id);
}

export async function insertPeriod(db: Executor, values: typeof periods.$inferInsert): Promise<Period> {
  return one(await db.insert(periods).values(values).returning(), 'the inserted period');
}

/** Updates the period row (locked by the caller) and returns it. */
export async function updatePeriodRow(db: Executor, periodId: string, values: Partial<typeof periods.$inferInsert>): Promise<Period> {
  return one(await db.update(periods).set(values).where(eq(periods.id, periodId)).returning(), 'the updated period (locked)');
}

/** Moves every participant of the period in status `from` to `to`; how many moved. */
export async function moveParticipantStatus(db: Executor, periodId: string, from: ParticipantStatus, to: ParticipantStatus): Promise<number> {
  const moved = await db.update(participants).set({ status: to, updatedAt: new Date() })
    .where(and(eq(participants.periodId, periodId), eq(participants.status, from)))
    .returning({ id: participants.id });
  return moved.length;
}

// `periods.scores_changed_at` is the rankings' version: their ETag and the key of the shared
// standings (results/standings-cache.ts). Scores move it when they are materialised; a body or
// category renamed moves it too, for every period whose rankings show that name.
export async function rankingsShownChanged(db: Executor, participantsMatching: SQL): Promise<void> {
  await db.update(periods).set({ scoresChangedAt: sql`clock_timestamp()` })
    .where(inArray(periods.id, db.selectDistinct({ id: participants.periodId }).from(participants).where(participantsMatching)));
}
