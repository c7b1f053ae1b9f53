// Live figures of a period: rankings, the full score recap, statistics and juror agreement, all
// read from the scores materialised on `participants` in the transaction of each change.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { Problem } from '../../http/problems.ts';
import { D, toScoreNumber, type Band, type Dec } from '../../scoring/index.ts';
import type { Period } from '../participants/access.ts';
import {
  indicatorMeans, indicatorScoresOf, jurorAssignmentsOf, periodParticipants, presentationScoresOf, type LiveParticipant,
} from './results.repo.ts';
import {
  bandOf, pageStandings, rankingStatus, scoreNumber, standings, type RankingStatus, type Standing,
} from './standings.ts';
import { sharedStandings } from './standings-cache.ts';

export interface PeriodStages { saq: unknown; visitation?: unknown; presentation?: unknown }

export const periodBands = (period: Period) => period.bands as Band[];
export const periodStages = (period: Period) => period.stages as PeriodStages;

export interface ListFilter { category?: string; band?: string }

/** digests of the questions asked (kind, query, format): the same few are asked over and over */
const askedTags = new LRUCache<string, string>({ max: 1_000 });

/** A cheap ETag: the period's last score change and settings version, plus what was asked. */
export function liveTag(period: Period, kind: string, query: unknown, format: string): string {
  const question = JSON.stringify([kind, query, format]);
  let asked = askedTags.get(question);
  if (!asked) askedTags.set(question, asked = createHash('sha256').update(question).digest('base64url').slice(0, 16));
  return `"${kind}-${period.scoresChangedAt.getTime()}-${period.version}-${asked}"`;
}

/** An ETag from the content itself, for responses whose inputs no single timestamp covers. */
export function contentTag(kind: string, body: unknown, format: string): string {
  return `"${kind}-${createHash('sha256').update(JSON.stringify([body, format])).digest('base64url').slice(0, 27)}"`;
}

type LiveStanding = Standing<LiveParticipant & { status: RankingStatus; finalScore: string | null }>;

/** Every participant of the period with its ranks, in ranking order (indicator scores not loaded); shared, read-only. */
export function liveStandings(db: Executor, period: Period): Promise<readonly LiveStanding[]> {
  return sharedStandings(`live:${period.id}:${period.scoresChangedAt.getTime()}:${period.version}`, async () => {
    const rows = await periodParticipants(db, period.id);
    return standings(rows.map((p) => ({
      ...p,
      status: rankingStatus({ status: p.participantStatus, finalScoreRounded: p.finalScoreRounded, complete: p.complete }),
      finalScore: p.finalScoreRounded,
    })));
  });
}

export interface RankedLike {
  participantId: string;
  bodyId: string;
  bodyName: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  overallRank: number | null;
  categoryRank: number | null;
  finalScore: string | null;
  bandCode: string | null;
  complete: boolean;
  status: RankingStatus;
  advanced?: boolean | null;
}

/** A ranking row (API.md shape); `rank` is the category rank when the list is one category's. */
export function rankingRow(row: RankedLike, bands: Band[], filter: ListFilter) {
  return {
    participantId: row.participantId,
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    categoryId: row.categoryId,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    rank: filter.category ? row.categoryRank : row.overallRank,
    overallRank: row.overallRank,
    categoryRank: row.categoryRank,
    finalScore: scoreNumber(row.finalScore),
    band: bandOf(bands, row.bandCode),
    complete: row.complete,
    status: row.status,
    advanced: row.advanced ?? null,
  };
}

export type RankingRowBody = ReturnType<typeof rankingRow>;

interface IndicatorJson { code: string; name: string; weight: string | number; score: string | number; contribution: string | number; selfScore?: string | number | null }

function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return toScoreNumber(new D(String(value)));
}

