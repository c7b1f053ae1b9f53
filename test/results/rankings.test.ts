// Live rankings, the score recap, statistics and juror agreement, through the API, against
// hand-computed numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { libreoffice, libreofficeToPdf, missingTool } from '../helpers/tools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, correctVisitation, type Arranged, type PeriodSpec } from './arrange.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

missingTool(libreoffice ? null : 'libreoffice/soffice is not installed (Debian: libreoffice-calc-nogui)');

let t: TestApp;
let a: Tenant;
let b: Tenant;
/** holds `visited`: the same bodies' names cannot be used twice in one commission */
let c: Tenant;
let main: Arranged;
let visited: Arranged;
let jury: Arranged;

/**
 * SAQ 80 + visitasi 20 (TWO_BY_TWO's answers; hand-computed in test/helpers/questionnaires.ts):
 *   Dinas Kominfo    ALL,    visitasi 90 → 0.8·100 + 0.2·90 = 98.00 (informatif)
 *   Dinas Kesehatan  HALF,   visitasi 80 → 0.8·50 + 0.2·80 = 56.00 (kurang informatif)
 *   Bank Daerah      HALF,   visitasi 80 → 56.00 (tie with Dinas Kesehatan)
 *   Dinas Pendidikan A_ONLY, no visitasi → provisional 60.00; with visitasi 70: 48 + 14 = 62.00
 *   Perusda Air      never submitted     → not_submitted
 */
