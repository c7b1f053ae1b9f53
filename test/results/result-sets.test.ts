// Result sets (fix, list, read, diff, publish), their immutability and reproducibility, and the
// public API: the same numbers everywhere, and nothing unpublished visible to anonymous callers.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalInputs, canonicalJson, DEFAULT_BANDS, scoreFromJson, scoringInputsRecord, sha256Hex } from '../../src/scoring/index.ts';
import { answers, verifications } from '../../src/db/schema.ts';
import { loadParticipantInputs } from '../../src/modules/scores/inputs.repo.ts';
import { rescorePeriod } from '../../src/modules/scores/materialize.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, expectStatus } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, correctVisitation, type Arranged, type PeriodSpec } from './arrange.ts';

const run = promisify(execFile);

let t: TestApp;
let a: Tenant;
let b: Tenant;
/** commission A's main period with version 1 and, after a correction, version 2; never published */
let fixed: Arranged;
/** commission A's period still in verification */
let early: Arranged;
/** another commission whose main period published version 1, then version 2 */
let p: Tenant;
let published: Arranged;

const results = (periodId: string, rest = '') => `/api/v1/periods/${periodId}/results${rest}`;
const decree = { decreeNumber: '52/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20' };
const correction = { decreeNumber: '53/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-27' };
const reason = { 'x-audit-reason': encodeURIComponent('Koreksi nilai visitasi Bank Daerah') };

function numbers(items: any[]) {
  return items.map((r) => [r.bodyName, r.rank, r.categoryRank, r.finalScore, r.band?.code ?? null, r.status]);
}

/** SAQ 80 + visitasi 20, in deliberation (TWO_BY_TWO's answers, test/helpers/questionnaires.ts). */
const MAIN: PeriodSpec = {
  stage: 'deliberation',
  stages: { saq: 80, visitation: 20 },
  categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
  bodies: [
    { name: 'Dinas Kominfo', answers: ALL, visitation: 90 },
    // verification adjusted q3 from "full" to "half": SAQ 0.6·50 + 0.4·(0.5+0.5)/2·100 = 50 → 56.00
    { name: 'Dinas Kesehatan', answers: { ...HALF, q3: 'full' }, verified: { q3: 'half' }, visitation: 80 },
    { name: 'Bank Daerah', category: 1, answers: HALF, visitation: 80 },
    { name: 'Dinas Pendidikan', answers: A_ONLY, visitation: 75 },
    { name: 'Perusda Air', category: 1, status: 'not_submitted' },
  ],
};

// Expected of MAIN (SAQ 80 + visitasi 20):
//   Dinas Kominfo 100/90 → 98.00; Dinas Pendidikan 60/75 → 63.00; Bank Daerah and Dinas Kesehatan 50/80 → 56.00
const V1 = [
  ['Dinas Kominfo', 1, 1, 98, 'informatif', 'scored'],
  ['Dinas Pendidikan', 2, 2, 63, 'cukup_informatif', 'scored'],
  ['Bank Daerah', 3, 1, 56, 'kurang_informatif', 'scored'],
  ['Dinas Kesehatan', 3, 3, 56, 'kurang_informatif', 'scored'],
  ['Perusda Air', null, null, null, null, 'not_submitted'],
];

/** Fixes the next result set version of the period: its JSON. */
async function fix(tenant: Tenant, periodId: string, payload: object = decree, headers: Record<string, string> = {}) {
  return expectStatus(await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(periodId), payload, headers }), 201).json();
}

/** The pleno corrects Bank Daerah's visitation 80 → 90 (0.8·50 + 0.2·90 = 58.00) and fixes version 2 with a reason. */
async function correct(tenant: Tenant, period: Arranged) {
  await correctVisitation(t.app, tenant, period, 'Bank Daerah', 90);
  return fix(tenant, period.periodId, correction, reason);
}

async function publish(tenant: Tenant, periodId: string, version: number) {
  return expectStatus(await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(periodId, `/${version}/publication`) }), 201).json();
}