/** Indicator scores stored as decimal text (materialised or frozen) → rounded JSON numbers. */
export function indicatorRecap(json: unknown) {
  if (!Array.isArray(json)) return [];
  return (json as IndicatorJson[]).map((i) => ({
    code: i.code,
    name: i.name,
    weight: Number(new D(String(i.weight)).toString()),
    score: num(i.score) ?? 0,
    contribution: num(i.contribution) ?? 0,
    selfScore: num(i.selfScore),
  }));
}

/** Stage scores for the stages the period has. */
export function stagesRecap(stages: PeriodStages, values: { saq: string | null; visitation?: string | null; presentation?: string | null }) {
  return {
    saq: scoreNumber(values.saq),
    ...(stages.visitation !== undefined ? { visitation: scoreNumber(values.visitation) } : {}),
    ...(stages.presentation !== undefined ? { presentation: scoreNumber(values.presentation) } : {}),
  };
}

export function liveRecapRow(row: LiveStanding, period: Period, filter: ListFilter) {
  return {
    ...rankingRow(row, periodBands(period), filter),
    selfAssessedSaq: scoreNumber(row.selfAssessedSaq),
    verifiedSaq: scoreNumber(row.verifiedSaq),
    stages: stagesRecap(periodStages(period), { saq: row.saqStageScore, visitation: row.visitationStageScore, presentation: row.presentationStageScore }),
    indicators: indicatorRecap(row.indicatorScores),
  };
}

export type RecapRowBody = ReturnType<typeof liveRecapRow>;

export function applyFilter<T extends { categoryId: string; bandCode: string | null }>(rows: readonly T[], filter: ListFilter): T[] {
  return rows.filter((r) => (!filter.category || r.categoryId === filter.category) && (!filter.band || r.bandCode === filter.band));
}

/** Live rankings or recap rows: all of them (exports) or one page. */
export async function liveList(db: Executor, period: Period, filter: ListFilter, paging: { limit: number; cursor?: string } | null, recap: boolean) {
  const all = applyFilter(await liveStandings(db, period), filter);
  const paged = paging ? pageStandings(all, paging.limit, paging.cursor) : { items: all, nextCursor: null };
  const { nextCursor } = paged;
  let items = paged.items;
  if (recap) {
    // the (large) indicator scores only for the rows sent
    const indicators = await indicatorScoresOf(db, items.map((r) => r.participantId));
    items = items.map((row) => ({ ...row, indicatorScores: indicators.get(row.participantId) ?? null }));
  }
  const toRow = recap ? (r: LiveStanding) => liveRecapRow(r, period, filter) : (r: LiveStanding) => rankingRow(r, periodBands(period), filter);
  return { asOf: period.scoresChangedAt.toISOString(), items: items.map(toRow), nextCursor };
}

// Statistics

function mean(values: Dec[]): Dec | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum.plus(v), new D(0)).div(values.length);
}

function median(sorted: Dec[]): Dec | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
}

function summarise(rows: readonly LiveStanding[], bands: Band[], category: { categoryId: string | null; categoryCode: string | null; categoryName: string }) {
  const scored = rows.filter((r) => r.status === 'scored');
  // exact final scores: the mean and median are computed unrounded and rounded once
  const exact = scored.map((r) => new D(r.finalScoreExact ?? r.finalScoreRounded ?? '0')).sort((a, b) => a.cmp(b));
  const rounded = scored.map((r) => new D(r.finalScoreRounded ?? '0')).sort((a, b) => a.cmp(b));
  return {
    ...category,
    participants: rows.length,
    scored: scored.length,
    provisional: rows.filter((r) => r.status === 'provisional').length,
    notSubmitted: rows.filter((r) => r.status === 'not_submitted').length,
    finalScore: {
      count: scored.length,
      mean: toScoreNumber(mean(exact)),
      median: toScoreNumber(median(exact)),
      min: rounded.length ? toScoreNumber(rounded[0]) : null,
      max: rounded.length ? toScoreNumber(rounded[rounded.length - 1]) : null,
    },
    bands: bands.map((b) => ({ code: b.code, label: b.label, count: scored.filter((r) => r.bandCode === b.code).length })),
  };
}

