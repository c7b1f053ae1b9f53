// Live statistics of a period: counts per band and category, mean/median/min/max final score,
// mean indicator scores and stage progress, from the materialised scores.
import { kept } from '../../../db/changes.ts';
import type { Executor } from '../../../db/client.ts';
import { contentTag } from '../etags.ts';
import { D, evaluationOrderOf, stageLabelOf, toScoreNumber, type Band } from '../../../scoring/index.ts';
import { must } from '../../../must.ts';
import type { Period } from '../../periods/index.ts';

import { indicatorMeans, jurorAssignmentsOf, presentationScoresOf } from './live.repo.ts';
import { scoreSummary } from '../summary.ts';
import { liveStandings, type LiveStanding } from './rankings.service.ts';

function summarise(rows: readonly LiveStanding[], bands: Band[], category: { categoryId: string | null; categoryCode: string | null; categoryName: string }) {
  // exact final scores: the mean and median are computed unrounded and rounded once
  return { ...category, ...scoreSummary(rows.map((r) => ({ status: r.status, bandCode: r.bandCode, exact: r.finalScoreExact, rounded: r.finalScoreRounded })), bands) };
}

export type StatisticsBody = Awaited<ReturnType<typeof periodStatistics>>;

/**
 * The statistics of the period's current state with their ETag, computed once and shared by every
 * request until a table changes (db/changes.ts). Not keyed by the score clock alone: jurors assigned
 * and presentation scores equal to the panel's mean change the progress without moving any score.
 */
export function sharedStatistics(db: Executor, period: Period, format: string) {
  return kept(db, 'statistics', `${period.id}:${period.scoresChangedAt.getTime()}:${period.version}:${format}`, async () => {
    const stats = await periodStatistics(db, period);
    return { stats, tag: contentTag('statistics', stats, format) };
  }, 100);
}

export async function periodStatistics(db: Executor, period: Period) {
  const rows = await liveStandings(db, period);
  const bands = period.bands;
  const stages = period.stages;

  const byCategory = new Map<string, LiveStanding[]>();
  for (const row of rows) {
    const list = byCategory.get(row.categoryId);
    if (list) list.push(row);
    else byCategory.set(row.categoryId, [row]);
  }
  const categories = [...byCategory.values()]
    .map((list) => {
      const { categoryId, categoryCode, categoryName } = must(list[0], 'the first row of a category');
      return summarise(list, bands, { categoryId, categoryCode, categoryName });
    })
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
      label: stageLabelOf(period, 'presentation'),
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
      evaluationOrder: evaluationOrderOf(period),
      visitation: stages.visitation !== undefined
        ? { label: stageLabelOf(period, 'visitation'), advanced: advanced.length, visited: advanced.filter((r) => r.visitationScore !== null).length }
        : null,
      presentation,
    },
  };
}
