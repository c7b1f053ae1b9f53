// Result sets (pleno / penetapan): POST freezes every participant's scores, ranks and scoring inputs
// into a new immutable version; versions are listed, read, diffed and published. The database
// refuses UPDATE and DELETE on result_sets, result_rows and publications (migration 0001).
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { bodies, participants, publications, resultRows, resultSets } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, isInt4, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import {
  canonicalInputParts, canonicalJson, inputsSha256, InvalidAnswerError, scoreParticipant, sha256Hex, sharedSha256,
  type Band, type ParticipantInput, type ParticipantScore, type SharedJson,
} from '../../scoring/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadPeriod, type Period } from '../participants/access.ts';
import { assertStage } from '../periods/stage.ts';
import { forEachParticipantInput } from '../scores/inputs.repo.ts';
import { FROZEN_PRECISION, storedScores } from '../scores/stored-scores.ts';
import {
  findResultSet, frozenDetailsOf, frozenRows, frozenRowWithInputs, latestVersion, listResultSets, type FrozenRow, type ResultSetInfo,
} from './results.repo.ts';
import { indicatorRecap, periodBands, periodStages, rankingRow, stagesRecap, type ListFilter } from './live.service.ts';
import {
  bandOf, compareStandingKeys, pageStandings, scoreNumber, scoreStatus, standingKey, standings, type RankingStatus, type Standing,
} from './standings.ts';

const INSERT_CHUNK = 500;
/** Participants whose inputs are read (and held) at a time while a result set is made. */
const LOAD_CHUNK = 500;

export function resultSetSummary(set: ResultSetInfo, currentVersion: number | null) {
  return {
    id: set.id,
    periodId: set.periodId,
    version: set.version,
    decreeNumber: set.decreeNumber,
    decreeDate: set.decreeDate,
    reason: set.reason,
    createdAt: set.createdAt.toISOString(),
    createdBy: set.createdBy,
    rowCount: set.rowCount,
    published: set.publishedAt !== null,
    publishedAt: set.publishedAt?.toISOString() ?? null,
    current: currentVersion !== null && set.version === currentVersion,
  };
}