export type StatisticsBody = Awaited<ReturnType<typeof periodStatistics>>;

export async function periodStatistics(db: Executor, period: Period) {
  const rows = await liveStandings(db, period);
  const bands = periodBands(period);
  const stages = periodStages(period);

  const byCategory = new Map<string, LiveStanding[]>();
  for (const row of rows) {
    const list = byCategory.get(row.categoryId);
    if (list) list.push(row);
    else byCategory.set(row.categoryId, [row]);
  }
  const categories = [...byCategory.values()]
    .map((list) => summarise(list, bands, { categoryId: list[0].categoryId, categoryCode: list[0].categoryCode, categoryName: list[0].categoryName }))
    .sort((a, b) => (a.categoryCode ?? '').localeCompare(b.categoryCode ?? ''));

  // mean indicator scores over the participants that submitted, averaged exactly by the database
  const indicators = await indicatorMeans(db, period.id);

  const advanced = rows.filter((r) => r.advanced === true);
  let presentation = null;
  if (stages.presentation !== undefined) {
    const scoredBy = new Map<string, number>();
    for (const s of await presentationScoresOf(db, period.id)) scoredBy.set(s.participantId, (scoredBy.get(s.participantId) ?? 0) + 1);
    const assigned = new Map<string, number>();
    for (const a of await jurorAssignmentsOf(db, period.id)) assigned.set(a.participantId, (assigned.get(a.participantId) ?? 0) + 1);
    presentation = {
      advanced: advanced.length,
      presented: advanced.filter((r) => (scoredBy.get(r.participantId) ?? 0) > 0).length,
      fullyScored: advanced.filter((r) => {
        const n = scoredBy.get(r.participantId) ?? 0;
        return n > 0 && n >= (assigned.get(r.participantId) ?? 0);
      }).length,
    };
  }
  const submitted = rows.filter((r) => r.participantStatus === 'submitted');

  return {
    periodId: period.id,
    stage: period.stage,
    asOf: period.scoresChangedAt.toISOString(),
    overall: summarise(rows, bands, { categoryId: null, categoryCode: null, categoryName: 'Semua kategori' }),
    categories,
    indicators: indicators.map((i) => ({
      code: i.code,
      name: i.name,
      participants: i.participants,
      meanScore: i.meanScore === null ? null : toScoreNumber(new D(i.meanScore)),
      meanSelfScore: i.meanSelfScore === null ? null : toScoreNumber(new D(i.meanSelfScore)),
    })),
    progress: {
      participants: rows.length,
      saq: {
        enrolled: rows.filter((r) => r.participantStatus === 'enrolled').length,
        submitted: submitted.length,
        notSubmitted: rows.filter((r) => r.participantStatus === 'not_submitted').length,
      },
      verification: {
        participants: submitted.length,
        verified: submitted.filter((r) => r.questionCount > 0 && r.decidedCount >= r.questionCount).length,
        decidedQuestions: submitted.reduce((sum, r) => sum + r.decidedCount, 0),
        totalQuestions: submitted.reduce((sum, r) => sum + r.questionCount, 0),
      },
      visitation: stages.visitation !== undefined
        ? { advanced: advanced.length, visited: advanced.filter((r) => r.visitationScore !== null).length }
        : null,
      presentation,
    },
  };
}

// Juror agreement

