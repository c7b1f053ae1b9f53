// Publication modes and awards (docs/api.md "publication", "published period"), and non-submitters under
// nonSubmitters "tidak_informatif" on every endpoint (docs/scoring.md §5): a commission shaped like KI
// Pusat announces its results by qualification, with an award, after a first ranked publication.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged } from './arrange.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AWARD = 'Badan Publik Terbaik Nasional';

let t: TestApp;
let pusat: Tenant;
let other: Tenant;
let admin: Client;
let anonymous: Client;
let period: Arranged;

const results = (rest = '') => `/periods/${period.periodId}/results${rest}`;
const id = (name: string) => period.bodyIds[name]!;

function numbers(items: any[]) {
  return items.map((r) => [r.bodyName, r.rank, r.categoryRank, r.finalScore, r.band?.code ?? null, r.status]);
}

// SAQ 80 + visitasi 20 (test/helpers/questionnaires.ts): ALL 100, HALF 50, A_ONLY 60
const RANKED = [
  ['Kementerian Keuangan', 1, 1, 98, 'informatif', 'scored'], // 80 + 18
  ['Kementerian Kominfo', 2, 2, 96, 'informatif', 'scored'], // 80 + 16
  ['Bank Tabungan Negara', 3, 1, 63, 'cukup_informatif', 'scored'], // 48 + 15
  ['Kementerian PUPR', 4, 3, 56, 'kurang_informatif', 'scored'], // 40 + 16
  ['Kementerian Pariwisata', null, null, 0, 'tidak_informatif', 'not_submitted'],
];

