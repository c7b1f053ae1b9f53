// Periods: creation and settings (scoring settings validated by the scoring module, editable only in
// draft), and the stage machine of API.md driven by POST .../transitions.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { participants, periods } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, isInt4, page } from '../../http/pagination.ts';
import { invalid, Problem, wrongStage } from '../../http/problems.ts';
import { validatePeriodScoring, type PeriodScoring } from '../../scoring/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { rescorePeriod } from '../scores/materialize.ts';
import type { PeriodCreate, PeriodUpdate, Transition } from './periods.schemas.ts';
import {
  categoriesWithoutQuestionnaire, hasAnswers, listPeriodRows, loadPeriod, participantCount, scoringOf, type Period,
} from './periods.repo.ts';
import { assertStage, stagePath, type Stage, type StagedPeriod } from './stage.ts';

const SCORING_KEYS = ['stages', 'presentationAspects', 'advancement', 'bands', 'nonSubmitters'] as const;

export function pathOf(period: Period): Stage[] {
  return stagePath(period as unknown as StagedPeriod);
}

export function toPeriodDto(period: Period, participantCount: number) {
  const path = pathOf(period);
  const next = path[path.indexOf(period.stage) + 1] ?? null;
  return {
    id: period.id,
    year: period.year,
    title: period.title,
    stage: period.stage,
    stagePath: path,
    nextStage: next,
    ...scoringOf(period),
    appeal: period.hasAppeal,
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
    throw invalid('The scoring settings are not valid', result.errors.map((e) => ({ path: e.path ? `body.${e.path}` : 'body', message: e.message })));
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
    throw new Problem('validation_failed', 'The cursor is not valid', { errors: [{ path: 'querystring.cursor', message: 'is not valid' }] });
  }
  const rows = await listPeriodRows(db, c.commissionId, { year: query.year, stage: query.stage, after: cursor, limit: limit + 1 });
  const p = page(rows, limit, (r) => [r.period.year, r.period.id]);
  return { items: p.items.map((r) => toPeriodDto(r.period, r.participantCount)), nextCursor: p.nextCursor };
}

export async function getPeriod(db: Db, c: RequestContext, periodId: string): Promise<PeriodDto> {
  const period = await loadPeriod(db, c, periodId);
  return toPeriodDto(period, await participantCount(db, period.id));
}

export async function createPeriod(db: Db, c: RequestContext, input: PeriodCreate): Promise<PeriodDto> {
  const scoring = validScoring(pickScoring(input));
  return db.transaction(async (tx) => {
    const [period] = await tx.insert(periods).values({
      commissionId: c.commissionId,
      year: input.year,
      title: input.title.trim(),
      ...scoring,
      hasAppeal: input.appeal ?? false,
      deadlines: input.deadlines ?? {},
      ...(input.evidenceMaxBytes !== undefined ? { evidenceMaxBytes: input.evidenceMaxBytes } : {}),
      ...(input.jurorDeviationThreshold !== undefined ? { jurorDeviationThreshold: String(input.jurorDeviationThreshold) } : {}),
    }).returning();
    await recordAudit(tx, c, { action: 'period.create', entityType: 'period', entityId: period.id, after: auditable(period) });
    return toPeriodDto(period, 0);
  });
}

/**
 * Title, deadlines, evidence size limit and juror deviation threshold change in any stage but
 * `closed`; year, appeal and the scoring settings only in `draft` (they decide how answers score).
 */
export async function updatePeriod(db: Db, c: RequestContext, periodId: string, input: PeriodUpdate, checkVersion: (v: number) => void): Promise<PeriodDto> {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
    checkVersion(period.version);
    const scoringPatch = pickScoring(input);
    const draftOnly = [...Object.keys(scoringPatch), ...(input.year !== undefined ? ['year'] : []), ...(input.appeal !== undefined ? ['appeal'] : [])];
    if (draftOnly.length > 0) assertStage(period, ['draft'], `Changing ${draftOnly.join(', ')}`);
    else if (period.stage === 'closed') throw wrongStage(period.stage, 'A closed period is read-only');
    const scoring = Object.keys(scoringPatch).length > 0 ? validScoring({ ...scoringOf(period), ...scoringPatch }) : null;
    const [updated] = await tx.update(periods).set({
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.year !== undefined ? { year: input.year } : {}),
      ...(scoring ?? {}),
      ...(input.appeal !== undefined ? { hasAppeal: input.appeal } : {}),
      ...(input.deadlines !== undefined ? { deadlines: input.deadlines } : {}),
      ...(input.evidenceMaxBytes !== undefined ? { evidenceMaxBytes: input.evidenceMaxBytes } : {}),
      ...(input.jurorDeviationThreshold !== undefined ? { jurorDeviationThreshold: String(input.jurorDeviationThreshold) } : {}),
      updatedAt: new Date(),
      version: period.version + 1,
    }).where(eq(periods.id, period.id)).returning();
    await recordAudit(tx, c, { action: 'period.update', entityType: 'period', entityId: period.id, before: auditable(period), after: auditable(updated) });
    if (scoring) await rescorePeriod(tx, period.id);
    return toPeriodDto(updated, await participantCount(tx, period.id));
  });
}

