// The stages of the demo period after draft: answers and submissions, verification, the appeal
// (masa sanggah), visitation, presentation and the plenary's adjustment. Bulk rows are written in
// one unit of work per stage; the appeal and the adjustment go through their services as the
// respondent, the assessor and the admin would through the API.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { answers, participants, presentationScores, verifications } from '../db/schema.ts';
import { ROLE_SCOPES, type Principal } from '../http/permissions.ts';
import { runWork, type Work, type WorkCaller } from '../http/unit-of-work.ts';
import { createAdjustment } from '../modules/adjustments/adjustments.service.ts';
import { fileAppeal, resolveAppeal } from '../modules/assessments/review.service.ts';
import type { Stage } from '../modules/periods/index.ts';
import { transitionPeriod } from '../modules/periods/periods.service.ts';
import { rescorePeriod } from '../modules/scores/materialize.ts';
import type { UserDto } from '../modules/users/users.service.ts';
import { presentationScore, type AnswerValue, type Questionnaire } from '../scoring/index.ts';
import { must } from '../must.ts';
import { answerFor, lowered, slug } from './demo-data.ts';

export const DEMO_STAGES = ['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

export interface DemoBody { id: string; name: string; category: string; quality: number; submits: boolean; respondent: UserDto | null }
export interface DemoPlan {
  db: Db; admin: Principal; commissionId: string; periodId: string; stage: DemoStage; rnd: () => number;
  bodies: DemoBody[]; assessorOf: (bodyId: string) => UserDto; jurors: UserDto[];
  presentationAspects: Parameters<typeof presentationScore>[0]; questionnaireOf: Map<string, Questionnaire>;
  participantOf: Map<string, { id: string; categoryId: string }>;
  /** the body whose respondent appeals an adjusted answer */
  appellant: DemoBody;
  log: (line: string) => void;
}

export const ADJUSTMENT_REASON = 'Kepala badan publik hadir langsung pada presentasi';

function asUser(user: UserDto, role: 'respondent' | 'assessor', commissionId: string): Principal {
  return { kind: 'user', id: user.id, username: user.username, role, commissionId, bodyId: user.bodyId ?? null, scopes: ROLE_SCOPES[role] };
}

export async function runDemoStages(plan: DemoPlan): Promise<void> {
  const { db, periodId, rnd, log } = plan;
  const as = (principal: Principal) => <T>(fn: (work: Work) => Promise<T>) => runWork(db, { principal, requestId: 'seed-demo', reason: null } satisfies WorkCaller, fn);
  const step = as(plan.admin);
  const reached = (s: DemoStage) => DEMO_STAGES.indexOf(plan.stage) >= DEMO_STAGES.indexOf(s);
  const move = async (to: Stage) => {
    await step((work) => transitionPeriod(work, { periodId }, { to }));
    log(`stage → ${to}`);
  };
  if (!reached('saq')) return;

  await move('saq');
  // the bodies that return the SAQ answer everything and submit; of the others, every second one
  // answered part of it and never submitted, the rest never started
  const selfAnswers = new Map<string, Map<string, AnswerValue>>();
  await step(async ({ tx }) => {
    let silent = 0;
    for (const [i, b] of plan.bodies.entries()) {
      const p = must(plan.participantOf.get(b.id), 'a participant of every body');
      if (!b.submits && silent++ % 2 === 1) continue;
      const q = must(plan.questionnaireOf.get(p.categoryId), 'a questionnaire of every category');
      const values = new Map<string, AnswerValue>();
      const answerRows = q.indicators.flatMap((ind) => ind.questions).filter((_, k) => b.submits || k % 2 === 0).map((question) => {
        const value = answerFor(question, b.quality, rnd);
        values.set(question.code, value);
        return {
          participantId: p.id, questionCode: question.code, value,
          evidence: question.evidence === 'none' ? [] : [{ url: `https://ppid.${slug(b.name)}.demo.kip-monev.id/bukti/${question.code}.pdf` }],
          updatedBy: plan.admin.id,
        };
      });
      await tx.insert(answers).values(answerRows);
      selfAnswers.set(p.id, values);
      if (b.submits) await tx.update(participants).set({ status: 'submitted', submittedAt: new Date(`2025-07-2${i % 9}T03:00:00Z`) }).where(eq(participants.id, p.id));
    }
    await rescorePeriod(tx, periodId);
  });
  log(`${selfAnswers.size} bodies answered, ${plan.bodies.filter((b) => b.submits).length} submitted`);
  if (!reached('verification')) return;

  await move('verification');
  const submitted = await db.select().from(participants).where(and(eq(participants.periodId, periodId), eq(participants.status, 'submitted')));
  const bodyOf = new Map(plan.bodies.map((b) => [b.id, b]));
  const verifyAll = reached('appeal');
  await step(async ({ tx }) => {
    for (const [i, p] of submitted.entries()) {
      if (!verifyAll && i % 2 === 1) continue;
      const q = must(plan.questionnaireOf.get(p.categoryId), 'a questionnaire');
      const values = must(selfAnswers.get(p.id), 'the answers of a submitted body');
      const assessor = plan.assessorOf(p.bodyId);
      const decisions = q.indicators.flatMap((ind) => ind.questions).map((question) => {
        const own = values.get(question.code);
        const adjust = own !== undefined && rnd() < 0.12;
        return adjust
          ? { participantId: p.id, questionCode: question.code, decision: 'adjust' as const, value: lowered(question, own), note: 'Bukti dukung tidak sesuai dengan jawaban', assessorId: assessor.id }
          : { participantId: p.id, questionCode: question.code, decision: 'accept' as const, value: null, note: null, assessorId: assessor.id };
      });
      await tx.insert(verifications).values(decisions);
    }
    await rescorePeriod(tx, periodId);
  });
  log(`${verifyAll ? 'all' : 'half of the'} submissions verified`);
  if (!reached('appeal')) return;

  await move('appeal');
  // the appellant's respondent contests one adjusted answer with a link; its assessor revises it
  // back to the body's own answer (left open when the demo stops at the appeal)
  const appellant = plan.appellant;
  const ids = { periodId, bodyId: appellant.id };
  const participantId = must(plan.participantOf.get(appellant.id), 'the appellant\'s participant').id;
  const [contested] = await db.select().from(verifications)
    .where(and(eq(verifications.participantId, participantId), eq(verifications.decision, 'adjust'))).orderBy(verifications.questionCode).limit(1);
  if (!contested) throw new Error(`the demo's appellant ${appellant.name} has no adjusted answer to appeal`);
  const appeal = await as(asUser(must(appellant.respondent ?? undefined, 'the appellant\'s respondent'), 'respondent', plan.commissionId))((work) => fileAppeal(work, ids, {
    question: contested.questionCode, reason: 'Dokumen sudah dipublikasikan di laman PPID sebelum batas waktu SAQ, lihat tautan',
    evidence: [{ url: `https://ppid.${slug(appellant.name)}.demo.kip-monev.id/sanggah/${contested.questionCode}` }],
  }));
  log(`appeal filed by ${appellant.name} on ${contested.questionCode}`);
  if (!reached('visitation')) return;
  const own = must(selfAnswers.get(participantId)?.get(contested.questionCode), 'the appellant\'s own answer');
  await as(asUser(plan.assessorOf(appellant.id), 'assessor', plan.commissionId))((work) => resolveAppeal(work, { ...ids, appealId: appeal.id }, {
    status: 'revised', note: 'Tautan menunjukkan dokumen terbit sebelum batas waktu; jawaban badan publik diterima', value: own,
  }));
  log('appeal resolved (revised)');

  await move('visitation');
  const advanced = async () => db.select().from(participants).where(and(eq(participants.periodId, periodId), eq(participants.advanced, true)));
  const visited = await advanced();
  await step(async ({ tx }) => {
    for (const p of visited) {
      const quality = bodyOf.get(p.bodyId)?.quality ?? 0.5;
      const score = Math.max(0, Math.min(100, Math.round((50 + quality * 45 + (rnd() - 0.5) * 10) * 2) / 2));
      await tx.update(participants).set({ visitationScore: score.toString(), visitationNotes: 'Visitasi ke kantor PPID: layanan dan dokumen diperiksa langsung', visitationBy: plan.assessorOf(p.bodyId).id })
        .where(eq(participants.id, p.id));
    }
    await rescorePeriod(tx, periodId);
  });
  log(`${visited.length} advanced participants visited`);
  if (!reached('presentation')) return;

  await move('presentation');
  const aspects = plan.presentationAspects;
  await step(async ({ tx }) => {
    for (const p of visited) {
      for (const juror of plan.jurors) {
        const base = 55 + (bodyOf.get(p.bodyId)?.quality ?? 0.5) * 40;
        const scores = Object.fromEntries(Object.keys(aspects).map((k) => [k, Math.max(0, Math.min(100, Math.round((base + (rnd() - 0.5) * 16) * 2) / 2))]));
        const score = presentationScore(aspects, [scores]);
        await tx.insert(presentationScores).values({ participantId: p.id, jurorId: juror.id, aspects: scores, score: score?.toString() ?? '0' });
      }
    }
    await rescorePeriod(tx, periodId);
  });
  log(`${visited.length} advanced participants presented`);
  if (!reached('deliberation')) return;

  await move('deliberation');
  // the plenary adds nilai plus to the first presenting body (in list order)
  const presented = new Set(visited.map((p) => p.bodyId));
  const adjusted = must(plan.bodies.find((b) => presented.has(b.id)), 'a body that presented');
  await step((work) => createAdjustment(work, { periodId, bodyId: adjusted.id }, { points: '2', reason: ADJUSTMENT_REASON }));
  log(`adjustment +2 for ${adjusted.name}`);
}
