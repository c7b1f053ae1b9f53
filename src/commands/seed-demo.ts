// `kip-monev seed-demo`: a realistic demo to explore the API with, shaped like KI Provinsi Banten's
// monev 2025 (the bodies are Banten's agencies, regencies, councils, enterprises and villages; every
// answer and score is fictional and generated from a fixed seed): 5 categories each on its own
// monev 2025 preset, 107 bodies that get the SAQ of which 77 return it, a 2025 period with an appeal
// stage, visitation, presentation and nilai plus, users of every role, and — up to the stage asked
// for — answers, verifications, an appeal, visitation and presentation scores and an adjustment
// (demo-stages.ts). Prints the credentials once.
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { connect, type Db } from '../db/client.ts';
import { commissions, participants, periods, questionnaireCategories, questionnaires } from '../db/schema.ts';
import { ROLE_SCOPES, type Principal, type Role } from '../http/permissions.ts';
import { runWork, type Work, type WorkCaller } from '../http/unit-of-work.ts';
import { createBody } from '../modules/bodies/bodies.service.ts';
import { createCategory } from '../modules/categories/categories.service.ts';
import { createCommission } from '../modules/commissions/commissions.service.ts';
import { enrol, setAssignments } from '../modules/participants/participants.service.ts';
import { createPeriod } from '../modules/periods/periods.service.ts';
import { createQuestionnaire } from '../modules/questionnaires/questionnaires.service.ts';
import { generatePassword } from '../modules/users/passwords.ts';
import type { CommissionRole } from '../modules/users/users.schemas.ts';
import { createUser, type UserDto } from '../modules/users/users.service.ts';
import type { Questionnaire } from '../scoring/index.ts';
import { must } from '../must.ts';
import { BODIES, CATEGORIES, prng, REGION_OF, slug, submits } from './demo-data.ts';
import { DEMO_STAGES, runDemoStages, type DemoBody, type DemoStage } from './demo-stages.ts';

