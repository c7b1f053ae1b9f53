// Rankings are computed once per state of a period and shared between requests
// (results/standings-cache.ts): every change that shows in them must show at once, in the live and
// in the public rankings, and the ETag must move with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { ALL, HALF, arrangePeriod, type Arranged } from './arrange.ts';

let t: TestApp;
let a: Tenant;
let period: Arranged;
const get = (url: string, headers: Record<string, string> = {}, token: string | null = a.users.admin.token) =>
  call(t.app, token, { method: 'GET', url: `/api/v1${url}`, headers });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, headers: Record<string, string> = {}) =>
  call(t.app, a.users.admin.token, { method, url: `/api/v1${url}`, payload, headers });

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  period = await arrangePeriod(t.app, a, {
    stage: 'deliberation',
    stages: { saq: 80, visitation: 20 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    bodies: [
      { name: 'Dinas Kominfo', answers: ALL, visitation: 90 },
      { name: 'Dinas Kesehatan', answers: HALF, visitation: 80 },
    ],
  });
});
afterAll(async () => {
  await t?.close();
});

const rankings = () => get(`/periods/${period.periodId}/rankings`);
const names = (res: { json: () => { items: { bodyName: string }[] } }) => res.json().items.map((r) => r.bodyName);

describe('shared rankings', () => {
  it('show a body renamed at once, with a new ETag', async () => {
    const before = await rankings();
    expect(names(before)).toEqual(['Dinas Kominfo', 'Dinas Kesehatan']);
    const id = period.bodyIds['Dinas Kesehatan'];
    const body = await get(`/bodies/${id}`);
    const renamed = await send('PATCH', `/bodies/${id}`, { name: 'Dinas Kesehatan Provinsi' }, { 'if-match': body.headers.etag as string });
    expect(renamed.statusCode).toBe(200);
    const after = await rankings();
    expect(names(after)).toEqual(['Dinas Kominfo', 'Dinas Kesehatan Provinsi']);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await get(`/periods/${period.periodId}/rankings`, { 'if-none-match': before.headers.etag as string })).statusCode).toBe(200);
  });

  it('show a category renamed at once', async () => {
    const categoryId = period.categoryIds[0];
    const category = await get(`/categories/${categoryId}`);
    await send('PATCH', `/categories/${categoryId}`, { name: 'Perangkat Daerah' }, { 'if-match': category.headers.etag as string });
    expect((await rankings()).json().items.map((r: { categoryName: string }) => r.categoryName)).toEqual(['Perangkat Daerah', 'Perangkat Daerah']);
  });

  it('show a score changed at once, with a new ETag', async () => {
    const open = await arrangePeriod(t.app, a, {
      stage: 'visitation',
      stages: { saq: 80, visitation: 20 },
      categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
      bodies: [{ name: 'Dinas Sosial', answers: ALL, visitation: 90 }, { name: 'Dinas Perhubungan', answers: HALF, visitation: 80 }],
    });
    const url = `/periods/${open.periodId}/rankings`;
    const before = await get(url);
    expect(before.json().items.map((r: { finalScore: number }) => r.finalScore)).toEqual([98, 56]);
    // the visitation score of Dinas Perhubungan rises from 80 to 100: 50 × 0.8 + 100 × 0.2 = 60
    const id = open.bodyIds['Dinas Perhubungan'];
    const assigned = await send('PUT', `/periods/${open.periodId}/participants/${id}/assignments`, { assessorIds: [a.users.assessor.id], jurorIds: [] });
    expect(assigned.statusCode).toBe(200);
    const moved = await call(t.app, a.users.assessor.token, {
      method: 'PUT', url: `/api/v1/periods/${open.periodId}/participants/${id}/visitation`, payload: { score: 100 },
    });
    expect(moved.statusCode).toBe(200);
    const after = await get(url);
    expect(after.json().items.map((r: { finalScore: number }) => r.finalScore)).toEqual([98, 60]);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('show the newest published version at once', async () => {
    const results = `/periods/${period.periodId}/results`;
    expect((await send('POST', results, { decreeNumber: '1/KEP/2025', decreeDate: '2025-12-01' })).statusCode).toBe(201);
    expect((await send('POST', `${results}/1/publication`, {})).statusCode).toBe(201);
    const first = await get(`/public/periods/${period.periodId}/rankings`, {}, null);
    expect(first.json().result.version).toBe(1);
    expect(first.json().items.map((r: { finalScore: number }) => r.finalScore)).toEqual([98, 56]);
    expect((await send('POST', results, { decreeNumber: '2/KEP/2025', decreeDate: '2025-12-08', reason: 'ralat nomor keputusan' })).statusCode).toBe(201);
    expect((await send('POST', `${results}/2/publication`, {})).statusCode).toBe(201);
    const second = await get(`/public/periods/${period.periodId}/rankings`, {}, null);
    expect(second.json().result).toMatchObject({ version: 2, decreeNumber: '2/KEP/2025' });
  });
});
