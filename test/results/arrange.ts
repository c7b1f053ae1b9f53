// Arranging a scored period directly in the database (questionnaire, participants, answers,
// verifications, visitation and juror scores), then materialising the scores with the workflow's
// own rescorePeriod, so the results module reads exactly what the live pipeline writes.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import {
  answers, assignments, bodies, categories, participants, periods, presentationScores, questionnaireCategories, questionnaires, users,
  verifications,
} from '../../src/db/schema.ts';
import { rescorePeriod } from '../../src/modules/scores/materialize.ts';
import { presentationScore, DEFAULT_BANDS, type Advancement, type AnswerValue, type PeriodScoring, type Questionnaire } from '../../src/scoring/index.ts';

/**
 * Two indicators: A (60) with two yes/no questions, B (40) with a choice and a 4-item checklist.
 * SAQ = 0.6 · 100 · (q1 + q2) / 2 + 0.4 · 100 · (q3 + q4) / 2.
 */
export const QUESTIONNAIRE: Questionnaire = {
  code: 'SAQ-TEST',
  title: 'SAQ uji',
  indicators: [
    {
      code: 'A', name: 'Jenis Informasi', weight: 60,
      questions: [
        { code: 'q1', text: 'DIP dimutakhirkan?', weight: 1, type: 'yes_no', evidence: 'none' },
        { code: 'q2', text: 'SOP PPID ditetapkan?', weight: 1, type: 'yes_no', evidence: 'none' },
      ],
    },
    {
      code: 'B', name: 'Digitalisasi', weight: 40,
      questions: [
        {
          code: 'q3', text: 'Laporan layanan', weight: 1, type: 'choice', evidence: 'none',
          options: [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'half', label: 'Sebagian', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
        },
        {
          code: 'q4', text: 'Kanal layanan', weight: 1, type: 'checklist', evidence: 'none',
          items: [{ value: 'web', label: 'Website' }, { value: 'app', label: 'Aplikasi' }, { value: 'desk', label: 'Meja' }, { value: 'wa', label: 'WA' }],
        },
      ],
    },
  ],
};

export const ALL: Record<string, AnswerValue> = { q1: true, q2: true, q3: 'full', q4: ['web', 'app', 'desk', 'wa'] };
export const HALF: Record<string, AnswerValue> = { q1: true, q2: false, q3: 'half', q4: ['web', 'app'] };
export const A_ONLY: Record<string, AnswerValue> = { q1: true, q2: true, q3: 'none', q4: [] };

export interface BodySpec {
  name: string;
  /** index into the categories of the period spec (default 0) */
  category?: number;
  status?: 'enrolled' | 'submitted' | 'not_submitted';
  answers?: Record<string, AnswerValue>;
  /** verified = answers accepted, unless overridden per question */
  verified?: Record<string, AnswerValue> | 'none';
  visitation?: number;
  /** aspect scores per juror index */
  presentation?: { juror: number; aspects: Record<string, number> }[];
}

export interface PeriodSpec {
  commissionId: string;
  year?: number;
  stage: typeof periods.$inferInsert['stage'];
  stages: PeriodScoring['stages'];
  presentationAspects?: Record<string, number>;
  advancement?: Advancement;
  nonSubmitters?: 'not_scored' | 'tidak_informatif';
  jurorDeviationThreshold?: string;
  /** categories to create (code, name); bodies refer to them by index */
  categories: { code: string; name: string }[];
  bodies: BodySpec[];
  jurors?: number;
}

export interface Arranged {
  periodId: string;
  categoryIds: string[];
  /** by body name */
  bodyIds: Record<string, string>;
  participantIds: Record<string, string>;
  jurorIds: string[];
}

export async function arrangePeriod(db: Db, spec: PeriodSpec): Promise<Arranged> {
  const suffix = randomBytes(3).toString('hex');
  const [period] = await db.insert(periods).values({
    commissionId: spec.commissionId,
    year: spec.year ?? 2025,
    title: `Monev KIP ${spec.year ?? 2025} ${suffix}`,
    stage: spec.stage,
    stages: spec.stages,
    presentationAspects: spec.presentationAspects ?? {},
    advancement: spec.advancement ?? { rule: 'none' },
    bands: DEFAULT_BANDS,
    nonSubmitters: spec.nonSubmitters ?? 'not_scored',
    jurorDeviationThreshold: spec.jurorDeviationThreshold ?? '15',
  }).returning();
  const categoryIds: string[] = [];
  for (const c of spec.categories) {
    const [existing] = await db.select().from(categories).where(eq(categories.code, `${c.code}-${suffix}`));
    const [row] = existing ? [existing] : await db.insert(categories).values({ commissionId: spec.commissionId, code: `${c.code}-${suffix}`, name: c.name }).returning();
    categoryIds.push(row.id);
  }
  const [questionnaire] = await db.insert(questionnaires).values({
    commissionId: spec.commissionId, periodId: period.id, code: QUESTIONNAIRE.code, title: QUESTIONNAIRE.title, definition: QUESTIONNAIRE,
  }).returning();
  await db.insert(questionnaireCategories).values(categoryIds.map((categoryId) => ({ questionnaireId: questionnaire.id, periodId: period.id, categoryId })));

  const jurorIds: string[] = [];
  for (let i = 0; i < (spec.jurors ?? 0); i++) {
    const [juror] = await db.insert(users).values({
      commissionId: spec.commissionId, username: `juri-${i + 1}-${suffix}`, displayName: `Juri ${i + 1}`, role: 'juror', passwordHash: 'x',
    }).returning();
    jurorIds.push(juror.id);
  }

  const bodyIds: Record<string, string> = {};
  const participantIds: Record<string, string> = {};
  const aspectWeights = spec.presentationAspects ?? {};
  for (const b of spec.bodies) {
    const categoryId = categoryIds[b.category ?? 0];
    const [body] = await db.insert(bodies).values({
      commissionId: spec.commissionId, categoryId, name: b.name, searchName: `${b.name.toLowerCase()} ${suffix}`,
    }).returning();
    bodyIds[b.name] = body.id;
    const status = b.status ?? 'submitted';
    const [participant] = await db.insert(participants).values({
      commissionId: spec.commissionId, periodId: period.id, bodyId: body.id, categoryId, status,
      submittedAt: status === 'submitted' ? new Date() : null,
      visitationScore: b.visitation === undefined ? null : String(b.visitation),
    }).returning();
    participantIds[b.name] = participant.id;
    const given = b.answers ?? {};
    if (Object.keys(given).length) {
      await db.insert(answers).values(Object.entries(given).map(([questionCode, value]) => ({ participantId: participant.id, questionCode, value })));
    }
    if (b.verified !== 'none' && status === 'submitted') {
      const adjusted = b.verified ?? {};
      const codes = new Set([...Object.keys(given), ...Object.keys(adjusted)]);
      if (codes.size) {
        await db.insert(verifications).values([...codes].map((questionCode) => (
          questionCode in adjusted
            ? { participantId: participant.id, questionCode, decision: 'adjust' as const, value: adjusted[questionCode], note: 'koreksi' }
            : { participantId: participant.id, questionCode, decision: 'accept' as const }
        )));
      }
    }
    for (const juror of jurorIds) {
      await db.insert(assignments).values({ participantId: participant.id, userId: juror, role: 'juror' });
    }
    for (const p of b.presentation ?? []) {
      const score = presentationScore(aspectWeights, [p.aspects]);
      await db.insert(presentationScores).values({ participantId: participant.id, jurorId: jurorIds[p.juror], aspects: p.aspects, score: score!.toString() });
    }
  }
  await db.transaction(async (tx) => {
    await rescorePeriod(tx, period.id);
  });
  return { periodId: period.id, categoryIds, bodyIds, participantIds, jurorIds };
}

/** Moves a period to a stage directly (the transition rules are the setup module's, tested there). */
export async function setStage(db: Db, periodId: string, stage: typeof periods.$inferInsert['stage']) {
  await db.update(periods).set({ stage }).where(eq(periods.id, periodId));
  await db.transaction(async (tx) => {
    await rescorePeriod(tx, periodId);
  });
}

/** Changes a visitation score directly and rescores (what the workflow's PUT visitation does). */
export async function setVisitation(db: Db, participantId: string, score: number) {
  const [row] = await db.update(participants).set({ visitationScore: String(score) }).where(eq(participants.id, participantId)).returning();
  await db.transaction(async (tx) => {
    await rescorePeriod(tx, row.periodId);
  });
}
