// Users of a commission: the admin creates, changes and disables them.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, idempotencyKeys } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, login } from '../helpers/client.ts';
import { createBody, createTenant, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = a.users.admin.token;
});
afterAll(async () => {
  await t.close();
});

const PW = 'dua-belas-karakter';
let n = 0;
const uname = (p = 'user') => `${p}-${Date.now().toString(36)}-${++n}`;
const post = (payload: object, token = admin) => call(t.app, token, { method: 'POST', url: '/api/v1/users', payload });
const patch = (id: string, payload: object, headers: Record<string, string> = {}, token = admin) =>
  call(t.app, token, { method: 'PATCH', url: `/api/v1/users/${id}`, payload, headers });

describe('POST /users', () => {
  it('creates a user of my commission, lower-casing the username; the password is never returned', async () => {
    const username = uname('Verifikator');
    const res = await post({ username, password: PW, role: 'assessor', displayName: 'Budi (verifikator)' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String), username: username.toLowerCase(), displayName: 'Budi (verifikator)', role: 'assessor', bodyId: null, active: true,
      createdAt: expect.any(String), updatedAt: expect.any(String), version: 1,
    });
    expect(res.headers.location).toBe(`/api/v1/users/${res.json().id}`);
    expect(res.body).not.toMatch(/password|scrypt/i);
    const token = await login(t.app, username, PW);
    expect((await call(t.app, token, { url: '/api/v1/me' })).json()).toMatchObject({ role: 'assessor', commission: { id: a.commissionId } });
  });

  it('binds a respondent to a body of my commission, and only respondents', async () => {
    const ok = await post({ username: uname('ppid'), password: PW, role: 'respondent', bodyId: a.bodyId });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().bodyId).toBe(a.bodyId);

    const missing = await post({ username: uname('ppid'), password: PW, role: 'respondent' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ path: 'body.bodyId', message: 'is required for role "respondent"' }]);

    const foreign = await post({ username: uname('ppid'), password: PW, role: 'respondent', bodyId: b.bodyId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('body.bodyId');

    const unknown = await post({ username: uname('ppid'), password: PW, role: 'respondent', bodyId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);

    const viewerWithBody = await post({ username: uname('viewer'), password: PW, role: 'viewer', bodyId: a.bodyId });
    expect(viewerWithBody.statusCode).toBe(422);
  });

  it('refuses short passwords, unknown roles, superadmins, odd usernames and extra fields (400)', async () => {
    const bad = [
      { username: uname(), password: 'sebelas-kar', role: 'viewer' },
      { username: uname(), password: PW, role: 'superadmin' },
      { username: uname(), password: PW, role: 'ketua' },
      { username: 'ab', password: PW, role: 'viewer' },
      { username: 'has space', password: PW, role: 'viewer' },
      { username: '-dash-first', password: PW, role: 'viewer' },
      { username: uname(), password: PW, role: 'viewer', commissionId: b.commissionId },
      { username: uname(), password: PW, role: 'viewer', active: false },
      { username: uname(), password: PW, role: 'respondent', bodyId: 'not-a-uuid' },
    ];
    for (const payload of bad) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('refuses an Idempotency-Key and keeps nothing of the password-bearing body', async () => {
    const res = await call(t.app, admin, {
      method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'user-1' }, payload: { username: uname('idem'), password: PW, role: 'viewer' },
    });
    expect(res.statusCode).toBe(400);
    expect(await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'user-1'))).toEqual([]);
  });

  it('refuses a username that exists anywhere on the platform (409), without saying where', async () => {
    const elsewhere = await post({ username: b.users.viewer.username.toUpperCase(), password: PW, role: 'viewer' });
    const here = await post({ username: a.users.viewer.username, password: PW, role: 'viewer' });
    for (const res of [elsewhere, here]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'conflict', detail: 'This username is taken; choose another (usernames are unique across the platform)' });
    }
    // the same answer whichever commission holds it: nothing names B
    const { requestId: _r1, ...one } = elsewhere.json();
    const { requestId: _r2, ...other } = here.json();
    expect(one).toEqual(other);
    expect(elsewhere.body).not.toContain(b.commissionId);
  });
});

