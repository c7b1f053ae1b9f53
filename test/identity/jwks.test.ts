// Single sign-on: tokens of an external identity provider, verified against its JWKS (served here by
// a local HTTP server with jose-generated RS256 keys) and mapped to a user by username.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

const ISSUER = 'https://sso.bantenprov.go.id/realms/ppid';
const AUDIENCE = 'kip-monev';

let server: http.Server;
let t: TestApp;
let tenant: Tenant;
let idpKey: CryptoKey;
let jwksHits = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  idpKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'banten-1', alg: 'RS256', use: 'sig' };
  server = http.createServer((req, res) => {
    jwksHits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t = await createTestApp({
    JWT_JWKS_URL: `http://127.0.0.1:${port}/realms/ppid/protocol/openid-connect/certs`,
    JWT_JWKS_ISSUER: ISSUER,
    JWT_JWKS_AUDIENCE: AUDIENCE,
  });
  tenant = await createTenant(t.app);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

function idpToken(options: { username?: unknown; iss?: string; aud?: string; exp?: number | string; key?: CryptoKey; kid?: string } = {}) {
  return new SignJWT({ preferred_username: options.username === undefined ? tenant.users.assessor.username : options.username, email: 'x@example.id' })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'banten-1' })
    .setSubject('f81d4fae-7dec-11d0-a765-00a0c91e6bf6')
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? idpKey);
}

const me = (token: string) => call(t.app, token, { url: '/api/v1/me' });

describe('tokens from the identity provider (JWT_JWKS_URL)', () => {
  it('map to the user named by preferred_username, with that user\'s role and commission', async () => {
    const res = await me(await idpToken());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: tenant.users.assessor.id, role: 'assessor', commission: { id: tenant.commissionId } });
    expect(jwksHits).toBeGreaterThan(0);
  });

  it('match usernames case-insensitively', async () => {
    const res = await me(await idpToken({ username: tenant.users.assessor.username.toUpperCase() }));
    expect(res.statusCode).toBe(200);
  });

  it('give the mapped user exactly its own permissions', async () => {
    const res = await call(t.app, await idpToken(), { url: '/api/v1/users' });
    expect(res.statusCode).toBe(403);
  });

  it('are refused when signed by a key that is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect((await me(await idpToken({ key: privateKey }))).statusCode).toBe(401);
    expect((await me(await idpToken({ key: privateKey, kid: 'unknown-kid' }))).statusCode).toBe(401);
  });

  it('are refused with the wrong issuer or audience, or expired', async () => {
    expect((await me(await idpToken({ iss: 'https://sso.example.org' }))).statusCode).toBe(401);
    expect((await me(await idpToken({ aud: 'another-app' }))).statusCode).toBe(401);
    const expired = await me(await idpToken({ exp: Math.floor(Date.now() / 1000) - 10 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toBe('The token has expired');
  });

  it('are refused for unknown usernames and tokens without the username claim', async () => {
    expect((await me(await idpToken({ username: 'nobody-here' }))).statusCode).toBe(401);
    const res = await me(await idpToken({ username: 42 }));
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/preferred_username/);
  });

  it('never sign in the platform superadmin', async () => {
    const res = await me(await idpToken({ username: SUPERADMIN.username }));
    expect(res.statusCode).toBe(401);
  });

  it('stop working when the mapped user is disabled', async () => {
    const username = 'sso-juror-1';
    const created = await call(t.app, tenant.users.admin.token, { method: 'POST', url: '/api/v1/users', payload: { username, password: 'a-long-password-1', role: 'juror' } });
    const token = await idpToken({ username });
    expect((await me(token)).statusCode).toBe(200);
    await call(t.app, tenant.users.admin.token, { method: 'DELETE', url: `/api/v1/users/${created.json().id}` });
    expect((await me(token)).statusCode).toBe(401);
  });

  it('leave our own HS256 tokens working alongside', async () => {
    expect((await me(tenant.users.viewer.token)).statusCode).toBe(200);
  });
});
