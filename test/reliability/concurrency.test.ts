// Concurrency through the real app and the real PostgreSQL: many clients writing one participant at
// once over true parallel HTTP (a listening server and fetch), concurrent verifications, concurrent
// result sets, answers and verifications racing a stage transition, and afterwards the materialised scores
// checked against the pure scoring engine fed from the stored rows.
import { and, asc, eq, inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  answers, auditEvents, participants, periods, presentationScores, questionnaireCategories, questionnaires, resultRows, resultSets, verifications,
} from '../../src/db/schema.ts';
import { rescorePeriod } from '../../src/modules/scores/materialize.ts';
import {
  D, normalizePeriodScoring, round2, scoreParticipant, type AnswerValue, type Question, type Questionnaire,
} from '../../src/scoring/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { fetchChecked, login } from '../helpers/client.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { buildWorld, type TenantWorld, type World } from '../authz/world.ts';

// ─── A questionnaire with one question per client ───────────────────────────────────────────────

const CLIENTS = 50;
const code = (n: number) => `q${String(n).padStart(2, '0')}`;

/** Question n: yes/no, choice or checklist in turn, weights 1–3, so every answer moves the score differently. */
function question(n: number): Question {
  const base = { code: code(n), text: `Pertanyaan ${n}`, weight: 1 + (n % 3), evidence: 'none' as const };
  if (n % 3 === 0) return { ...base, type: 'yes_no' };
  if (n % 3 === 1) {
    return {
      ...base, type: 'choice',
      options: [{ value: 'full', label: 'Lengkap', score: 1 }, { value: 'half', label: 'Sebagian', score: 0.5 }, { value: 'none', label: 'Tidak ada', score: 0 }],
    };
  }
  return { ...base, type: 'checklist', items: ['a', 'b', 'c', 'd'].map((v) => ({ value: v, label: v.toUpperCase() })) };
}

const QUESTIONS = Array.from({ length: CLIENTS }, (_, i) => question(i + 1));
const QUESTIONNAIRE: Questionnaire = {
  code: 'SAQ-CONC',
  title: 'SAQ konkurensi',
  indicators: [30, 25, 20, 15, 10].map((weight, k) => ({
    code: `I${k + 1}`, name: `Indikator ${k + 1}`, weight, questions: QUESTIONS.slice(k * 10, k * 10 + 10),
  })),
};

/** The answer each client writes in a round (round 0 and 1 differ for every question). */
function valueOf(q: Question, round: 0 | 1): AnswerValue {
  if (q.type === 'yes_no') return round === 0;
  if (q.type === 'choice') return round === 0 ? 'full' : 'half';
  return round === 0 ? ['a', 'b', 'c'] : ['a'];
}

/** An assessor's correction, different from the body's round-1 answer. */
function adjustedOf(q: Question): AnswerValue {
  if (q.type === 'yes_no') return true;
  if (q.type === 'choice') return 'none';
  return ['a', 'b', 'c', 'd'];
}

// ─── Real HTTP ──────────────────────────────────────────────────────────────────────────────────

let t: TestApp;
let world: World;
let a: TenantWorld;
let baseUrl: string;

interface Reply { status: number; etag: string | null; contentType: string; body: any }

