// Direct database arrangement for the materialisation tests: a period in any stage with a
// questionnaire, and participants enrolled in it, written as the setup routes would leave them but
// not yet scored. The API cannot leave that state: every write through it rescores at once, and it
// enrols late bodies only while the SAQ is open; these tests call the materialiser themselves.
// Bodies and users come from the API (test/helpers/fixtures.ts).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { participants, periods, questionnaireCategories, questionnaires } from '../../src/db/schema.ts';
import type { Advancement, PeriodScoring, Questionnaire } from '../../src/scoring/index.ts';
import { THREE_QUESTIONS } from '../helpers/questionnaires.ts';

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
  const period = (await db.insert(periods).values({
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
  }).returning())[0]!;
  const q = options.questionnaire ?? THREE_QUESTIONS;
  const questionnaire = (await db.insert(questionnaires).values({ commissionId, periodId: period.id, code: q.code, title: q.title, definition: q }).returning())[0]!;
  if (categoryIds.length) {
    await db.insert(questionnaireCategories).values(categoryIds.map((categoryId) => ({ questionnaireId: questionnaire.id, periodId: period.id, categoryId })));
  }
  return { periodId: period.id, questionnaireId: questionnaire.id };
}

export async function enrol(db: Db, commissionId: string, periodId: string, bodyId: string, categoryId: string): Promise<string> {
  const [p] = await db.insert(participants).values({ commissionId, periodId, bodyId, categoryId }).returning();
  return p!.id;
}
