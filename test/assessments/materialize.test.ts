// Score materialisation (src/modules/scores/materialize.ts) on a real database: advancement rules,
// non-submitters, writes only when something changed, the rankings ETag, and inputs that recompute
// to the stored numbers.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, participants, periods, presentationScores, questionnaireCategories, verifications } from '../../src/db/schema.ts';
import { loadParticipantInputs } from '../../src/modules/scores/inputs.repo.ts';
import { rescoreParticipant, rescorePeriod } from '../../src/modules/scores/materialize.ts';
import { round2, scoreParticipant, type AnswerValue } from '../../src/scoring/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createBody, createTenant, type Tenant } from '../helpers/fixtures.ts';
import { THREE_ANSWERS } from '../helpers/questionnaires.ts';
import { arrangePeriod, enrol } from './arrange.ts';

let t: TestApp;
let tenant: Tenant;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app);
  admin = client(t.app, tenant.users.admin.token);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const db = () => t.database.db;

/** A submitted participant whose every answer is verified as given (THREE_QUESTIONS, test/helpers/questionnaires.ts). */
async function participantWith(periodId: string, categoryId: string, values: Record<string, AnswerValue>, options: { status?: 'enrolled' | 'submitted' | 'not_submitted'; verify?: boolean } = {}) {
  const bodyId = await createBody(admin, categoryId);
  const id = await enrol(db(), tenant.commissionId, periodId, bodyId, categoryId);
  await db().update(participants).set({ status: options.status ?? 'submitted' }).where(eq(participants.id, id));
  const entries = Object.entries(values);
  if (entries.length > 0) {
    await db().insert(answers).values(entries.map(([questionCode, value]) => ({ participantId: id, questionCode, value })));
    if (options.verify !== false) await db().insert(verifications).values(entries.map(([questionCode]) => ({ participantId: id, questionCode, decision: 'accept' as const })));
  }
  return id;
}

const NUMERIC = ['selfAssessedSaq', 'verifiedSaq', 'saqStageScore', 'visitationStageScore', 'presentationStageScore', 'finalScore'] as const;

/** The participants' rows, exact numeric columns without the trailing zeros of numeric(60,30). */
async function rows(ids: string[]) {
  const list = await db().select().from(participants).where(inArray(participants.id, ids));
  return new Map(list.map((p) => {
    const view = { ...p };
    for (const key of NUMERIC) {
      const v = p[key];
      view[key] = v === null ? null : v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    }
    return [p.id, view];
  }));
}

// THREE_QUESTIONS' answers: FULL 100, GOOD and GOOD_TOO 76.666…, POOR 33.333… (hand-computed there)
const { FULL, GOOD, GOOD_TOO, POOR } = THREE_ANSWERS;

