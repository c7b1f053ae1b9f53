// Trends and band migration across periods (GET /statistics/trends, GET /statistics/migration): a
// commission runs the monev in 2024 and 2025 with the same bodies (and one newcomer), publishes
// both, and has a 2026 period in draft. The numbers are computed by hand from TWO_BY_TWO
// (test/helpers/questionnaires.ts) with SAQ 80 + visitation 20; bands informatif ≥ 90,
// menuju ≥ 80, cukup ≥ 60, kurang ≥ 40, tidak ≥ 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged } from './arrange.ts';

/** A = 100, B = 100 · (0 + ¼)/2 = 12.5: SAQ 60 + 5 = 65; with visitation 77.25: 52 + 15.45 = 67.45 */
const A_AND_WEB = { q1: true, q2: true, q3: 'none', q4: ['web'] };

let t: TestApp;
let tenant: Tenant;
let other: Tenant;
let admin: Client;
let y2024: Arranged;
let y2025: Arranged;
let draft2026: string;

async function publish(periodId: string) {
  expectStatus(await admin.post(`/periods/${periodId}/results`, { decreeNumber: '10/KEP/KI-BTN/XII', decreeDate: '2025-12-10' }), 201);
  expectStatus(await admin.post(`/periods/${periodId}/results/1/publication`), 201);
}

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app, `Komisi Informasi Banten ${Date.now()}`);
  other = await createTenant(t.app);
  admin = client(t.app, tenant.users.admin.token);
  // 2024: A 98 (informatif), B 56 (kurang), C 63 (cukup), D did not submit: 0 and tidak_informatif
  y2024 = await arrangePeriod(t.app, tenant, {
    year: 2024, stage: 'deliberation', stages: { saq: 80, visitation: 20 }, nonSubmitters: 'tidak_informatif',
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
    bodies: [
      { name: 'Dinas Kominfo', answers: ALL, visitation: 90 },
      { name: 'Dinas Pendidikan', answers: HALF, visitation: 80 },
      { name: 'Bank Banten', category: 1, answers: A_ONLY, visitation: 75 },
      { name: 'Dinas Pariwisata', status: 'not_submitted' },
    ],
  });
  await publish(y2024.periodId);
  // 2025: A 56 (kurang), B 98 (informatif), C 67.45 (cukup), D does not submit again (no score,
  // no band: not_scored), E (new) 96 (informatif)
  y2025 = await arrangePeriod(t.app, tenant, {
    year: 2025, stage: 'deliberation', stages: { saq: 80, visitation: 20 },
    categories: [], reuse: y2024,
    bodies: [
      { name: 'Dinas Kominfo', answers: HALF, visitation: 80 },
      { name: 'Dinas Pendidikan', answers: ALL, visitation: 90 },
      { name: 'Bank Banten', category: 1, answers: A_AND_WEB, visitation: 77.25 },
      { name: 'Dinas Pariwisata', status: 'not_submitted' },
      { name: 'Dinas Kesehatan', answers: ALL, visitation: 80 },
    ],
  });
  draft2026 = expectStatus(await admin.post('/periods', { year: 2026, title: 'Monev KIP 2026' }), 201).json().id;
}, 300_000);

afterAll(async () => {
  await t?.close();
});

const BANDS_2024 = { informatif: 1, menuju_informatif: 0, cukup_informatif: 1, kurang_informatif: 1, tidak_informatif: 1 };
const BANDS_2025 = { informatif: 2, menuju_informatif: 0, cukup_informatif: 1, kurang_informatif: 1, tidak_informatif: 0 };

describe('trends', () => {
  it('falls back to the live scores of a period with nothing published, and says so', async () => {
    const res = expectStatus(await admin.get('/statistics/trends?from=2025&to=2025'), 200).json();
    expect(res.items).toEqual([{
      periodId: y2025.periodId, year: 2025, title: expect.any(String), source: 'live', version: null,
      // 56, 67.45, 96, 98: mean 317.45 / 4 = 79.3625; median (67.45 + 96) / 2 = 81.725, half up 81.73
      participants: 5, scored: 4, bands: BANDS_2025, mean: 79.36, median: 81.73,
    }]);
  });

  it('reads each period\'s published result set, oldest first, with exact means and medians', async () => {
    await publish(y2025.periodId);
    const res = expectStatus(await admin.get('/statistics/trends?from=2022&to=2026'), 200).json();
    expect(res).toEqual({
      categoryId: null,
      items: [
        // 98, 56, 63 (the non-submitter is not scored): mean 217 / 3 = 72.333…, median 63
        { periodId: y2024.periodId, year: 2024, title: expect.any(String), source: 'published', version: 1, participants: 4, scored: 3, bands: BANDS_2024, mean: 72.33, median: 63 },
        { periodId: y2025.periodId, year: 2025, title: expect.any(String), source: 'published', version: 1, participants: 5, scored: 4, bands: BANDS_2025, mean: 79.36, median: 81.73 },
        {
          periodId: draft2026, year: 2026, title: 'Monev KIP 2026', source: 'live', version: null, participants: 0, scored: 0,
          bands: { informatif: 0, menuju_informatif: 0, cukup_informatif: 0, kurang_informatif: 0, tidak_informatif: 0 }, mean: null, median: null,
        },
      ],
    });
    // only the published ones, and a narrower range
    const published = expectStatus(await admin.get('/statistics/trends?publishedOnly=true'), 200).json();
    expect(published.items.map((i: any) => i.year)).toEqual([2024, 2025]);
    expect(expectStatus(await admin.get('/statistics/trends?from=2025'), 200).json().items.map((i: any) => i.year)).toEqual([2025, 2026]);
    expect(expectStatus(await admin.get('/statistics/trends?to=2023'), 200).json().items).toEqual([]);
  });

  it('counts one category with categoryId', async () => {
    const opd = y2024.categoryIds[0]!;
    const res = expectStatus(await admin.get(`/statistics/trends?categoryId=${opd}&to=2025`), 200).json();
    expect(res.categoryId).toBe(opd);
    expect(res.items.map((i: any) => [i.year, i.participants, i.scored, i.mean, i.median, i.bands])).toEqual([
      // 98, 56 and the non-submitter
      [2024, 3, 2, 77, 77, { ...BANDS_2024, cukup_informatif: 0 }],
      // 56, 98, 96 and the non-submitter: mean 250 / 3 = 83.333…, median 96
      [2025, 4, 3, 83.33, 96, { ...BANDS_2025, cukup_informatif: 0 }],
    ]);
  });

  it('refuses a range that ends before it starts (422), a category that is not mine (404), and bad parameters (400)', async () => {
    const reversed = expectStatus(await admin.get('/statistics/trends?from=2025&to=2022'), 422).json();
    expect(reversed.errors).toEqual([{ path: 'querystring.to', message: 'must not be before from' }]);
    expectStatus(await admin.get(`/statistics/trends?categoryId=${other.categoryId}`), 404);
    expectStatus(await admin.get('/statistics/trends?categoryId=00000000-0000-4000-8000-000000000000'), 404);
    expectStatus(await admin.get('/statistics/trends?from=dua-ribu'), 400);
    expectStatus(await admin.get('/statistics/trends?period=2025'), 400);
  });

  it('shows another commission only its own periods', async () => {
    const res = expectStatus(await client(t.app, other.users.admin.token).get('/statistics/trends'), 200).json();
    expect(res.items).toEqual([]);
  });
});

