// Periods: creation and settings (scoring settings validated by the scoring module, editable only in
// draft), and the stage transitions of lifecycle.ts carried out in SQL. Writes run in the request's
// unit of work and build their reply from the same transaction.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, isInt4, page } from '../../http/pagination.ts';
import { invalid, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import {
  carriedStageSettings, evaluationOrderOf, stageLabelsOf, validatePeriodScoring, type PeriodScoring,
} from '../../scoring/index.ts';
import { rescorePeriod } from '../scores/materialize.ts';
import { assertEditable, nextStage, planTransition, refusal, stagePath, type Guard, type GuardFacts, type Stage } from './lifecycle.ts';
import type { PeriodCreate, PeriodUpdate, Transition } from './periods.schemas.ts';
import {
  categoriesWithoutQuestionnaire, hasAnswers, insertPeriod, listPeriodRows, loadPeriod, moveParticipantStatus, openAppealsOf,
  participantCount, scoringOf, updatePeriodRow, type Period,
} from './periods.repo.ts';
import { t } from '../../i18n/message.ts';

const SCORING_KEYS = ['stages', 'presentationAspects', 'advancement', 'bands', 'nonSubmitters', 'evaluationOrder', 'stageLabels', 'maxAdjustment'] as const;
/** The settings that only order and name the stages: changing them alone moves no score. */
const DISPLAY_KEYS: readonly string[] = ['evaluationOrder', 'stageLabels'];

/** The path parameter that names a period. */
export interface PeriodIds {
  periodId: string;
}

export function toPeriodDto(period: Period, participantCount: number) {
  return {
    id: period.id,
    year: period.year,
    title: period.title,
    stage: period.stage,
    stagePath: stagePath(period),
    nextStage: nextStage(period),
    ...scoringOf(period),
    // what the period runs by: the stored order completed, every stage's label with the defaults
    evaluationOrder: evaluationOrderOf(period),
    stageLabels: stageLabelsOf(period),
    appeal: period.hasAppeal,
    appealOn: period.appealOn,
    deadlines: period.deadlines,
    evidenceMaxBytes: period.evidenceMaxBytes,
    jurorDeviationThreshold: Number(period.jurorDeviationThreshold),
    participantCount,
    createdAt: period.createdAt.toISOString(),
    updatedAt: period.updatedAt.toISOString(),
    version: period.version,
  };
}
export type PeriodDto = ReturnType<typeof toPeriodDto>;

/** 422 with `body.<path>` errors unless the settings are valid; the normalised settings otherwise. */
function validScoring(input: unknown): PeriodScoring {
  const result = validatePeriodScoring(input);
  if (!result.ok) {
    throw invalid(t`The scoring settings are not valid`, result.errors.map((e) => ({ path: e.path ? `body.${e.path}` : 'body', message: e.message })));
  }
  return result.value;
}

function pickScoring(input: Partial<Record<(typeof SCORING_KEYS)[number], unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SCORING_KEYS) if (input[key] !== undefined) out[key] = input[key];
  return out;
}

function auditable(period: Period): Record<string, unknown> {
  return { ...period };
}