describe('advancement', () => {
  it('top_per_category is pending until the verification closes, then takes the n best with ties at the cut', async () => {
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], {
      stage: 'verification', stages: { saq: 80, visitation: 20 }, advancement: { rule: 'top_per_category', n: 2 },
    });
    const best = await participantWith(periodId, tenant.categoryId, FULL);
    const tied1 = await participantWith(periodId, tenant.categoryId, GOOD);
    const tied2 = await participantWith(periodId, tenant.categoryId, GOOD_TOO);
    const poor = await participantWith(periodId, tenant.categoryId, POOR);
    const ids = [best, tied1, tied2, poor];

    expect((await rescorePeriod(db(), periodId)).count).toBe(4);
    let stored = await rows(ids);
    for (const id of ids) {
      expect(stored.get(id)).toMatchObject({ advanced: null, complete: false });
      expect(stored.get(id)!.finalScore).toBe(stored.get(id)!.verifiedSaq);
    }
    expect(stored.get(poor)).toMatchObject({ finalScoreRounded: '33.33', bandCode: 'tidak_informatif' });

    await db().update(periods).set({ stage: 'visitation' }).where(eq(periods.id, periodId));
    await rescorePeriod(db(), periodId);
    stored = await rows(ids);
    expect([best, tied1, tied2, poor].map((id) => stored.get(id)!.advanced)).toEqual([true, true, true, false]);
    expect(stored.get(poor)).toMatchObject({ complete: true, finalScoreRounded: '33.33' });
    expect(stored.get(tied1)).toMatchObject({ complete: false, finalScoreRounded: '76.67' });

    // past verification, one participant's rescore re-decides its category: the poor one overtakes both tied ones
    await db().update(verifications).set({ decision: 'adjust', value: ['web', 'app', 'desk'], note: 'x' })
      .where(and(eq(verifications.participantId, poor), eq(verifications.questionCode, '2.1')));
    await db().insert(answers).values({ participantId: poor, questionCode: '1.1', value: true });
    await db().insert(verifications).values({ participantId: poor, questionCode: '1.1', decision: 'accept' });
    await rescoreParticipant(db(), poor);
    stored = await rows(ids);
    expect([best, tied1, tied2, poor].map((id) => stored.get(id)!.advanced)).toEqual([true, false, false, true]);
    expect(stored.get(tied1)).toMatchObject({ complete: true, finalScoreRounded: '76.67' });
  });

  it('min_score compares the unrounded verified SAQ', async () => {
    // 76.666… rounds to 76.67 but stays below 76.67
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], {
      stage: 'verification', stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: '76.67' },
    });
    const below = await participantWith(periodId, tenant.categoryId, GOOD);
    const above = await participantWith(periodId, tenant.categoryId, FULL);
    await rescorePeriod(db(), periodId);
    const stored = await rows([below, above]);
    expect(stored.get(below)).toMatchObject({ advanced: false, complete: true, finalScoreRounded: '76.67' });
    expect(stored.get(above)).toMatchObject({ advanced: true, complete: false, finalScoreRounded: '100.00' });
  });
});

describe('non-submitters', () => {
  it('are listed without a score, or with 0 and the lowest band under tidak_informatif', async () => {
    for (const [nonSubmitters, final, band] of [['not_scored', null, null], ['tidak_informatif', '0.00', 'tidak_informatif']] as const) {
      const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], { stage: 'verification', nonSubmitters });
      const id = await participantWith(periodId, tenant.categoryId, GOOD, { status: 'not_submitted', verify: false });
      await rescorePeriod(db(), periodId);
      const p = (await rows([id])).get(id)!;
      expect(p).toMatchObject({ finalScoreRounded: final, bandCode: band, advanced: false });
      expect(p.selfAssessedSaq).toBe('76.666666666666666666666666666667');
    }
  });

  it('an enrolled body is scored live from its draft answers while the SAQ is open', async () => {
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], { stage: 'saq' });
    const id = await participantWith(periodId, tenant.categoryId, POOR, { status: 'enrolled', verify: false });
    await rescoreParticipant(db(), id);
    const p = (await rows([id])).get(id)!;
    expect(p).toMatchObject({ selfAssessedSaq: '33.333333333333333333333333333333', verifiedSaq: '0', decidedCount: 0, questionCount: 3 });
  });
});

