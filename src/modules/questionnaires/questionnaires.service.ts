// Questionnaires of a period: created from scratch, from a preset or by copying one of the
// commission's earlier ones; validated by the scoring rules; editable only while the period is draft.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { validateQuestionnaire, type Questionnaire } from '../../scoring/index.ts';
import { getPreset, listPresets } from '../../scoring/presets.ts';
import { loadPeriod, type Period } from '../periods/index.ts';
import { assertStage } from '../periods/index.ts';
import { rescorePeriod } from '../scores/materialize.ts';
import {
  categoriesUsedElsewhere, categoryIdsOf, codeTaken, commissionCategoryIds, deleteQuestionnaireRow, findCommissionQuestionnaire,
  findQuestionnaire, insertQuestionnaire, linkCategoryRows, listQuestionnaireRows, unlinkCategories, updateQuestionnaire,
  type QuestionnaireRow as Row,
} from './questionnaires.repo.ts';
import type { QuestionnaireCreate, QuestionnaireReplace } from './questionnaires.schemas.ts';
import { joined, t } from '../../i18n/message.ts';

function counts(q: Questionnaire) {
  return { indicatorCount: q.indicators.length, questionCount: q.indicators.reduce((n, i) => n + i.questions.length, 0) };
}

function summary(row: Row, categoryIds: string[]) {
  const definition = row.definition;
  return {
    id: row.id, periodId: row.periodId, code: row.code, title: row.title, categoryIds,
    ...counts(definition),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
  };
}

function full(row: Row, categoryIds: string[]) {
  return { ...summary(row, categoryIds), indicators: (row.definition).indicators };
}

export function presets() {
  return listPresets().map((p) => ({ ...p, ...counts(p.questionnaire) }));
}

function validated(input: unknown): Questionnaire {
  const result = validateQuestionnaire(input);
  if (!result.ok) {
    throw invalid(t`The questionnaire is not valid`, result.errors.map((e) => ({ path: e.path ? `body.${e.path}` : 'body', message: e.message })));
  }
  return result.value;
}

async function categoryIdsOfOne(db: Executor, questionnaireId: string): Promise<string[]> {
  return (await categoryIdsOf(db, [questionnaireId])).get(questionnaireId) ?? [];
}

/** Checks the categories (my commission, not used by another questionnaire of the period) and links them. */
async function linkCategories(tx: Executor, c: RequestContext, period: Period, questionnaireId: string, categoryIds: string[]) {
  await unlinkCategories(tx, questionnaireId);
  if (categoryIds.length === 0) return;
  const knownIds = await commissionCategoryIds(tx, c.commissionId, categoryIds);
  const unknown = categoryIds.filter((id) => !knownIds.has(id));
  if (unknown.length > 0) {
    throw invalid(t`Some categories do not exist`, unknown.map((id) => ({ path: `body.categoryIds[${categoryIds.indexOf(id)}]`, message: t`category ${id} not found` })));
  }
  const taken = await categoriesUsedElsewhere(tx, period.id, categoryIds, questionnaireId);
  if (taken.length > 0) {
    throw new Problem('conflict', t`A category uses one questionnaire per period: ${joined(taken.map((u) => t`${u.categoryCode} already uses ${u.questionnaireCode}`))}`, {
      errors: taken.map((u) => ({ path: `body.categoryIds[${categoryIds.indexOf(u.categoryId)}]`, message: t`already uses questionnaire "${u.questionnaireCode}"` })),
    });
  }
  await linkCategoryRows(tx, period.id, questionnaireId, categoryIds);
}

async function assertCodeFree(tx: Executor, periodId: string, code: string, except: string | null) {
  if (await codeTaken(tx, periodId, code, except)) throw new Problem('conflict', t`The period already has a questionnaire with code "${code}"`, { errors: [{ path: 'body.code', message: t`is already used in this period` }] });
}

async function loadQuestionnaire(db: Executor, period: Period, questionnaireId: string, forUpdate = false): Promise<Row> {
  const row = await findQuestionnaire(db, period.id, questionnaireId, { forUpdate });
  if (!row) throw notFound(t`Questionnaire`);
  return row;
}

export async function listQuestionnaires(db: Db, c: RequestContext, periodId: string, query: { categoryId?: string; limit?: number; cursor?: string }) {
  const period = await loadPeriod(db, c, periodId);
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 1) as [string] | null;
  const rows = await listQuestionnaireRows(db, period.id, { categoryId: query.categoryId, afterCode: cursor ? cursor[0] : undefined, limit: limit + 1 });
  const p = page(rows, limit, (r) => [r.code]);
  const cats = await categoryIdsOf(db, p.items.map((r) => r.id));
  return { items: p.items.map((r) => summary(r, cats.get(r.id) ?? [])), nextCursor: p.nextCursor };
}

