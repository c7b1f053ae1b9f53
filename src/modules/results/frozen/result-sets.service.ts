// The writes of result sets (pleno / penetapan), each one unit of work: creating a version freezes
// every participant's scores, ranks and scoring inputs; publishing makes a version the public one.
// The database refuses UPDATE and DELETE on result_sets, result_rows and publications (migration
// 0001), so both only ever insert.
import { resultSets, type PublicationAward, type PublicationMode } from '../../../db/schema.ts';
import { invalid, notFound, Problem, type FieldError } from '../../../http/problems.ts';
import type { Work } from '../../../http/unit-of-work.ts';
import { one } from '../../../must.ts';
import { loadPeriod } from '../../periods/index.ts';
import { assertStage } from '../../periods/index.ts';
import { forEachParticipantInput } from '../../scores/inputs.repo.ts';

import { countsInBand, standings } from '../standings.ts';
import { freeze, type Frozen } from './freeze.ts';
import { resultSetSummary } from './read.service.ts';
import { currentVersionOf, findResultSet, insertPublication, latestVersion, participantsToFreeze } from './result-sets.repo.ts';
import { insertRows, resultSetBodies } from './rows.repo.ts';
import { t } from '../../../i18n/message.ts';

/** Participants whose inputs are read (and held) at a time while a result set is made. */
const LOAD_CHUNK = 500;

export interface CreateResultSetBody { decreeNumber: string; decreeDate: string; reason?: string }

/**
 * POST /periods/{id}/results: freezes the current scores of every participant. Each row is scored
 * from the very inputs it stores (so recomputing from them gives the stored numbers) and ranked
 * with the same competition ranking as the live rankings.
 */
export async function createResultSet(work: Work, ids: { periodId: string }, body: CreateResultSetBody) {
  const { tx, ctx: c } = work;
  // the period row lock serialises concurrent pleno decisions and stage transitions
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  assertStage(period, ['deliberation'], t`Fixing a result set`);
  const version = (await latestVersion(tx, period.id)) + 1;
  const reason = body.reason?.trim() || work.reason;
  if (version > 1 && !reason) {
    throw new Problem('reason_required', t`Version ${version} corrects an earlier result set and needs a reason (field "reason" or the X-Audit-Reason header)`);
  }
  if (Number.isNaN(Date.parse(`${body.decreeDate}T00:00:00Z`))) throw invalid(t`The decree date is not a date`, [{ path: 'body.decreeDate', message: t`is not a valid date` }]);
  if (body.decreeNumber.trim() === '') throw invalid(t`The decree number is empty`, [{ path: 'body.decreeNumber', message: t`must not be blank` }]);

  const byId = new Map((await participantsToFreeze(tx, period.id)).map((p) => [p.id, p]));
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
  if (missing) throw new Problem('conflict', t`The scoring inputs of ${missing.bodyName} are incomplete (no questionnaire for its category?)`);
  const ranked = standings(frozen);

  const set = one(await tx.insert(resultSets).values({
    commissionId: c.commissionId,
    periodId: period.id,
    version,
    decreeNumber: body.decreeNumber.trim(),
    decreeDate: body.decreeDate,
    reason: reason ?? null,
    createdBy: c.principal.kind === 'user' ? c.principal.id : null,
  }).returning(), 'the inserted result set');

  await insertRows(tx, set.id, ranked);

  const counts = {
    scored: ranked.filter((r) => r.status === 'scored').length,
    provisional: ranked.filter((r) => r.status === 'provisional').length,
    notSubmitted: ranked.filter((r) => r.status === 'not_submitted').length,
  };
  await work.audit({
    action: 'result_set.create',
    entityType: 'result_set',
    entityId: set.id,
    after: { periodId: period.id, version, decreeNumber: set.decreeNumber, decreeDate: set.decreeDate, reason: set.reason, rows: ranked.length, ...counts },
    reason: reason ?? null,
  });
  work.emit('result_set.created', {
    periodId: period.id, version, resultSetId: set.id, decreeNumber: set.decreeNumber, decreeDate: set.decreeDate, rows: ranked.length, ...counts,
  });
  const bands = period.bands;
  return {
    ...resultSetSummary({ ...set, rowCount: ranked.length, publishedAt: null, publicationMode: null }, await currentVersionOf(tx, period.id)),
    counts,
    bands: bands.map((b) => ({ code: b.code, label: b.label, count: ranked.filter((r) => countsInBand(r) && r.bandCode === b.code).length })),
  };
}