export async function jurorAgreement(db: Executor, period: Period) {
  const threshold = new D(period.jurorDeviationThreshold);
  const scores = await presentationScoresOf(db, period.id);
  const assigned = await jurorAssignmentsOf(db, period.id);
  const people = new Map((await periodParticipants(db, period.id)).map((p) => [p.participantId, p]));

  const assignedTo = new Map<string, typeof assigned>();
  for (const a of assigned) {
    const list = assignedTo.get(a.participantId);
    if (list) list.push(a);
    else assignedTo.set(a.participantId, [a]);
  }
  const byParticipant = new Map<string, typeof scores>();
  for (const s of scores) {
    const list = byParticipant.get(s.participantId);
    if (list) list.push(s);
    else byParticipant.set(s.participantId, [s]);
  }
  const jurorTotals = new Map<string, { jurorId: string; jurorName: string; scored: number; deviation: Dec; flaggedCount: number }>();
  const items = [];
  for (const [participantId, list] of byParticipant) {
    const p = people.get(participantId);
    if (!p) continue;
    const values = list.map((s) => new D(s.score));
    const panelMean = mean(values) as Dec;
    const min = values.reduce((a, b) => (b.lt(a) ? b : a));
    const max = values.reduce((a, b) => (b.gt(a) ? b : a));
    const variance = mean(values.map((v) => v.minus(panelMean).pow(2))) as Dec;
    const jurors = list
      .map((s) => {
        const deviation = new D(s.score).minus(panelMean);
        const flagged = deviation.abs().gt(threshold);
        let total = jurorTotals.get(s.jurorId);
        if (!total) jurorTotals.set(s.jurorId, (total = { jurorId: s.jurorId, jurorName: s.jurorName, scored: 0, deviation: new D(0), flaggedCount: 0 }));
        total.scored++;
        total.deviation = total.deviation.plus(deviation);
        if (flagged) total.flaggedCount++;
        return { jurorId: s.jurorId, jurorName: s.jurorName, score: toScoreNumber(new D(s.score)) as number, deviation: toSigned(deviation), flagged };
      })
      .sort((a, b) => a.jurorName.localeCompare(b.jurorName, 'id') || a.jurorId.localeCompare(b.jurorId));
    const scoredIds = new Set(list.map((s) => s.jurorId));
    items.push({
      participantId,
      bodyId: p.bodyId,
      bodyName: p.bodyName,
      categoryId: p.categoryId,
      jurors,
      pendingJurors: (assignedTo.get(participantId) ?? []).filter((a) => !scoredIds.has(a.jurorId))
        .map((a) => ({ jurorId: a.jurorId, jurorName: a.jurorName })),
      mean: toScoreNumber(panelMean) as number,
      min: toScoreNumber(min) as number,
      max: toScoreNumber(max) as number,
      spread: toSigned(max.minus(min)),
      standardDeviation: toSigned(variance.sqrt()),
      flagged: jurors.some((j) => j.flagged),
      spreadExact: max.minus(min),
    });
  }
  // flagged participants first, then by spread (widest first), then by name
  items.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.spreadExact.cmp(a.spreadExact)
    || a.bodyName.localeCompare(b.bodyName, 'id') || a.participantId.localeCompare(b.participantId));
  const jurors = [...jurorTotals.values()]
    .map((j) => ({ jurorId: j.jurorId, jurorName: j.jurorName, scored: j.scored, meanDeviation: toSigned(j.deviation.div(j.scored)), flaggedCount: j.flaggedCount }))
    .sort((a, b) => a.jurorName.localeCompare(b.jurorName, 'id') || a.jurorId.localeCompare(b.jurorId));
  return { threshold: Number(threshold.toString()), jurors, items: items.map(({ spreadExact: _s, ...item }) => item) };
}

/** A signed difference rounded half up (away from zero) to 2 decimals, as a JSON number. */
function toSigned(value: Dec): number {
  return Number(value.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2));
}

export type AgreementBody = Awaited<ReturnType<typeof jurorAgreement>>;

/** Agreement rows after a cursor (the participant id of the previous page's last row). */
export function pageAgreement(items: AgreementBody['items'], limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor, 1);
  let start = 0;
  if (after !== null) {
    start = items.findIndex((i) => i.participantId === after[0]) + 1;
    if (start === 0) throw new Problem('validation_failed', 'The cursor is not valid any more; start again without it', { errors: [{ path: 'querystring.cursor', message: 'is not valid' }] });
  }
  return page(items.slice(start, start + limit + 1), limit, (i) => [i.participantId]);
}
