// Integration API keys: created by an admin with a subset of scopes, shown once, stored as a hash,
// usable as a bearer credential in their own commission only, revocable.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditEvents, idempotencyKeys } from '../../src/db/schema.ts';
import { API_KEY_SCOPES } from '../../src/http/permissions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
});
afterAll(async () => {
  await t.close();
});

const create = (payload: object, token = a.users.admin.token) => call(t.app, token, { method: 'POST', url: '/api/v1/api-keys', payload });

describe('POST /api-keys', () => {
  it('returns the secret once; only its SHA-256 is stored and lists show just the prefix', async () => {
    const res = await create({ name: 'Dasbor Gubernur', scopes: ['audit:read', 'bodies:read'] });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json();
    expect(created).toMatchObject({ name: 'Dasbor Gubernur', scopes: ['audit:read', 'bodies:read'], createdBy: a.users.admin.id, lastUsedAt: null, revokedAt: null });
    expect(created.key).toMatch(/^kip_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));

    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await call(t.app, a.users.admin.token, { url: '/api/v1/api-keys' });
    const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ prefix: created.prefix, name: 'Dasbor Gubernur' });
    expect(listed.key).toBeUndefined();
    expect(list.body).not.toContain(created.key);

    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(event).toMatchObject({ action: 'api_key.create', after: { name: 'Dasbor Gubernur', prefix: created.prefix, scopes: ['audit:read', 'bodies:read'], revokedAt: null } });
    expect(JSON.stringify(event)).not.toContain(created.key);
  });

  it('refuses an Idempotency-Key, so the secret is never stored for a replay', async () => {
    const res = await call(t.app, a.users.admin.token, {
      method: 'POST', url: '/api/v1/api-keys', headers: { 'idempotency-key': 'create-key-1' }, payload: { name: 'replay', scopes: ['rankings:read'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/kip_[A-Za-z0-9_-]{20}/);
    expect(await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'create-key-1'))).toEqual([]);
    expect(await t.database.db.select().from(apiKeys).where(eq(apiKeys.name, 'replay'))).toEqual([]);
  });

  it('accepts only scopes an admin may delegate, never identity management (400)', async () => {
    for (const scopes of [[], ['users:manage'], ['api-keys:manage'], ['commissions:manage'], ['answers:write'], ['rankings:read', 'rankings:read'], ['nope']]) {
      const res = await create({ name: 'x', scopes });
      expect(res.statusCode, JSON.stringify(scopes)).toBe(400);
    }
    expect((await create({ name: 'semua', scopes: API_KEY_SCOPES })).statusCode).toBe(201);
    expect((await create({ scopes: ['rankings:read'] })).statusCode).toBe(400);
  });

  it('is for admins only; an API key cannot mint API keys', async () => {
    expect((await create({ name: 'x', scopes: ['rankings:read'] }, a.users.viewer.token)).statusCode).toBe(403);
    const key = (await create({ name: 'semua', scopes: API_KEY_SCOPES })).json().key;
    expect((await create({ name: 'x', scopes: ['rankings:read'] }, key)).statusCode).toBe(403);
    expect((await call(t.app, key, { url: '/api/v1/api-keys' })).statusCode).toBe(403);
    expect((await call(t.app, key, { url: '/api/v1/users' })).statusCode).toBe(403);
  });
});

describe('using a key', () => {
  it('authenticates as the key, with exactly its scopes, in its commission', async () => {
    const { key, id } = (await create({ name: 'Integrasi SIP-PPID', scopes: ['audit:read'] })).json();
    const me = await call(t.app, key, { url: '/api/v1/me' });
    expect(me.json()).toMatchObject({ kind: 'api_key', role: 'api_key', id, username: 'api-key:Integrasi SIP-PPID', commission: { id: a.commissionId }, scopes: ['audit:read'], assignments: [] });
    expect((await call(t.app, key, { url: '/api/v1/audit-events' })).statusCode).toBe(200);
    expect((await call(t.app, key, { url: '/api/v1/commissions' })).statusCode).toBe(403);
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('sees only its own commission\'s data', async () => {
    const key = (await create({ name: 'B', scopes: ['audit:read'] }, b.users.admin.token)).json().key;
    const events = (await call(t.app, key, { url: '/api/v1/audit-events?limit=500' })).json().items as { entityId: string }[];
    expect(events.length).toBeGreaterThan(0);
    const aKeyIds = (await t.database.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.commissionId, a.commissionId))).map((r) => r.id);
    expect(events.filter((e) => aKeyIds.includes(e.entityId))).toEqual([]);
  });

  it('is refused when unknown, altered or revoked', async () => {
    const { key, id } = (await create({ name: 'sementara', scopes: ['audit:read'] })).json();
    expect((await call(t.app, `${key}x`, { url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(t.app, `kip_${'A'.repeat(43)}`, { url: '/api/v1/me' })).statusCode).toBe(401);

    const del = await call(t.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/api-keys/${id}` });
    expect(del.statusCode).toBe(204);
    const after = await call(t.app, key, { url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toBe('The API key is unknown or revoked');
    // revoking again is fine; the key stays listed as revoked
    expect((await call(t.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/api-keys/${id}` })).statusCode).toBe(204);
    const revoked = (await call(t.app, a.users.admin.token, { url: '/api/v1/api-keys?revoked=true' })).json().items;
    expect(revoked.map((k: { id: string }) => k.id)).toContain(id);
    expect(revoked.every((k: { revokedAt: string | null }) => k.revokedAt !== null)).toBe(true);
    const usable = (await call(t.app, a.users.admin.token, { url: '/api/v1/api-keys?revoked=false' })).json().items;
    expect(usable.map((k: { id: string }) => k.id)).not.toContain(id);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action).sort()).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('writes are audited with the key as the actor', async () => {
    const { key, id } = (await create({ name: 'Impor SIMPEG', scopes: ['categories:write', 'audit:read'] })).json();
    const res = await call(t.app, key, { method: 'POST', url: '/api/v1/categories', payload: { code: 'BUMD', name: 'Badan Usaha Milik Daerah' } });
    expect(res.statusCode).toBe(201);
    const events = (await call(t.app, key, { url: `/api/v1/audit-events?actor=${id}` })).json().items;
    expect(events).toEqual([expect.objectContaining({ actor: { type: 'api_key', id, name: 'Impor SIMPEG' }, entityId: res.json().id })]);
  });
});

describe('DELETE /api-keys/{id} and GET /api-keys', () => {
  it('another commission\'s key is not found (404) and stays usable', async () => {
    const bKey = (await create({ name: 'B', scopes: ['audit:read'] }, b.users.admin.token)).json();
    expect((await call(t.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/api-keys/${bKey.id}` })).statusCode).toBe(404);
    expect((await call(t.app, bKey.key, { url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await call(t.app, a.users.admin.token, { url: '/api/v1/api-keys' })).json().items.map((k: { id: string }) => k.id)).not.toContain(bKey.id);
  });

  it('lists newest first with a cursor that loses nothing', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ name: `page-${i}`, scopes: ['rankings:read'] }, b.users.admin.token)).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t.app, b.users.admin.token, { url: `/api/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((k: { id: string }) => k.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([...made].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await call(t.app, b.users.admin.token, { url: '/api/v1/api-keys?cursor=WyJ4Il0' })).statusCode).toBe(400);
  });
});