async function currentVersionOf(db: Executor, periodId: string): Promise<number | null> {
  const [row] = await db.select({ v: sql<number | null>`max(${resultSets.version})` })
    .from(publications).innerJoin(resultSets, eq(resultSets.id, publications.resultSetId))
    .where(eq(publications.periodId, periodId));
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

/**
 * What a result set keeps of a participant between scoring and storing: what ranking needs, the
 * band, and the row's values ready to insert (JSON, without the ranks and the questionnaire
 * reference, which are known only once everyone is scored). The participant's inputs and score
 * objects are dropped as soon as the row text is made.
 */
interface Frozen {
  participantId: string;
  bodyName: string;
  categoryId: string;
  status: RankingStatus;
  finalScore: string | null;
  complete: boolean;
  bandCode: string | null;
  questionnaire: SharedJson;
  period: SharedJson;
  /**
   * the row's JSON object for jsonb_to_recordset, all but rank, category_rank, q and qref, as UTF-8
   * bytes: compact and outside the JS heap (as a string it would be a tree of the pieces it was
   * concatenated from, several times its length)
   */
  values: Buffer;
}

function scoreOf(input: ParticipantInput, bodyName: string): ParticipantScore {
  try {
    return scoreParticipant(input);
  } catch (error) {
    if (error instanceof InvalidAnswerError || error instanceof RangeError) {
      throw new Problem('conflict', `The scores of ${bodyName} cannot be computed from its current inputs (${error.message}); correct them before fixing the results`);
    }
    throw error;
  }
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

/** Scores a participant from its inputs and makes its row's values (everything but the ranks). */
function freeze(p: { id: string; bodyId: string; bodyName: string; categoryId: string }, input: ParticipantInput): Frozen {
  const score = scoreOf(input, p.bodyName);
  const parts = canonicalInputParts(input);
  const stored = storedScores(score, FROZEN_PRECISION);
  const finalScore = stored.finalScoreRounded;
  const status = scoreStatus(score);
  const bandCode = stored.bandCode;
  const row = {
    participant_id: p.id,
    body_id: p.bodyId,
    body_name: p.bodyName,
    category_id: p.categoryId,
    status,
    final_score: finalScore,
    band_code: bandCode,
    complete: stored.complete,
    self_assessed_saq: stored.selfAssessedSaq,
    verified_saq: stored.verifiedSaq,
    stage_scores: stored.stages,
    indicator_scores: stored.indicators,
    advanced: parts.record.advanced,
    presentation: parts.record.presentation,
    submitted: parts.record.submitted,
    visitation: parts.record.visitation,
    sha: inputsSha256(parts),
  };
  return {
    participantId: p.id, bodyName: p.bodyName, categoryId: p.categoryId, status, finalScore, complete: score.complete, bandCode,
    questionnaire: parts.questionnaire,
    period: parts.period,
    // the answers spliced in as the canonical text already made for the hash
    values: Buffer.from(`${JSON.stringify(row).slice(0, -1)},"answers":${parts.answers}}`, 'utf8'),
  };
}

/**
 * Bulk insert in chunks, in ranking order: one JSON parameter of per-row values per statement,
 * unpacked with jsonb_to_recordset; the database assembles each row's input record from the row's
 * own parts, the chunk's single copy of the period settings and the questionnaire (or a reference
 * to its holder, the first row in ranking order with that questionnaire).
 */
async function insertRows(tx: Executor, resultSetId: string, rows: Standing<Frozen>[]): Promise<void> {
  const holders = new Map<SharedJson, { participantId: string; sha256: string }>();
  // the next chunk is prepared while the database stores this one
  const inFlight: { statement: Promise<void> | null } = { statement: null };
  try {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
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
        with shared as (select ${`[${questionnaires.map((q) => q.text).join(',')}]`}::jsonb as questionnaires, ${chunk[0].period.text}::jsonb as period)
        insert into result_rows (result_set_id, participant_id, body_id, body_name, category_id, status, rank, category_rank, final_score,
          band_code, complete, self_assessed_saq, verified_saq, stage_scores, indicator_scores, inputs, inputs_sha256)
        select ${resultSetId}::uuid, v.participant_id, v.body_id, v.body_name, v.category_id, v.status, v.rank, v.category_rank, v.final_score,
          v.band_code, v.complete, v.self_assessed_saq, v.verified_saq, v.stage_scores, v.indicator_scores,
          jsonb_build_object('advanced', v.advanced, 'answers', v.answers, 'period', shared.period, 'presentation', v.presentation,
            'questionnaire', coalesce(v.qref, shared.questionnaires -> v.q), 'submitted', v.submitted, 'visitation', coalesce(v.visitation, 'null'::jsonb)),
          v.sha
        from shared, jsonb_to_recordset(${`[${values.join(',')}]`}::jsonb) as v(
          participant_id uuid, body_id uuid, body_name text, category_id uuid, status text, rank integer, category_rank integer,
          final_score numeric, band_code text, complete boolean, self_assessed_saq numeric, verified_saq numeric, stage_scores jsonb,
          indicator_scores jsonb, q integer, qref jsonb, advanced boolean, answers jsonb, presentation jsonb, submitted boolean, visitation jsonb, sha text)`;
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
  const questionnaire = typeof holder?.questionnaire === 'string' ? JSON.parse(holder.questionnaire) : holder?.questionnaire;
  if (!questionnaire || sha256Hex(canonicalJson(questionnaire)) !== ref.sha256) {
    throw new Error(`result set ${resultSetId}: the questionnaire referenced by a row does not match its holder`);
  }
  return { ...inputs, questionnaire };
}

/**
 * POST /periods/{id}/results: freezes the current scores of every participant. Each row is scored
 * from the very inputs it stores (so recomputing from them gives the stored numbers) and ranked
 * with the same competition ranking as the live rankings.
 */
export async function createResultSet(db: Db, c: RequestContext, periodId: string, body: { decreeNumber: string; decreeDate: string; reason?: string }) {
  return db.transaction(async (tx) => {
    // the period row lock serialises concurrent pleno decisions and stage transitions
    const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
    assertStage(period, ['deliberation'], 'Fixing a result set');
    const version = (await latestVersion(tx, period.id)) + 1;
    const reason = body.reason?.trim() || c.reason;
    if (version > 1 && !reason) {
      throw new Problem('reason_required', `Version ${version} corrects an earlier result set and needs a reason (field "reason" or the X-Audit-Reason header)`);
    }
    if (Number.isNaN(Date.parse(`${body.decreeDate}T00:00:00Z`))) throw invalid('The decree date is not a date', [{ path: 'body.decreeDate', message: 'is not a valid date' }]);
    if (body.decreeNumber.trim() === '') throw invalid('The decree number is empty', [{ path: 'body.decreeNumber', message: 'must not be blank' }]);

    const meta = await tx.select({ id: participants.id, bodyId: participants.bodyId, bodyName: bodies.name, categoryId: participants.categoryId })
      .from(participants).innerJoin(bodies, eq(bodies.id, participants.bodyId))
      .where(eq(participants.periodId, period.id));
    const byId = new Map(meta.map((p) => [p.id, p]));
    // participants are scored and turned into row values chunk by chunk as their inputs are read:
    // only the compact Frozen records of the whole period are held at once
    const frozen: Frozen[] = [];
    await forEachParticipantInput(tx, period.id, (id, input) => {
      const p = byId.get(id);
      if (!p) return;
      byId.delete(id);
      frozen.push(freeze(p, input));
    }, { chunk: LOAD_CHUNK });
    const [missing] = byId.values();
    if (missing) throw new Problem('conflict', `The scoring inputs of ${missing.bodyName} are incomplete (no questionnaire for its category?)`);
    const ranked = standings(frozen);

    const [set] = await tx.insert(resultSets).values({
      commissionId: c.commissionId,
      periodId: period.id,
      version,
      decreeNumber: body.decreeNumber.trim(),
      decreeDate: body.decreeDate,
      reason: reason ?? null,
      createdBy: c.principal.kind === 'user' ? c.principal.id : null,
    }).returning();

    await insertRows(tx, set.id, ranked);

    const counts = {
      scored: ranked.filter((r) => r.status === 'scored').length,
      provisional: ranked.filter((r) => r.status === 'provisional').length,
      notSubmitted: ranked.filter((r) => r.status === 'not_submitted').length,
    };
    await recordAudit(tx, { ...c, reason: reason ?? null }, {
      action: 'result_set.create',
      entityType: 'result_set',
      entityId: set.id,
      after: { periodId: period.id, version, decreeNumber: set.decreeNumber, decreeDate: set.decreeDate, reason: set.reason, rows: ranked.length, ...counts },
    });
    const bands = periodBands(period);
    return {
      ...resultSetSummary({ ...set, rowCount: ranked.length, publishedAt: null }, await currentVersionOf(tx, period.id)),
      counts,
      bands: bands.map((b) => ({ code: b.code, label: b.label, count: ranked.filter((r) => r.status === 'scored' && r.bandCode === b.code).length })),
    };
  });
}

export async function listVersions(db: Executor, c: RequestContext, periodId: string, paging: { limit: number; cursor?: string }) {
  const period = await loadPeriod(db, c, periodId);
  const after = decodeCursor(paging.cursor, 1);
  if (after !== null && !isInt4(after[0])) throw invalid('The cursor is not valid', [{ path: 'querystring.cursor', message: 'is not valid' }]);
  const rows = await listResultSets(db, period.id, { beforeVersion: after ? Number(after[0]) : undefined, limit: paging.limit + 1 });
  const current = await currentVersionOf(db, period.id);
  const { items, nextCursor } = page(rows, paging.limit, (r) => [r.version]);
  return { items: items.map((r) => resultSetSummary(r, current)), nextCursor };
}

export async function loadResultSet(db: Executor, c: RequestContext, periodId: string, version: number) {
  const period = await loadPeriod(db, c, periodId);
  const set = await findResultSet(db, period.id, version);
  if (!set) throw notFound(`Result set version ${version}`);
  return { period, set, current: await currentVersionOf(db, period.id) };
}

type FrozenStanding = Standing<FrozenRow & { overallRank: number | null; status: RankingStatus }>;

/** Frozen rows in ranking order, with their stored ranks (never re-ranked). */
export function orderFrozen(rows: FrozenRow[]): FrozenStanding[] {
  return rows
    .map((r) => ({ ...r, status: r.status as RankingStatus, overallRank: r.rank }))
    .sort((a, b) => compareStandingKeys(standingKey(a), standingKey(b)));
}

/** Bands of a frozen version: the period's bands (settings are editable only in draft, before any result set). */
export function frozenRecapRow(row: FrozenStanding, bands: Band[], stages: ReturnType<typeof periodStages>, filter: ListFilter) {
  const stageScores = (row.stageScores ?? {}) as { saq?: string | null; visitation?: string | null; presentation?: string | null };
  return {
    ...rankingRow(row, bands, filter),
    selfAssessedSaq: scoreNumber(row.selfAssessedSaq),
    verifiedSaq: scoreNumber(row.verifiedSaq),
    stages: stagesRecap(stages, { saq: stageScores.saq ?? null, visitation: stageScores.visitation, presentation: stageScores.presentation }),
    indicators: indicatorRecap(row.indicatorScores),
  };
}

export async function resultSetRows(db: Executor, period: Period, set: ResultSetInfo, filter: ListFilter, paging: { limit: number; cursor?: string } | null) {
  const all = orderFrozen(await frozenRows(db, set.id))
    .filter((r) => (!filter.category || r.categoryId === filter.category) && (!filter.band || r.bandCode === filter.band));
  const { items, nextCursor } = paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
  const details = await frozenDetailsOf(db, set.id, items.map((r) => r.participantId));
  for (const row of items) {
    row.indicatorScores = details.get(row.participantId)?.indicatorScores ?? [];
    row.advanced = details.get(row.participantId)?.advanced ?? null;
  }
  const bands = periodBands(period);
  const stages = periodStages(period);
  return { items: items.map((r) => frozenRecapRow(r, bands, stages, filter)), nextCursor };
}

export async function resultRowDetail(db: Executor, c: RequestContext, periodId: string, version: number, bodyId: string) {
  const { period, set } = await loadResultSet(db, c, periodId, version);
  const [row] = orderFrozen(await frozenRows(db, set.id, { recap: true, bodyIds: [bodyId] }));
  const stored = row ? await frozenRowWithInputs(db, set.id, bodyId) : null;
  if (!row || !stored) throw notFound('Result row');
  const inputs = await resultRowInputs(db, set.id, stored.inputs as Record<string, unknown>);
  return { ...frozenRecapRow(row, periodBands(period), periodStages(period), {}), version: set.version, inputs, inputsSha256: row.inputsSha256 };
}

function rowState(row: FrozenRow, bands: Band[], stages: ReturnType<typeof periodStages>) {
  const s = (row.stageScores ?? {}) as { saq?: string | null; visitation?: string | null; presentation?: string | null };
  return {
    finalScore: scoreNumber(row.finalScore),
    band: bandOf(bands, row.bandCode),
    overallRank: row.rank,
    categoryRank: row.categoryRank,
    status: row.status as RankingStatus,
    complete: row.complete,
    verifiedSaq: scoreNumber(row.verifiedSaq),
    stages: stagesRecap(stages, { saq: s.saq ?? null, visitation: s.visitation, presentation: s.presentation }),
    inputsSha256: row.inputsSha256,
  };
}

/** Which participants changed between two versions, from what to what. */
export async function diffResultSets(db: Executor, c: RequestContext, periodId: string, version: number, from: number | undefined) {
  const { period, set: to } = await loadResultSet(db, c, periodId, version);
  const fromVersion = from ?? version - 1;
  if (fromVersion < 1) throw invalid('Version 1 has no previous version; pass ?from= to compare with another version', [{ path: 'querystring.from', message: 'is required for version 1' }]);
  const base = await findResultSet(db, period.id, fromVersion);
  if (!base) throw notFound(`Result set version ${fromVersion}`);
  // one after the other: db may be a transaction, which runs one statement at a time
  const before = await frozenRows(db, base.id);
  const after = await frozenRows(db, to.id);
  const bands = periodBands(period);
  const stages = periodStages(period);
  const beforeById = new Map(before.map((r) => [r.participantId, r]));
  const afterIds = new Set(after.map((r) => r.participantId));
  const items = [];
  let unchanged = 0;
  for (const row of after) {
    const old = beforeById.get(row.participantId);
    const next = rowState(row, bands, stages);
    if (!old) {
      items.push({ participantId: row.participantId, bodyId: row.bodyId, bodyName: row.bodyName, categoryId: row.categoryId, change: 'added' as const, fields: [], before: null, after: next });
      continue;
    }
    const prev = rowState(old, bands, stages);
    const fields: string[] = [];
    if (prev.finalScore !== next.finalScore) fields.push('finalScore');
    if (prev.band?.code !== next.band?.code) fields.push('band');
    if (prev.overallRank !== next.overallRank) fields.push('overallRank');
    if (prev.categoryRank !== next.categoryRank) fields.push('categoryRank');
    if (prev.status !== next.status) fields.push('status');
    if (prev.complete !== next.complete) fields.push('complete');
    if (prev.verifiedSaq !== next.verifiedSaq) fields.push('verifiedSaq');
    if (JSON.stringify(prev.stages) !== JSON.stringify(next.stages)) fields.push('stages');
    if (prev.inputsSha256 !== next.inputsSha256) fields.push('inputs');
    if (fields.length === 0) unchanged++;
    else items.push({ participantId: row.participantId, bodyId: row.bodyId, bodyName: row.bodyName, categoryId: row.categoryId, change: 'changed' as const, fields, before: prev, after: next });
  }
  for (const row of before) {
    if (afterIds.has(row.participantId)) continue;
    items.push({ participantId: row.participantId, bodyId: row.bodyId, bodyName: row.bodyName, categoryId: row.categoryId, change: 'removed' as const, fields: [], before: rowState(row, bands, stages), after: null });
  }
  items.sort((a, b) => a.bodyName.localeCompare(b.bodyName, 'id') || a.participantId.localeCompare(b.participantId));
  return {
    from: fromVersion,
    to: version,
    summary: {
      changed: items.filter((i) => i.change === 'changed').length,
      added: items.filter((i) => i.change === 'added').length,
      removed: items.filter((i) => i.change === 'removed').length,
      unchanged,
    },
    items,
  };
}

/** Publishes a version: the public API serves the latest published version; earlier ones stay readable. */
export async function publishResultSet(db: Db, c: RequestContext, periodId: string, version: number) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
    assertStage(period, ['deliberation', 'closed'], 'Publishing a result set');
    const set = await findResultSet(tx, period.id, version);
    if (!set) throw notFound(`Result set version ${version}`);
    if (set.publishedAt) throw new Problem('conflict', `Version ${version} is already published (${set.publishedAt.toISOString()})`);
    const current = await currentVersionOf(tx, period.id);
    if (current !== null && current > version) {
      throw new Problem('conflict', `Version ${current} is already published; a correction is published as a newer version`);
    }
    const [publication] = await tx.insert(publications).values({
      resultSetId: set.id,
      periodId: period.id,
      publishedBy: c.principal.kind === 'user' ? c.principal.id : null,
    }).returning();
    await recordAudit(tx, c, {
      action: 'result_set.publish',
      entityType: 'result_set',
      entityId: set.id,
      after: { periodId: period.id, version, decreeNumber: set.decreeNumber, supersedes: current },
    });
    return {
      resultSetId: set.id,
      periodId: period.id,
      version,
      publishedAt: publication.publishedAt.toISOString(),
      publishedBy: publication.publishedBy,
      supersedes: current,
    };
  });
}

