// Logs: JSON lines, one per request, each carrying the request id (docs/api.md "Conventions"); an
// operator's probe that succeeds leaves none.
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectPostgres } from '../../src/db/client.ts';
import { call } from '../helpers/client.ts';

it('writes one JSON line per request with its request id, and the id of a failed request on its error; none for a probe that succeeds', async () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // the database is unreachable: /ready fails with a logged error, /health answers
  const database = connectPostgres('postgres://postgres@127.0.0.1:9/kip');
  const app = await buildApp({ config: loadConfig({ JWT_SECRET: 'x'.repeat(32) }), database, logger: { level: 'info', stream } });
  try {
    const health = await call(app, null, { url: '/health', headers: { 'x-request-id': 'req-health-1' } });
    expect(health.statusCode).toBe(200);
    const ready = await call(app, null, { url: '/ready', headers: { 'x-request-id': 'req-ready-1' } });
    expect(ready.statusCode).toBe(503);
    expect((await call(app, null, { url: '/api/v1/nowhere', headers: { 'x-request-id': 'req-missing-1' } })).statusCode).toBe(404);
  } finally {
    await app.close();
    await database.close();
  }
  const of = (id: string) => lines.filter((l) => l.requestId === id);
  expect(of('req-missing-1')).toEqual([expect.objectContaining({ msg: 'request completed', method: 'GET', url: '/api/v1/nowhere', statusCode: 404 })]);
  // a load balancer's liveness probe every few seconds would drown the log
  expect(of('req-health-1')).toEqual([]);
  expect(of('req-ready-1').map((l) => l.msg)).toContain('request completed');
  expect(of('req-ready-1').find((l) => l.msg === 'request completed')).toMatchObject({ statusCode: 503 });
  expect(lines.filter((l) => l.msg === 'request completed').every((l) => typeof l.requestId === 'string' && typeof l.responseTime === 'number')).toBe(true);
});