const MAIN = (pendidikanVisitation?: number): PeriodSpec => ({
  stage: 'deliberation',
  stages: { saq: 80, visitation: 20 },
  categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
  bodies: [
    { name: 'Dinas Kominfo', answers: ALL, visitation: 90 },
    { name: 'Dinas Kesehatan', answers: HALF, visitation: 80 },
    { name: 'Bank Daerah', category: 1, answers: HALF, visitation: 80 },
    { name: 'Dinas Pendidikan', answers: A_ONLY, ...(pendidikanVisitation === undefined ? {} : { visitation: pendidikanVisitation }) },
    { name: 'Perusda Air', category: 1, status: 'not_submitted' },
  ],
});

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  c = await createTenant(t.app);
  main = await arrangePeriod(t.app, a, MAIN());
  // every body scored: Dinas Pendidikan visited too
  visited = await arrangePeriod(t.app, c, MAIN(70));
  // SAQ 70 + presentasi 30, aspects 50/50; three jurors.
  jury = await arrangePeriod(t.app, a, {
    stage: 'presentation',
    stages: { saq: 70, presentation: 30 },
    presentationAspects: { materi: 50, inovasi: 50 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    jurors: 3,
    bodies: [
      // juror scores 80, 82, 50 → mean 70.666…; juror 3 deviates −20.67 > 15 → flagged
      { name: 'Dinas Sosial', answers: ALL, presentation: [{ juror: 0, aspects: { materi: 80, inovasi: 80 } }, { juror: 1, aspects: { materi: 84, inovasi: 80 } }, { juror: 2, aspects: { materi: 50, inovasi: 50 } }] },
      // 75, 80 → mean 77.5, deviations ±2.5; juror 3 still pending
      { name: 'Dinas Perhubungan', answers: HALF, presentation: [{ juror: 0, aspects: { materi: 70, inovasi: 80 } }, { juror: 1, aspects: { materi: 80, inovasi: 80 } }] },
      { name: 'Dinas Pariwisata', answers: HALF },
    ],
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const url = (periodId: string, rest = 'rankings') => `/api/v1/periods/${periodId}/${rest}`;

describe('live rankings', () => {
  it('ranks complete participants by final score with shared ranks, then provisional, then not submitted', async () => {
    const res = await call(t.app, a.users.admin.token, { method: 'GET', url: url(main.periodId) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((r: any) => [r.bodyName, r.rank, r.categoryRank, r.finalScore, r.band?.code ?? null, r.status, r.complete])).toEqual([
      ['Dinas Kominfo', 1, 1, 98, 'informatif', 'scored', true],
      ['Bank Daerah', 2, 1, 56, 'kurang_informatif', 'scored', true],
      ['Dinas Kesehatan', 2, 2, 56, 'kurang_informatif', 'scored', true],
      ['Dinas Pendidikan', null, null, 60, 'cukup_informatif', 'provisional', false],
      ['Perusda Air', null, null, null, null, 'not_submitted', false],
    ]);
    expect(body.items[0]).toMatchObject({
      bodyId: main.bodyIds['Dinas Kominfo'], categoryId: main.categoryIds[0], categoryName: 'Organisasi Perangkat Daerah',
      band: { code: 'informatif', label: 'Informatif' }, advanced: true, overallRank: 1,
    });
  });

  it('ranks within a category when one is asked for, and filters by band without renumbering', async () => {
    const opd = (await call(t.app, a.users.viewer.token, { method: 'GET', url: `${url(main.periodId)}?category=${main.categoryIds[0]}` })).json();
    expect(opd.items.map((r: any) => [r.bodyName, r.rank, r.overallRank])).toEqual([
      ['Dinas Kominfo', 1, 1], ['Dinas Kesehatan', 2, 2], ['Dinas Pendidikan', null, null],
    ]);
    const kurang = (await call(t.app, a.users.viewer.token, { method: 'GET', url: `${url(main.periodId)}?band=kurang_informatif` })).json();
    expect(kurang.items.map((r: any) => [r.bodyName, r.rank])).toEqual([['Bank Daerah', 2], ['Dinas Kesehatan', 2]]);
  });

  it('pages with an opaque cursor in ranking order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(main.periodId)}?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((r: any) => r.bodyName));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Dinas Kominfo', 'Bank Daerah', 'Dinas Kesehatan', 'Dinas Pendidikan', 'Perusda Air']);
    const bad = await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(main.periodId)}?cursor=bm90LWEtY3Vyc29y` });
    expect(bad.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify([0, 'NaN', 'x', 'y'])).toString('base64url');
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(main.periodId)}?cursor=${forged}` })).statusCode).toBe(400);
  });

  it('answers 304 to a current ETag and a new ETag after a score changed', async () => {
    // its own commission and period: the score it changes is nobody else's
    const own = await createTenant(t.app);
    const period = await arrangePeriod(t.app, own, MAIN());
    const first = await call(t.app, own.users.admin.token, { method: 'GET', url: url(period.periodId) });
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"rankings-/);
    const again = await call(t.app, own.users.admin.token, { method: 'GET', url: url(period.periodId), headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.vary).toMatch(/Accept/);
    // another query or another format is another representation
    const other = await call(t.app, own.users.admin.token, { method: 'GET', url: `${url(period.periodId)}?band=informatif`, headers: { 'if-none-match': tag } });
    expect(other.statusCode).toBe(200);
    const csv = await call(t.app, own.users.admin.token, { method: 'GET', url: url(period.periodId), headers: { 'if-none-match': tag, accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);

    // a score change moves the ETag: the provisional Dinas Pendidikan gets its visitation
    // (SAQ 60·0.8 + 70·0.2 = 62.00) and is ranked
    await correctVisitation(t.app, own, period, 'Dinas Pendidikan', 70);
    const changed = await call(t.app, own.users.admin.token, { method: 'GET', url: url(period.periodId), headers: { 'if-none-match': tag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().items.map((r: any) => [r.bodyName, r.rank, r.finalScore])).toEqual([
      ['Dinas Kominfo', 1, 98], ['Dinas Pendidikan', 2, 62], ['Bank Daerah', 3, 56], ['Dinas Kesehatan', 3, 56], ['Perusda Air', null, null],
    ]);
  });

  it('is readable by admin, viewer and API keys only; another commission gets 404', async () => {
    expect((await call(t.app, null, { method: 'GET', url: url(main.periodId) })).statusCode).toBe(401);
    for (const role of ['assessor', 'juror', 'respondent'] as const) {
      expect((await call(t.app, a.users[role].token, { method: 'GET', url: url(main.periodId) })).statusCode).toBe(403);
    }
    const other = await call(t.app, b.users.admin.token, { method: 'GET', url: url(main.periodId) });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: '/api/v1/periods/not-a-uuid/rankings' })).statusCode).toBe(400);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(main.periodId)}?limit=501` })).statusCode).toBe(400);
    expect((await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(main.periodId)}?colour=red` })).statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('serves CSV with Indonesian headers, band labels and 2-decimal numbers', async () => {
    const res = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId), headers: { accept: 'text/csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="peringkat-2025\.csv"/);
    const rows = parse<Record<string, string>>(res.body, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(['Peringkat', 'Peringkat Kategori', 'Peringkat Umum', 'Badan Publik', 'Kode Kategori', 'Kategori', 'Nilai Akhir', 'Kualifikasi', 'Status']);
    expect(rows.map((r) => [r['Badan Publik'], r.Peringkat, r['Nilai Akhir'], r.Kualifikasi, r.Status])).toEqual([
      ['Dinas Kominfo', '1', '98.00', 'Informatif', 'Dinilai'],
      ['Dinas Pendidikan', '2', '62.00', 'Cukup Informatif', 'Dinilai'],
      ['Bank Daerah', '3', '56.00', 'Kurang Informatif', 'Dinilai'],
      ['Dinas Kesehatan', '3', '56.00', 'Kurang Informatif', 'Dinilai'],
      ['Perusda Air', '', '', '', 'Tidak Mengisi'],
    ]);
  });

  it('serves XLSX with numbers as numbers, also by ?format=', async () => {
    for (const request of [{ headers: { accept: XLSX } }, { query: '?format=xlsx' }]) {
      const res = await call(t.app, c.users.admin.token, { method: 'GET', url: `${url(visited.periodId)}${'query' in request ? request.query : ''}`, headers: 'headers' in request ? request.headers : {} });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Peringkat')!;
      // a title block of 4 lines and a blank one, then the header: one rank column, not three
      expect(sheet.getCell('A3').value).toBe('Nilai berjalan (belum ditetapkan)');
      expect((sheet.getRow(6).values as unknown[]).filter((v) => v !== undefined))
        .toEqual(['Peringkat', 'Badan Publik', 'Kode Kategori', 'Kategori', 'Nilai Akhir', 'Kualifikasi', 'Status']);
      expect(sheet.getRow(7).getCell(2).value).toBe('Dinas Kominfo');
      expect(sheet.getRow(7).getCell(5).value).toBe(98);
      expect(typeof sheet.getRow(9).getCell(5).value).toBe('number');
      expect(sheet.getRow(7).getCell(6).value).toBe('Informatif');
      expect(workbook.getWorksheet('Info')).toBeDefined();
    }
  });

  it('prefers JSON for wildcards, honours q-values and answers 406 for an unsupported type', async () => {
    const json = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId), headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const csv = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId), headers: { accept: 'application/json;q=0.5, text/csv' } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const none = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId), headers: { accept: 'image/png' } });
    expect(none.statusCode).toBe(406);
    expect(none.json().code).toBe('not_acceptable');
  });

  it('exports the full score recap with every indicator, SAQ and stage scores', async () => {
    const json = (await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId, 'recap') })).json();
    const kesehatan = json.items.find((r: any) => r.bodyName === 'Dinas Kesehatan');
    expect(kesehatan).toMatchObject({
      selfAssessedSaq: 50, verifiedSaq: 50, stages: { saq: 50, visitation: 80 }, finalScore: 56, rank: 3,
      indicators: [
        { code: 'A', name: 'Jenis Informasi', weight: 60, score: 50, contribution: 30, selfScore: 50 },
        { code: 'B', name: 'Digitalisasi', weight: 40, score: 50, contribution: 20, selfScore: 50 },
      ],
    });
    const csv = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId, 'recap'), headers: { accept: 'text/csv' } });
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      'Peringkat', 'Peringkat Kategori', 'Peringkat Umum', 'Badan Publik', 'Kode Kategori', 'Kategori', 'A Jenis Informasi', 'B Digitalisasi',
      'SAQ Mandiri', 'SAQ Terverifikasi', 'Nilai Visitasi', 'Nilai Akhir', 'Kualifikasi', 'Status', 'Lolos Tahap Lanjut',
    ]);
    expect(rows.find((r) => r['Badan Publik'] === 'Dinas Kominfo')).toMatchObject({
      'A Jenis Informasi': '100.00', 'B Digitalisasi': '100.00', 'SAQ Terverifikasi': '100.00', 'Nilai Visitasi': '90.00', 'Nilai Akhir': '98.00', 'Lolos Tahap Lanjut': 'Ya',
    });
  });
  // LibreOffice is the reference for "opens cleanly": converting the workbook must succeed.
  it.skipIf(!libreoffice)(`opens the XLSX recap in LibreOffice (converted to PDF)${libreoffice ? '' : ' — skipped: libreoffice/soffice is not installed'}`, async () => {
    const res = await call(t.app, c.users.admin.token, { method: 'GET', url: url(visited.periodId, 'recap'), headers: { accept: XLSX } });
    expect(res.statusCode).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-xlsx-'));
    const file = path.join(dir, 'rekap.xlsx');
    fs.writeFileSync(file, res.rawPayload);
    const pdf = fs.readFileSync((await libreofficeToPdf(file))[0]!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 150_000);
});

