// GET /metrics is anonymous by default (restrict it at the load balancer); with METRICS_TOKEN set it
// requires that bearer token, compared in constant time.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const TOKEN = 'prometheus-scrape-token-9f3a';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await t.close();
});

it('refuses /metrics without the token, or with another one or another scheme (401)', async () => {
  for (const authorization of [undefined, `Bearer ${TOKEN}x`, 'Bearer ', `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN.slice(0, -1)}`]) {
    const res = await t.app.inject({ url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
    expect(res.statusCode, authorization).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).not.toContain('kip_http_request_duration_seconds');
  }
});

it('serves /metrics with the token; /health and /ready stay anonymous', async () => {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('kip_http_request_duration_seconds');
  expect((await t.app.inject('/health')).statusCode).toBe(200);
  expect((await t.app.inject('/ready')).statusCode).toBe(200);
});
