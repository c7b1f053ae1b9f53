// The route walk: every registered route declares a permission and response schemas, and every
// path parameter is validated, so nothing is public or unvalidated by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../../src/http/permissions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Swagger UI's own routes: documentation assets, public by design. */
const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/');
const known = new Set<string>([...SCOPES, 'public', 'authenticated']);

describe('the route walk', () => {
  it('finds the API routes', () => {
    expect(t.app.routeTable.some((r) => r.url === '/api/v1/me')).toBe(true);
  });

  it('every route declares a known permission', () => {
    const bad = t.app.routeTable.filter((r) => !isDocs(r.url) && !known.has(String(r.permission)))
      .map((r) => `${r.method} ${r.url}: ${String(r.permission)}`);
    expect(bad).toEqual([]);
  });

  it('every documented route names its operationId (stable names for generated clients)', () => {
    const bad = t.app.routeTable.filter((r) => !isDocs(r.url) && r.url !== '/openapi.json')
      .filter((r) => typeof (r.schema as { operationId?: unknown } | undefined)?.operationId !== 'string');
    expect(bad.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('every route has response schemas, including the problem bodies', () => {
    const bad = t.app.routeTable.filter((r) => !isDocs(r.url) && r.url !== '/openapi.json').filter((r) => {
      const response = r.schema?.response as Record<string, unknown> | undefined;
      return !response || !Object.keys(response).some((k) => /^2/.test(k)) || !('4xx' in response) || !('5xx' in response);
    }).map((r) => `${r.method} ${r.url}`);
    expect(bad).toEqual([]);
  });

  it('every route with path parameters validates them', () => {
    const bad = t.app.routeTable.filter((r) => r.url.includes('/:')).filter((r) => {
      const params = r.schema?.params as { properties?: Record<string, unknown> } | undefined;
      const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      return !params?.properties || names.some((n) => !(n in params.properties!));
    }).map((r) => `${r.method} ${r.url}`);
    expect(bad).toEqual([]);
  });

  it('every write route under /api/v1 rejects unknown body properties', () => {
    const bad = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && ['POST', 'PUT', 'PATCH'].includes(r.method)).filter((r) => {
      const body = r.schema?.body as { additionalProperties?: unknown; type?: unknown } | undefined;
      return body !== undefined && body.type === 'object' && body.additionalProperties !== false;
    }).map((r) => `${r.method} ${r.url}`);
    expect(bad).toEqual([]);
  });

  it('a route without a permission declaration is closed, not open', async () => {
    // registered after boot on a child context so the real auth hook applies, like a forgotten declaration would be
    const { buildApp } = await import('../../src/app.ts');
    const app = await buildApp({ config: t.config, database: t.database });
    app.get('/api/v1/forgotten', () => ({ secret: true }));
    await app.ready();
    const res = await call(app, null, { url: '/api/v1/forgotten' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    await app.close();
  });
});