describe('statistics', () => {
  it('counts per band and category, summarises final scores, means per indicator and stage progress', async () => {
    const res = await call(t.app, c.users.viewer.token, { method: 'GET', url: url(visited.periodId, 'statistics') });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    // scored: 98, 62, 56, 56
    expect(s.overall).toMatchObject({ participants: 5, scored: 4, provisional: 0, notSubmitted: 1, finalScore: { count: 4, mean: 68, median: 59, min: 56, max: 98 } });
    expect(s.overall.bands).toEqual([
      { code: 'informatif', label: 'Informatif', count: 1 },
      { code: 'menuju_informatif', label: 'Menuju Informatif', count: 0 },
      { code: 'cukup_informatif', label: 'Cukup Informatif', count: 1 },
      { code: 'kurang_informatif', label: 'Kurang Informatif', count: 2 },
      { code: 'tidak_informatif', label: 'Tidak Informatif', count: 0 },
    ]);
    const opd = s.categories.find((c: any) => c.categoryId === visited.categoryIds[0]);
    expect(opd).toMatchObject({ participants: 3, scored: 3, finalScore: { mean: 72, median: 62, min: 56, max: 98 } });
    const bumd = s.categories.find((c: any) => c.categoryId === visited.categoryIds[1]);
    expect(bumd).toMatchObject({ participants: 2, scored: 1, notSubmitted: 1, finalScore: { mean: 56, median: 56, min: 56, max: 56 } });
    // A: 100, 50, 50, 100 → 75; B: 100, 50, 50, 0 → 50
    expect(s.indicators).toEqual([
      { code: 'A', name: 'Jenis Informasi', participants: 4, meanScore: 75, meanSelfScore: 75 },
      { code: 'B', name: 'Digitalisasi', participants: 4, meanScore: 50, meanSelfScore: 50 },
    ]);
    expect(s.progress).toEqual({
      participants: 5,
      saq: { enrolled: 0, submitted: 4, notSubmitted: 1 },
      verification: { participants: 4, verified: 4, decidedQuestions: 16, totalQuestions: 16 },
      evaluationOrder: ['visitation'],
      visitation: { label: 'Visitasi', advanced: 4, visited: 4 },
      presentation: null,
    });
    const again = await call(t.app, c.users.viewer.token, { method: 'GET', url: url(visited.periodId, 'statistics'), headers: { 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const xlsx = await call(t.app, c.users.viewer.token, { method: 'GET', url: url(visited.periodId, 'statistics'), headers: { accept: XLSX } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Statistik')!;
    expect(sheet.getRow(6).values).toContain('Rata-rata');
    expect(sheet.getRow(9).getCell(2).value).toBe('Semua kategori');
    expect(sheet.getRow(9).getCell(7).value).toBe(68);
    expect((await call(t.app, c.users.assessor.token, { method: 'GET', url: url(visited.periodId, 'statistics') })).statusCode).toBe(403);
    expect((await call(t.app, b.users.viewer.token, { method: 'GET', url: url(visited.periodId, 'statistics') })).statusCode).toBe(404);
  });

  it('reports presentation progress in a period with a presentation stage', async () => {
    const s = (await call(t.app, a.users.admin.token, { method: 'GET', url: url(jury.periodId, 'statistics') })).json();
    expect(s.progress.presentation).toEqual({ label: 'Presentasi', advanced: 3, presented: 2, fullyScored: 1 });
    expect(s.progress.visitation).toBeNull();
  });
});

describe('juror agreement', () => {
  it('gives the spread per participant and flags jurors beyond the threshold from the panel mean', async () => {
    const res = await call(t.app, a.users.admin.token, { method: 'GET', url: url(jury.periodId, 'juror-agreement') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.threshold).toBe(15);
    expect(body.items).toHaveLength(2);
    const [sosial, perhubungan] = body.items;
    expect(sosial).toMatchObject({ bodyName: 'Dinas Sosial', mean: 70.67, min: 50, max: 82, spread: 32, flagged: true, pendingJurors: [] });
    expect(sosial.jurors.map((j: any) => [j.jurorName, j.score, j.deviation, j.flagged])).toEqual([
      ['Juri 1', 80, 9.33, false], ['Juri 2', 82, 11.33, false], ['Juri 3', 50, -20.67, true],
    ]);
    expect(sosial.standardDeviation).toBe(14.64);
    expect(perhubungan).toMatchObject({ bodyName: 'Dinas Perhubungan', mean: 77.5, spread: 5, flagged: false });
    expect(perhubungan.pendingJurors).toEqual([{ jurorId: jury.jurorIds[2], jurorName: 'Juri 3' }]);
    expect(body.jurors).toEqual([
      { jurorId: jury.jurorIds[0], jurorName: 'Juri 1', scored: 2, meanDeviation: 3.42, flaggedCount: 0 },
      { jurorId: jury.jurorIds[1], jurorName: 'Juri 2', scored: 2, meanDeviation: 6.92, flaggedCount: 0 },
      { jurorId: jury.jurorIds[2], jurorName: 'Juri 3', scored: 1, meanDeviation: -20.67, flaggedCount: 1 },
    ]);
    const flagged = (await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(jury.periodId, 'juror-agreement')}?flagged=true` })).json();
    expect(flagged.items.map((i: any) => i.bodyName)).toEqual(['Dinas Sosial']);
    const paged = (await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(jury.periodId, 'juror-agreement')}?limit=1` })).json();
    expect(paged.items).toHaveLength(1);
    const next = (await call(t.app, a.users.admin.token, { method: 'GET', url: `${url(jury.periodId, 'juror-agreement')}?limit=1&cursor=${paged.nextCursor}` })).json();
    expect(next.items.map((i: any) => i.bodyName)).toEqual(['Dinas Perhubungan']);
    expect(next.nextCursor).toBeNull();
    const csv = await call(t.app, a.users.admin.token, { method: 'GET', url: url(jury.periodId, 'juror-agreement'), headers: { accept: 'text/csv' } });
    const lines = parse<Record<string, string>>(csv.body, { columns: true });
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.Juri === 'Juri 3')).toMatchObject({ 'Badan Publik': 'Dinas Sosial', Selisih: '-20.67', Ditandai: 'Ya' });
    expect((await call(t.app, a.users.juror.token, { method: 'GET', url: url(jury.periodId, 'juror-agreement') })).statusCode).toBe(403);
    expect((await call(t.app, b.users.admin.token, { method: 'GET', url: url(jury.periodId, 'juror-agreement') })).statusCode).toBe(404);
  });
});
