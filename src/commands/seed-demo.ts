// `kip-monev seed-demo`: a realistic demo to explore the API with. A provincial commission modelled
// on KI Provinsi Banten (the bodies are Banten's agencies, regencies and cities; every answer and
// score is fictional and generated from a fixed seed), its categories, 40 bodies, a 2025 period
// with the PerKI 1/2022 preset questionnaires, users of every role, and — up to the stage asked
// for — answers, verifications and presentation scores. Prints the credentials once.
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { connect, type Db } from '../db/client.ts';
import { answers, commissions, participants, periods, presentationScores, questionnaireCategories, questionnaires, users, verifications } from '../db/schema.ts';
import type { RequestContext } from '../http/context.ts';
import { ROLE_SCOPES, type Role } from '../http/permissions.ts';
import { createBody } from '../modules/bodies/bodies.service.ts';
import { createCategory } from '../modules/categories/categories.service.ts';
import { enrol, setAssignments } from '../modules/participants/participants.service.ts';
import { createPeriod, transitionPeriod } from '../modules/periods/periods.service.ts';
import { createQuestionnaire } from '../modules/questionnaires/questionnaires.service.ts';
import { rescorePeriod } from '../modules/scores/materialize.ts';
import { generatePassword, hashPassword } from '../modules/users/passwords.ts';
import { presentationScore, type AnswerValue, type Question, type Questionnaire } from '../scoring/index.ts';

export const DEMO_COMMISSION = 'Komisi Informasi Provinsi Banten (demo)';
const STAGES = ['draft', 'saq', 'verification', 'presentation', 'deliberation'] as const;
export type DemoStage = (typeof STAGES)[number];

const CATEGORIES = [
  { code: 'OPD', name: 'Organisasi Perangkat Daerah', preset: 'perki-2022-pemprov' },
  { code: 'PEMKAB-KOTA', name: 'Pemerintah Kabupaten/Kota', preset: 'perki-2022-pemprov' },
  { code: 'BUMD', name: 'Badan Usaha Milik Daerah', preset: 'perki-2022-bumd' },
  { code: 'VERTIKAL', name: 'Instansi Vertikal', preset: 'perki-2022-pemprov' },
] as const;

const BODIES: Record<(typeof CATEGORIES)[number]['code'], string[]> = {
  OPD: [
    'Dinas Komunikasi, Informatika, Statistik dan Persandian', 'Dinas Pendidikan dan Kebudayaan', 'Dinas Kesehatan',
    'Dinas Pekerjaan Umum dan Penataan Ruang', 'Dinas Perumahan Rakyat dan Kawasan Permukiman', 'Dinas Sosial',
    'Dinas Tenaga Kerja dan Transmigrasi', 'Dinas Lingkungan Hidup dan Kehutanan', 'Dinas Perhubungan',
    'Dinas Koperasi dan Usaha Kecil Menengah', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'Dinas Pariwisata',
    'Dinas Pertanian', 'Dinas Kelautan dan Perikanan', 'Dinas Perindustrian dan Perdagangan', 'Dinas Energi dan Sumber Daya Mineral',
    'Badan Perencanaan Pembangunan Daerah', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'Badan Pendapatan Daerah',
    'Badan Kepegawaian Daerah', 'Inspektorat', 'Sekretariat DPRD', 'Badan Penanggulangan Bencana Daerah', 'Satuan Polisi Pamong Praja',
  ],
  'PEMKAB-KOTA': [
    'Pemerintah Kabupaten Lebak', 'Pemerintah Kabupaten Pandeglang', 'Pemerintah Kabupaten Serang', 'Pemerintah Kabupaten Tangerang',
    'Pemerintah Kota Cilegon', 'Pemerintah Kota Serang', 'Pemerintah Kota Tangerang', 'Pemerintah Kota Tangerang Selatan',
  ],
  BUMD: ['PT Bank Pembangunan Daerah Banten', 'PT Jamkrida Banten', 'PT Agrobisnis Banten Mandiri', 'PT Banten Global Development'],
  VERTIKAL: [
    'Badan Pusat Statistik Provinsi Banten', 'Kantor Wilayah Kementerian Agama Provinsi Banten', 'Kepolisian Daerah Banten', 'Kejaksaan Tinggi Banten',
  ],
};