describe('GET /users', () => {
  it('lists my commission\'s users only, by username, with filters and a cursor', async () => {
    const all: { username: string; role: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t.app, admin, { url: `/api/v1/users?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
      expect(res.statusCode).toBe(200);
      all.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    const names = all.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(Object.values(a.users).map((u) => u.username)));
    expect(names).not.toEqual(expect.arrayContaining([b.users.admin.username]));
    expect(new Set(names).size).toBe(names.length);

    const respondents = await call(t.app, admin, { url: `/api/v1/users?role=respondent&bodyId=${a.bodyId}` });
    expect(respondents.json().items.every((u: { role: string; bodyId: string }) => u.role === 'respondent' && u.bodyId === a.bodyId)).toBe(true);
    const q = await call(t.app, admin, { url: `/api/v1/users?q=${a.users.juror.username.slice(0, 10).toUpperCase()}` });
    expect(q.json().items.map((u: { id: string }) => u.id)).toContain(a.users.juror.id);
    expect((await call(t.app, admin, { url: '/api/v1/users?q=%25' })).json().items).toEqual([]);
    expect((await call(t.app, admin, { url: '/api/v1/users?role=root' })).statusCode).toBe(400);
  });
});

describe('GET and PATCH /users/{id}', () => {
  it('reads a user with an ETag; 404 for another commission\'s user or an unknown id', async () => {
    const res = await call(t.app, admin, { url: `/api/v1/users/${a.users.juror.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
    expect((await call(t.app, admin, { url: `/api/v1/users/${b.users.juror.id}` })).statusCode).toBe(404);
    expect((await call(t.app, admin, { url: '/api/v1/users/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await call(t.app, admin, { url: '/api/v1/users/juror' })).statusCode).toBe(400);
  });

  it('changes a role with immediate effect, honours If-Match and audits before/after', async () => {
    const created = (await post({ username: uname('v'), password: PW, role: 'viewer' })).json();
    const token = await login(t.app, created.username, PW);
    expect((await call(t.app, token, { url: '/api/v1/audit-events' })).statusCode).toBe(403);

    const res = await patch(created.id, { role: 'admin' }, { 'if-match': '"1"', 'x-audit-reason': 'pindah ke sekretariat' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'admin', version: 2 });
    expect(res.headers.etag).toBe('"2"');
    // the old token now acts with the new role: roles are read from the database on every request
    expect((await call(t.app, token, { url: '/api/v1/audit-events' })).statusCode).toBe(200);

    const stale = await patch(created.id, { displayName: 'x' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);

    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.update'), eq(auditEvents.entityId, created.id)));
    expect(event).toMatchObject({ before: { role: 'viewer' }, after: { role: 'admin' }, reason: 'pindah ke sekretariat', actorId: a.users.admin.id, commissionId: a.commissionId });
  });

  it('keeps the respondent\'s body consistent with the role', async () => {
    const r = (await post({ username: uname('r'), password: PW, role: 'respondent', bodyId: a.bodyId })).json();
    const other = await createBody(client(t.app, admin), a.categoryId, `Biro ${n}`);
    expect((await patch(r.id, { bodyId: other })).json().bodyId).toBe(other);
    expect((await patch(r.id, { bodyId: b.bodyId })).statusCode).toBe(422);
    expect((await patch(r.id, { bodyId: null })).statusCode).toBe(422);
    // leaving the respondent role drops the body
    expect((await patch(r.id, { role: 'viewer' })).json()).toMatchObject({ role: 'viewer', bodyId: null });
    expect((await patch(r.id, { role: 'respondent' })).statusCode).toBe(422);
    expect((await patch(r.id, { role: 'respondent', bodyId: a.bodyId })).json()).toMatchObject({ role: 'respondent', bodyId: a.bodyId });
  });

  it('changes a password: the old one stops working, and the audit says so without the hash', async () => {
    const u = (await post({ username: uname('pw'), password: PW, role: 'juror' })).json();
    const res = await patch(u.id, { password: 'kata-sandi-baru-2025' });
    expect(res.statusCode).toBe(200);
    expect((await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username: u.username, password: PW } })).statusCode).toBe(401);
    await login(t.app, u.username, 'kata-sandi-baru-2025');
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.update'), eq(auditEvents.entityId, u.id)));
    expect(event!.after).toEqual({ password: 'changed' });
    expect(JSON.stringify(event)).not.toMatch(/scrypt|kata-sandi/);
    expect((await patch(u.id, { password: 'pendek' })).statusCode).toBe(400);
  });

  it('will not let an admin demote or disable itself (409), nor touch another commission\'s user (404)', async () => {
    expect((await patch(a.users.admin.id, { role: 'viewer' })).statusCode).toBe(409);
    expect((await patch(a.users.admin.id, { active: false })).statusCode).toBe(409);
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${a.users.admin.id}` })).statusCode).toBe(409);
    expect((await patch(a.users.admin.id, { displayName: 'Sekretariat' })).statusCode).toBe(200);
    expect((await patch(b.users.viewer.id, { displayName: 'hijacked' })).statusCode).toBe(404);
    expect((await patch(a.users.viewer.id, {})).statusCode).toBe(400);
  });
});

describe('DELETE /users/{id}', () => {
  it('disables the account: no more logins, its tokens stop, it can be re-enabled', async () => {
    const u = (await post({ username: uname('off'), password: PW, role: 'viewer' })).json();
    const token = await login(t.app, u.username, PW);
    const del = await call(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${u.id}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await call(t.app, token, { url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username: u.username, password: PW } })).statusCode).toBe(401);
    // still listed, as disabled; deleting again changes nothing
    expect((await call(t.app, admin, { url: `/api/v1/users/${u.id}` })).json()).toMatchObject({ active: false, version: 2 });
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${u.id}` })).statusCode).toBe(204);
    expect((await call(t.app, admin, { url: '/api/v1/users?active=false' })).json().items.map((x: { id: string }) => x.id)).toContain(u.id);

    expect((await patch(u.id, { active: true })).json()).toMatchObject({ active: true, version: 3 });
    expect((await call(t.app, token, { url: '/api/v1/me' })).statusCode).toBe(200);

    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id));
    expect(events.map((e) => e.action).sort()).toEqual(['user.create', 'user.disable', 'user.update']);
  });

  it('honours If-Match and answers 404 for another commission\'s user', async () => {
    const u = (await post({ username: uname('im'), password: PW, role: 'viewer' })).json();
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${u.id}`, headers: { 'if-match': '"7"' } })).statusCode).toBe(412);
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${b.users.viewer.id}` })).statusCode).toBe(404);
    expect((await call(t.app, b.users.viewer.token, { url: '/api/v1/me' })).statusCode).toBe(200);
  });
});