async function http(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetchChecked(baseUrl, `/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('etag'), contentType: res.headers.get('content-type') ?? '', body: res.body ? JSON.parse(res.body) : null };
}

function expectStatus(res: Reply, status: number): Reply {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

const versionOfTag = (tag: string | null) => Number(JSON.parse(tag ?? 'null'));

/** The versions successful writes returned are exactly from+1 … from+n: none shared, none skipped. */
function expectGapless(versions: number[], from: number): void {
  expect([...versions].sort((x, y) => x - y)).toEqual(Array.from({ length: versions.length }, (_, i) => from + 1 + i));
}

const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    console.log(`[concurrency] ${label}: ${(performance.now() - started).toFixed(0)} ms`);
  }
};

// ─── The monev under test ───────────────────────────────────────────────────────────────────────

interface Body { id: string; token: string }
interface Monev { periodId: string; bodies: Body[] }

/** A fresh body of tenant A with its own logged-in respondent. */
async function bodyWithRespondent(): Promise<Body> {
  const id = await world.body(a);
  const user = await world.user(a, 'respondent', { bodyId: id });
  return { id, token: await login(t.app, user.username, PASSWORD) };
}

/** A period with the 50-question questionnaire, the bodies enrolled, assessors assigned, opened to saq: all through the API. */
async function openMonev(bodies: Body[], assessorIds: string[]): Promise<Monev> {
  const admin = a.users.admin.token;
  const period = expectStatus(await http(admin, 'POST', '/periods', { year: 2025, title: world.unique('Monev'), stages: { saq: 100 } }), 201).body;
  expectStatus(await http(admin, 'POST', `/periods/${period.id}/questionnaires`, { ...QUESTIONNAIRE, categoryIds: [a.categoryId] }), 201);
  expectStatus(await http(admin, 'POST', `/periods/${period.id}/participants`, { bodyIds: bodies.map((b) => b.id) }), 201);
  for (const b of bodies) {
    expectStatus(await http(admin, 'PUT', `/periods/${period.id}/participants/${b.id}/assignments`, { assessorIds, jurorIds: [] }), 200);
  }
  await moveTo(period.id, 'saq');
  return { periodId: period.id, bodies };
}

async function moveTo(periodId: string, to: string): Promise<Reply> {
  return expectStatus(await http(a.users.admin.token, 'POST', `/periods/${periodId}/transitions`, { to }), 200);
}

async function participantOf(periodId: string, bodyId: string) {
  const [row] = await t.database.db.select().from(participants).where(and(eq(participants.periodId, periodId), eq(participants.bodyId, bodyId)));
  if (!row) throw new Error(`body ${bodyId} is not a participant of period ${periodId}`);
  return row;
}

async function auditCount(entityId: string, action: string): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));
  return row!.n;
}

// ─── The independent check: materialised rows = the pure engine on the stored inputs ───────────

/**
 * Rebuilds every participant's scoring input straight from the stored rows (answers, decisions,
 * visitation, jurors' aspects, the questionnaire and period settings), scores it with the pure
 * engine and compares with the materialised columns. Returns how many participants were checked.
 */
async function expectScoresMatchEngine(periodId: string): Promise<number> {
  const db = t.database.db;
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
  if (!period) throw new Error(`no period ${periodId}`);
  expect(period.advancement).toEqual({ rule: 'none' }); // advancement below is derived for this rule only
  const scoring = normalizePeriodScoring({
    stages: period.stages, presentationAspects: period.presentationAspects, advancement: period.advancement, bands: period.bands, nonSubmitters: period.nonSubmitters,
  });
  const forCategory = new Map((await db.select({ categoryId: questionnaireCategories.categoryId, definition: questionnaires.definition })
    .from(questionnaireCategories).innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .where(eq(questionnaireCategories.periodId, periodId))).map((r) => [r.categoryId, r.definition]));
  const rows = await db.select().from(participants).where(eq(participants.periodId, periodId)).orderBy(asc(participants.id));
  const ids = rows.map((r) => r.id);
  const answerRows = await db.select().from(answers).where(inArray(answers.participantId, ids));
  const decisionRows = await db.select().from(verifications).where(inArray(verifications.participantId, ids));
  const juryRows = await db.select().from(presentationScores).where(inArray(presentationScores.participantId, ids)).orderBy(asc(presentationScores.jurorId));

  for (const p of rows) {
    const questionnaire = forCategory.get(p.categoryId)!;
    const self: Record<string, AnswerValue> = {};
    for (const r of answerRows) if (r.participantId === p.id) self[r.questionCode] = r.value;
    // docs/scoring.md §4: accept → the body's answer, adjust → the assessor's value, undecided → absent
    const verified: Record<string, AnswerValue> = {};
    for (const d of decisionRows) {
      if (d.participantId !== p.id) continue;
      const value = d.decision === 'accept' ? self[d.questionCode] : (d.value as AnswerValue);
      if (value !== undefined) verified[d.questionCode] = value;
    }
    const submitted = p.status !== 'not_submitted';
    const score = scoreParticipant({
      questionnaire, period: scoring, selfAnswers: self, verifiedAnswers: verified,
      visitation: p.visitationScore, presentation: juryRows.filter((j) => j.participantId === p.id).map((j) => j.aspects),
      advanced: submitted, submitted,
    });
    const exact = (d: { toFixed(n: number): string } | null | undefined) => (d === null || d === undefined ? null : d.toFixed(30));
    expect({
      selfAssessedSaq: p.selfAssessedSaq, verifiedSaq: p.verifiedSaq, saqStageScore: p.saqStageScore, finalScore: p.finalScore,
      finalScoreRounded: p.finalScoreRounded, bandCode: p.bandCode, complete: p.complete, advanced: p.advanced,
      decidedCount: p.decidedCount, questionCount: p.questionCount,
      // stored cut to 30 decimals without trailing zeros
      indicators: (p.indicatorScores as { code: string; score: string; selfScore: string }[] | null)?.map((i) => [i.code, exact(new D(i.score)), exact(new D(i.selfScore))]),
    }, `participant ${p.id} (${p.status})`).toEqual({
      selfAssessedSaq: exact(score.selfAssessedSaq), verifiedSaq: exact(score.verifiedSaq), saqStageScore: exact(score.stages.saq), finalScore: exact(score.finalScore),
      finalScoreRounded: score.finalScoreRounded?.toFixed(2) ?? null, bandCode: score.band?.code ?? null, complete: score.complete, advanced: score.advanced,
      decidedCount: score.progress.decided, questionCount: score.progress.total,
      indicators: score.indicators.map((i) => [i.code, exact(i.score), exact(i.selfScore)]),
    });
  }

  // and the materialiser itself finds nothing left to change (rolled back in any case)
  let rescored = -1;
  await db.transaction(async (tx) => {
    rescored = (await rescorePeriod(tx, periodId)).count;
    tx.rollback();
  }).catch((error: unknown) => {
    if (!(error instanceof TransactionRollbackError)) throw error;
  });
  expect(rescored).toBe(0);
  return rows.length;
}

// ─── Setup ──────────────────────────────────────────────────────────────────────────────────────

let main: Body;
/** three bodies that submit and one that never does, each with its own respondent */
let others: Body[];
let assessor2: { id: string; token: string };

// Concurrency needs a real server: embedded PGlite runs one statement at a time.
const onPostgres = inject('dbServer') !== null;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  world = await buildWorld(t.app, t.database.db);
  a = world.a;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const second = await world.user(a, 'assessor');
  assessor2 = { id: second.id, token: await login(t.app, second.username, PASSWORD) };
  main = { id: a.bodyId, token: a.users.respondent.token };
  others = [];
  for (let i = 0; i < 4; i++) others.push(await bodyWithRespondent());
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/**
 * A fresh period in saq with the main body and the others (both assessors assigned): the others
 * answered 10, 20, 30 and 40 questions, and the first three submitted, so result sets have ranks to
 * fix. Each test opens its own and writes to it alone.
 */
async function monevWithOthers(): Promise<Monev> {
  const monev = await openMonev([main, ...others], [a.users.assessor.id, assessor2.id]);
  for (const [i, b] of others.entries()) {
    const batch = QUESTIONS.slice(0, 10 + 10 * i).map((q, j) => ({ question: q.code, value: valueOf(q, (j % 2) as 0 | 1) }));
    expectStatus(await http(b.token, 'PUT', `/periods/${monev.periodId}/participants/${b.id}/answers`, { answers: batch }), 200);
    if (i < 3) expectStatus(await http(b.token, 'POST', `/periods/${monev.periodId}/participants/${b.id}/submission`), 200);
  }
  return monev;
}

/** The main body answers every question as in `round`, in one batch. */
async function answerAll(monev: Monev, round: 0 | 1): Promise<void> {
  expectStatus(await http(main.token, 'PUT', at(monev, main.id, '/answers'), { answers: QUESTIONS.map((q) => ({ question: q.code, value: valueOf(q, round) })) }), 200);
}

/** Odd questions accepted, even ones adjusted (`adjustedOf`). */
const decisionOf = (q: Question, n: number) => (n % 2 === 1
  ? { question: q.code, decision: 'accept' }
  : { question: q.code, decision: 'adjust', value: adjustedOf(q), note: `Dikoreksi ${q.code}` });

/** monevWithOthers in deliberation: the main body answered round 1, submitted, and every answer was decided by `decisionOf`. */
async function decidedMonev(): Promise<Monev> {
  const monev = await monevWithOthers();
  await answerAll(monev, 1);
  expectStatus(await http(main.token, 'POST', at(monev, main.id, '/submission')), 200);
  await moveTo(monev.periodId, 'verification');
  expectStatus(await http(a.users.assessor.token, 'PUT', at(monev, main.id, '/verifications'), { decisions: QUESTIONS.map((q, i) => decisionOf(q, i + 1)) }), 200);
  await moveTo(monev.periodId, 'deliberation');
  return monev;
}

const at = (monev: Monev, bodyId: string, rest: string) => `/periods/${monev.periodId}/participants/${bodyId}${rest}`;

// ─── 1. SAQ answers ─────────────────────────────────────────────────────────────────────────────

describe.skipIf(!onPostgres)('concurrent writes to one participant', () => {
  it(`loses no update when ${CLIENTS} clients answer the same SAQ at once with If-Match, retrying on 412`, async () => {
    const monev = await monevWithOthers();
    const p0 = await participantOf(monev.periodId, main.id);
    const audits0 = await auditCount(p0.id, 'answers.put');
    let stale = 0;
    let attempts = 0;
    // each client owns one question: read the ETag, write with If-Match, on 412 read again and retry
    const written = await timed(`${CLIENTS} If-Match writers`, () => Promise.all(QUESTIONS.map(async (q) => {
      for (let attempt = 1; attempt <= 200; attempt++) {
        attempts++;
        const read = expectStatus(await http(main.token, 'GET', at(monev, main.id, '/answers')), 200);
        const put = await http(main.token, 'PUT', at(monev, main.id, '/answers'), { answers: [{ question: q.code, value: valueOf(q, 0) }] }, { 'if-match': read.etag! });
        if (put.status === 412) {
          expect(put.body).toMatchObject({ code: 'stale', status: 412 });
          stale++;
          // as a polite client would: back off a little, longer after each collision
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
          continue;
        }
        expectStatus(put, 200);
        expect(put.body.version).toBe(versionOfTag(put.etag));
        // the reply (read after commit) already holds this client's answer
        expect(put.body.items).toContainEqual(expect.objectContaining({ question: q.code, value: valueOf(q, 0) }));
        return put.body.version as number;
      }
      throw new Error(`client ${q.code} gave up after 200 attempts`);
    })));
    console.log(`[concurrency] answers: ${CLIENTS} writes succeeded, ${stale} answered 412 and were retried (${attempts} PUTs in all)`);

    expect(stale).toBeGreaterThan(0); // the clients really did collide
    expectGapless(written, p0.version);
    const p1 = await participantOf(monev.periodId, main.id);
    expect(p1.version).toBe(p0.version + CLIENTS);
    // the 412s changed nothing: one audit event per successful write
    expect(await auditCount(p0.id, 'answers.put')).toBe(audits0 + CLIENTS);
    const final = expectStatus(await http(a.users.viewer.token, 'GET', at(monev, main.id, '/answers')), 200);
    expect(final.etag).toBe(`"${p1.version}"`);
    expect(final.body).toMatchObject({ answered: CLIENTS, total: CLIENTS });
    expect(final.body.items.map((i: { question: string; value: unknown }) => [i.question, i.value])).toEqual(QUESTIONS.map((q) => [q.code, valueOf(q, 0)]));
    await expectScoresMatchEngine(monev.periodId);
  }, 60_000); // some 1,500 requests: seconds on a quiet machine, more on a busy CI runner

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const monev = await monevWithOthers();
    await answerAll(monev, 0);
    const before = expectStatus(await http(main.token, 'GET', at(monev, main.id, '/answers')), 200);
    const p0 = await participantOf(monev.periodId, main.id);
    const audits0 = await auditCount(p0.id, 'answers.put');
    const stale = await http(main.token, 'PUT', at(monev, main.id, '/answers'), { answers: [{ question: 'q01', value: 'none' }] }, { 'if-match': `"${p0.version - 1}"` });
    expect(stale.status).toBe(412);
    expect(stale.contentType).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'stale', status: 412, currentVersion: p0.version });
    const after = expectStatus(await http(main.token, 'GET', at(monev, main.id, '/answers')), 200);
    expect(after.etag).toBe(before.etag);
    expect(after.body).toEqual(before.body);
    expect(await participantOf(monev.periodId, main.id)).toEqual(p0);
    expect(await auditCount(p0.id, 'answers.put')).toBe(audits0);
  });

  it(`serialises ${CLIENTS} blind writes (no If-Match) on the participant row: every answer kept, versions unique and gapless`, async () => {
    const monev = await monevWithOthers();
    await answerAll(monev, 0);
    const p0 = await participantOf(monev.periodId, main.id);
    const replies = await timed(`${CLIENTS} blind writers`, () => Promise.all(QUESTIONS.map((q) =>
      http(main.token, 'PUT', at(monev, main.id, '/answers'), { answers: [{ question: q.code, value: valueOf(q, 1) }] }))));
    for (const r of replies) expectStatus(r, 200);
    expectGapless(replies.map((r) => versionOfTag(r.etag)), p0.version);
    expect((await participantOf(monev.periodId, main.id)).version).toBe(p0.version + CLIENTS);
    const final = expectStatus(await http(main.token, 'GET', at(monev, main.id, '/answers')), 200).body;
    expect(final.items.map((i: { question: string; value: unknown }) => [i.question, i.value])).toEqual(QUESTIONS.map((q) => [q.code, valueOf(q, 1)]));
    await expectScoresMatchEngine(monev.periodId);
  });
});

// ─── 2. Verifications ───────────────────────────────────────────────────────────────────────────

describe.skipIf(!onPostgres)('concurrent verifications', () => {
  it(`records ${CLIENTS} decisions sent at once by two assessors: versions unique and gapless, none lost`, async () => {
    const monev = await monevWithOthers();
    await answerAll(monev, 1);
    expectStatus(await http(main.token, 'POST', at(monev, main.id, '/submission')), 200);
    await moveTo(monev.periodId, 'verification');
    const p0 = await participantOf(monev.periodId, main.id);
    // odd questions accepted, even ones adjusted (decisionOf); the two assessors take turns
    const assessorOf = (n: number) => (n % 4 < 2 ? a.users.assessor : assessor2);
    const replies = await timed(`${CLIENTS} verifications`, () => Promise.all(QUESTIONS.map((q, i) =>
      http(assessorOf(i + 1).token, 'PUT', at(monev, main.id, '/verifications'), { decisions: [decisionOf(q, i + 1)] }))));
    for (const r of replies) expectStatus(r, 200);
    const versions = replies.map((r) => versionOfTag(r.etag));
    expect(replies.map((r) => r.body.version)).toEqual(versions);
    expectGapless(versions, p0.version);
    expect((await participantOf(monev.periodId, main.id)).version).toBe(p0.version + CLIENTS);

    const final = expectStatus(await http(a.users.admin.token, 'GET', at(monev, main.id, '/verifications')), 200).body;
    expect(final.progress).toEqual({ decided: CLIENTS, total: CLIENTS });
    expect(final.items.map((i: { question: string; decision: string; value: unknown; assessorId: string }) => [i.question, i.decision, i.value, i.assessorId]))
      .toEqual(QUESTIONS.map((q, i) => {
        const n = i + 1;
        return [q.code, n % 2 === 1 ? 'accept' : 'adjust', n % 2 === 1 ? valueOf(q, 1) : adjustedOf(q), assessorOf(n).id];
      }));
    await expectScoresMatchEngine(monev.periodId);
  });
});

// ─── 3. Result sets ─────────────────────────────────────────────────────────────────────────────

describe.skipIf(!onPostgres)('concurrent result sets', () => {
  const SETS = 15;

  it(`creates ${SETS} result sets posted at once as versions 1..${SETS}, each complete`, async () => {
    const monev = await decidedMonev();
    const replies = await timed(`${SETS} result sets`, () => Promise.all(Array.from({ length: SETS }, (_, i) =>
      http(a.users.admin.token, 'POST', `/periods/${monev.periodId}/results`, {
        decreeNumber: `${i + 1}/KEP/KI-A/XI/2025`, decreeDate: '2025-11-20', reason: `pleno ${i + 1}`,
      }))));
    for (const r of replies) expectStatus(r, 201);
    const versions = replies.map((r) => r.body.version as number);
    expectGapless(versions, 0);

    const db = t.database.db;
    const sets = await db.select().from(resultSets).where(eq(resultSets.periodId, monev.periodId)).orderBy(asc(resultSets.version));
    expect(sets.map((s) => s.version)).toEqual(versions.sort((x, y) => x - y));
    // each version is the one its request created (decree number and reason went with it)
    for (const r of replies) expect(sets.find((s) => s.version === r.body.version)).toMatchObject({ id: r.body.id, decreeNumber: r.body.decreeNumber, reason: r.body.reason });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)
      .where(and(eq(auditEvents.action, 'result_set.create'), inArray(auditEvents.entityId, sets.map((s) => s.id))))).toEqual([{ n: SETS }]);

    // every set is complete and, nothing having changed in between, identical to the live scores
    const live = await db.select().from(participants).where(eq(participants.periodId, monev.periodId));
    const expected = live.map((p) => [p.id, p.finalScoreRounded, p.bandCode]).sort();
    for (const set of sets) {
      const rows = await db.select().from(resultRows).where(eq(resultRows.resultSetId, set.id));
      expect(rows.map((r) => [r.participantId, r.finalScore, r.bandCode]).sort(), `version ${set.version}`).toEqual(expected);
    }
    const listed = expectStatus(await http(a.users.admin.token, 'GET', `/periods/${monev.periodId}/results?limit=50`), 200).body;
    expect(listed.items.map((s: { version: number; rowCount: number }) => [s.version, s.rowCount]))
      .toEqual(Array.from({ length: SETS }, (_, i) => [SETS - i, live.length]));
  });

  it('leaves materialised scores equal to the pure engine on the stored inputs, and the frozen rows with them', async () => {
    const monev = await decidedMonev();
    expect(await expectScoresMatchEngine(monev.periodId)).toBe(monev.bodies.length);
    const statuses = (await t.database.db.select({ status: participants.status }).from(participants).where(eq(participants.periodId, monev.periodId))).map((r) => r.status).sort();
    expect(statuses).toEqual(['not_submitted', 'submitted', 'submitted', 'submitted', 'submitted']);
    // and the main body's score is exactly what every client wrote and every assessor decided, scored from the test's own record of it
    const p = await participantOf(monev.periodId, main.id);
    expect(Number(p.finalScoreRounded)).toBeGreaterThan(0);
    expect(round2(scoreParticipant({
      questionnaire: QUESTIONNAIRE, period: normalizePeriodScoring({ stages: { saq: 100 } }), visitation: null, presentation: [], advanced: true, submitted: true,
      selfAnswers: Object.fromEntries(QUESTIONS.map((q) => [q.code, valueOf(q, 1)])),
      verifiedAnswers: Object.fromEntries(QUESTIONS.map((q, i) => [q.code, (i + 1) % 2 === 1 ? valueOf(q, 1) : adjustedOf(q)])),
    }).finalScore!).toFixed(2)).toBe(p.finalScoreRounded);
  });
});

// ─── 4. Writes racing a stage transition ────────────────────────────────────────────────────────

interface Outcome { status: number; code?: string; participantStatus?: string }

/**
 * Two writers per body keep writing until the stage closes on them; 300 ms in, the admin moves the
 * period on. Returns every write's outcome, the transition's reply, and the participants' versions
 * right after the transition answered and once the last writer stopped.
 */
async function raceTransition(periodId: string, bodies: Body[], to: string, write: (b: Body, i: number, w: number) => Promise<Reply>) {
  const outcomes: Outcome[] = [];
  let transitioned = false;
  const writers = bodies.flatMap((b) => [0, 1].map(async (w) => {
    // until refused, or (transition failed) until the transition has answered
    for (let i = 0; !transitioned || outcomes.length === 0; i++) {
      const res = await write(b, i, w);
      outcomes.push({ status: res.status, code: res.body?.code, participantStatus: res.body?.status });
      if (res.status !== 200) return;
    }
  }));
  const versions = () => Promise.all(bodies.map(async (b) => (await participantOf(periodId, b.id)).version));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const transition = await timed(`${to} under ${writers.length} writers`, () => http(a.users.admin.token, 'POST', `/periods/${periodId}/transitions`, { to }));
  transitioned = true;
  const versionsAtTransition = await versions();
  await Promise.all(writers);
  const ok = outcomes.filter((o) => o.status === 200).length;
  console.log(`[concurrency] race to ${to}: ${ok} writes accepted, ${outcomes.length - ok} refused; transition ${transition.status}`);
  return { outcomes, ok, transition, versionsAtTransition, versionsAfter: await versions() };
}

/** What a race may end in: the transition went through, and each write either landed before it or was refused for the stage. */
function expectCleanRace(race: Awaited<ReturnType<typeof raceTransition>>): void {
  expectStatus(race.transition, 200);
  expect(race.ok).toBeGreaterThan(0);
  // a deadlock or serialisation failure would show as 409 `conflict` (or a 5xx), not `wrong_stage`
  for (const o of race.outcomes) if (o.status !== 200) expect(o).toMatchObject({ status: 409, code: 'wrong_stage' });
  // nothing was written after the transition committed
  expect(race.versionsAfter).toEqual(race.versionsAtTransition);
}

describe.skipIf(!onPostgres)('writes racing a stage transition', () => {
  /** eight bodies with their respondents; each test opens its own period for them */
  let bodies: Body[];
  beforeAll(async () => {
    bodies = [];
    for (let i = 0; i < 8; i++) bodies.push(await bodyWithRespondent());
  }, 60_000);

  it('closes the SAQ while respondents answer: no deadlock, no answer accepted after the close', async () => {
    const race = await openMonev(bodies, [a.users.assessor.id]);
    const result = await raceTransition(race.periodId, bodies, 'verification', (b, i, w) => {
      const q = QUESTIONS[(i * 2 + w) % CLIENTS]!;
      return http(b.token, 'PUT', `/periods/${race.periodId}/participants/${b.id}/answers`, { answers: [{ question: q.code, value: valueOf(q, (i % 2) as 0 | 1) }] });
    });
    expectCleanRace(result);
    expect(result.transition.body).toMatchObject({ markedNotSubmitted: bodies.length });
    // an accepted answer was written while its participant was still answering
    for (const o of result.outcomes) if (o.status === 200) expect(o.participantStatus).toBe('enrolled');
    await expectScoresMatchEngine(race.periodId);
  });

  it('closes verification while assessors verify: no decision recorded after the close', async () => {
    const verifying = await openMonev(bodies, [a.users.assessor.id]);
    for (const b of bodies) {
      expectStatus(await http(b.token, 'PUT', `/periods/${verifying.periodId}/participants/${b.id}/answers`, {
        answers: QUESTIONS.map((q) => ({ question: q.code, value: valueOf(q, 0) })),
      }), 200);
      expectStatus(await http(b.token, 'POST', `/periods/${verifying.periodId}/participants/${b.id}/submission`), 200);
    }
    await moveTo(verifying.periodId, 'verification');
    const result = await raceTransition(verifying.periodId, bodies, 'deliberation', (b, i, w) => {
      const q = QUESTIONS[(i * 2 + w) % CLIENTS]!;
      const decision = i % 2 === 0 ? { question: q.code, decision: 'accept' } : { question: q.code, decision: 'adjust', value: adjustedOf(q), note: 'Dikoreksi' };
      return http(a.users.assessor.token, 'PUT', `/periods/${verifying.periodId}/participants/${b.id}/verifications`, { decisions: [decision] });
    });
    expectCleanRace(result);
    await expectScoresMatchEngine(verifying.periodId);
  });
});
