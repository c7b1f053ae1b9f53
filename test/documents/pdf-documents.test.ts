// The rapor (GET …/score as PDF) and the decree attachment of a result set, read back as a person's
// PDF viewer would (poppler): the numbers are the JSON score endpoint's, written with a decimal
// comma; A4, one or two pages, fonts embedded, page 1 renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { popplerMissing, readPdf } from '../helpers/pdf.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged } from '../results/arrange.ts';

const PDF = { accept: 'application/pdf' };
/** A number as the documents write it: two decimals, decimal comma. */
const id2 = (n: number) => n.toFixed(2).replace('.', ',');
/** pdftotext -layout keeps columns apart with runs of spaces and wraps prose: one space is enough to compare */
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

const COMMISSION = `Komisi Informasi Provinsi Banten ${Date.now()}`;

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
let period: Arranged;
const at = (body: string, rest = '/score') => `/periods/${period.periodId}/participants/${period.bodyIds[body]}${rest}`;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app, COMMISSION);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  period = await arrangePeriod(t.app, a, {
    stage: 'deliberation', stages: { saq: 80, visitation: 20 }, maxAdjustment: 5,
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
    bodies: [
      { name: 'Dinas Komunikasi dan Informatika', answers: ALL, visitation: 90 }, // 98.00
      { name: 'Dinas Pendidikan', answers: A_ONLY, visitation: 75 }, // 63.00, then +1.25
      { name: 'Bank Pembangunan Daerah', category: 1, answers: HALF, visitation: 80 }, // 56.00
      { name: 'Perusahaan Umum Daerah Air Minum', category: 1, status: 'not_submitted' },
    ],
  });
  expectStatus(await admin.post(at('Dinas Pendidikan', '/adjustments'), { points: 1.25, reason: 'Kepala dinas hadir langsung pada presentasi' }), 201);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe.skipIf(popplerMissing)(`the rapor${popplerMissing ? ` — skipped: ${popplerMissing}` : ''}`, () => {
  it('is an A4 letter of one or two pages with embedded fonts whose numbers are the JSON score\'s', async () => {
    const json = expectStatus(await admin.get(at('Dinas Pendidikan')), 200).json();
    expect(json).toMatchObject({ finalScore: 64.25, baseScore: 63, adjustmentsApplied: true });
    const res = expectStatus(await admin.get(at('Dinas Pendidikan'), undefined, PDF), 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="rapor-2025-Dinas-Pendidikan.pdf"`);
    expect(res.headers.vary).toContain('Accept');
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.pages).toBeLessThanOrEqual(2);
    expect(pdf.pageSize).toBe('A4');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.every((f) => f.embedded && f.name.includes('DejaVuSans'))).toBe(true);
    // A4 at 72 dpi, give or take poppler's rounding
    expect(Math.abs(pdf.png.width - 595)).toBeLessThanOrEqual(1);
    expect(Math.abs(pdf.png.height - 842)).toBeLessThanOrEqual(1);
    expect(pdf.png.bytes).toBeGreaterThan(10_000);

    const text = squeeze(pdf.text);
    expect(text).toContain('Dinas Pendidikan');
    expect(text).toContain(COMMISSION.toUpperCase());
    expect(text).toContain('Organisasi Perangkat Daerah');
    expect(text).toContain(`Nilai Akhir`);
    expect(text).toContain(id2(json.finalScore)); // 64,25
    expect(text).toContain(json.band.label);
    for (const stage of json.stageDetails) {
      expect(text).toContain(`${stage.label} ${id2(stage.effectiveWeight)} ${id2(stage.score)} ${id2(stage.contribution)}`);
    }
    for (const indicator of json.indicators) expect(text).toMatch(new RegExp(`${indicator.code}\\. .*${id2(indicator.score)}`));
    expect(text).toContain(`Kepala dinas hadir langsung pada presentasi +${id2(1.25)}`);
    expect(text).toContain(`Nilai sebelum penyesuaian ${id2(json.baseScore)}`);
    expect(json.gap.nextBand).not.toBeNull();
    expect(text).toContain(`Untuk mencapai kualifikasi ${json.gap.nextBand.label} diperlukan tambahan ${id2(json.gap.pointsNeeded)} poin`);
    expect(json.gap.questions.length).toBeGreaterThan(0);
    for (const q of json.gap.questions.slice(0, 10)) expect(text).toMatch(new RegExp(`${q.question} .*\\+${id2(q.gain)}`));
    // no result set has frozen these inputs yet
    expect(text).toContain('belum ditetapkan dalam hasil resmi');
    expect(text).not.toContain('SHA-256');
  });

  it('congratulates a body in the highest band, and names the result set and its SHA-256 once one froze the same inputs', async () => {
    const before = squeeze((await readPdf(expectStatus(await admin.get(at('Dinas Komunikasi dan Informatika'), undefined, PDF), 200).rawPayload)).text);
    expect(before).toContain(id2(98));
    expect(before).toContain('telah berada pada kualifikasi tertinggi');

    expectStatus(await admin.post(`/periods/${period.periodId}/results`, { decreeNumber: '500/KEP/KI-BTN/XII/2025', decreeDate: '2025-12-01' }), 201);
    const row = expectStatus(await admin.get(`/periods/${period.periodId}/results/1/rows/${period.bodyIds['Dinas Komunikasi dan Informatika']}`), 200).json();
    const after = (await readPdf(expectStatus(await admin.get(at('Dinas Komunikasi dan Informatika'), undefined, PDF), 200).rawPayload)).text;
    expect(squeeze(after)).toContain('Hasil versi 1 yang ditetapkan dengan Keputusan Nomor 500/KEP/KI-BTN/XII/2025 tanggal 1 Desember 2025');
    expect(after).toContain(row.inputsSha256);
  });

  it('keeps the JSON as the default, refuses what it cannot serve with 406, and a participant without a score with 409', async () => {
    expect(expectStatus(await admin.get(at('Dinas Pendidikan')), 200).headers['content-type']).toMatch(/^application\/json/);
    expect(expectStatus(await admin.get(at('Dinas Pendidikan'), undefined, { accept: 'text/html, */*;q=0.1' }), 200).headers['content-type']).toMatch(/^application\/json/);
    expect(expectStatus(await admin.get(at('Dinas Pendidikan'), undefined, { accept: 'application/xml;q=0.9, application/pdf' }), 200).headers['content-type']).toBe('application/pdf');
    const refused = await admin.get(at('Dinas Pendidikan'), undefined, { accept: 'text/csv' });
    expect(refused.statusCode).toBe(406);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'not_acceptable', available: ['application/json', 'application/pdf'] });
    expect(refused.json().detail).toContain('application/json, application/pdf');

    const none = await admin.get(at('Perusahaan Umum Daerah Air Minum'), undefined, PDF);
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'conflict', participantStatus: 'not_submitted' });
    expect(none.json().detail).toContain('has not submitted');
  });

  it('follows the access rules of the JSON score: another body\'s respondent and another commission get 404', async () => {
    const respondent = client(t.app, a.users.respondent.token);
    expect((await respondent.get(at('Dinas Pendidikan'), undefined, PDF)).statusCode).toBe(404);
    expect((await client(t.app, b.users.admin.token).get(at('Dinas Pendidikan'), undefined, PDF)).statusCode).toBe(404);
    expect((await client(t.app, null).get(at('Dinas Pendidikan'), undefined, PDF)).statusCode).toBe(401);
    expect(expectStatus(await client(t.app, a.users.viewer.token).get(at('Dinas Pendidikan'), undefined, PDF), 200).headers['content-type']).toBe('application/pdf');
  });
});

describe.skipIf(popplerMissing)(`the decree attachment${popplerMissing ? ` — skipped: ${popplerMissing}` : ''}`, () => {
  const attachment = (version: number, headers = PDF) => admin.get(`/periods/${period.periodId}/results/${version}/attachment`, undefined, headers);

  it('lists per category rank, body, final score and band under the decree number and date, as the result set has them', async () => {
    const res = expectStatus(await attachment(1), 200);
    expect(res.headers['content-disposition']).toBe('inline; filename="lampiran-sk-2025-v1.pdf"');
    const pdf = await readPdf(res.rawPayload);
    expect(pdf.pageSize).toBe('A4');
    expect(pdf.pages).toBe(1);
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
    expect(pdf.png.bytes).toBeGreaterThan(5_000);
    const text = squeeze(pdf.text);
    expect(text).toContain('Nomor: 500/KEP/KI-BTN/XII/2025');
    expect(text).toContain('Tanggal: 1 Desember 2025');
    const rows = expectStatus(await admin.get(`/periods/${period.periodId}/results/1`), 200).json().items;
    expect(rows).toHaveLength(4);
    for (const row of rows.filter((r: any) => r.finalScore !== null)) {
      expect(text).toContain(`${row.categoryRank} ${row.bodyName} ${id2(row.finalScore)} ${row.band.label}`);
    }
    expect(text.indexOf('Kategori Badan Usaha Milik Daerah')).toBeLessThan(text.indexOf('Kategori Organisasi Perangkat Daerah'));
    expect(text).toContain('Perusahaan Umum Daerah Air Minum');
  });

  it('shows bands only, without rank or score, for a version published by qualification', async () => {
    expectStatus(await admin.post(`/periods/${period.periodId}/results/1/publication`, { mode: 'qualification' }), 201);
    const text = squeeze((await readPdf(expectStatus(await attachment(1), 200).rawPayload)).text);
    expect(text).toContain('Diumumkan menurut kualifikasi');
    expect(text).not.toContain('Peringkat');
    expect(text).not.toContain(id2(98));
    expect(text).toContain('1 Dinas Komunikasi dan Informatika Informatif');
  });

  it('is PDF only (406 otherwise) and 404 for an unknown version', async () => {
    const refused = await attachment(1, { accept: 'application/json' });
    expect(refused.statusCode).toBe(406);
    expect(refused.json().available).toEqual(['application/pdf']);
    expect((await attachment(9)).statusCode).toBe(404);
  });
});