/**
 * One step along the period's stage path. Forward: only the next stage. Back: only the previous
 * stage, with a mandatory reason (body `reason` or X-Audit-Reason), audited like every transition.
 */
export async function transitionPeriod(db: Db, c: RequestContext, periodId: string, input: Transition, checkVersion: (v: number) => void = () => {}) {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
    checkVersion(period.version);
    const path = pathOf(period);
    const from = period.stage;
    const i = path.indexOf(from);
    const j = path.indexOf(input.to);
    const pathText = path.join(' → ');
    if (j < 0) throw wrongStage(from, `This period has no stage "${input.to}" (its stages: ${pathText})`);
    if (j === i) throw wrongStage(from, `The period is already in stage "${from}"`);
    if (j > i + 1) throw wrongStage(from, `The next stage is "${path[i + 1]}"; stages cannot be skipped (${pathText})`);
    if (j < i - 1) throw wrongStage(from, `Move back one stage at a time; the previous stage is "${path[i - 1]}"`);
    const direction = j > i ? 'forward' as const : 'back' as const;
    const reason = input.reason?.trim() || c.reason;
    if (direction === 'back' && !reason) {
      throw new Problem('reason_required', `Moving the period back from "${from}" to "${input.to}" needs a reason (send "reason" or the X-Audit-Reason header)`);
    }

    if (direction === 'forward' && from === 'draft') {
      const enrolled = await participantCount(tx, period.id);
      if (enrolled === 0) throw wrongStage(from, 'Opening the SAQ needs at least one participant; enrol bodies first');
      const missing = await categoriesWithoutQuestionnaire(tx, period.id);
      if (missing.length > 0) {
        throw new Problem('wrong_stage', `Opening the SAQ needs a questionnaire for every participant's category; missing for ${missing.map((m) => m.code).join(', ')} (the period is in stage "draft")`, {
          extra: { stage: from, missingCategories: missing },
          errors: missing.map((m) => ({ path: `categories.${m.code}`, message: `category "${m.name}" has participants but no questionnaire` })),
        });
      }
    }
    if (direction === 'back' && input.to === 'draft') {
      if (await hasAnswers(tx, period.id)) throw wrongStage(from, 'Bodies have already answered; the period cannot go back to draft (questionnaires would change under their answers)');
    }

    let markedNotSubmitted = 0;
    let reopened = 0;
    if (direction === 'forward' && from === 'saq') {
      const marked = await tx.update(participants).set({ status: 'not_submitted', updatedAt: new Date() })
        .where(and(eq(participants.periodId, period.id), eq(participants.status, 'enrolled')))
        .returning({ id: participants.id });
      markedNotSubmitted = marked.length;
    }
    if (direction === 'back' && input.to === 'saq') {
      const back = await tx.update(participants).set({ status: 'enrolled', updatedAt: new Date() })
        .where(and(eq(participants.periodId, period.id), eq(participants.status, 'not_submitted')))
        .returning({ id: participants.id });
      reopened = back.length;
    }

    const [updated] = await tx.update(periods).set({ stage: input.to, updatedAt: new Date(), version: period.version + 1 })
      .where(eq(periods.id, period.id)).returning();
    await recordAudit(tx, { ...c, reason: reason ?? null }, {
      action: direction === 'forward' ? 'period.transition' : 'period.transition_back',
      entityType: 'period',
      entityId: period.id,
      before: { stage: from },
      after: { stage: input.to, ...(markedNotSubmitted ? { markedNotSubmitted } : {}), ...(reopened ? { reopened } : {}) },
    });
    const { count: rescored } = await rescorePeriod(tx, period.id);
    return {
      period: toPeriodDto(updated, await participantCount(tx, period.id)),
      from, to: input.to, direction, markedNotSubmitted, reopened, rescored,
    };
  });
}