export async function getQuestionnaire(db: Db, c: RequestContext, periodId: string, questionnaireId: string) {
  const period = await loadPeriod(db, c, periodId);
  const row = await loadQuestionnaire(db, period, questionnaireId);
  return full(row, await categoryIdsOfOne(db, row.id));
}

/** The definition a create request asks for, before validation. */
async function sourceOf(tx: Executor, c: RequestContext, input: QuestionnaireCreate): Promise<unknown> {
  const sources = [input.indicators !== undefined, input.preset !== undefined, input.copyFrom !== undefined].filter(Boolean).length;
  if (sources !== 1) {
    throw invalid(t`Send exactly one source: a full questionnaire (code, title, indicators), "preset", or "copyFrom"`, [
      { path: 'body', message: sources === 0 ? t`has no questionnaire source` : t`has more than one questionnaire source` },
    ]);
  }
  const override = { ...(input.code !== undefined ? { code: input.code } : {}), ...(input.title !== undefined ? { title: input.title } : {}) };
  if (input.preset !== undefined) {
    const preset = getPreset(input.preset);
    if (!preset) {
      throw invalid(t`Unknown preset "${input.preset}"`, [{ path: 'body.preset', message: t`must be one of ${listPresets().map((p) => p.code).join(', ')}` }]);
    }
    return { ...preset.questionnaire, ...override };
  }
  if (input.copyFrom !== undefined) {
    const source = await findCommissionQuestionnaire(tx, c.commissionId, input.copyFrom);
    if (!source) throw invalid(t`The questionnaire to copy does not exist`, [{ path: 'body.copyFrom', message: t`questionnaire not found in my commission` }]);
    return { ...source.definition, ...override };
  }
  return { code: input.code, title: input.title, indicators: input.indicators };
}

export async function createQuestionnaire(work: Work, periodId: string, input: QuestionnaireCreate) {
  const { tx, ctx: c } = work;
  const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
  assertStage(period, ['draft'], t`Creating a questionnaire`);
  const definition = validated(await sourceOf(tx, c, input));
  await assertCodeFree(tx, period.id, definition.code, null);
  const row = await insertQuestionnaire(tx, {
    commissionId: c.commissionId, periodId: period.id, code: definition.code, title: definition.title, definition,
  });
  const categoryIds = input.categoryIds ?? [];
  await linkCategories(tx, c, period, row.id, categoryIds);
  await work.audit({
    action: 'questionnaire.create', entityType: 'questionnaire', entityId: row.id,
    after: { periodId: period.id, code: row.code, title: row.title, categoryIds, source: input.preset ? { preset: input.preset } : input.copyFrom ? { copyFrom: input.copyFrom } : 'definition', ...counts(definition) },
  });
  // enrolled participants of these categories now have (another) questionnaire to be scored on
  await rescorePeriod(tx, period.id);
  return full(row, await categoryIdsOfOne(tx, row.id));
}

/** The two path parameters that name a questionnaire. */
export interface QuestionnaireIds { periodId: string; questionnaireId: string }

export async function replaceQuestionnaire(work: Work, ids: QuestionnaireIds, input: QuestionnaireReplace) {
  const { tx, ctx: c } = work;
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  const before = await loadQuestionnaire(tx, period, ids.questionnaireId, true);
  work.ifMatch(before.version);
  assertStage(period, ['draft'], t`Changing a questionnaire`);
  const definition = validated({ code: input.code, title: input.title, indicators: input.indicators });
  await assertCodeFree(tx, period.id, definition.code, before.id);
  const beforeCats = await categoryIdsOfOne(tx, before.id);
  const row = await updateQuestionnaire(tx, before.id, {
    code: definition.code, title: definition.title, definition, updatedAt: new Date(), version: before.version + 1,
  });
  await linkCategories(tx, c, period, row.id, input.categoryIds);
  const afterCats = await categoryIdsOfOne(tx, row.id);
  await work.audit({
    action: 'questionnaire.update', entityType: 'questionnaire', entityId: row.id,
    before: { code: before.code, title: before.title, definition: before.definition, categoryIds: beforeCats },
    after: { code: row.code, title: row.title, definition: row.definition, categoryIds: afterCats },
  });
  await rescorePeriod(tx, period.id);
  return full(row, afterCats);
}

export async function deleteQuestionnaire(work: Work, ids: QuestionnaireIds) {
  const { tx, ctx: c } = work;
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  const row = await loadQuestionnaire(tx, period, ids.questionnaireId, true);
  work.ifMatch(row.version);
  assertStage(period, ['draft'], t`Deleting a questionnaire`);
  const cats = await categoryIdsOfOne(tx, row.id);
  await deleteQuestionnaireRow(tx, row.id);
  await work.audit({
    action: 'questionnaire.delete', entityType: 'questionnaire', entityId: row.id,
    before: { periodId: period.id, code: row.code, title: row.title, categoryIds: cats },
  });
  await rescorePeriod(tx, period.id);
}
