// Categories and bodies: CRUD, accent-insensitive search, deletion rules, versions, isolation.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bodies, idempotencyKeys } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { client, type Client } from '../helpers/client.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
let other: Client;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  other = client(t.app, b.users.admin.token);
});
afterAll(async () => {
  await t?.close();
});

describe('categories', () => {
  it('creates, reads, renames with If-Match and deletes an unused category', async () => {
    const res = await admin.post('/categories', { code: 'BUMD', name: 'Badan Usaha Milik Daerah' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const cat = res.json();
    expect(cat).toMatchObject({ code: 'BUMD', bodyCount: 0, version: 1 });
    expect((await admin.get(`/categories/${cat.id}`)).json()).toEqual(cat);
    const renamed = await admin.patch(`/categories/${cat.id}`, { name: 'BUMD Provinsi' }, { 'if-match': '"1"' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'BUMD Provinsi', version: 2 });
    expect((await admin.patch(`/categories/${cat.id}`, { name: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await admin.delete(`/categories/${cat.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/categories/${cat.id}`)).statusCode).toBe(404);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, cat.id));
    expect(events.map((e) => e.action).sort()).toEqual(['category.create', 'category.delete', 'category.update']);
  });

  it('replays a POST repeated with the same Idempotency-Key instead of creating twice', async () => {
    const key = { 'idempotency-key': 'retry-categories-1' };
    const first = await admin.post('/categories', { code: 'IDEM', name: 'Sekali saja' }, key);
    expect(first.statusCode).toBe(201);
    const again = await admin.post('/categories', { code: 'IDEM', name: 'Sekali saja' }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(first.headers.etag).toBe('"1"');
    expect(first.headers.location).toBe(`/api/v1/categories/${first.json().id}`);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.location).toBe(first.headers.location);
    const list = (await admin.get('/categories?limit=200')).json();
    expect(list.items.filter((c: { code: string }) => c.code === 'IDEM')).toHaveLength(1);
    const changed = await admin.post('/categories', { code: 'IDEM2', name: 'Lain' }, key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toMatch(/already used for a different request/);
    // keys belong to their caller: another commission's admin may use the same key
    expect((await other.post('/categories', { code: 'IDEM', name: 'Sekali saja' }, key)).headers['idempotent-replayed']).toBeUndefined();
    const bad = await admin.post('/categories', { code: 'IDEM3', name: 'x' }, { 'idempotency-key': 'no spaces allowed' });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps codes unique per commission (case-insensitive), not across commissions', async () => {
    await admin.post('/categories', { code: 'VERTIKAL', name: 'Instansi Vertikal' });
    const dup = await admin.post('/categories', { code: 'vertikal', name: 'lagi' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('body.code');
    expect((await other.post('/categories', { code: 'VERTIKAL', name: 'Instansi Vertikal' })).statusCode).toBe(201);
  });

  it('validates input', async () => {
    expect((await admin.post('/categories', { code: 'has space', name: 'x' })).statusCode).toBe(400);
    expect((await admin.post('/categories', { code: 'X' })).statusCode).toBe(400);
    expect((await admin.post('/categories', { code: 'X', name: 'x', colour: 1 })).statusCode).toBe(400);
    expect((await admin.patch(`/categories/${a.categoryId}`, {})).statusCode).toBe(400);
  });

  it('refuses to delete a category with bodies', async () => {
    const res = await admin.delete(`/categories/${a.categoryId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/bodies/);
  });

  it('refuses to delete a category used by a period', async () => {
    const cat = (await admin.post('/categories', { code: 'PT', name: 'Perguruan Tinggi' })).json();
    const period = (await admin.post('/periods', { year: 2025, title: 'x' })).json();
    await admin.post(`/periods/${period.id}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [cat.id] });
    expect((await admin.delete(`/categories/${cat.id}`)).statusCode).toBe(409);
  });

  it('hides categories of other commissions and refuses other roles', async () => {
    expect((await other.get(`/categories/${a.categoryId}`)).statusCode).toBe(404);
    expect((await other.patch(`/categories/${a.categoryId}`, { name: 'x' })).statusCode).toBe(404);
    expect((await other.delete(`/categories/${a.categoryId}`)).statusCode).toBe(404);
    expect((await other.get('/categories')).json().items.every((c: { id: string }) => c.id !== a.categoryId)).toBe(true);
    expect((await client(t.app, a.users.viewer.token).get('/categories')).statusCode).toBe(200);
    expect((await client(t.app, a.users.viewer.token).post('/categories', { code: 'Y', name: 'y' })).statusCode).toBe(403);
    expect((await client(t.app, a.users.respondent.token).get('/categories')).statusCode).toBe(403);
  });
});

describe('bodies', () => {
  it('creates a body with its PPID contact and reads it back', async () => {
    const res = await admin.post('/bodies', {
      name: '  Dinas Komunikasi,  Informatika, Statistik dan Persandian ', categoryId: a.categoryId,
      ppidName: 'Sekretaris Diskominfo', email: 'ppid@diskominfo.bantenprov.go.id', phone: '(0254) 267024',
      website: 'https://diskominfo.bantenprov.go.id', region: 'Kota Serang',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Dinas Komunikasi, Informatika, Statistik dan Persandian', active: true, region: 'Kota Serang', version: 1 });
    expect((await admin.get(`/bodies/${body.id}`)).json()).toEqual(body);
    expect((await admin.get(`/categories/${a.categoryId}`)).json().bodyCount).toBeGreaterThanOrEqual(2);
  });

  it('replays a repeated POST with the first status, body, ETag and Location', async () => {
    const key = { 'idempotency-key': 'retry-bodies-1' };
    const request = { name: 'Dinas Pariwisata', categoryId: a.categoryId, region: 'Kota Cilegon' };
    const first = await admin.post('/bodies', request, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers.etag).toBe('"1"');
    expect(first.headers.location).toBe(`/api/v1/bodies/${first.json().id}`);
    // the body changes meanwhile: the replay still answers what the first request did
    expect((await admin.patch(`/bodies/${first.json().id}`, { region: 'Kota Serang' }, { 'if-match': '"1"' })).statusCode).toBe(200);
    const again = await admin.post('/bodies', request, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers.etag).toBe('"1"');
    expect(again.headers.location).toBe(first.headers.location);
    const rows = await t.database.db.select().from(bodies)
      .where(and(eq(bodies.commissionId, a.commissionId), eq(bodies.name, 'Dinas Pariwisata')));
    expect(rows).toHaveLength(1);
    const changed = await admin.post('/bodies', { ...request, region: 'Kota Serang' }, key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().detail).toMatch(/already used for a different request/);
  });

  it('still replays a key stored before ETag and Location were kept', async () => {
    const key = 'retry-bodies-legacy';
    const request = { name: 'Dinas Perikanan', categoryId: a.categoryId };
    const first = await admin.post('/bodies', request, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    await t.database.db.update(idempotencyKeys).set({ etag: null, location: null }).where(eq(idempotencyKeys.key, key));
    const again = await admin.post('/bodies', request, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBeUndefined();
    expect(again.headers.location).toBeUndefined();
  });

  it('validates contact fields and the category', async () => {
    const base = { name: 'Dinas Perhubungan', categoryId: a.categoryId };
    expect((await admin.post('/bodies', { ...base, email: 'not-an-email' })).statusCode).toBe(400);
    expect((await admin.post('/bodies', { ...base, website: 'ftp://x.go.id' })).statusCode).toBe(400);
    expect((await admin.post('/bodies', { ...base, phone: 'call me' })).statusCode).toBe(400);
    expect((await admin.post('/bodies', { name: '' , categoryId: a.categoryId })).statusCode).toBe(400);
    const foreign = await admin.post('/bodies', { ...base, categoryId: b.categoryId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('body.categoryId');
  });

  it('refuses a duplicate name ignoring case and accents (409)', async () => {
    await admin.post('/bodies', { name: 'Dinas Pendidikan dan Kebudayaan', categoryId: a.categoryId });
    const dup = await admin.post('/bodies', { name: 'DINAS PENDÍDIKAN DAN  KEBUDAYAAN', categoryId: a.categoryId });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toMatch(/already exists/);
    expect((await other.post('/bodies', { name: 'Dinas Pendidikan dan Kebudayaan', categoryId: b.categoryId })).statusCode).toBe(201);
  });

  it('searches by name case- and accent-insensitively, filters by category and activity, and paginates', async () => {
    const cat = (await admin.post('/categories', { code: 'KAB', name: 'Pemerintah Kabupaten/Kota' })).json();
    const names = ['Pemerintah Kabupaten Lebak', 'Pemerintah Kabupaten Pandeglang', 'Pemerintah Kota Cilegon', 'Pemerintah Kota Tangerang Selatan', 'Pémérintah Kota Sérang'];
    for (const name of names) expect((await admin.post('/bodies', { name, categoryId: cat.id })).statusCode).toBe(201);
    const search = async (q: string) => (await admin.get(`/bodies?q=${encodeURIComponent(q)}`)).json().items.map((x: { name: string }) => x.name);
    expect(await search('KOTA')).toEqual(['Pemerintah Kota Cilegon', 'Pemerintah Kota Tangerang Selatan', 'Pémérintah Kota Sérang']);
    expect(await search('serang')).toEqual(['Pémérintah Kota Sérang']);
    expect(await search('SÉRANG')).toEqual(['Pémérintah Kota Sérang']);
    expect(await search('100%')).toEqual([]);
    expect(await search('kabupaten_')).toEqual([]);
    const inCat = (await admin.get(`/bodies?categoryId=${cat.id}&limit=2`)).json();
    expect(inCat.items).toHaveLength(2);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await admin.get(`/bodies?categoryId=${cat.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      all.push(...page.items.map((x) => x.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(5);
    const lebak = (await admin.get('/bodies?q=lebak')).json().items[0];
    await admin.patch(`/bodies/${lebak.id}`, { active: false });
    expect((await admin.get(`/bodies?categoryId=${cat.id}&active=false`)).json().items.map((x: { id: string }) => x.id)).toEqual([lebak.id]);
    expect((await admin.get('/bodies?limit=501')).statusCode).toBe(400);
    expect((await other.get('/bodies?q=lebak')).json().items).toEqual([]);
  });

  it('updates with If-Match, normalising empty strings to null, and audits the change', async () => {
    const body = (await admin.post('/bodies', { name: 'Badan Kepegawaian Daerah', categoryId: a.categoryId, email: 'bkd@bantenprov.go.id' })).json();
    const res = await admin.patch(`/bodies/${body.id}`, { email: null, region: 'Kota Serang', ppidName: '' }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ email: null, region: 'Kota Serang', ppidName: null });
    expect((await admin.patch(`/bodies/${body.id}`, { region: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    const clash = await admin.patch(`/bodies/${body.id}`, { name: 'dinas pendidikan dan kebudayaan' });
    expect(clash.statusCode).toBe(409);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, body.id), eq(auditEvents.action, 'body.update')));
    expect(event!.before).toMatchObject({ email: 'bkd@bantenprov.go.id', region: null });
    expect(event!.after).toMatchObject({ email: null, region: 'Kota Serang' });
  });

  it('deletes a body that never took part; one that took part is refused (409) and can be deactivated', async () => {
    const fresh = (await admin.post('/bodies', { name: 'Satpol PP', categoryId: a.categoryId })).json();
    expect((await admin.delete(`/bodies/${fresh.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/bodies/${fresh.id}`)).statusCode).toBe(404);

    const took = (await admin.post('/bodies', { name: 'Dinas Sosial', categoryId: a.categoryId })).json();
    const period = (await admin.post('/periods', { year: 2024, title: 'Monev 2024' })).json();
    await admin.post(`/periods/${period.id}/participants`, { bodyIds: [took.id] });
    const refused = await admin.delete(`/bodies/${took.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/deactivate/);
    const off = await admin.patch(`/bodies/${took.id}`, { active: false });
    expect(off.json().active).toBe(false);
    // the respondent's body has a user: also refused
    expect((await admin.delete(`/bodies/${a.bodyId}`)).statusCode).toBe(409);
  });

  it('isolates commissions and roles', async () => {
    expect((await other.get(`/bodies/${a.bodyId}`)).statusCode).toBe(404);
    expect((await other.patch(`/bodies/${a.bodyId}`, { region: 'x' })).statusCode).toBe(404);
    expect((await other.delete(`/bodies/${a.bodyId}`)).statusCode).toBe(404);
    expect((await client(t.app, a.users.viewer.token).get(`/bodies/${a.bodyId}`)).statusCode).toBe(200);
    expect((await client(t.app, a.users.viewer.token).patch(`/bodies/${a.bodyId}`, { region: 'x' })).statusCode).toBe(403);
    expect((await client(t.app, a.users.assessor.token).get('/bodies')).statusCode).toBe(403);
    expect((await client(t.app, null).get('/bodies')).statusCode).toBe(401);
    expect((await admin.get('/bodies/123')).statusCode).toBe(400);
  });
});