beforeAll(async () => {
  t = await createTestApp();
  pusat = await createTenant(t.app, `Komisi Informasi Pusat ${Date.now()}`);
  other = await createTenant(t.app);
  admin = client(t.app, pusat.users.admin.token);
  anonymous = client(t.app, null);
  period = await arrangePeriod(t.app, pusat, {
    stage: 'deliberation', stages: { saq: 80, visitation: 20 }, nonSubmitters: 'tidak_informatif',
    categories: [{ code: 'KEM', name: 'Kementerian' }, { code: 'BUMN', name: 'Badan Usaha Milik Negara' }],
    bodies: [
      { name: 'Kementerian Keuangan', answers: ALL, visitation: 90 },
      { name: 'Kementerian Kominfo', answers: ALL, visitation: 80 },
      { name: 'Kementerian PUPR', answers: HALF, visitation: 80 },
      { name: 'Bank Tabungan Negara', category: 1, answers: A_ONLY, visitation: 75 },
      { name: 'Kementerian Pariwisata', status: 'not_submitted' },
    ],
  });
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('a non-submitter under nonSubmitters "tidak_informatif"', () => {
  it('is not_submitted with 0, the lowest band and no rank on the score, rankings, recap and statistics, listed last', async () => {
    const score = expectStatus(await admin.get(`/periods/${period.periodId}/participants/${id('Kementerian Pariwisata')}/score`), 200).json();
    expect(score).toMatchObject({ status: 'not_submitted', finalScore: 0, band: { code: 'tidak_informatif' } });

    const rankings = expectStatus(await admin.get(`/periods/${period.periodId}/rankings`), 200).json();
    expect(numbers(rankings.items)).toEqual(RANKED);
    const category = expectStatus(await admin.get(`/periods/${period.periodId}/rankings?category=${period.categoryIds[0]}`), 200).json();
    expect(numbers(category.items).map((r) => [r[0], r[1]])).toEqual([
      ['Kementerian Keuangan', 1], ['Kementerian Kominfo', 2], ['Kementerian PUPR', 3], ['Kementerian Pariwisata', null],
    ]);
    const recap = expectStatus(await admin.get(`/periods/${period.periodId}/recap`), 200).json();
    expect(numbers(recap.items)).toEqual(RANKED);
    const csv = parse<Record<string, string>>(expectStatus(await admin.get(`/periods/${period.periodId}/rankings?format=csv`), 200).body, { columns: true });
    expect(csv.at(-1)).toMatchObject({ Peringkat: '', 'Badan Publik': 'Kementerian Pariwisata', 'Nilai Akhir': '0.00', Kualifikasi: 'Tidak Informatif', Status: 'Tidak Mengisi' });

    const stats = expectStatus(await admin.get(`/periods/${period.periodId}/statistics`), 200).json();
    expect(stats.overall).toMatchObject({ participants: 5, scored: 4, provisional: 0, notSubmitted: 1, finalScore: { count: 4, mean: 78.25, min: 56, max: 98 } });
    expect(stats.overall.bands.map((b: any) => [b.code, b.count])).toEqual([
      ['informatif', 2], ['menuju_informatif', 0], ['cukup_informatif', 1], ['kurang_informatif', 1], ['tidak_informatif', 1],
    ]);
  });

  it('is counted as not submitted by a result set, whose rows and exports say so', async () => {
    const created = expectStatus(await admin.post(results(), { decreeNumber: '1/KEP/KIP/XII/2025', decreeDate: '2025-12-01' }), 201).json();
    expect(created.counts).toEqual({ scored: 4, provisional: 0, notSubmitted: 1 });
    expect(created.bands.map((b: any) => b.count)).toEqual([2, 0, 1, 1, 1]);
    const frozen = expectStatus(await admin.get(results('/1')), 200).json();
    expect(numbers(frozen.items)).toEqual(RANKED);
    const row = expectStatus(await admin.get(results(`/1/rows/${id('Kementerian Pariwisata')}`)), 200).json();
    expect(row).toMatchObject({ status: 'not_submitted', rank: null, overallRank: null, categoryRank: null, finalScore: 0 });
    const csv = parse<Record<string, string>>(expectStatus(await admin.get(results('/1?format=csv')), 200).body, { columns: true });
    expect(csv.at(-1)).toMatchObject({ Peringkat: '', 'Badan Publik': 'Kementerian Pariwisata', Status: 'Tidak Mengisi' });
  });

  it('stays not_submitted without a rank in a ranked publication (and old clients publish without a body)', async () => {
    const published = expectStatus(await admin.post(results('/1/publication')), 201).json();
    expect(published).toMatchObject({ version: 1, mode: 'ranked', decree: null, awards: [] });
    const pub = expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings`), 200).json();
    expect(pub.result).toMatchObject({ version: 1, mode: 'ranked', decree: '1/KEP/KIP/XII/2025' });
    expect(numbers(pub.items)).toEqual(RANKED);
    const history = expectStatus(await anonymous.get(`/public/bodies/${id('Kementerian Pariwisata')}/history`), 200).json();
    expect(history.items[0]).toMatchObject({ status: 'not_submitted', overallRank: null, categoryRank: null, finalScore: 0, band: { code: 'tidak_informatif' } });
  });
});

describe('a publication by qualification with an award', () => {
  const reason = { 'x-audit-reason': 'Pengumuman berdasarkan kualifikasi' };

  it('refuses blank titles, awards without bodies and bodies that are not participants, naming the field', async () => {
    expectStatus(await admin.post(results(), { decreeNumber: '2/KEP/KIP/XII/2025', decreeDate: '2025-12-02' }, reason), 201);
    const bad = await admin.post(results('/2/publication'), {
      mode: 'qualification',
      awards: [
        { title: '  ', bodyIds: [id('Kementerian Keuangan')] },
        { title: AWARD, bodyIds: [id('Kementerian Keuangan'), pusat.bodyId, other.bodyId, id('Kementerian Keuangan')] },
        { title: 'Kosong', bodyIds: [] },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'unprocessable' });
    expect(bad.json().errors.map((e: any) => e.path)).toEqual([
      'body.awards[0].title', 'body.awards[1].bodyIds[1]', 'body.awards[1].bodyIds[2]', 'body.awards[1].bodyIds[3]', 'body.awards[2].bodyIds',
    ]);
    const blank = await admin.post(results('/2/publication'), { decree: ' ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([{ path: 'body.decree', message: 'must not be blank' }]);
    expect((await admin.post(results('/2/publication'), { mode: 'alphabetical' })).statusCode).toBe(400);
    expect((await admin.post(results('/2/publication'), { awards: [{ title: AWARD }] })).statusCode).toBe(400);
    // nothing was published by the refused requests
    expect(expectStatus(await anonymous.get(`/public/periods/${period.periodId}`), 200).json().version).toBe(1);
  });

  it('publishes it: the public rankings show bands and statuses without ranks or scores', async () => {
    const bodyIds = [id('Kementerian Keuangan'), id('Kementerian Kominfo'), id('Bank Tabungan Negara')];
    const res = await admin.post(results('/2/publication'), { decree: '3/KEP/KIP/XII/2025', mode: 'qualification', awards: [{ title: ` ${AWARD} `, bodyIds }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      version: 2, supersedes: 1, decree: '3/KEP/KIP/XII/2025', mode: 'qualification',
      awards: [{ title: AWARD, bodies: [
        { id: bodyIds[0], name: 'Kementerian Keuangan' }, { id: bodyIds[1], name: 'Kementerian Kominfo' }, { id: bodyIds[2], name: 'Bank Tabungan Negara' },
      ] }],
    });

    const pub = expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings`), 200).json();
    expect(pub.result).toMatchObject({ version: 2, mode: 'qualification', decree: '3/KEP/KIP/XII/2025' });
    // by band, then by name: the order gives away neither ranks nor scores
    expect(pub.items.map((r: any) => [r.bodyName, r.rank, r.overallRank, r.categoryRank, r.finalScore, r.band.code, r.status])).toEqual([
      ['Kementerian Keuangan', null, null, null, null, 'informatif', 'scored'],
      ['Kementerian Kominfo', null, null, null, null, 'informatif', 'scored'],
      ['Bank Tabungan Negara', null, null, null, null, 'cukup_informatif', 'scored'],
      ['Kementerian PUPR', null, null, null, null, 'kurang_informatif', 'scored'],
      ['Kementerian Pariwisata', null, null, null, null, 'tidak_informatif', 'not_submitted'],
    ]);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { bodyName: string }[]; nextCursor: string | null } = expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200).json();
      names.push(...page.items.map((r: any) => r.bodyName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(pub.items.map((r: any) => r.bodyName));
    const kem = expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings?category=${period.categoryIds[0]}`), 200).json();
    expect(kem.items.map((r: any) => [r.bodyName, r.rank])).toEqual([
      ['Kementerian Keuangan', null], ['Kementerian Kominfo', null], ['Kementerian PUPR', null], ['Kementerian Pariwisata', null],
    ]);

    const csv = parse<Record<string, string>>(expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings?format=csv`), 200).body, { columns: true });
    expect(Object.keys(csv[0]!)).toEqual(['Badan Publik', 'Kode Kategori', 'Kategori', 'Kualifikasi', 'Status']);
    expect(csv.map((r) => [r['Badan Publik'], r.Kualifikasi, r.Status])).toEqual([
      ['Kementerian Keuangan', 'Informatif', 'Dinilai'], ['Kementerian Kominfo', 'Informatif', 'Dinilai'],
      ['Bank Tabungan Negara', 'Cukup Informatif', 'Dinilai'], ['Kementerian PUPR', 'Kurang Informatif', 'Dinilai'],
      ['Kementerian Pariwisata', 'Tidak Informatif', 'Tidak Mengisi'],
    ]);
    const xlsx = await anonymous.get(`/public/periods/${period.periodId}/rankings`, undefined, { accept: XLSX });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const header = (book.getWorksheet('Peringkat')!.getRow(6).values as unknown[]).filter((v) => v !== undefined);
    expect(header).toEqual(['Badan Publik', 'Kode Kategori', 'Kategori', 'Kualifikasi', 'Status']);

    const history = expectStatus(await anonymous.get(`/public/bodies/${id('Kementerian Keuangan')}/history`), 200).json();
    expect(history.items[0]).toMatchObject({
      result: { version: 2, mode: 'qualification' }, finalScore: null, overallRank: null, categoryRank: null, band: { code: 'informatif' }, status: 'scored',
    });
    // the organisation itself still sees the frozen numbers
    expect(numbers(expectStatus(await admin.get(results('/2')), 200).json().items)).toEqual(RANKED);
  });

  it('serves the published period with its award and band counts, with an ETag', async () => {
    const res = await anonymous.get(`/public/periods/${period.periodId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const body = res.json();
    expect(body).toMatchObject({
      id: period.periodId, year: 2025, commission: { id: pusat.commissionId, name: expect.stringMatching(/^Komisi Informasi Pusat/) },
      version: 2, decree: '3/KEP/KIP/XII/2025', decreeNumber: '2/KEP/KIP/XII/2025', decreeDate: '2025-12-02', mode: 'qualification',
      awards: [{ title: AWARD, bodies: [
        { id: id('Kementerian Keuangan'), name: 'Kementerian Keuangan' }, { id: id('Kementerian Kominfo'), name: 'Kementerian Kominfo' },
        { id: id('Bank Tabungan Negara'), name: 'Bank Tabungan Negara' },
      ] }],
      bands: [
        { code: 'informatif', label: 'Informatif', count: 2 }, { code: 'menuju_informatif', label: 'Menuju Informatif', count: 0 },
        { code: 'cukup_informatif', label: 'Cukup Informatif', count: 1 }, { code: 'kurang_informatif', label: 'Kurang Informatif', count: 1 },
        { code: 'tidak_informatif', label: 'Tidak Informatif', count: 1 },
      ],
    });
    expect(Date.parse(body.publishedAt)).not.toBeNaN();
    const again = await anonymous.get(`/public/periods/${period.periodId}`, undefined, { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for a period with nothing published, of any commission, and for an unknown one', async () => {
    const unpublished = await arrangePeriod(t.app, other, {
      stage: 'deliberation', stages: { saq: 100 }, categories: [{ code: 'OPD', name: 'OPD' }], bodies: [{ name: 'Dinas Arsip', answers: ALL }],
    });
    expectStatus(await client(t.app, other.users.admin.token).post(`/periods/${unpublished.periodId}/results`, { decreeNumber: '9/KEP', decreeDate: '2025-12-01' }), 201);
    for (const periodId of [unpublished.periodId, '00000000-0000-4000-8000-000000000000']) {
      const res = await anonymous.get(`/public/periods/${periodId}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('is immutable: a version is published once', async () => {
    const again = await admin.post(results('/2/publication'), { mode: 'ranked' });
    expect(again.statusCode).toBe(409);
    expect(expectStatus(await anonymous.get(`/public/periods/${period.periodId}`), 200).json().mode).toBe('qualification');
  });
});