export interface PublishBody { decree?: string; mode?: PublicationMode; awards?: PublicationAward[] }

/**
 * The publication's awards, checked against the version's rows: every title non-blank, every body
 * a participant of the period (it has a row in the version), named once per award. Returns them
 * trimmed, with the bodies' names as the version froze them.
 */
async function checkAwards(work: Work, resultSetId: string, awards: PublicationAward[]) {
  const errors: FieldError[] = [];
  const known = await resultSetBodies(work.tx, resultSetId, [...new Set(awards.flatMap((a) => a.bodyIds))]);
  const checked = awards.map((award, i) => {
    const title = award.title.trim();
    if (title === '') errors.push({ path: `body.awards[${i}].title`, message: t`must not be blank` });
    if (award.bodyIds.length === 0) errors.push({ path: `body.awards[${i}].bodyIds`, message: t`must name at least one body` });
    const bodies: { id: string; name: string }[] = [];
    award.bodyIds.forEach((id, j) => {
      const name = known.get(id);
      if (name === undefined) errors.push({ path: `body.awards[${i}].bodyIds[${j}]`, message: t`is not a participant of the period` });
      else if (award.bodyIds.indexOf(id) !== j) errors.push({ path: `body.awards[${i}].bodyIds[${j}]`, message: t`names a body already named in this award` });
      else bodies.push({ id, name });
    });
    return { title, bodies };
  });
  if (errors.length) throw invalid(t`The awards name a blank title or a body that is not a participant of the period`, errors);
  return checked;
}

/**
 * Publishes a version: the public API serves the latest published version; earlier ones stay
 * readable. The publication keeps its decree, mode and awards, and never changes.
 */
export async function publishResultSet(work: Work, ids: { periodId: string; version: number }, body: PublishBody = {}) {
  const { tx, ctx: c } = work;
  const { version } = ids;
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  assertStage(period, ['deliberation', 'closed'], t`Publishing a result set`);
  const set = await findResultSet(tx, period.id, version);
  if (!set) throw notFound(t`Result set version ${version}`);
  if (set.publishedAt) throw new Problem('conflict', t`Version ${version} is already published (${set.publishedAt.toISOString()})`);
  const current = await currentVersionOf(tx, period.id);
  if (current !== null && current > version) {
    throw new Problem('conflict', t`Version ${current} is already published; a correction is published as a newer version`);
  }
  const decree = body.decree?.trim() ?? null;
  if (decree === '') throw invalid(t`The decree is blank`, [{ path: 'body.decree', message: t`must not be blank` }]);
  const mode = body.mode ?? 'ranked';
  const awards = await checkAwards(work, set.id, body.awards ?? []);
  const publication = await insertPublication(tx, {
    resultSetId: set.id,
    periodId: period.id,
    publishedBy: c.principal.kind === 'user' ? c.principal.id : null,
    decree,
    mode,
    awards: awards.map((a) => ({ title: a.title, bodyIds: a.bodies.map((b) => b.id) })),
  });
  await work.audit({
    action: 'result_set.publish',
    entityType: 'result_set',
    entityId: set.id,
    after: { periodId: period.id, version, decreeNumber: set.decreeNumber, supersedes: current, decree, mode, awards: publication.awards },
  });
  work.emit('result_set.published', {
    periodId: period.id, version, resultSetId: set.id, publishedAt: publication.publishedAt.toISOString(), supersedes: current, mode,
  });
  return {
    resultSetId: set.id,
    periodId: period.id,
    version,
    publishedAt: publication.publishedAt.toISOString(),
    publishedBy: publication.publishedBy,
    supersedes: current,
    decree,
    mode,
    awards,
  };
}
