// A pool with every connection taken (a burst of slow requests, a stuck transaction): the next
// request waits for a connection as long as the pool allows, then answers 503 with Retry-After —
// not a 500, because nothing is wrong with the request and trying again shortly is the right move.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  token = await login(t.app, SUPERADMIN.username, SUPERADMIN.password);
});
afterAll(async () => t?.close());

// PGlite is one connection inside the process: there is no pool to exhaust
describe.runIf(process.env.TEST_DATABASE_URL)('an exhausted connection pool', () => {
  it('answers 503 database_unavailable with Retry-After, and serves again once connections return', async () => {
    const pool = (t.database.db as unknown as { $client: pg.Pool }).$client;
    const held: pg.PoolClient[] = [];
    for (let i = 0; i < pool.options.max; i++) held.push(await pool.connect());
    try {
      const res = await call(t.app, token, { url: '/api/v1/commissions' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().code).toBe('database_unavailable');
    } finally {
      for (const c of held) c.release();
    }
    const again = await call(t.app, token, { url: '/api/v1/commissions' });
    expect(again.statusCode).toBe(200);
  }, 20_000);
});