/** A commission of its own with MAIN in deliberation, for a test that changes its result sets. */
async function ownMain(): Promise<{ tenant: Tenant; main: Arranged }> {
  const tenant = await createTenant(t.app);
  return { tenant, main: await arrangePeriod(t.app, tenant, MAIN) };
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  p = await createTenant(t.app);
  fixed = await arrangePeriod(t.app, a, MAIN);
  await fix(a, fixed.periodId);
  await correct(a, fixed);
  early = await arrangePeriod(t.app, a, {
    stage: 'verification', stages: { saq: 100 }, year: 2024,
    categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Arsip', answers: ALL }],
  });
  published = await arrangePeriod(t.app, p, MAIN);
  await fix(p, published.periodId);
  await publish(p, published.periodId, 1);
  await correct(p, published);
  await publish(p, published.periodId, 2);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('result sets', () => {
  it('are fixed only in deliberation, by admins, with a valid decree', async () => {
    const open = await arrangePeriod(t.app, a, {
      stage: 'deliberation', stages: { saq: 100 }, categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Perpustakaan', answers: ALL }],
    });
    const wrongStage = await call(t.app, a.users.admin.token, { method: 'POST', url: results(early.periodId), payload: decree });
    expect(wrongStage.statusCode).toBe(409);
    expect(wrongStage.json()).toMatchObject({ code: 'wrong_stage', stage: 'verification' });
    expect((await call(t.app, a.users.viewer.token, { method: 'POST', url: results(open.periodId), payload: decree })).statusCode).toBe(403);
    expect((await call(t.app, null, { method: 'POST', url: results(open.periodId), payload: decree })).statusCode).toBe(401);
    expect((await call(t.app, b.users.admin.token, { method: 'POST', url: results(open.periodId), payload: decree })).statusCode).toBe(404);
    const bad = await call(t.app, a.users.admin.token, { method: 'POST', url: results(open.periodId), payload: { decreeNumber: '', decreeDate: '20-11-2025', extra: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: any) => e.path).sort()).toEqual(['body.decreeDate', 'body.decreeNumber', 'body.extra']);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(open.periodId) })).json().items).toEqual([]);
  });

  it('freeze every participant with the same numbers as the live rankings', async () => {
    const { tenant, main } = await ownMain();
    const live = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: `/api/v1/periods/${main.periodId}/rankings` })).json();
    expect(numbers(live.items)).toEqual(V1);

    const res = await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId), payload: decree });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(results(main.periodId, '/1'));
    expect(res.json()).toMatchObject({
      version: 1, ...decree, reason: null, rowCount: 5, published: false, current: false, createdBy: tenant.users.admin.id,
      counts: { scored: 4, provisional: 0, notSubmitted: 1 },
    });
    expect(res.json().bands.find((x: any) => x.code === 'kurang_informatif').count).toBe(2);

    const v1 = (await call(t.app, tenant.users.viewer.token, { method: 'GET', url: results(main.periodId, '/1') })).json();
    expect(v1).toMatchObject({ version: 1, decreeNumber: decree.decreeNumber, rowCount: 5, nextCursor: null });
    expect(numbers(v1.items)).toEqual(V1);
    expect(v1.items[0]).toMatchObject({ verifiedSaq: 100, selfAssessedSaq: 100, stages: { saq: 100, visitation: 90 }, indicators: [{ code: 'A', score: 100 }, { code: 'B', score: 100 }] });
    const kesehatan = v1.items.find((r: any) => r.bodyName === 'Dinas Kesehatan');
    expect(kesehatan).toMatchObject({ selfAssessedSaq: 60, verifiedSaq: 50 });

    // the live recap and the frozen rows agree field by field
    const recap = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: `/api/v1/periods/${main.periodId}/recap` })).json();
    for (const row of recap.items) {
      const frozen = v1.items.find((r: any) => r.participantId === row.participantId);
      expect(frozen).toEqual(row);
    }

    const audit = await t.database.db.execute(sql`select action, after from audit_events where entity_type = 'result_set' and action = 'result_set.create' and entity_id = ${res.json().id}`);
    expect((audit as { rows: any[] }).rows).toHaveLength(1);
  });

  it('store inputs that recompute to the stored numbers, hashed over their canonical JSON', async () => {
    const v1 = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/1') })).json();
    for (const row of v1.items) {
      const res = await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, `/1/rows/${row.bodyId}`) });
      expect(res.statusCode).toBe(200);
      const detail = res.json();
      expect(detail.inputsSha256).toBe(sha256Hex(canonicalJson(detail.inputs)));
      const { questionnaire, period, ...answers } = detail.inputs;
      const recomputed = scoreFromJson({ questionnaire, period, answers });
      expect(recomputed.ok).toBe(true);
      if (!recomputed.ok) continue;
      const report = recomputed.value.report;
      expect(report.finalScore === null ? null : Number(report.finalScore.toFixed(2))).toBe(row.finalScore);
      expect(report.band?.code ?? null).toBe(row.band?.code ?? null);
      expect(Number(report.saq.toFixed(2))).toBe(row.verifiedSaq);
      expect(report.inputsHash).toBe(detail.inputsSha256);
    }
    // each questionnaire is stored once per version; the other rows refer to the row holding it
    const stored = (await t.database.db.execute(sql`
      select count(*) filter (where r.inputs -> 'questionnaire' ? 'indicators')::int as full, count(*) filter (where r.inputs -> 'questionnaire' ? 'sameAs')::int as refs
      from result_rows r join result_sets s on s.id = r.result_set_id where s.period_id = ${fixed.periodId} and s.version = 1`) as { rows: any[] }).rows[0];
    expect(stored).toEqual({ full: 1, refs: 4 });
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, `/1/rows/${early.bodyIds['Dinas Arsip']}`) })).statusCode).toBe(404);
    expect((await call(t.app, b.users.admin.token, { method: 'GET', url: results(fixed.periodId, `/1/rows/${fixed.bodyIds['Dinas Kominfo']}`) })).statusCode).toBe(404);
  });

  it('recompute with the kip-monev command from a stored input record', async () => {
    const detail = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, `/1/rows/${fixed.bodyIds['Dinas Kesehatan']}`) })).json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-inputs-'));
    const file = path.join(dir, 'inputs.json');
    fs.writeFileSync(file, JSON.stringify(detail.inputs));
    const { stdout } = await run(process.execPath, ['bin/kip-monev.js', 'score', '--inputs', file], { cwd: process.cwd() });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ finalScore: 56, saq: 50, band: { code: 'kurang_informatif' }, complete: true, inputsHash: detail.inputsSha256 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('splice the canonical JSON exactly as canonicalJson would write it', async () => {
    const inputs = await loadParticipantInputs(t.database.db, fixed.periodId);
    expect(inputs.size).toBe(5);
    for (const input of inputs.values()) expect(canonicalInputs(input)).toBe(canonicalJson(scoringInputsRecord(input)));
  });

  it('splice canonical JSON exactly also for awkward codes, numbers and decimal strings', () => {
    const yes = (code: string) => ({ code, text: code, weight: 1, type: 'yes_no' as const, evidence: 'none' as const });
    const questionnaire = {
      code: 'Q', title: 'Q',
      indicators: [
        { code: 'A', name: 'A', weight: 50, questions: ['1.9', '1.10', '10.1', '2', 'Ä', 'a', 'Z'].map(yes) },
        { code: 'B', name: 'B', weight: '50.0', questions: [{ ...yes('3'), type: 'checklist' as const, items: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }] },
      ],
    };
    const period = { stages: { saq: 70, presentation: 30 }, presentationAspects: { m: 50, i: '50' }, advancement: { rule: 'none' as const }, bands: DEFAULT_BANDS, nonSubmitters: 'not_scored' as const };
    const input = {
      questionnaire, period, selfAnswers: {},
      verifiedAnswers: { '1.10': true, '1.9': false, Z: true, 'Ä': true, '2': false, '3': ['y', 'x'] },
      visitation: '85.50', presentation: [{ m: 80.25, i: 0 }, { m: '70.10', i: -0 }], advanced: true, submitted: true,
    };
    expect(canonicalInputs(input)).toBe(canonicalJson(scoringInputsRecord(input)));
    const stray = { ...input, verifiedAnswers: { ...input.verifiedAnswers, unknown: true } };
    expect(canonicalInputs(stray)).toBe(canonicalJson(scoringInputsRecord(stray)));
  });

  it('are immutable in the database', async () => {
    const db = t.database.db;
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await db.execute(statement).then(() => null, (e: any) => e);
      return { message: String(error?.cause?.message ?? error?.message), hint: error?.cause?.hint };
    };
    for (const statement of [
      sql`update result_rows set final_score = 100 where participant_id = ${fixed.participantIds['Bank Daerah']}`,
      sql`delete from result_rows where participant_id = ${fixed.participantIds['Bank Daerah']}`,
      sql`update result_sets set decree_number = 'x' where period_id = ${fixed.periodId}`,
    ]) {
      expect(await refusal(statement)).toEqual({ message: expect.stringMatching(/immutable/), hint: 'kip:immutable' });
    }
    const v1 = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/1') })).json();
    expect(numbers(v1.items)).toEqual(V1);
  });

  it('take a correction as version 2 with a mandatory reason, and keep version 1 readable', async () => {
    const { tenant, main } = await ownMain();
    await fix(tenant, main.periodId);
    // the pleno corrects Bank Daerah's visitation 80 → 90: 0.8·50 + 0.2·90 = 58.00
    await correctVisitation(t.app, tenant, main, 'Bank Daerah', 90);
    const noReason = await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId), payload: { ...decree, decreeNumber: '53/KEP/KI-BTN/XI/2025' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('reason_required');
    const v2 = await call(t.app, tenant.users.admin.token, {
      method: 'POST', url: results(main.periodId),
      payload: { decreeNumber: '53/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-27' },
      headers: { 'x-audit-reason': encodeURIComponent('Koreksi nilai visitasi Bank Daerah') },
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, reason: 'Koreksi nilai visitasi Bank Daerah' });
    const audit = (await t.database.db.execute(sql`
      select reason, actor_id, request_id from audit_events where action = 'result_set.create' and entity_id = ${v2.json().id}`) as { rows: any[] }).rows;
    expect(audit).toEqual([{ reason: 'Koreksi nilai visitasi Bank Daerah', actor_id: tenant.users.admin.id, request_id: v2.headers['x-request-id'] }]);

    const rows2 = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: results(main.periodId, '/2') })).json().items;
    expect(numbers(rows2)).toEqual([
      ['Dinas Kominfo', 1, 1, 98, 'informatif', 'scored'],
      ['Dinas Pendidikan', 2, 2, 63, 'cukup_informatif', 'scored'],
      ['Bank Daerah', 3, 1, 58, 'kurang_informatif', 'scored'],
      ['Dinas Kesehatan', 4, 3, 56, 'kurang_informatif', 'scored'],
      ['Perusda Air', null, null, null, null, 'not_submitted'],
    ]);
    const rows1 = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: results(main.periodId, '/1') })).json().items;
    expect(numbers(rows1)).toEqual(V1);

    const list = (await call(t.app, tenant.users.viewer.token, { method: 'GET', url: results(main.periodId) })).json();
    expect(list.items.map((s: any) => [s.version, s.decreeNumber, s.published])).toEqual([[2, '53/KEP/KI-BTN/XI/2025', false], [1, decree.decreeNumber, false]]);
    const page1 = (await call(t.app, tenant.users.viewer.token, { method: 'GET', url: `${results(main.periodId)}?limit=1` })).json();
    expect(page1.items.map((s: any) => s.version)).toEqual([2]);
    const page2 = (await call(t.app, tenant.users.viewer.token, { method: 'GET', url: `${results(main.periodId)}?limit=1&cursor=${page1.nextCursor}` })).json();
    expect(page2.items.map((s: any) => s.version)).toEqual([1]);
    expect(page2.nextCursor).toBeNull();
  });

  it('diff two versions: which participants changed, from what to what', async () => {
    const res = await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/2/diff') });
    expect(res.statusCode).toBe(200);
    const diff = res.json();
    expect(diff).toMatchObject({ from: 1, to: 2, summary: { changed: 2, added: 0, removed: 0, unchanged: 3 } });
    expect(diff.items.map((i: any) => [i.bodyName, i.change, i.fields])).toEqual([
      ['Bank Daerah', 'changed', ['finalScore', 'stages', 'inputs']],
      ['Dinas Kesehatan', 'changed', ['overallRank']],
    ]);
    expect(diff.items[0].before).toMatchObject({ finalScore: 56, stages: { visitation: 80 }, overallRank: 3 });
    expect(diff.items[0].after).toMatchObject({ finalScore: 58, stages: { visitation: 90 }, overallRank: 3 });
    expect(diff.items[1].before.overallRank).toBe(3);
    expect(diff.items[1].after.overallRank).toBe(4);
    const reverse = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/1/diff?from=2') })).json();
    expect(reverse.items[0].after.finalScore).toBe(56);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/1/diff') })).statusCode).toBe(422);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/2/diff?from=7') })).statusCode).toBe(404);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/9') })).statusCode).toBe(404);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/zero') })).statusCode).toBe(400);
  });

  it('export a version as CSV and XLSX and answer 304 to its ETag', async () => {
    const res = await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/2'), headers: { accept: 'text/csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('hasil-v2-2025.csv');
    const rows = parse<Record<string, string>>(res.body, { columns: true });
    expect(rows.map((r) => [r['Badan Publik'], r['Nilai Akhir'], r.Kualifikasi])).toEqual([
      ['Dinas Kominfo', '98.00', 'Informatif'], ['Dinas Pendidikan', '63.00', 'Cukup Informatif'], ['Bank Daerah', '58.00', 'Kurang Informatif'],
      ['Dinas Kesehatan', '56.00', 'Kurang Informatif'], ['Perusda Air', '', ''],
    ]);
    const json = await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/2') });
    const again = await call(t.app, a.users.admin.token, { method: 'GET', url: results(fixed.periodId, '/2'), headers: { 'if-none-match': json.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });
});

describe('result sets with provisional and tidak-informatif participants', () => {
  // docs/scoring.md §5: a non-submitter given 0 under tidak_informatif stays not_submitted without a rank, after the
  // provisional ones (until this was fixed it was listed as scored and ranked, and counted under scored)
  it('list a non-submitter scored as tidak informatif last, not submitted, with 0 and no rank, after a provisional one', async () => {
    const odd = await arrangePeriod(t.app, a, {
      stage: 'deliberation', stages: { saq: 80, visitation: 20 }, nonSubmitters: 'tidak_informatif',
      categories: [{ code: 'OPD', name: 'OPD' }],
      bodies: [
        { name: 'Dinas Perindustrian', answers: HALF, visitation: 60 }, // 0.8·50 + 0.2·60 = 52.00
        { name: 'Dinas Pertanian', answers: ALL }, // no visitation: provisional 100.00
        { name: 'Dinas Perikanan', status: 'not_submitted' }, // tidak informatif: 0.00
      ],
    });
    const expected = [
      ['Dinas Perindustrian', 1, 1, 52, 'kurang_informatif', 'scored'],
      ['Dinas Pertanian', null, null, 100, 'informatif', 'provisional'],
      ['Dinas Perikanan', null, null, 0, 'tidak_informatif', 'not_submitted'],
    ];
    const live = (await call(t.app, a.users.admin.token, { method: 'GET', url: `/api/v1/periods/${odd.periodId}/rankings` })).json();
    expect(numbers(live.items)).toEqual(expected);
    const created = await call(t.app, a.users.admin.token, { method: 'POST', url: results(odd.periodId), payload: decree });
    expect(created.statusCode).toBe(201);
    expect(created.json().counts).toEqual({ scored: 1, provisional: 1, notSubmitted: 1 });
    expect(created.json().bands.find((b: any) => b.code === 'tidak_informatif').count).toBe(1);
    const frozen = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(odd.periodId, '/1') })).json();
    expect(numbers(frozen.items)).toEqual(expected);
    const detail = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(odd.periodId, `/1/rows/${odd.bodyIds['Dinas Perikanan']}`) })).json();
    expect(detail.inputs).toMatchObject({ submitted: false, advanced: false, answers: {}, visitation: null, period: { nonSubmitters: 'tidak_informatif' } });
  });
});

