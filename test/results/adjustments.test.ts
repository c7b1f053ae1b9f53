// Adjustments through the API (docs/scoring.md §5, §9; docs/api.md "adjustment"): the admin records plenary
// bonus or penalty points in deliberation (Banten's nilai plus: +2 when the agency head presents in
// person), every refusal, the rescored participant, the recap, and the result set that freezes them
// into its inputs and hash so that `kip-monev score --inputs` recomputes the row.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/scoring/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged } from './arrange.ts';

const run = promisify(execFile);

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
/** SAQ 80 + visitasi 20, maxAdjustment 5, in deliberation */
let main: Arranged;
/** the same shape, still in visitation */
let early: Arranged;
/** in deliberation, maxAdjustment left at 0 */
let none: Arranged;

const NILAI_PLUS = { points: 2, reason: 'Kepala badan publik hadir langsung pada presentasi (nilai plus)' };
const at = (arranged: Arranged, body: string, rest = '') => `/periods/${arranged.periodId}/participants/${arranged.bodyIds[body]}${rest}`;
const score = async (arranged: Arranged, body: string) => expectStatus(await admin.get(at(arranged, body, '/score')), 200).json();

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  main = await arrangePeriod(t.app, a, {
    stage: 'deliberation',
    stages: { saq: 80, visitation: 20 },
    maxAdjustment: 5,
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    bodies: [
      // 0.8 · 100 + 0.2 · 90 = 98.00
      { name: 'Dinas Kominfo', answers: ALL, visitation: 90 },
      // 0.8 · 60 + 0.2 · 75 = 63.00
      { name: 'Dinas Pendidikan', answers: A_ONLY, visitation: 75 },
      // no visitation score: provisional at its SAQ 50
      { name: 'Bank Daerah', answers: HALF },
      { name: 'Perusda Air', status: 'not_submitted' },
    ],
  });
  early = await arrangePeriod(t.app, a, {
    stage: 'visitation', stages: { saq: 80, visitation: 20 }, maxAdjustment: 5,
    categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Arsip', answers: ALL }],
  });
  none = await arrangePeriod(t.app, a, {
    stage: 'deliberation', stages: { saq: 100 },
    categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Sosial', answers: ALL }],
  });
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('adjustments', () => {
  it('show maxAdjustment on the period, changeable only in draft', async () => {
    const period = expectStatus(await admin.get(`/periods/${main.periodId}`), 200).json();
    expect(period.maxAdjustment).toBe(5);
    expect(expectStatus(await admin.get(`/periods/${none.periodId}`), 200).json().maxAdjustment).toBe(0);
    const res = await admin.patch(`/periods/${main.periodId}`, { maxAdjustment: 10 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('wrong_stage');
    const draft = expectStatus(await admin.post('/periods', { year: 2026, title: 'Monev 2026', maxAdjustment: '2.5' }), 201).json();
    expect(draft.maxAdjustment).toBe(2.5);
    const bad = await admin.patch(`/periods/${draft.id}`, { maxAdjustment: -1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ path: 'body.maxAdjustment', message: 'must be between 0 and 100' }]);
  });

  it('record nilai plus +2 and rescore the participant in the same request', async () => {
    const before = await score(main, 'Dinas Pendidikan');
    expect(before).toMatchObject({ finalScore: 63, baseScore: 63, adjustments: [], adjustmentTotal: 0, adjustmentsApplied: false });
    const res = await admin.post(at(main, 'Dinas Pendidikan', '/adjustments'), NILAI_PLUS);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ points: 2, reason: NILAI_PLUS.reason, createdBy: a.users.admin.id });
    expect(res.headers.location).toBe(`/api/v1${at(main, 'Dinas Pendidikan', `/adjustments/${created.id}`)}`);

    const after = await score(main, 'Dinas Pendidikan');
    expect(after).toMatchObject({
      finalScore: 65, finalScoreExact: '65', baseScore: 63, adjustmentTotal: 2, adjustmentsApplied: true,
      band: { code: 'cukup_informatif' }, adjustments: [created],
      // 80 − 65.00
      gap: { nextBand: { code: 'menuju_informatif' }, pointsNeeded: 15 },
    });
    // the gains are those of the answers, unchanged
    expect(after.gap.questions).toEqual(before.gap.questions);

    // materialised: the rankings and the recap read it, with the adjustment sum
    const ranking = expectStatus(await admin.get(`/periods/${main.periodId}/rankings`), 200).json();
    expect(ranking.items.find((r: any) => r.bodyName === 'Dinas Pendidikan').finalScore).toBe(65);
    const recap = expectStatus(await admin.get(`/periods/${main.periodId}/recap`), 200).json();
    expect(recap.items.find((r: any) => r.bodyName === 'Dinas Pendidikan')).toMatchObject({ finalScore: 65, adjustment: 2 });
    expect(recap.items.find((r: any) => r.bodyName === 'Dinas Kominfo').adjustment).toBe(0);
    // the CSV recap has a Nilai Plus column for a period that allows adjustments
    const csv = await admin.get(`/periods/${main.periodId}/recap`, undefined, { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const column = header!.split(',').indexOf('Nilai Plus');
    expect(column).toBeGreaterThan(0);
    expect(lines.find((l) => l.includes('Dinas Pendidikan'))!.split(',')[column]).toBe('2.00');

    const created_: unknown = await t.database.db.execute(sql`select action, entity_id, after from audit_events where action = 'adjustment.create' and entity_id = ${created.id}`);
    const audit = (created_ as { rows: { action: string; entity_id: string; after: Record<string, unknown> }[] }).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ points: '2', reason: NILAI_PLUS.reason });
  });

  it('accept decimal strings and list adjustments for the participant\'s readers', async () => {
    expectStatus(await admin.post(at(main, 'Dinas Pendidikan', '/adjustments'), { points: '0.5', reason: 'Inovasi layanan' }), 201);
    const viewer = client(t.app, a.users.viewer.token);
    const list = expectStatus(await viewer.get(at(main, 'Dinas Pendidikan', '/adjustments')), 200).json();
    expect(list.nextCursor).toBeNull();
    expect(list.items.map((x: any) => x.points)).toEqual([2, 0.5]);
    expect(await score(main, 'Dinas Pendidikan')).toMatchObject({ finalScore: 65.5, adjustmentTotal: 2.5 });
  });

  it('refuse points that are zero or over the limit, a blank reason, and a period that allows none (422)', async () => {
    const url = at(main, 'Dinas Pendidikan', '/adjustments');
    const refused = async (payload: object, path: string, u = url) => {
      const res = await admin.post(u, payload);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors.map((e: any) => e.path)).toEqual([path]);
      return res.json();
    };
    // Σ|points| 2 + 0.5 + 3 = 5.5 > 5; a penalty counts by its absolute value
    expect((await refused({ points: 3, reason: 'x' }, 'body.points')).errors[0].message).toContain('maxAdjustment 5');
    await refused({ points: '-3', reason: 'x' }, 'body.points');
    await refused({ points: 0, reason: 'x' }, 'body.points');
    await refused({ points: '0.00', reason: 'x' }, 'body.points');
    await refused({ points: 'dua', reason: 'x' }, 'body.points');
    await refused({ points: 1, reason: '   ' }, 'body.reason');
    await refused(NILAI_PLUS, 'body.points', at(none, 'Dinas Sosial', '/adjustments'));
    expect((await admin.post(url, { points: 1 })).statusCode).toBe(400);
    // 2.5 more is exactly at the limit
    expectStatus(await admin.post(url, { points: -2.5, reason: 'Terlambat menyerahkan dokumen' }), 201);
    expect(await score(main, 'Dinas Pendidikan')).toMatchObject({ finalScore: 63, adjustmentTotal: 0 });
  });

  it('are possible only in deliberation (409), by the commission\'s admin (403 for other roles, 404 for another commission)', async () => {
    const res = await admin.post(at(early, 'Dinas Arsip', '/adjustments'), NILAI_PLUS);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'wrong_stage', stage: 'visitation' });
    for (const role of ['assessor', 'juror', 'respondent', 'viewer'] as const) {
      expect((await client(t.app, a.users[role].token).post(at(main, 'Dinas Kominfo', '/adjustments'), NILAI_PLUS)).statusCode).toBe(403);
    }
    expect((await client(t.app, b.users.admin.token).post(at(main, 'Dinas Kominfo', '/adjustments'), NILAI_PLUS)).statusCode).toBe(404);
    expect((await client(t.app, b.users.admin.token).get(at(main, 'Dinas Kominfo', '/adjustments'))).statusCode).toBe(404);
  });

  it('clamp the final score at 100, and wait for a provisional participant to be complete', async () => {
    expectStatus(await admin.post(at(main, 'Dinas Kominfo', '/adjustments'), { points: 4, reason: 'Keterbukaan anggaran' }), 201);
    expect(await score(main, 'Dinas Kominfo')).toMatchObject({ finalScore: 100, baseScore: 98, adjustmentsApplied: true, band: { code: 'informatif' } });
    expectStatus(await admin.post(at(main, 'Bank Daerah', '/adjustments'), NILAI_PLUS), 201);
    expect(await score(main, 'Bank Daerah')).toMatchObject({ status: 'provisional', finalScore: 50, baseScore: 50, adjustmentTotal: 2, adjustmentsApplied: false });
    expectStatus(await admin.post(at(main, 'Perusda Air', '/adjustments'), NILAI_PLUS), 201);
    expect(await score(main, 'Perusda Air')).toMatchObject({ status: 'not_submitted', finalScore: null, adjustmentsApplied: false });
  });

  it('are withdrawn with X-Audit-Reason only (422 reason_required), and the score follows', async () => {
    const list = expectStatus(await admin.get(at(main, 'Dinas Kominfo', '/adjustments')), 200).json();
    const id = list.items[0].id as string;
    const url = at(main, 'Dinas Kominfo', `/adjustments/${id}`);
    const missing = await admin.delete(url);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('reason_required');
    expect((await client(t.app, a.users.viewer.token).delete(url, undefined, { 'x-audit-reason': 'x' })).statusCode).toBe(403);
    expect((await client(t.app, b.users.admin.token).delete(url, undefined, { 'x-audit-reason': 'x' })).statusCode).toBe(404);
    // an adjustment of another participant is not found under this one
    const other = expectStatus(await admin.get(at(main, 'Bank Daerah', '/adjustments')), 200).json().items[0].id as string;
    expect((await admin.delete(at(main, 'Dinas Kominfo', `/adjustments/${other}`), undefined, { 'x-audit-reason': 'x' })).statusCode).toBe(404);
    expect((await admin.delete(url, undefined, { 'x-audit-reason': 'Dicatat pada peserta yang salah' })).statusCode).toBe(204);
    expect(await score(main, 'Dinas Kominfo')).toMatchObject({ finalScore: 98, adjustments: [], adjustmentsApplied: false });
    expect((await admin.delete(url, undefined, { 'x-audit-reason': 'lagi' })).statusCode).toBe(404);
    const deleted: unknown = await t.database.db.execute(sql`select reason, before from audit_events where action = 'adjustment.delete' and entity_id = ${id}`);
    const audit = (deleted as { rows: { reason: string; before: Record<string, unknown> }[] }).rows;
    expect(audit).toEqual([{ reason: 'Dicatat pada peserta yang salah', before: expect.objectContaining({ points: '4' }) }]);
  });

  it('are frozen into a result set\'s inputs and hash, and recompute with kip-monev score', async () => {
    // the penalty is withdrawn: Dinas Pendidikan ends at 63 + 2 + 0.5 = 65.5
    const penalty = expectStatus(await admin.get(at(main, 'Dinas Pendidikan', '/adjustments')), 200).json().items.find((x: any) => x.points === -2.5);
    expectStatus(await admin.delete(at(main, 'Dinas Pendidikan', `/adjustments/${penalty.id}`), undefined, { 'x-audit-reason': 'Dokumen ternyata tepat waktu' }), 204);
    const results = `/periods/${main.periodId}/results`;
    expectStatus(await admin.post(results, { decreeNumber: '52/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20' }), 201);
    const detail = expectStatus(await admin.get(`${results}/1/rows/${main.bodyIds['Dinas Pendidikan']}`), 200).json();
    expect(detail).toMatchObject({ finalScore: 65.5, adjustment: 2.5 });
    expect(detail.inputs.adjustments).toEqual([{ points: 2, reason: NILAI_PLUS.reason }, { points: 0.5, reason: 'Inovasi layanan' }]);
    expect(detail.inputs.period.maxAdjustment).toBe(5);
    expect(detail.inputsSha256).toBe(sha256Hex(canonicalJson(detail.inputs)));
    // a participant without adjustments has no such key
    const plain = expectStatus(await admin.get(`${results}/1/rows/${main.bodyIds['Dinas Kominfo']}`), 200).json();
    expect(plain.inputs).not.toHaveProperty('adjustments');
    expect(plain.inputsSha256).toBe(sha256Hex(canonicalJson(plain.inputs)));

    // the frozen page shows what the live recap shows
    const page = expectStatus(await admin.get(`${results}/1`), 200).json();
    const live = expectStatus(await admin.get(`/periods/${main.periodId}/recap`), 200).json();
    for (const row of live.items) expect(page.items.find((r: any) => r.participantId === row.participantId)).toEqual(row);
    expect(page.items.find((r: any) => r.bodyName === 'Bank Daerah').adjustment).toBe(2);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-adjust-'));
    try {
      const file = path.join(dir, 'inputs.json');
      fs.writeFileSync(file, JSON.stringify(detail.inputs));
      const { stdout } = await run(process.execPath, ['bin/kip-monev.js', 'score', '--inputs', file], { cwd: process.cwd() });
      expect(JSON.parse(stdout)).toMatchObject({
        finalScore: 65.5, adjustments: { total: 2.5, applied: true, baseScore: 63 }, band: { code: 'cukup_informatif' }, inputsHash: detail.inputsSha256,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
