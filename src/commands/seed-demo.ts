// `kip-monev seed-demo`: a realistic demo to explore the API with. A provincial commission modelled
// on KI Provinsi Banten (the bodies are Banten's agencies, regencies and cities; every answer and
// score is fictional and generated from a fixed seed), its categories, 40 bodies, a 2025 period
// with the PerKI 1/2022 preset questionnaires, users of every role, and — up to the stage asked
// for — answers, verifications and presentation scores. Prints the credentials once.
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { connect, type Db } from '../db/client.ts';
import { answers, commissions, participants, periods, presentationScores, questionnaireCategories, questionnaires, verifications } from '../db/schema.ts';
import { ROLE_SCOPES, type Principal, type Role } from '../http/permissions.ts';
import { runWork, type Work, type WorkCaller } from '../http/unit-of-work.ts';
import { createBody } from '../modules/bodies/bodies.service.ts';
import { createCategory } from '../modules/categories/categories.service.ts';
import { createCommission } from '../modules/commissions/commissions.service.ts';
import { enrol, setAssignments } from '../modules/participants/participants.service.ts';
import type { Stage } from '../modules/periods/index.ts';
import { createPeriod, transitionPeriod } from '../modules/periods/periods.service.ts';
import { createQuestionnaire } from '../modules/questionnaires/questionnaires.service.ts';
import { rescorePeriod } from '../modules/scores/materialize.ts';
import { generatePassword } from '../modules/users/passwords.ts';
import type { CommissionRole } from '../modules/users/users.schemas.ts';
import { createUser, type UserDto } from '../modules/users/users.service.ts';
import { presentationScore, type AnswerValue, type Questionnaire } from '../scoring/index.ts';
import { must } from '../must.ts';
import { answerFor, BODIES, CATEGORIES, lowered, prng, REGION_OF_PEMKAB, slug } from './demo-data.ts';

export const DEMO_COMMISSION = 'Komisi Informasi Provinsi Banten (demo)';
const STAGES = ['draft', 'saq', 'verification', 'presentation', 'deliberation'] as const;
export type DemoStage = (typeof STAGES)[number];

export interface Credential { username: string; password: string; role: Role; note: string }
export interface DemoResult { commissionId: string; periodId: string; stage: DemoStage; bodies: number; participants: number; credentials: Credential[] }

