// Measures the results module on the benchmark dataset (5,000 participants × 150 questions by
// default): freezing a result set, live rankings, recap, statistics and exports, public rankings.
// Not a test (timings belong to benchmarks): run it by hand against a PostgreSQL server:
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/measure-results.ts [participants] [questions]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDataset } from './dataset.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/client.ts';
import { rescorePeriod } from '../src/modules/scores/materialize.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';

const server = process.env.TEST_DATABASE_URL;
if (!server) throw new Error('set TEST_DATABASE_URL');
const participants = Number(process.argv[2] ?? 5000);
const questions = Number(process.argv[3] ?? 150);

const name = `kip_measure_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const database = connectPostgres(url.toString(), { max: 5 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-measure-'));

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

try {
  await database.migrate();
  const password = 'measure-password-123';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const dataset = await time(`load dataset (${participants} × ${questions})`, () => loadDataset(client, { participants, questions, historyPeriods: 0 }, '')); 
  await client.query('UPDATE users SET password_hash = $1 WHERE username = $2', [await hashPassword(password), dataset.adminUsername]);
  await client.end();
  await time('rescorePeriod (materialise every participant)', () => database.db.transaction((tx) => rescorePeriod(tx, dataset.periodId)));

  const config = loadConfig({ JWT_SECRET: 'measure-secret-measure-secret-0123456789', DATA_DIR: dataDir, LOGIN_MAX_PER_ADDRESS: '100000' });
  const app = await buildApp({ config, database });
  await app.ready();
  const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: dataset.adminUsername, password } })).json().accessToken;
  const get = (u: string, accept = 'application/json') => app.inject({ method: 'GET', url: u, headers: { authorization: `Bearer ${token}`, accept } });
  const p = `/api/v1/periods/${dataset.periodId}`;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  const created = await time('POST results (freeze every participant with inputs)', () => app.inject({
    method: 'POST', url: `${p}/results`, headers: { authorization: `Bearer ${token}` }, payload: { decreeNumber: '1/2025', decreeDate: '2025-11-20' },
  }));
  if (created.statusCode !== 201) throw new Error(created.body);
  const again = await time('POST results version 2', () => app.inject({
    method: 'POST', url: `${p}/results`, headers: { authorization: `Bearer ${token}`, 'x-audit-reason': 'again' }, payload: { decreeNumber: '2/2025', decreeDate: '2025-11-21' },
  }));
  if (again.statusCode !== 201) throw new Error(again.body);
  const [{ size }] = (await database.db.execute(`select pg_size_pretty(pg_total_relation_size('result_rows')) as size` as never) as unknown as { rows: { size: string }[] }).rows;
  console.log(`result_rows size after 2 versions: ${size}`);

  const first = await time('GET rankings (first page of 50)', () => get(`${p}/rankings`));
  await time('GET rankings with If-None-Match (304)', () => app.inject({ method: 'GET', url: `${p}/rankings`, headers: { authorization: `Bearer ${token}`, 'if-none-match': first.headers.etag as string } }));
  await time('GET rankings ?limit=500', () => get(`${p}/rankings?limit=500`));
  await time('GET rankings as CSV (all rows)', () => get(`${p}/rankings`, 'text/csv'));
  const x = await time('GET rankings as XLSX (all rows)', () => get(`${p}/rankings`, XLSX));
  console.log(`  rankings XLSX: ${(x.rawPayload.length / 1024).toFixed(0)} KiB`);
  await time('GET recap (first page)', () => get(`${p}/recap`));
  await time('GET recap as XLSX (all rows, every indicator)', () => get(`${p}/recap`, XLSX));
  await time('GET statistics', () => get(`${p}/statistics`));
  await time('GET juror-agreement (first page)', () => get(`${p}/juror-agreement`));
  await time('GET results/1 (first page)', () => get(`${p}/results/1`));
  await time('GET results/1 as CSV (all rows)', () => get(`${p}/results/1`, 'text/csv'));
  await time('GET results/2/diff', () => get(`${p}/results/2/diff`));
  await time('GET results/1/rows/{bodyId} (with inputs)', () => get(`${p}/results/1/rows/${dataset.sampleBodyId}`));
  await app.inject({ method: 'POST', url: `${p}/results/2/publication`, headers: { authorization: `Bearer ${token}` } });
  await time('GET public rankings (first page)', () => app.inject({ method: 'GET', url: `/api/v1/public/periods/${dataset.periodId}/rankings` }));
  await time('GET public rankings as CSV (all rows)', () => app.inject({ method: 'GET', url: `/api/v1/public/periods/${dataset.periodId}/rankings`, headers: { accept: 'text/csv' } }));
  await time('GET public body history', () => app.inject({ method: 'GET', url: `/api/v1/public/bodies/${dataset.sampleBodyId}/history` }));
  await app.close();
} finally {
  await database.close();
  if (process.env.KEEP) console.log(`kept database ${name}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