const REGION_OF_PEMKAB = (name: string) => name.replace('Pemerintah ', '');

/** Deterministic pseudo-random numbers (mulberry32), so every demo has the same fictional scores. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/^(pt|dinas|badan|pemerintah) /, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

/** A fictional answer: a body of quality q meets each item with probability q. */
function answerFor(q: Question, quality: number, rnd: () => number): AnswerValue {
  if (q.type === 'yes_no') return rnd() < quality;
  if (q.type === 'choice') {
    const options = [...(q.options ?? [])].sort((x, y) => Number(y.score) - Number(x.score));
    const r = rnd();
    return (r < quality ? options[0] : r < (quality + 1) / 2 ? options[Math.min(1, options.length - 1)] : options[options.length - 1]).value;
  }
  return (q.items ?? []).filter(() => rnd() < quality).map((i) => i.value);
}

/** What an assessor would correct: one step down from the body's own answer. */
function lowered(q: Question, value: AnswerValue): AnswerValue {
  if (q.type === 'yes_no') return false;
  if (q.type === 'choice') {
    const options = [...(q.options ?? [])].sort((x, y) => Number(y.score) - Number(x.score));
    const i = options.findIndex((o) => o.value === value);
    return options[Math.min(i + 1, options.length - 1)].value;
  }
  return (value as string[]).slice(0, -1);
}

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
  async function addUser(commissionId: string, username: string, role: Role, note: string, bodyId: string | null = null, displayName: string | null = null) {
    const password = passwordFor();
    const [row] = await db.insert(users).values({ commissionId, username, role, bodyId, displayName, passwordHash: await hashPassword(password) }).returning();
    credentials.push({ username, password, role, note });
    return row;
  }

  const [commission] = await db.insert(commissions).values({ name: DEMO_COMMISSION, level: 'provinsi', region: 'Banten' }).returning();
  const adminUser = await addUser(commission.id, 'admin.banten', 'admin', 'sekretariat: everything in the commission', null, 'Sekretariat KI Banten');
  const c: RequestContext = {
    principal: { kind: 'user', id: adminUser.id, username: adminUser.username, role: 'admin', commissionId: commission.id, bodyId: null, scopes: ROLE_SCOPES.admin },
    commissionId: commission.id, requestId: 'seed-demo', reason: null,
  };
  log(`commission ${commission.name}`);

  const categoryIds = new Map<string, string>();
  const bodyIds: { id: string; name: string; category: string; quality: number }[] = [];
  for (const cat of CATEGORIES) {
    const created = await createCategory(db, c, { code: cat.code, name: cat.name });
    categoryIds.set(cat.code, created.id);
    for (const name of BODIES[cat.code]) {
      const s = slug(name);
      const body = await createBody(db, c, {
        name, categoryId: created.id, ppidName: cat.code === 'OPD' ? `Sekretaris ${name.split(' ')[0]}` : 'PPID Utama',
        email: `ppid@${s}.demo.kip-monev.id`, phone: `(0254) ${String(200000 + Math.floor(rnd() * 99999))}`,
        website: `https://ppid.${s}.demo.kip-monev.id`, region: cat.code === 'PEMKAB-KOTA' ? REGION_OF_PEMKAB(name) : 'Kota Serang',
      });
      bodyIds.push({ id: body.id, name, category: cat.code, quality: 0.3 + rnd() * 0.68 });
    }
  }
  log(`${categoryIds.size} categories, ${bodyIds.length} bodies`);

  const assessors: (typeof users.$inferSelect)[] = [];
  for (let i = 1; i <= 3; i++) assessors.push(await addUser(commission.id, `verifikator${i}.banten`, 'assessor', 'verifies answers, resolves appeals', null, `Verifikator ${i}`));
  const jurors: (typeof users.$inferSelect)[] = [];
  for (const [i, who] of ['komisioner', 'akademisi', 'jurnalis'].entries()) jurors.push(await addUser(commission.id, `juri${i + 1}.banten`, 'juror', `presentation panel (${who})`, null, `Juri ${who}`));
  await addUser(commission.id, 'viewer.banten', 'viewer', 'read-only dashboards');
  const respondents: [string, string][] = [
    ['Dinas Komunikasi, Informatika, Statistik dan Persandian', 'ppid.diskominfo.banten'], ['Dinas Kesehatan', 'ppid.dinkes.banten'],
    ['Pemerintah Kota Serang', 'ppid.kotaserang.banten'], ['PT Jamkrida Banten', 'ppid.jamkrida.banten'], ['Badan Pusat Statistik Provinsi Banten', 'ppid.bps.banten'],
  ];
  for (const [name, username] of respondents) {
    const body = bodyIds.find((b) => b.name === name);
    if (body) await addUser(commission.id, username, 'respondent', `PPID of ${name}`, body.id);
  }

  const period = await createPeriod(db, c, {
    year: 2025, title: 'Monev Keterbukaan Informasi Publik Badan Publik Provinsi Banten 2025',
    stages: { saq: 70, presentation: 30 },
    presentationAspects: { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 },
    advancement: { rule: 'min_score', minScore: 60 },
    appeal: true,
    deadlines: { saq: '2025-07-31T16:59:59Z', verification: '2025-08-29T16:59:59Z', appeal: '2025-09-05T16:59:59Z', presentation: '2025-10-10T16:59:59Z', deliberation: '2025-11-14T16:59:59Z' },
  });
  const byPreset = new Map<string, string[]>();
  for (const cat of CATEGORIES) byPreset.set(cat.preset, [...(byPreset.get(cat.preset) ?? []), categoryIds.get(cat.code) ?? '']);
  for (const [preset, ids] of byPreset) await createQuestionnaire(db, c, period.id, { preset, categoryIds: ids });
  for (const id of categoryIds.values()) await enrol(db, c, period.id, { categoryId: id });
  for (const [i, b] of bodyIds.entries()) {
    await setAssignments(db, c, period.id, b.id, { assessorIds: [assessors[i % assessors.length].id], jurorIds: jurors.map((j) => j.id) });
  }
  log(`period ${period.title}: ${bodyIds.length} participants`);

  const reached = (s: DemoStage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  const move = async (to: string) => {
    await transitionPeriod(db, c, period.id, { to: to as never });
    log(`stage → ${to}`);
  };
  const questionnaireOf = new Map<string, Questionnaire>();
  const qRows = await db.select({ categoryId: questionnaireCategories.categoryId, definition: questionnaires.definition })
    .from(questionnaireCategories).innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .where(eq(questionnaireCategories.periodId, period.id));
  for (const r of qRows) questionnaireOf.set(r.categoryId, r.definition as Questionnaire);
  const rows = await db.select().from(participants).where(eq(participants.periodId, period.id));
  const participantOf = new Map(rows.map((p) => [p.bodyId, p]));

  if (reached('saq')) {
    await move('saq');
    // most bodies answer and submit; a few answer partly and never submit; two never start
    const selfAnswers = new Map<string, Map<string, AnswerValue>>();
    await db.transaction(async (tx) => {
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
      await db.transaction(async (tx) => {
        for (const [i, p] of submitted.entries()) {
          if (!verifyAll && i % 2 === 1) continue;
          const q = questionnaireOf.get(p.categoryId);
          const values = selfAnswers.get(p.id);
          if (!q || !values) continue;
          const assessor = assessors[i % assessors.length];
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
      const aspects = period.presentationAspects as Record<string, number>;
      const advanced = await db.select().from(participants).where(and(eq(participants.periodId, period.id), eq(participants.advanced, true)));
      const quality = new Map(bodyIds.map((b) => [b.id, b.quality]));
      await db.transaction(async (tx) => {
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