export async function seedDemo(db: Db, options: { stage?: DemoStage; password?: string; log?: (line: string) => void } = {}): Promise<DemoResult> {
  const stage = options.stage ?? 'deliberation';
  const log = options.log ?? (() => {});
  const rnd = prng(2025);
  const [existing] = await db.select({ id: commissions.id }).from(commissions).where(eq(commissions.name, DEMO_COMMISSION));
  if (existing) throw new Error(`the demo is already loaded (commission "${DEMO_COMMISSION}", id ${existing.id}); use a fresh database to load it again`);

  const credentials: Credential[] = [];
  const passwordFor = () => options.password ?? generatePassword();

  // each step is one unit of work, as one API request would be: the commission and its admin by
  // the platform (no user acts here), everything else by that admin
  const adminPassword = passwordFor();
  const commission = await runWork(db, { principal: null, requestId: 'seed-demo', reason: null }, (work) => createCommission(work, {
    name: DEMO_COMMISSION, level: 'provinsi', region: 'Banten',
    admin: { username: 'admin.banten', password: adminPassword, displayName: 'Sekretariat KI Banten' },
  }));
  credentials.push({ username: 'admin.banten', password: adminPassword, role: 'admin', note: 'sekretariat: everything in the commission' });
  const adminUser: Principal = {
    kind: 'user', id: commission.admin.id, username: commission.admin.username, role: 'admin', commissionId: commission.id, bodyId: null, scopes: ROLE_SCOPES.admin,
  };
  const asAdmin: WorkCaller = { principal: adminUser, requestId: 'seed-demo', reason: null };
  const step = <T>(fn: (work: Work) => Promise<T>) => runWork(db, asAdmin, fn);
  log(`commission ${commission.name}`);

  async function addUser(username: string, role: CommissionRole, note: string, bodyId: string | null = null, displayName: string | null = null) {
    const password = passwordFor();
    const user = await step((work) => createUser(work, { username, password, role, bodyId, displayName }));
    credentials.push({ username, password, role, note });
    return user;
  }

  const categoryIds = new Map<string, string>();
  const bodyIds: { id: string; name: string; category: string; quality: number }[] = [];
  for (const cat of CATEGORIES) {
    const created = await step((work) => createCategory(work, { code: cat.code, name: cat.name }));
    categoryIds.set(cat.code, created.id);
    for (const name of BODIES[cat.code]) {
      const s = slug(name);
      const phone = `(0254) ${String(200000 + Math.floor(rnd() * 99999))}`;
      const body = await step((work) => createBody(work, {
        name, categoryId: created.id, ppidName: cat.code === 'OPD' ? `Sekretaris ${name.split(' ')[0]}` : 'PPID Utama',
        email: `ppid@${s}.demo.kip-monev.id`, phone,
        website: `https://ppid.${s}.demo.kip-monev.id`, region: cat.code === 'PEMKAB-KOTA' ? REGION_OF_PEMKAB(name) : 'Kota Serang',
      }));
      bodyIds.push({ id: body.id, name, category: cat.code, quality: 0.3 + rnd() * 0.68 });
    }
  }
  log(`${categoryIds.size} categories, ${bodyIds.length} bodies`);

  const assessors: UserDto[] = [];
  for (let i = 1; i <= 3; i++) assessors.push(await addUser(`verifikator${i}.banten`, 'assessor', 'verifies answers, resolves appeals', null, `Verifikator ${i}`));
  const assessorFor = (i: number): UserDto => must(assessors[i % assessors.length], 'an assessor');
  const jurors: UserDto[] = [];
  for (const [i, who] of ['komisioner', 'akademisi', 'jurnalis'].entries()) jurors.push(await addUser(`juri${i + 1}.banten`, 'juror', `presentation panel (${who})`, null, `Juri ${who}`));
  await addUser('viewer.banten', 'viewer', 'read-only dashboards');
  const respondents: [string, string][] = [
    ['Dinas Komunikasi, Informatika, Statistik dan Persandian', 'ppid.diskominfo.banten'], ['Dinas Kesehatan', 'ppid.dinkes.banten'],
    ['Pemerintah Kota Serang', 'ppid.kotaserang.banten'], ['PT Jamkrida Banten', 'ppid.jamkrida.banten'], ['Badan Pusat Statistik Provinsi Banten', 'ppid.bps.banten'],
  ];
  for (const [name, username] of respondents) {
    const body = bodyIds.find((b) => b.name === name);
    if (body) await addUser(username, 'respondent', `PPID of ${name}`, body.id);
  }

  const period = await step((work) => createPeriod(work, {
    year: 2025, title: 'Monev Keterbukaan Informasi Publik Badan Publik Provinsi Banten 2025',
    stages: { saq: 70, presentation: 30 },
    presentationAspects: { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 },
    advancement: { rule: 'min_score', minScore: 60 },
    appeal: true,
    deadlines: { saq: '2025-07-31T16:59:59Z', verification: '2025-08-29T16:59:59Z', appeal: '2025-09-05T16:59:59Z', presentation: '2025-10-10T16:59:59Z', deliberation: '2025-11-14T16:59:59Z' },
  }));
  const byPreset = new Map<string, string[]>();
  for (const cat of CATEGORIES) byPreset.set(cat.preset, [...(byPreset.get(cat.preset) ?? []), categoryIds.get(cat.code) ?? '']);
  for (const [preset, ids] of byPreset) await step((work) => createQuestionnaire(work, period.id, { preset, categoryIds: ids }));
  for (const id of categoryIds.values()) await step((work) => enrol(work, period.id, { categoryId: id }));
  for (const [i, b] of bodyIds.entries()) {
    const assigned = { assessorIds: [assessorFor(i).id], jurorIds: jurors.map((j) => j.id) };
    await step((work) => setAssignments(work, { periodId: period.id, bodyId: b.id }, assigned));
  }
  log(`period ${period.title}: ${bodyIds.length} participants`);

  const reached = (s: DemoStage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const move = async (to: Stage) => {
    await step((work) => transitionPeriod(work, { periodId: period.id }, { to }));
    log(`stage → ${to}`);
  };
  const questionnaireOf = new Map<string, Questionnaire>();
  const qRows = await db.select({ categoryId: questionnaireCategories.categoryId, definition: questionnaires.definition })
    .from(questionnaireCategories).innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .where(eq(questionnaireCategories.periodId, period.id));
  for (const r of qRows) questionnaireOf.set(r.categoryId, r.definition);
  const rows = await db.select().from(participants).where(eq(participants.periodId, period.id));
  const participantOf = new Map(rows.map((p) => [p.bodyId, p]));

  if (reached('saq')) {
    await move('saq');
    // most bodies answer and submit; a few answer partly and never submit; two never start
    const selfAnswers = new Map<string, Map<string, AnswerValue>>();
    await step(async ({ tx }) => {
      for (const [i, b] of bodyIds.entries()) {
        const p = participantOf.get(b.id);
        if (!p || i % 13 === 7) continue;
        const q = questionnaireOf.get(p.categoryId);
        if (!q) continue;
        const partial = i % 11 === 5;
        const values = new Map<string, AnswerValue>();
        const answerRows = q.indicators.flatMap((ind) => ind.questions).filter((_, k) => !partial || k % 2 === 0).map((question) => {
          const value = answerFor(question, b.quality, rnd);
          values.set(question.code, value);
          return {
            participantId: p.id, questionCode: question.code, value,
            evidence: question.evidence === 'none' ? [] : [{ url: `https://ppid.${slug(b.name)}.demo.kip-monev.id/bukti/${question.code}.pdf` }],
            updatedBy: adminUser.id,
          };
        });
        await tx.insert(answers).values(answerRows);
        selfAnswers.set(p.id, values);
        if (!partial) await tx.update(participants).set({ status: 'submitted', submittedAt: new Date('2025-07-2' + (i % 9) + 'T03:00:00Z') }).where(eq(participants.id, p.id));
      }
      await rescorePeriod(tx, period.id);
    });
    log(`${selfAnswers.size} bodies answered`);

    if (reached('verification')) {
      await move('verification');
      const submitted = await db.select().from(participants).where(and(eq(participants.periodId, period.id), eq(participants.status, 'submitted')));
      const verifyAll = reached('presentation');
      await step(async ({ tx }) => {
        for (const [i, p] of submitted.entries()) {
          if (!verifyAll && i % 2 === 1) continue;
          const q = questionnaireOf.get(p.categoryId);
          const values = selfAnswers.get(p.id);
          if (!q || !values) continue;
          const assessor = assessorFor(i);
          const decisions = q.indicators.flatMap((ind) => ind.questions).map((question) => {
            const own = values.get(question.code);
            const adjust = own !== undefined && rnd() < 0.12;
            return adjust
              ? { participantId: p.id, questionCode: question.code, decision: 'adjust' as const, value: lowered(question, own), note: 'Bukti dukung tidak sesuai dengan jawaban', assessorId: assessor.id }
              : { participantId: p.id, questionCode: question.code, decision: 'accept' as const, value: null, note: null, assessorId: assessor.id };
          });
          await tx.insert(verifications).values(decisions);
        }
        await rescorePeriod(tx, period.id);
      });
      log(`${verifyAll ? 'all' : 'half of the'} submissions verified`);
    }
    if (reached('presentation')) {
      await move('appeal');
      await move('presentation');
      const aspects = period.presentationAspects;
      const advanced = await db.select().from(participants).where(and(eq(participants.periodId, period.id), eq(participants.advanced, true)));
      const quality = new Map(bodyIds.map((b) => [b.id, b.quality]));
      await step(async ({ tx }) => {
        for (const p of advanced) {
          for (const juror of jurors) {
            const base = 55 + (quality.get(p.bodyId) ?? 0.5) * 40;
            const scores = Object.fromEntries(Object.keys(aspects).map((k) => [k, Math.max(0, Math.min(100, Math.round((base + (rnd() - 0.5) * 16) * 2) / 2))]));
            const score = presentationScore(aspects, [scores]);
            await tx.insert(presentationScores).values({ participantId: p.id, jurorId: juror.id, aspects: scores, score: score?.toString() ?? '0' });
          }
        }
        await rescorePeriod(tx, period.id);
      });
      log(`${advanced.length} advanced participants presented`);
    }
    if (reached('deliberation')) await move('deliberation');
  }

  const [final] = await db.select().from(periods).where(eq(periods.id, period.id));
  if (!final) throw new Error(`period ${period.id} disappeared while it was being seeded`);
  return { commissionId: commission.id, periodId: period.id, stage: final.stage as DemoStage, bodies: bodyIds.length, participants: rows.length, credentials };
}

const HELP = `Usage: kip-monev seed-demo [--stage <stage>] [--password <password>]

Loads a demo commission modelled on KI Provinsi Banten (fictional scores) into DATABASE_URL or the
embedded database in DATA_DIR: 4 categories, ${Object.values(BODIES).flat().length} bodies, a 2025 period (SAQ 70% + presentation 30%,
advancement at verified SAQ ≥ 60, appeal window) with the PerKI 1/2022 preset questionnaires, and
users of every role. Prints every user's password once.

  --stage      how far the demo period goes: ${STAGES.join(', ')} (default deliberation:
               answered, verified, presented and scored, ready for a result set)
  --password   one password (at least 12 characters) for every demo user instead of generated ones`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { stage: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (err) {
    console.error(`kip-monev seed-demo: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const stage = (values.stage ?? 'deliberation') as DemoStage;
  if (!STAGES.includes(stage)) {
    console.error(`kip-monev seed-demo: --stage must be one of ${STAGES.join(', ')}`);
    return 2;
  }
  if (values.password !== undefined && values.password.length < 12) {
    console.error('kip-monev seed-demo: --password must be at least 12 characters');
    return 2;
  }
  const database = connect(loadConfig());
  try {
    await database.migrate();
    const started = Date.now();
    const result = await seedDemo(database.db, { stage, password: values.password, log: (line) => console.log(`  ${line}`) });
    console.log(`\nLoaded the demo in ${((Date.now() - started) / 1000).toFixed(1)} s: commission ${result.commissionId}, period ${result.periodId} (stage ${result.stage}).`);
    console.log('\nCredentials (shown once; log in with POST /api/v1/auth/token):\n');
    const width = Math.max(...result.credentials.map((c) => c.username.length));
    for (const cred of result.credentials) console.log(`  ${cred.role.padEnd(10)} ${cred.username.padEnd(width)}  ${cred.password}   ${cred.note}`);
    return 0;
  } catch (err) {
    console.error(`kip-monev seed-demo: ${(err as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}
