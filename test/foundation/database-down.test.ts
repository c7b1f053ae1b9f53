import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectPostgres } from '../../src/db/client.ts';
import { call } from '../helpers/client.ts';

it('answers /ready and data routes with 503 and Retry-After when the database does not answer', async () => {
  // a server address where nothing listens: the database is down
  const database = connectPostgres('postgres://postgres@127.0.0.1:9/kip');
  const app = await buildApp({ config: loadConfig({ JWT_SECRET: 'x'.repeat(32) }), database });
  try {
    expect((await call(app, null, { url: '/health' })).statusCode).toBe(200);
    const ready = await call(app, null, { url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toMatchObject({ code: 'database_unavailable', status: 503 });
    const login = await call(app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username: 'a', password: 'b' } });
    expect(login.statusCode).toBe(503);
    expect(login.headers['retry-after']).toBeDefined();
    expect(login.json().detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  } finally {
    await app.close();
    await database.close();
  }
});
