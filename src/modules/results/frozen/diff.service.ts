// What changed between two result set versions: which participants, which fields, from what to what.
import type { Executor } from '../../../db/client.ts';
import type { RequestContext } from '../../../http/context.ts';
import { invalid, notFound } from '../../../http/problems.ts';
import type { Band } from '../../../scoring/index.ts';
import { stagesRecap } from '../rows.ts';
import type { PeriodScoring } from '../../../scoring/index.ts';
import { bandOf, scoreNumber, type RankingStatus } from '../standings.ts';
import { loadResultSet } from './read.service.ts';
import { findResultSet } from './result-sets.repo.ts';
import { frozenRows, type FrozenRow } from './rows.repo.ts';
import { t } from '../../../i18n/message.ts';

function rowState(row: FrozenRow, bands: Band[], stages: PeriodScoring['stages']) {
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
  if (fromVersion < 1) throw invalid(t`Version 1 has no previous version; pass ?from= to compare with another version`, [{ path: 'querystring.from', message: t`is required for version 1` }]);
  const base = await findResultSet(db, period.id, fromVersion);
  if (!base) throw notFound(t`Result set version ${fromVersion}`);
  // one after the other: db may be a transaction, which runs one statement at a time
  const before = await frozenRows(db, base.id);
  const after = await frozenRows(db, to.id);
  const bands = period.bands;
  const stages = period.stages;
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