describe('passwords an account may get (NIST SP 800-63B)', () => {
  const weak = (username: string) => [
    { password: 'aaaaaaaaaaaa', why: 'must not be one character or a short pattern repeated' },
    { password: 'abcabcabcabcabc', why: 'must not be one character or a short pattern repeated' },
    { password: 'abcdefghijklmn', why: 'must not be a simple sequence of characters' },
    { password: '9876543210987', why: 'must not be a simple sequence of characters' },
    // on the breached-passwords list, in any case
    { password: 'QwertyUiop123', why: 'is one of the most commonly used passwords; choose another (a few unrelated words make a good one)' },
    { password: '1q2w3e4r5t6y', why: 'is one of the most commonly used passwords; choose another (a few unrelated words make a good one)' },
    { password: `${username.toUpperCase()}-2025!`, why: 'must not contain the username' },
  ];

  it('refuses easy passwords when a user is created, with a 422 that says why', async () => {
    const username = uname('sandi');
    for (const { password, why } of weak(username)) {
      const res = await post({ username, password, role: 'viewer' });
      expect(res.statusCode, password).toBe(422);
      expect(res.json()).toMatchObject({ code: 'weak_password', detail: `The password ${why}`, errors: [{ path: 'body.password', message: why }] });
    }
    // no composition rule: lower-case words alone are fine
    expect((await post({ username, password: 'kopi tubruk di teras rumah', role: 'viewer' })).statusCode).toBe(201);
  });

  it('refuses them on a password reset and for a new commission\'s admin too', async () => {
    const u = (await post({ username: uname('reset'), password: PW, role: 'viewer' })).json();
    for (const { password, why } of weak(u.username)) {
      const res = await patch(u.id, { password });
      expect(res.statusCode, password).toBe(422);
      expect(res.json().detail).toBe(`The password ${why}`);
    }
    const superadmin = await login(t.app, 'root', 'superadmin-password-1');
    const commission = await call(t.app, superadmin, {
      method: 'POST', url: '/api/v1/commissions',
      payload: { name: `KI Uji ${uname()}`, level: 'provinsi', admin: { username: uname('adm'), password: 'password1234' } },
    });
    expect(commission.statusCode).toBe(422);
    expect(commission.json().errors).toEqual([{ path: 'body.admin.password', message: expect.stringMatching(/commonly used/) }]);
  });
});