export const DEMO_COMMISSION = 'Komisi Informasi Provinsi Banten (demo)';
const STAGES = DEMO_STAGES;
export type { DemoStage };

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
  const bodies: DemoBody[] = [];
  for (const cat of CATEGORIES) {
    const created = await step((work) => createCategory(work, { code: cat.code, name: cat.name }));
    categoryIds.set(cat.code, created.id);
    const names = BODIES[cat.code];
    for (const [i, name] of names.entries()) {
      const s = slug(name);
      const phone = `(0254) ${String(200000 + Math.floor(rnd() * 99999))}`;
      const body = await step((work) => createBody(work, {
        name, categoryId: created.id, ppidName: cat.code === 'OPD' ? `Sekretaris ${name.split(' ')[0]}` : 'PPID Utama',
        email: `ppid@${s}.demo.kip-monev.id`, phone, website: `https://ppid.${s}.demo.kip-monev.id`, region: REGION_OF(name),
      }));
      bodies.push({ id: body.id, name, category: cat.code, quality: 0.3 + rnd() * 0.68, submits: submits(i, names.length, cat.submitted), respondent: null });
    }
  }
  log(`${categoryIds.size} categories, ${bodies.length} bodies`);

  const assessors: UserDto[] = [];
  for (let i = 1; i <= 3; i++) assessors.push(await addUser(`verifikator${i}.banten`, 'assessor', 'verifies answers, resolves appeals, enters visitation scores', null, `Verifikator ${i}`));
  const assessorIndex = new Map(bodies.map((b, i) => [b.id, i]));
  const assessorOf = (bodyId: string): UserDto => must(assessors[(assessorIndex.get(bodyId) ?? 0) % assessors.length], 'an assessor');
  const jurors: UserDto[] = [];
  for (const [i, who] of ['komisioner', 'akademisi', 'jurnalis'].entries()) jurors.push(await addUser(`juri${i + 1}.banten`, 'juror', `presentation panel (${who})`, null, `Juri ${who}`));
  await addUser('viewer.banten', 'viewer', 'read-only dashboards');
  const respondents: [string, string][] = [
    ['Dinas Komunikasi, Informatika, Statistik dan Persandian Provinsi Banten', 'ppid.diskominfo.banten'], ['Dinas Kesehatan Provinsi Banten', 'ppid.dinkes.banten'],
    ['Pemerintah Kota Serang', 'ppid.kotaserang.banten'], ['Komisi Pemilihan Umum Provinsi Banten', 'ppid.kpu.banten'],
    ['PT Jamkrida Banten', 'ppid.jamkrida.banten'], ['Desa Cibeber, Kabupaten Lebak', 'ppid.desacibeber.lebak'],
  ];
  for (const [name, username] of respondents) {
    const body = must(bodies.find((b) => b.name === name), `the demo body ${name}`);
    body.respondent = await addUser(username, 'respondent', `PPID of ${name}`, body.id);
  }

  // no appeal deadline: the demo files its appeal today, through the service that enforces it
  const period = await step((work) => createPeriod(work, {
    year: 2025, title: 'Monev Keterbukaan Informasi Publik Badan Publik Provinsi Banten 2025',
    stages: { saq: 70, visitation: 10, presentation: 20 },
    presentationAspects: { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 },
    advancement: { rule: 'min_score', minScore: 60 },
    appeal: true, maxAdjustment: 5,
    deadlines: { saq: '2025-07-31T16:59:59Z', verification: '2025-08-29T16:59:59Z', visitation: '2025-09-26T16:59:59Z', presentation: '2025-10-10T16:59:59Z', deliberation: '2025-11-14T16:59:59Z' },
  }));
  for (const cat of CATEGORIES) await step((work) => createQuestionnaire(work, period.id, { preset: cat.preset, categoryIds: [must(categoryIds.get(cat.code), 'a category')] }));
  for (const id of categoryIds.values()) await step((work) => enrol(work, period.id, { categoryId: id }));
  for (const b of bodies) {
    const assigned = { assessorIds: [assessorOf(b.id).id], jurorIds: jurors.map((j) => j.id) };
    await step((work) => setAssignments(work, { periodId: period.id, bodyId: b.id }, assigned));
  }
  log(`period ${period.title}: ${bodies.length} participants`);

  const questionnaireOf = new Map<string, Questionnaire>();
  const qRows = await db.select({ categoryId: questionnaireCategories.categoryId, definition: questionnaires.definition })
    .from(questionnaireCategories).innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .where(eq(questionnaireCategories.periodId, period.id));
  for (const r of qRows) questionnaireOf.set(r.categoryId, r.definition);
  const rows = await db.select().from(participants).where(eq(participants.periodId, period.id));
  await runDemoStages({
    db, admin: adminUser, commissionId: commission.id, periodId: period.id, stage, rnd, bodies, assessorOf, jurors,
    presentationAspects: period.presentationAspects, questionnaireOf, participantOf: new Map(rows.map((p) => [p.bodyId, p])),
    appellant: must(bodies.find((b) => b.respondent?.username === 'ppid.diskominfo.banten'), 'the appellant'), log,
  });

  const [final] = await db.select().from(periods).where(eq(periods.id, period.id));
  if (!final) throw new Error(`period ${period.id} disappeared while it was being seeded`);
  return { commissionId: commission.id, periodId: period.id, stage: final.stage as DemoStage, bodies: bodies.length, participants: rows.length, credentials };
}

const HELP = `Usage: kip-monev seed-demo [--stage <stage>] [--password <password>]

Loads a demo commission shaped like KI Provinsi Banten's monev 2025 (fictional scores) into
DATABASE_URL or the embedded database in DATA_DIR: 5 categories each on its own monev 2025 preset
(${CATEGORIES.map((c) => `${c.code} ${BODIES[c.code].length}`).join(', ')} bodies), 107 bodies that get the SAQ of which 77
return it (${CATEGORIES.map((c) => `${c.code} ${c.submitted}`).join(', ')}), a 2025 period (SAQ 70% + visitation 10% +
presentation 20%, advancement at verified SAQ ≥ 60, an appeal stage, nilai plus up to 5 points), and
users of every role. The same bodies, answers and scores every run. Prints every user's password once.

  --stage      how far the demo period goes, one of
               ${STAGES.join(', ')}
               (default deliberation: answered, verified, one appeal filed and resolved, visited,
               presented, one adjustment of +2 recorded, ready for a result set; at appeal the
               appeal is still open)
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
