// Accept-Language through the real app: the same bad requests answered in Bahasa Indonesia when the
// caller prefers `id` (or `id-ID`, or the old code `in`), in English otherwise — title, detail and
// every errors[].message — with Content-Language and Vary: Accept-Language on the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, expectStatus, type Res } from '../helpers/client.ts';
import { createTenant, PASSWORD, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let tenant: Tenant;
let periodId: string;
let userId: string;

beforeAll(async () => {
  // two failed logins of an account from one address, then 429
  t = await createTestApp({ LOGIN_MAX_PER_ACCOUNT: '2', LOGIN_WINDOW_SECONDS: '86400' });
  tenant = await createTenant(t.app);
  const admin = client(t.app, tenant.users.admin.token);
  periodId = expectStatus(await admin.post('/periods', { year: 2025, title: 'Monev KIP 2025' }), 201).json().id;
  userId = tenant.users.viewer.id;
});
afterAll(() => t.close());

const INDONESIAN = ['id', 'id-ID', 'in', 'id-ID,en;q=0.5', 'fr, id;q=0.1'];
const ENGLISH = [undefined, 'en', 'en-US', 'fr', 'en,id;q=0.9', 'id;q=0'];

type Send = (headers: Record<string, string>) => Promise<Res>;

function headersFor(lang: string | undefined): Record<string, string> {
  return lang === undefined ? {} : { 'accept-language': lang };
}

/** Sends the request in every language and checks the shared parts; returns the Indonesian and English bodies. */
async function bothWays(status: number, send: Send) {
  const bodies: Record<'id' | 'en', any[]> = { id: [], en: [] };
  for (const [want, langs] of [['id', INDONESIAN], ['en', ENGLISH]] as const) {
    for (const lang of langs) {
      const res = await send(headersFor(lang));
      expect(res.statusCode, `${lang}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-language'], String(lang)).toBe(want);
      expect(String(res.headers.vary)).toMatch(/accept-language/i);
      bodies[want].push(res.json());
    }
  }
  // one language, one wording: every Indonesian request got the same words, every other the same
  // (digits aside: a 429's Retry-After grows from one attempt to the next)
  const words = (b: any) => JSON.parse(JSON.stringify({ title: b.title, detail: b.detail, errors: b.errors?.map((e: any) => e.message) }).replace(/\d+/g, 'N'));
  for (const want of ['id', 'en'] as const) for (const b of bodies[want]) expect(words(b)).toEqual(words(bodies[want][0]));
  const [id, en] = [bodies.id[0], bodies.en[0]];
  expect(id.title).not.toBe(en.title);
  expect(id.detail).not.toBe(en.detail);
  expect({ ...id, title: 0, detail: 0, errors: 0, requestId: 0 }).toEqual({ ...en, title: 0, detail: 0, errors: 0, requestId: 0 });
  return { id, en };
}

describe('problems in the language the caller prefers', () => {
  it('400: Ajv validation, its errors localised and the detail built from them', async () => {
    const admin = client(t.app, tenant.users.admin.token);
    const { id, en } = await bothWays(400, (h) => admin.post('/categories', { code: 5, extra: true }, h));
    expect(en).toMatchObject({ code: 'validation_failed', title: 'The request is not valid' });
    expect(id).toMatchObject({
      code: 'validation_failed', title: 'Permintaan tidak sah',
      detail: 'body.name wajib diisi; body.extra bukan properti yang diizinkan; body.code harus berupa teks',
      errors: [
        { path: 'body.name', message: 'wajib diisi' },
        { path: 'body.extra', message: 'bukan properti yang diizinkan' },
        { path: 'body.code', message: 'harus berupa teks' },
      ],
    });
    // the paths are the same in both languages; only the words change
    expect(en.detail).toBe("body.name must have required property 'name'; body.extra is not an allowed property; body.code must be string");
  });

  it('401: no credentials', async () => {
    const { id, en } = await bothWays(401, (h) => call(t.app, null, { method: 'GET', url: '/api/v1/categories', headers: h }));
    expect(en).toMatchObject({ title: 'Authentication required', detail: 'This resource needs a bearer token or an API key' });
    expect(id).toMatchObject({ title: 'Autentikasi diperlukan', detail: 'Sumber daya ini memerlukan bearer token atau kunci API' });
  });

  it('403: a role that may not', async () => {
    const viewer = client(t.app, tenant.users.viewer.token);
    const { id, en } = await bothWays(403, (h) => viewer.post('/categories', { code: 'X', name: 'X' }, h));
    expect(en.title).toBe('Not allowed');
    expect(en.detail).toMatch(/^Your role \(viewer\) may not do this \(needs "[a-z:]+"\)$/);
    expect(id.title).toBe('Tidak diizinkan');
    expect(id.detail).toMatch(/^Peran Anda \(viewer\) tidak boleh melakukan ini \(memerlukan "[a-z:]+"\)$/);
  });

  it('404: a resource that is not there, and a route that is not there', async () => {
    const admin = client(t.app, tenant.users.admin.token);
    const missing = await bothWays(404, (h) => admin.get('/categories/00000000-0000-4000-8000-000000000000', undefined, h));
    expect(missing.en).toMatchObject({ title: 'Not found', detail: 'Category not found' });
    expect(missing.id).toMatchObject({ title: 'Tidak ditemukan', detail: 'Kategori tidak ditemukan' });
    const route = await bothWays(404, (h) => call(t.app, null, { method: 'GET', url: '/api/v1/nowhere?x=1', headers: h }));
    expect(route.en.detail).toBe('No route GET /api/v1/nowhere');
    expect(route.id.detail).toBe('Tidak ada rute GET /api/v1/nowhere');
  });

  it('409 wrong_stage: a stage skipped', async () => {
    const admin = client(t.app, tenant.users.admin.token);
    const { id, en } = await bothWays(409, (h) => admin.post(`/periods/${periodId}/transitions`, { to: 'verification' }, h));
    const path = 'draft → saq → verification → deliberation → closed';
    expect(en).toMatchObject({
      code: 'wrong_stage', stage: 'draft', title: 'Not possible in the current stage of the period',
      detail: `The next stage is "saq"; stages cannot be skipped (${path}) (the period is in stage "draft")`,
    });
    expect(id).toMatchObject({
      code: 'wrong_stage', stage: 'draft', title: 'Tidak dapat dilakukan pada tahap periode saat ini',
      detail: `Tahap berikutnya adalah "saq"; tahap tidak dapat dilewati (${path}) (periode sedang berada pada tahap "draft")`,
    });
  });

  it('412: If-Match names another version', async () => {
    const { id, en } = await bothWays(412, (h) => call(t.app, tenant.users.admin.token, {
      method: 'DELETE', url: `/api/v1/users/${userId}`, headers: { ...h, 'if-match': '"7"' },
    }));
    expect(en).toMatchObject({ code: 'stale', currentVersion: 1, detail: 'The resource is at version 1; read it again and retry' });
    expect(id).toMatchObject({ code: 'stale', currentVersion: 1, title: 'Sumber daya telah berubah sejak Anda membacanya', detail: 'Sumber daya ini berada pada versi 1; baca ulang lalu coba lagi' });
  });

  it('422: an import with per-cell errors, each at its row and column', async () => {
    const admin = client(t.app, tenant.users.admin.token);
    const csv = 'nama,kategori\n,OPD\nDinas Pariwisata,ZZZ\n';
    const { id, en } = await bothWays(422, (h) => admin.upload('/bodies/import', 'badan.csv', csv, { headers: h }));
    expect(en.detail).toBe('2 problems in the file; nothing was imported');
    expect(id).toMatchObject({
      code: 'unprocessable', title: 'Permintaan tidak dapat diproses', detail: '2 masalah dalam berkas; tidak ada yang diimpor',
      errors: [
        { row: 2, column: 'nama', message: 'kosong' },
        { row: 3, column: 'kategori', message: 'kategori "ZZZ" tidak dikenal; gunakan kode atau nama dari OPD' },
      ],
    });
    expect(en.errors.map((e: any) => e.message)).toEqual(['is empty', 'unknown category "ZZZ"; use a code or name of OPD']);
  });

  it('401 then 429: failed logins', async () => {
    const login = (username: string) => (h: Record<string, string>) => call(t.app, null, {
      method: 'POST', url: '/api/v1/auth/token', payload: { username, password: `${PASSWORD}-wrong` }, headers: h, remoteAddress: '198.51.100.7',
    });
    // a fresh unknown username each time: none of them reaches the account's limit
    const wrong = await bothWays(401, (h) => login(`nobody-${Math.random().toString(36).slice(2)}`)(h));
    expect(wrong.en.detail).toBe('Unknown username or wrong password');
    expect(wrong.id.detail).toBe('Nama pengguna tidak dikenal atau kata sandi salah');
    const juror = login(tenant.users.juror.username);
    for (let i = 0; i < 2; i++) expectStatus(await juror({}), 401);
    const { id, en } = await bothWays(429, juror);
    expect(en.detail).toMatch(/^Too many failed logins; try again in \d+ seconds$/);
    expect(id).toMatchObject({ title: 'Terlalu banyak permintaan' });
    expect(id.detail).toMatch(/^Terlalu banyak percobaan masuk yang gagal; coba lagi dalam \d+ detik$/);
  });
});