describe('result sets and answers that no longer fit the questionnaire', () => {
  it('leave such answers out, as the live scores do, instead of refusing to freeze', async () => {
    const db = t.database.db;
    const stale = await arrangePeriod(t.app, a, {
      stage: 'deliberation', stages: { saq: 100 },
      categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Lama', answers: HALF }],
    });
    const id = stale.participantIds['Dinas Lama']!;
    // stored before the questionnaire changed (no API call can store them): an answer to a question that no
    // longer exists, and a value the yes/no question q1 no longer accepts, both accepted by the assessor
    await db.insert(answers).values({ participantId: id, questionCode: 'q9', value: true });
    await db.insert(verifications).values({ participantId: id, questionCode: 'q9', decision: 'accept' });
    await db.update(answers).set({ value: 'yes' }).where(and(eq(answers.participantId, id), eq(answers.questionCode, 'q1')));
    await rescorePeriod(db, stale.periodId);
    // q1 and q9 count as unanswered: SAQ = 0.6·0 + 0.4·(0.5 + 0.5)/2·100 = 20
    const expected = [['Dinas Lama', 1, 1, 20, 'tidak_informatif', 'scored']];
    const live = (await call(t.app, a.users.admin.token, { method: 'GET', url: `/api/v1/periods/${stale.periodId}/rankings` })).json();
    expect(numbers(live.items)).toEqual(expected);

    const created = await call(t.app, a.users.admin.token, { method: 'POST', url: results(stale.periodId), payload: decree });
    expect(created.statusCode).toBe(201);
    const frozen = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(stale.periodId, '/1') })).json();
    expect(numbers(frozen.items)).toEqual(expected);
    const detail = (await call(t.app, a.users.admin.token, { method: 'GET', url: results(stale.periodId, `/1/rows/${stale.bodyIds['Dinas Lama']}`) })).json();
    expect(detail.inputs.answers).toEqual({ q2: false, q3: 'half', q4: ['web', 'app'] });
    expect(detail.inputsSha256).toBe(sha256Hex(canonicalJson(detail.inputs)));
    const { questionnaire, period, ...rest } = detail.inputs;
    const recomputed = scoreFromJson({ questionnaire, period, answers: rest });
    expect(recomputed.ok && recomputed.value.report.finalScore?.toFixed(2)).toBe('20.00');
  });
});