describe('band migration', () => {
  it('counts the bodies of both periods by their band in each, from the published result sets', async () => {
    const res = expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}&to=${y2025.periodId}`), 200).json();
    const none = { informatif: 0, menuju_informatif: 0, cukup_informatif: 0, kurang_informatif: 0, tidak_informatif: 0 };
    expect(res.matrix).toEqual({
      informatif: { ...none, kurang_informatif: 1 },
      menuju_informatif: none,
      cukup_informatif: { ...none, cukup_informatif: 1 },
      kurang_informatif: { ...none, informatif: 1 },
      // the non-submitter has no band in 2025: listed, not counted
      tidak_informatif: none,
    });
    const id = (name: string) => y2024.bodyIds[name]!;
    // by name; the newcomer of 2025 is not in both periods
    expect(res.bodies).toEqual([
      { bodyId: id('Bank Banten'), bodyName: 'Bank Banten', from: 'cukup_informatif', to: 'cukup_informatif' },
      { bodyId: id('Dinas Kominfo'), bodyName: 'Dinas Kominfo', from: 'informatif', to: 'kurang_informatif' },
      { bodyId: id('Dinas Pariwisata'), bodyName: 'Dinas Pariwisata', from: 'tidak_informatif', to: null },
      { bodyId: id('Dinas Pendidikan'), bodyName: 'Dinas Pendidikan', from: 'kurang_informatif', to: 'informatif' },
    ]);
    expect(res.periods).toMatchObject({
      from: { periodId: y2024.periodId, year: 2024, version: 1 },
      to: { periodId: y2025.periodId, year: 2025, version: 1, bands: expect.arrayContaining([{ code: 'informatif', label: 'Informatif' }]) },
    });
  });

  it('refuses periods without a published result set (422), the same period twice (422), and periods I cannot see (404)', async () => {
    const unpublished = expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}&to=${draft2026}`), 422).json();
    expect(unpublished.errors).toEqual([{ path: 'querystring.to', message: 'has no published result set' }]);
    expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}&to=${y2024.periodId}`), 422);
    // another commission's period is not visible: 404, whichever side it is on
    const theirs = expectStatus(await client(t.app, other.users.admin.token).post('/periods', { year: 2025, title: 'Monev lain' }), 201).json().id;
    expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}&to=${theirs}`), 404);
    expectStatus(await client(t.app, other.users.admin.token).get(`/statistics/migration?from=${theirs}&to=${y2025.periodId}`), 404);
    expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}&to=00000000-0000-4000-8000-000000000000`), 404);
    expectStatus(await admin.get(`/statistics/migration?from=${y2024.periodId}`), 400);
  });
});

describe('who may read statistics across periods', () => {
  it('admins, viewers and API keys with statistics:read; not assessors, jurors or respondents', async () => {
    const paths = ['/statistics/trends', `/statistics/migration?from=${y2024.periodId}&to=${y2025.periodId}`];
    const key = expectStatus(await admin.post('/api-keys', { name: 'Dasbor Gubernur', scopes: ['statistics:read'] }), 201).json().key;
    const noScope = expectStatus(await admin.post('/api-keys', { name: 'Integrasi lain', scopes: ['bodies:read'] }), 201).json().key;
    for (const path of paths) {
      expectStatus(await client(t.app, tenant.users.viewer.token).get(path), 200);
      expectStatus(await client(t.app, key).get(path), 200);
      expectStatus(await client(t.app, noScope).get(path), 403);
      for (const role of ['assessor', 'juror', 'respondent'] as const) expectStatus(await client(t.app, tenant.users[role].token).get(path), 403);
      expectStatus(await client(t.app, null).get(path), 401);
    }
  });
});
