// Commissions are tenants: the superadmin creates each one together with its first admin.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, commissions } from '../../src/db/schema.ts';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let root: string;
let tenant: Tenant;

beforeAll(async () => {
  t = await createTestApp();
  root = await login(t.app, SUPERADMIN.username, SUPERADMIN.password);
  tenant = await createTenant(t.app);
});
afterAll(async () => {
  await t.close();
});

const create = (payload: object, token = root) => call(t.app, token, { method: 'POST', url: '/api/v1/commissions', payload });
const banten = (n: string) => ({
  name: `Komisi Informasi Provinsi Banten ${n}`, level: 'provinsi', region: 'Banten',
  admin: { username: `Admin.Banten.${n}`, password: 'sekretariat-banten-2025', displayName: 'Sekretariat KI Banten' },
});

describe('POST /commissions', () => {
  it('creates the commission and its first admin, who can log in and run it', async () => {
    const res = await create(banten('1'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'Komisi Informasi Provinsi Banten 1', level: 'provinsi', region: 'Banten', userCount: 1, version: 1, admin: { username: 'admin.banten.1' } });
    expect(res.headers.location).toBe(`/api/v1/commissions/${body.id}`);
    expect(res.headers.etag).toBe('"1"');

    const adminToken = await login(t.app, 'admin.banten.1', 'sekretariat-banten-2025');
    const me = await call(t.app, adminToken, { url: '/api/v1/me' });
    expect(me.json()).toMatchObject({ id: body.admin.id, role: 'admin', commission: { id: body.id, name: body.name, level: 'provinsi' } });
    const users = await call(t.app, adminToken, { url: '/api/v1/users' });
    expect(users.json().items.map((u: { username: string }) => u.username)).toEqual(['admin.banten.1']);

    // the new admin finds the creation in its audit log, by the superadmin
    const audit = await call(t.app, adminToken, { url: '/api/v1/audit-events?action=commission.create' });
    expect(audit.json().items).toEqual([expect.objectContaining({
      entityType: 'commission', entityId: body.id, actor: { type: 'user', id: expect.any(String), name: SUPERADMIN.username },
      before: null, after: { name: body.name, level: 'provinsi', region: 'Banten' },
    })]);
  });

  it('creates nothing when the admin\'s username is taken (one transaction)', async () => {
    const input = { ...banten('dup'), admin: { username: tenant.users.viewer.username, password: 'sekretariat-banten-2025' } };
    const res = await create(input);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/username/);
    expect(await t.database.db.select().from(commissions).where(eq(commissions.name, input.name))).toEqual([]);
    // the audit row written before the failing insert was rolled back with it
    const audited = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'commission.create'));
    expect(audited.every((e) => (e.after as { name: string }).name !== input.name)).toBe(true);
  });

  it('validates the input', async () => {
    const bad = [
      { ...banten('a'), level: 'kecamatan' },
      { ...banten('b'), admin: { username: 'admin.b', password: 'short' } },
      { ...banten('c'), admin: { username: 'a b', password: 'long-enough-password' } },
      { name: 'KI Tanpa Admin', level: 'pusat' },
      { ...banten('d'), admin: { username: 'admin.d', password: 'long-enough-password', role: 'superadmin' } },
      { ...banten('e'), name: '' },
    ];
    for (const payload of bad) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect((await create(banten('f'))).statusCode).toBe(201);
  });

  it('refuses an Idempotency-Key: the body carries the admin\'s password', async () => {
    const res = await call(t.app, root, { method: 'POST', url: '/api/v1/commissions', headers: { 'idempotency-key': 'ki-1' }, payload: banten('idem') });
    expect(res.statusCode).toBe(400);
    expect(await t.database.db.select().from(commissions).where(eq(commissions.name, banten('idem').name))).toEqual([]);
  });

  it('is for the superadmin only', async () => {
    expect((await create(banten('x'), tenant.users.admin.token)).statusCode).toBe(403);
    expect((await create(banten('y'), '')).statusCode).toBe(401);
  });
});

describe('GET /commissions', () => {
  it('lists commissions by name with cursor pagination and a level filter', async () => {
    await create({ ...banten('k1'), level: 'kabupaten_kota', name: 'KI Kabupaten Lebak' });
    await create({ ...banten('k2'), level: 'kabupaten_kota', name: 'KI Kabupaten Pandeglang' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t.app, root, { url: `/api/v1/commissions?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json().items.map((c: { name: string }) => c.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('KI Kabupaten Lebak');
    const kab = await call(t.app, root, { url: '/api/v1/commissions?level=kabupaten_kota' });
    expect(kab.json().items.map((c: { name: string }) => c.name)).toEqual(['KI Kabupaten Lebak', 'KI Kabupaten Pandeglang']);
    expect((await call(t.app, root, { url: '/api/v1/commissions?cursor=bm9wZQ' })).statusCode).toBe(400);
    expect((await call(t.app, root, { url: '/api/v1/commissions?limit=501' })).statusCode).toBe(400);
  });
});

describe('GET and PATCH /commissions/{id}', () => {
  it('reads a commission with its ETag and counts its active users', async () => {
    const res = await call(t.app, root, { url: `/api/v1/commissions/${tenant.commissionId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: tenant.commissionId, userCount: 5 });
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await call(t.app, root, { url: '/api/v1/commissions/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await call(t.app, root, { url: '/api/v1/commissions/banten' })).statusCode).toBe(400);
  });

  it('changes name, level and region, honours If-Match and audits the change', async () => {
    const created = (await create(banten('p'))).json();
    const url = `/api/v1/commissions/${created.id}`;
    const ok = await call(t.app, root, { method: 'PATCH', url, headers: { 'if-match': '"1"', 'x-audit-reason': 'ganti%20nama' }, payload: { name: 'KI Banten (baru)', region: null } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'KI Banten (baru)', region: null, level: 'provinsi', version: 2 });
    expect(ok.headers.etag).toBe('"2"');
    const stale = await call(t.app, root, { method: 'PATCH', url, headers: { 'if-match': '"1"' }, payload: { name: 'again' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'stale', currentVersion: 2 });
    expect((await call(t.app, root, { method: 'PATCH', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t.app, root, { method: 'PATCH', url, payload: { id: created.id } })).statusCode).toBe(400);

    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'commission.update'));
    expect(event).toMatchObject({
      commissionId: created.id, entityId: created.id, reason: 'ganti nama',
      before: { name: created.name, region: 'Banten' }, after: { name: 'KI Banten (baru)', region: null },
    });
  });

  it('refuses everybody but the superadmin', async () => {
    const url = `/api/v1/commissions/${tenant.commissionId}`;
    expect((await call(t.app, tenant.users.admin.token, { url })).statusCode).toBe(403);
    expect((await call(t.app, tenant.users.admin.token, { method: 'PATCH', url, payload: { name: 'mine' } })).statusCode).toBe(403);
  });
});

describe('the superadmin', () => {
  it('has no commission, so commission data is not its business', async () => {
    const res = await call(t.app, root, { url: '/api/v1/users' });
    expect(res.statusCode).toBe(403);
  });
});