describe('materialised rows', () => {
  it('store exact values, indicator scores, progress, and recompute from the loaded inputs', async () => {
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], {
      stage: 'presentation', stages: { saq: 70, visitation: 10, presentation: 20 }, presentationAspects: { a: 60, b: 40 },
    });
    const id = await participantWith(periodId, tenant.categoryId, GOOD);
    await db().update(participants).set({ visitationScore: '85.5' }).where(eq(participants.id, id));
    await db().insert(presentationScores).values([
      { participantId: id, jurorId: tenant.users.juror.id, aspects: { a: 80, b: 70 }, score: '76' },
      { participantId: id, jurorId: tenant.users.admin.id, aspects: { a: 90, b: 85 }, score: '88' },
    ]);
    await rescorePeriod(db(), periodId);
    const p = (await rows([id])).get(id)!;
    // 0.7·76.666… + 0.1·85.5 + 0.2·82 = 53.666… + 8.55 + 16.4 = 78.61666…
    expect(p).toMatchObject({
      verifiedSaq: '76.666666666666666666666666666667', visitationStageScore: '85.5', presentationStageScore: '82',
      finalScore: '78.616666666666666666666666666667', finalScoreRounded: '78.62', bandCode: 'cukup_informatif',
      complete: true, advanced: true, decidedCount: 3, questionCount: 3,
    });
    expect(p.indicatorScores).toEqual([
      { code: 'JI', name: 'Jenis Informasi', weight: '60', score: '83.333333333333333333333333333333', contribution: '50', selfScore: '83.333333333333333333333333333333' },
      { code: 'PI', name: 'Pelayanan Informasi', weight: '40', score: '66.666666666666666666666666666667', contribution: '26.666666666666666666666666666667', selfScore: '66.666666666666666666666666666667' },
    ]);

    const input = (await loadParticipantInputs(db(), periodId, [id])).get(id)!;
    expect(input).toMatchObject({ visitation: '85.5', advanced: true, submitted: true, verifiedAnswers: GOOD, selfAnswers: GOOD });
    expect(input.presentation).toHaveLength(2);
    const recomputed = scoreParticipant(input);
    expect(round2(recomputed.finalScore!).toFixed(2)).toBe(p.finalScoreRounded);
    expect(recomputed.band?.code).toBe(p.bandCode);
  });

  it('are written only when something changed, and only then move the rankings ETag', async () => {
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], { stage: 'verification' });
    const id = await participantWith(periodId, tenant.categoryId, POOR);
    expect((await rescorePeriod(db(), periodId)).count).toBe(1);
    const { scoresChangedAt: first } = (await db().select({ scoresChangedAt: periods.scoresChangedAt }).from(periods).where(eq(periods.id, periodId)))[0]!;
    const scoredAt = (await rows([id])).get(id)!.scoredAt;
    expect((await rescorePeriod(db(), periodId)).count).toBe(0);
    await rescoreParticipant(db(), id);
    const { scoresChangedAt: same } = (await db().select({ scoresChangedAt: periods.scoresChangedAt }).from(periods).where(eq(periods.id, periodId)))[0]!;
    expect(same.getTime()).toBe(first.getTime());
    expect((await rows([id])).get(id)!.scoredAt).toEqual(scoredAt);

    await db().update(verifications).set({ decision: 'adjust', value: 'none', note: 'x' })
      .where(and(eq(verifications.participantId, id), eq(verifications.questionCode, '1.2')));
    await rescoreParticipant(db(), id);
    const { scoresChangedAt: moved } = (await db().select({ scoresChangedAt: periods.scoresChangedAt }).from(periods).where(eq(periods.id, periodId)))[0]!;
    expect(moved.getTime()).toBeGreaterThan(first.getTime());
  });

  it('survive answers that no longer fit the questionnaire, and clear a participant without questionnaire', async () => {
    const { periodId } = await arrangePeriod(db(), tenant.commissionId, [tenant.categoryId], { stage: 'verification' });
    const id = await participantWith(periodId, tenant.categoryId, { '1.1': true });
    // a stored value the (since changed) question type no longer accepts, and an unknown question
    await db().insert(answers).values([{ participantId: id, questionCode: '1.2', value: 'sometimes' }, { participantId: id, questionCode: '7.7', value: true }]);
    await rescorePeriod(db(), periodId);
    expect((await rows([id])).get(id)).toMatchObject({ selfAssessedSaq: '40', verifiedSaq: '40' });

    const orphanCategory = expectStatus(await admin.post('/categories', { code: `X${Date.now()}`, name: 'Tanpa kuesioner' }), 201).json();
    const orphan = await participantWith(periodId, orphanCategory.id, {});
    await rescorePeriod(db(), periodId);
    expect((await rows([orphan])).get(orphan)).toMatchObject({ finalScore: null, bandCode: null, questionCount: 0 });
    expect((await loadParticipantInputs(db(), periodId)).has(orphan)).toBe(false);
    await db().delete(questionnaireCategories).where(eq(questionnaireCategories.periodId, periodId));
    await rescorePeriod(db(), periodId);
    expect((await rows([id])).get(id)).toMatchObject({ finalScore: null, indicatorScores: null });
  });
});