describe('publication and the public API', () => {
  it('shows nothing before publication', async () => {
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${fixed.periodId}/rankings` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/bodies/${fixed.bodyIds['Dinas Kominfo']}/history` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/commissions/${a.commissionId}/periods` })).statusCode).toBe(404);
    const commissions = (await call(t.app, null, { method: 'GET', url: '/api/v1/public/commissions' })).json();
    expect(commissions.items.map((c: any) => c.id)).not.toContain(a.commissionId);
  });

  it('publishes version 1: the public sees exactly its numbers', async () => {
    const { tenant, main } = await ownMain();
    await fix(tenant, main.periodId);
    expect((await call(t.app, tenant.users.viewer.token, { method: 'POST', url: results(main.periodId, '/1/publication') })).statusCode).toBe(403);
    expect((await call(t.app, b.users.admin.token, { method: 'POST', url: results(main.periodId, '/1/publication') })).statusCode).toBe(404);
    expect((await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId, '/5/publication') })).statusCode).toBe(404);
    const res = await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId, '/1/publication') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 1, supersedes: null, publishedBy: tenant.users.admin.id });
    expect((await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId, '/1/publication') })).statusCode).toBe(409);

    const pub = await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${main.periodId}/rankings` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const body = pub.json();
    expect(body.result).toMatchObject({ version: 1, decreeNumber: decree.decreeNumber, decreeDate: decree.decreeDate });
    expect(numbers(body.items)).toEqual(V1);
    expect(body.items[0]).not.toHaveProperty('participantId');
    expect(body.items[0]).not.toHaveProperty('inputs');
  });

  it('publishing version 2 supersedes version 1, which stays readable', async () => {
    const { tenant, main } = await ownMain();
    await fix(tenant, main.periodId);
    await publish(tenant, main.periodId, 1);
    await correct(tenant, main);
    const res = await call(t.app, tenant.users.admin.token, { method: 'POST', url: results(main.periodId, '/2/publication') });
    expect(res.statusCode).toBe(201);
    expect(res.json().supersedes).toBe(1);
    const pub = (await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${main.periodId}/rankings` })).json();
    expect(pub.result.version).toBe(2);
    expect(pub.items.find((r: any) => r.bodyName === 'Bank Daerah').finalScore).toBe(58);
    // an earlier version cannot be published over a later one
    const list = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: results(main.periodId) })).json();
    expect(list.items.map((s: any) => [s.version, s.published, s.current])).toEqual([[2, true, true], [1, true, false]]);
    const v1 = (await call(t.app, tenant.users.admin.token, { method: 'GET', url: results(main.periodId, '/1') })).json();
    expect(v1.items.find((r: any) => r.bodyName === 'Bank Daerah').finalScore).toBe(56);
    // a publication cannot be withdrawn or rewritten behind the API's back either
    const error = await t.database.db.execute(sql`delete from publications where period_id = ${main.periodId}`).then(() => null, (e: any) => e);
    expect(error?.cause?.hint).toBe('kip:immutable');
  });

  it('serves the public rankings by category, as CSV and XLSX, with 304', async () => {
    const bumd = (await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${published.periodId}/rankings?category=${published.categoryIds[1]}` })).json();
    expect(bumd.items.map((r: any) => [r.bodyName, r.rank, r.finalScore])).toEqual([['Bank Daerah', 1, 58], ['Perusda Air', null, null]]);
    const csv = await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${published.periodId}/rankings`, headers: { accept: 'text/csv' } });
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(rows.find((r) => r['Badan Publik'] === 'Bank Daerah')).toMatchObject({ 'Nilai Akhir': '58.00', Peringkat: '3', Kualifikasi: 'Kurang Informatif' });
    const xlsx = await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${published.periodId}/rankings?format=xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // below the title block: row 6 is the header, column 5 Nilai Akhir
    expect(workbook.getWorksheet('Peringkat')!.getRow(7).getCell(5).value).toBe(98);
    const tag = csv.headers.etag as string;
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${published.periodId}/rankings`, headers: { accept: 'text/csv', 'if-none-match': tag } })).statusCode).toBe(304);
  });

  it('lists published commissions and periods, and a body\'s published history', async () => {
    const commissions = (await call(t.app, null, { method: 'GET', url: '/api/v1/public/commissions' })).json();
    const mine = commissions.items.find((c: any) => c.id === p.commissionId);
    expect(mine).toMatchObject({ level: 'provinsi', publishedPeriods: 1 });
    expect(commissions.items.map((c: any) => c.id)).not.toContain(b.commissionId);
    const periods = (await call(t.app, null, { method: 'GET', url: `/api/v1/public/commissions/${p.commissionId}/periods` })).json();
    expect(periods.items).toEqual([{ id: published.periodId, year: 2025, title: expect.any(String), result: expect.objectContaining({ version: 2 }) }]);
    const history = (await call(t.app, null, { method: 'GET', url: `/api/v1/public/bodies/${published.bodyIds['Bank Daerah']}/history` })).json();
    expect(history).toMatchObject({ bodyId: published.bodyIds['Bank Daerah'], bodyName: 'Bank Daerah' });
    expect(history.items).toEqual([expect.objectContaining({
      year: 2025, periodId: published.periodId, finalScore: 58, band: { code: 'kurang_informatif', label: 'Kurang Informatif' },
      overallRank: 3, categoryRank: 1, categoryName: 'Badan Usaha Milik Daerah', result: expect.objectContaining({ version: 2 }),
    })]);
  });

  it('never shows another commission\'s unpublished result set', async () => {
    // commission B: a period in deliberation with a result set that is never published
    const hidden = await arrangePeriod(t.app, b, {
      stage: 'deliberation', stages: { saq: 100 },
      categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Rahasia', answers: ALL }],
    });
    const created = await call(t.app, b.users.admin.token, { method: 'POST', url: results(hidden.periodId), payload: decree });
    expect(created.statusCode).toBe(201);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/periods/${hidden.periodId}/rankings` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/bodies/${hidden.bodyIds['Dinas Rahasia']}/history` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/public/commissions/${b.commissionId}/periods` })).statusCode).toBe(404);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: results(hidden.periodId, '/1') })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: '/api/v1/public/periods/not-a-uuid/rankings' })).statusCode).toBe(400);
  });

  it('refuses publication outside deliberation and closed', async () => {
    // a result set exists for the early period only if it reached deliberation; moving it back is not our concern here
    const res = await call(t.app, a.users.admin.token, { method: 'POST', url: results(early.periodId, '/1/publication') });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('wrong_stage');
  });
});
