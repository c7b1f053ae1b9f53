import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openApiText } from '../../src/commands/openapi.ts';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('operations', () => {
  it('answers /health and /ready with the database kind', async () => {
    expect((await call(t.app, null, { url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await call(t.app, null, { url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(t.databaseUrl ? 'postgres' : 'pglite');
  });

  it('sends security headers and echoes a request id', async () => {
    const res = await call(t.app, null, { url: '/health', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await call(t.app, null, { url: '/openapi.json' });
    expect(doc.json().openapi).toBe('3.1.0');
    const docs = await call(t.app, null, { url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('problem details', () => {
  it('answers unknown routes with a 404 problem', async () => {
    const res = await call(t.app, null, { url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found', type: 'https://kip-monev.id/problems/not-found', title: 'Not found' });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('turns schema validation errors into a 400 with the offending paths', async () => {
    const res = await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username: 'x', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([
      { path: 'body.password', message: expect.any(String) },
      { path: 'body.extra', message: 'is not an allowed property' },
    ]));
  });

  it('answers malformed JSON with a 400 problem, not a stack trace', async () => {
    const res = await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_request');
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers bodies over the limit with 413', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(t.config.bodyLimitBytes + 10), password: 'y' });
    const res = await call(t.app, null, { method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('too_large');
  });

  it('answers 401 without credentials and with a garbage token', async () => {
    const none = await call(t.app, null, { url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const garbage = await call(t.app, 'not-a-jwt', { url: '/api/v1/me' });
    expect(garbage.statusCode).toBe(401);
  });
});

describe('superadmin bootstrap', () => {
  it('created the superadmin from KIP_ADMIN_* and lets it log in', async () => {
    const token = await login(t.app, SUPERADMIN.username, SUPERADMIN.password);
    const me = await call(t.app, token, { url: '/api/v1/me' });
    expect(me.json()).toMatchObject({ username: SUPERADMIN.username, role: 'superadmin', commission: null });
  });
});

describe('configuration', () => {
  it('rejects bad values with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be an integer between 0 and 65535 (got "eighty")'));
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must use postgres: or postgresql:/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://sso.example.id/certs' })).toThrow(/JWT_JWKS_ISSUER is required when JWT_JWKS_URL is set/);
  });

  it('uses defaults that need no setup', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, jwtSecret: null });
    expect(config.dataDir).toMatch(/data$/);
  });
});

describe('OpenAPI', () => {
  it('the committed openapi/openapi.json is what the code generates (run `npm run openapi`)', () => {
    const committed = fs.readFileSync('openapi/openapi.json', 'utf8');
    // the routes alone decide the document, so this file's app gives the same one `npm run openapi` writes
    expect(committed === openApiText(t.app), 'openapi/openapi.json is stale: run `npm run openapi` and commit it').toBe(true);
  });
});

describe('metrics', () => {
  it('exposes Prometheus metrics including request durations by route, leaving out the probes', async () => {
    await call(t.app, null, { url: '/health' });
    await call(t.app, null, { url: '/api/v1/public/commissions' });
    const res = await call(t.app, null, { url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/kip_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/public\/commissions",status="200"\} 1\n/);
    // every route's requests are counted (they once were only the operations module's own)
    expect(res.body).not.toContain('route="/health"');
    expect(res.body).toContain('kip_process_resident_memory_bytes');
  });
});