export async function listPeriods(db: Db, c: RequestContext, query: { year?: number; stage?: Stage; limit?: number; cursor?: string }) {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 2) as [number, string] | null;
  // a forged cursor's year goes into an integer comparison
  if (cursor && !(isInt4(cursor[0]) && typeof cursor[1] === 'string')) {
    throw new Problem('validation_failed', t`The cursor is not valid`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  const rows = await listPeriodRows(db, c.commissionId, { year: query.year, stage: query.stage, after: cursor, limit: limit + 1 });
  const p = page(rows, limit, (r) => [r.period.year, r.period.id]);
  return { items: p.items.map((r) => toPeriodDto(r.period, r.participantCount)), nextCursor: p.nextCursor };
}

export async function getPeriod(db: Db, c: RequestContext, periodId: string): Promise<PeriodDto> {
  const period = await loadPeriod(db, c, periodId);
  return toPeriodDto(period, await participantCount(db, period.id));
}

export async function createPeriod(work: Work, input: PeriodCreate): Promise<PeriodDto> {
  const scoring = validScoring(pickScoring(input));
  const period = await insertPeriod(work.tx, {
    commissionId: work.ctx.commissionId,
    year: input.year,
    title: input.title.trim(),
    ...scoring,
    hasAppeal: input.appeal ?? false,
    ...(input.appealOn !== undefined ? { appealOn: input.appealOn } : {}),
    deadlines: input.deadlines ?? {},
    ...(input.evidenceMaxBytes !== undefined ? { evidenceMaxBytes: input.evidenceMaxBytes } : {}),
    ...(input.jurorDeviationThreshold !== undefined ? { jurorDeviationThreshold: String(input.jurorDeviationThreshold) } : {}),
  });
  await work.audit({ action: 'period.create', entityType: 'period', entityId: period.id, after: auditable(period) });
  return toPeriodDto(period, 0);
}

/**
 * Title, deadlines, evidence size limit and juror deviation threshold change in any stage but
 * `closed`; year, appeal, appealOn and the scoring settings only in `draft` (lifecycle.assertEditable).
 */
export async function updatePeriod(work: Work, ids: PeriodIds, input: PeriodUpdate): Promise<PeriodDto> {
  const { tx } = work;
  const period = await loadPeriod(tx, work.ctx, ids.periodId, { forUpdate: true });
  work.ifMatch(period.version);
  const scoringPatch = pickScoring(input);
  assertEditable(period, Object.entries(input).filter(([, value]) => value !== undefined).map(([key]) => key));
  // The stored order and labels, unless restated, are kept as they fit the (new) stages: a change of
  // weights keeps KI Pusat's order, a stage dropped leaves it, a stage added runs after the others.
  const carried = carriedStageSettings(period, scoringPatch.stages ?? period.stages);
  const scoring = Object.keys(scoringPatch).length > 0 ? validScoring({ ...scoringOf(period), ...carried, ...scoringPatch }) : null;
  const updated = await updatePeriodRow(tx, period.id, {
    ...(input.title !== undefined ? { title: input.title.trim() } : {}),
    ...(input.year !== undefined ? { year: input.year } : {}),
    ...(scoring ?? {}),
    ...(input.appeal !== undefined ? { hasAppeal: input.appeal } : {}),
    ...(input.appealOn !== undefined ? { appealOn: input.appealOn } : {}),
    ...(input.deadlines !== undefined ? { deadlines: input.deadlines } : {}),
    ...(input.evidenceMaxBytes !== undefined ? { evidenceMaxBytes: input.evidenceMaxBytes } : {}),
    ...(input.jurorDeviationThreshold !== undefined ? { jurorDeviationThreshold: String(input.jurorDeviationThreshold) } : {}),
    updatedAt: new Date(),
    version: period.version + 1,
  });
  await work.audit({ action: 'period.update', entityType: 'period', entityId: period.id, before: auditable(period), after: auditable(updated) });
  if (scoring && Object.keys(scoringPatch).some((key) => !DISPLAY_KEYS.includes(key))) await rescorePeriod(tx, period.id);
  return toPeriodDto(updated, await participantCount(tx, period.id));
}

/** Where each guard's fact is read. */
const FACTS: { [G in Guard]: (db: Executor, periodId: string) => Promise<GuardFacts[G]> } = {
  participants: participantCount,
  categoriesWithoutQuestionnaire,
  answered: hasAnswers,
  openAppeals: openAppealsOf,
};

async function check<G extends Guard>(db: Executor, guard: G, period: Period): Promise<void> {
  const problem = refusal(guard, await FACTS[guard](db, period.id), period.stage);
  if (problem) throw problem;
}

/**
 * One step along the period's stage path (lifecycle.planTransition): the period is locked, its
 * guards checked, then the participants moved, the stage written, audited and the period rescored.
 */
export async function transitionPeriod(work: Work, ids: PeriodIds, input: Transition) {
  const { tx } = work;
  const period = await loadPeriod(tx, work.ctx, ids.periodId, { forUpdate: true });
  work.ifMatch(period.version);
  const plan = planTransition(period, input.to, input.reason?.trim() || work.reason);
  for (const guard of plan.guards) await check(tx, guard, period);

  const tally = { markedNotSubmitted: 0, reopened: 0 };
  for (const move of plan.statusMoves) {
    tally[move.tally] += await moveParticipantStatus(tx, period.id, move.from, move.to);
  }
  const updated = await updatePeriodRow(tx, period.id, { stage: plan.to, updatedAt: new Date(), version: period.version + 1 });
  const { markedNotSubmitted, reopened } = tally;
  await work.audit({
    action: plan.action,
    entityType: 'period',
    entityId: period.id,
    before: { stage: plan.from },
    after: { stage: plan.to, ...(markedNotSubmitted ? { markedNotSubmitted } : {}), ...(reopened ? { reopened } : {}) },
    reason: plan.reason,
  });
  work.emit('period.stage_changed', {
    periodId: period.id, year: period.year, stage: plan.to, previousStage: plan.from, direction: plan.direction,
    // participants the step moved: no submission event is sent for each of them
    markedNotSubmitted, reopened,
  });
  const { count: rescored } = plan.rescore ? await rescorePeriod(tx, period.id) : { count: 0 };
  return {
    period: toPeriodDto(updated, await participantCount(tx, period.id)),
    from: plan.from, to: plan.to, direction: plan.direction, markedNotSubmitted, reopened, rescored,
  };
}

