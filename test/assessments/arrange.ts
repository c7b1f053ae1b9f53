// Direct database arrangement for materialisation tests and benchmarks: a period with a
// questionnaire and participants, written as the setup routes would leave them.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { bodies, participants, periods, questionnaireCategories, questionnaires } from '../../src/db/schema.ts';
import type { Advancement, PeriodScoring, Questionnaire } from '../../src/scoring/index.ts';

export const SMALL_QUESTIONNAIRE: Questionnaire = {
  code: 'SAQ-T',
  title: 'SAQ test',
  indicators: [
    {
      code: 'JI', name: 'Jenis Informasi', weight: 60,
      questions: [
        { code: '1.1', text: 'DIP dimutakhirkan?', weight: 2, type: 'yes_no', evidence: 'required' },
        {
          code: '1.2', text: 'Laporan layanan', weight: 1, type: 'choice', evidence: 'optional',
          options: [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'late', label: 'Terlambat', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
        },
      ],
    },
    {
      code: 'PI', name: 'Pelayanan Informasi', weight: 40,
      questions: [
        {
          code: '2.1', text: 'Kanal layanan', weight: 1, type: 'checklist', evidence: 'none',
          items: [{ value: 'web', label: 'Website' }, { value: 'app', label: 'Aplikasi' }, { value: 'desk', label: 'Meja' }],
        },
      ],
    },
  ],
};

export interface ArrangedPeriod { periodId: string; questionnaireId: string }

export async function arrangePeriod(db: Db, commissionId: string, categoryIds: string[], options: {
  questionnaire?: Questionnaire;
  stage?: typeof periods.$inferInsert['stage'];
  stages?: PeriodScoring['stages'];
  presentationAspects?: Record<string, number>;
  advancement?: Advancement;
  hasAppeal?: boolean;
  nonSubmitters?: 'not_scored' | 'tidak_informatif';
  evidenceMaxBytes?: number;
} = {}): Promise<ArrangedPeriod> {
  const [period] = await db.insert(periods).values({
    commissionId, year: 2025, title: `Monev ${randomBytes(2).toString('hex')}`,
    stage: options.stage ?? 'saq',
    stages: options.stages ?? { saq: 100 },
    presentationAspects: options.presentationAspects ?? {},
    advancement: options.advancement ?? { rule: 'none' },
    bands: [
      { code: 'informatif', label: 'Informatif', min: 90 },
      { code: 'menuju_informatif', label: 'Menuju Informatif', min: 80 },
      { code: 'cukup_informatif', label: 'Cukup Informatif', min: 60 },
      { code: 'kurang_informatif', label: 'Kurang Informatif', min: 40 },
      { code: 'tidak_informatif', label: 'Tidak Informatif', min: 0 },
    ],
    nonSubmitters: options.nonSubmitters ?? 'not_scored',
    hasAppeal: options.hasAppeal ?? false,
    ...(options.evidenceMaxBytes ? { evidenceMaxBytes: options.evidenceMaxBytes } : {}),
  }).returning();
  const q = options.questionnaire ?? SMALL_QUESTIONNAIRE;
  const [questionnaire] = await db.insert(questionnaires).values({ commissionId, periodId: period.id, code: q.code, title: q.title, definition: q }).returning();
  if (categoryIds.length) {
    await db.insert(questionnaireCategories).values(categoryIds.map((categoryId) => ({ questionnaireId: questionnaire.id, periodId: period.id, categoryId })));
  }
  return { periodId: period.id, questionnaireId: questionnaire.id };
}

export async function enrol(db: Db, commissionId: string, periodId: string, bodyId: string, categoryId: string): Promise<string> {
  const [p] = await db.insert(participants).values({ commissionId, periodId, bodyId, categoryId }).returning();
  return p.id;
}

export async function addBody(db: Db, commissionId: string, categoryId: string, name?: string): Promise<string> {
  const n = name ?? `Badan ${randomBytes(4).toString('hex')}`;
  const [b] = await db.insert(bodies).values({ commissionId, categoryId, name: n, searchName: n.toLowerCase() }).returning();
  return b.id;
}
