// Token attacks: every forged, altered, expired, never-expiring or misdirected token answers 401,
// and a disabled user's valid token, or one issued before a password reset, stops working with the
// next request.
import { generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let tenant: Tenant;
let secret: Uint8Array;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app);
  secret = new TextEncoder().encode(t.config.jwtSecret!);
});
afterAll(async () => {
  await t.close();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A token exactly like the ones we issue, with any part overridden. */
function forge(options: { sub?: string; cid?: string | null; role?: string; iss?: string; aud?: string; exp?: number | string | null; alg?: string; key?: Uint8Array | CryptoKey } = {}) {
  const viewer = tenant.users.viewer;
  const jwt = new SignJWT({ cid: options.cid === undefined ? tenant.commissionId : options.cid, role: options.role ?? 'viewer' })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? viewer.id)
    .setIssuer(options.iss ?? t.config.jwtIssuer)
    .setAudience(options.aud ?? t.config.jwtAudience)
    .setIssuedAt();
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '5m');
  return jwt.sign(options.key ?? secret);
}

async function status(token: string) {
  const res = await call(t.app, token, { url: '/api/v1/me' });
  return { status: res.statusCode, body: res.json() };
}

describe('tokens we issue', () => {
  it('a forged token built like ours is accepted (the baseline for the attacks below)', async () => {
    const res = await status(await forge());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: tenant.users.viewer.id, role: 'viewer', commission: { id: tenant.commissionId } });
  });

  it('the login token carries subject, commission, role, issuer, audience and a short expiry', () => {
    const [, payload] = tenant.users.admin.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: tenant.users.admin.id, cid: tenant.commissionId, role: 'admin', iss: 'kip-monev', aud: 'kip-monev-api' });
    expect(claims.exp - claims.iat).toBe(t.config.jwtTtlSeconds);
  });
});

describe('token attacks answer 401', () => {
  it('alg "none" (unsigned)', async () => {
    const unsigned = new UnsecuredJWT({ cid: tenant.commissionId, role: 'admin' }).setSubject(tenant.users.admin.id)
      .setIssuer(t.config.jwtIssuer).setAudience(t.config.jwtAudience).setIssuedAt().setExpirationTime('5m').encode();
    expect(unsigned.split('.')[2]).toBe('');
    const res = await status(unsigned);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/"none" are not accepted/);
  });

  it('alg "none" smuggled into an HS256-looking token (header says none, signature kept)', async () => {
    const [, payload, signature] = (await forge()).split('.');
    expect((await status(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`)).status).toBe(401);
    expect((await status(`${b64({ alg: 'NONE' })}.${payload}.`)).status).toBe(401);
  });

  it('HS512 signed with our own secret (only HS256 is ours)', async () => {
    expect((await status(await forge({ alg: 'HS512' }))).status).toBe(401);
  });

  it('HS256 signed with another secret', async () => {
    expect((await status(await forge({ key: new TextEncoder().encode('another-secret-another-secret-012345') }))).status).toBe(401);
  });

  it('RS256 signed with an attacker\'s key pair (no identity provider configured)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const res = await status(await forge({ alg: 'RS256', key: privateKey }));
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/"RS256" are not accepted/);
  });

  it('a tampered payload (role raised, subject swapped) with the original signature', async () => {
    const [header, payload, signature] = tenant.users.viewer.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect((await status(`${header}.${b64({ ...claims, role: 'admin' })}.${signature}`)).status).toBe(401);
    expect((await status(`${header}.${b64({ ...claims, sub: tenant.users.admin.id })}.${signature}`)).status).toBe(401);
    expect((await status(`${header}.${payload}.${signature!.slice(0, -2)}AA`)).status).toBe(401);
  });

  it('the role claim grants nothing: the role comes from the database', async () => {
    // a validly signed token that claims admin for the viewer still acts as the viewer
    const res = await call(t.app, await forge({ role: 'admin' }), { url: '/api/v1/users' });
    expect(res.statusCode).toBe(403);
  });

  it('expired', async () => {
    const res = await status(await forge({ exp: Math.floor(Date.now() / 1000) - 5 }));
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The token has expired');
  });

  it('expired after it was accepted: a verified token is remembered only until it expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await forge({ exp });
    expect((await status(token)).status).toBe(200);
    expect((await status(token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 20));
    const res = await status(token);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The token has expired');
  });

  it('wrong issuer', async () => {
    expect((await status(await forge({ iss: 'https://evil.example' }))).status).toBe(401);
  });

  it('wrong audience', async () => {
    expect((await status(await forge({ aud: 'another-api' }))).status).toBe(401);
  });

  it('a subject that is no user, or not a user id at all', async () => {
    expect((await status(await forge({ sub: '00000000-0000-4000-8000-000000000000' }))).status).toBe(401);
    expect((await status(await forge({ sub: 'admin' }))).status).toBe(401);
  });

  it('a commission claim that is not the user\'s', async () => {
    expect((await status(await forge({ cid: '00000000-0000-4000-8000-000000000000' }))).status).toBe(401);
    expect((await status(await forge({ cid: null }))).status).toBe(401);
  });

  it('garbage, empty and wrongly framed credentials', async () => {
    for (const token of ['a.b.c', 'eyJhbGciOiJIUzI1NiJ9', `${b64({ alg: 'HS256' })}..`, 'kip_not-a-key']) {
      expect((await status(token)).status, token).toBe(401);
    }
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', `Token ${tenant.users.viewer.token}`]) {
      const res = await call(t.app, null, { url: '/api/v1/me', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('a token of a user who was disabled after it was issued', async () => {
    const { user, token } = await freshUser('viewer');
    expect((await status(token)).status).toBe(200);
    const off = await call(t.app, tenant.users.admin.token, { method: 'DELETE', url: `/api/v1/users/${user.id}` });
    expect(off.statusCode).toBe(204);
    const res = await status(token);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The account is unknown or disabled');
  });
});

describe('tokens end', () => {
  it('a token signed with our secret but without an expiry is refused', async () => {
    const res = await status(await forge({ exp: null }));
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The token is not valid');
  });

  it('a password reset ends the user\'s existing tokens, and only theirs', async () => {
    const { user, token } = await freshUser('viewer');
    const other = await freshUser('viewer');
    expect((await status(token)).status).toBe(200);
    const reset = await call(t.app, tenant.users.admin.token, {
      method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { password: 'another-fresh-secret-77' },
    });
    expect(reset.statusCode).toBe(200);
    const res = await status(token);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The token was issued before a password change; log in again');
    // a token forged with the old version claim fares no better
    expect((await status(await forge({ sub: user.id })))).toMatchObject({ status: 401 });
    expect((await status(other.token)).status).toBe(200);
    // a login with the new password works at once
    expect((await status(await login(t.app, user.username, 'another-fresh-secret-77'))).status).toBe(200);
  });

  it('a change that is not the password ends no token', async () => {
    const { user, token } = await freshUser('viewer');
    const renamed = await call(t.app, tenant.users.admin.token, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { displayName: 'Rina Lestari' } });
    expect(renamed.statusCode).toBe(200);
    expect((await status(token)).status).toBe(200);
  });
});

async function freshUser(role: 'viewer') {
  const username = `fresh-${Math.random().toString(36).slice(2, 8)}`;
  const created = await call(t.app, tenant.users.admin.token, { method: 'POST', url: '/api/v1/users', payload: { username, password: 'fresh-password-123', role } });
  expect(created.statusCode).toBe(201);
  return { user: created.json(), token: await login(t.app, username, 'fresh-password-123') };
}
