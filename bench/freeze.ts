// Benchmark: POST /periods/{id}/results (createResultSet) on 5,000 participants × 150 answers
// (goal: ≤ 5 s), against a PostgreSQL server. Run with
//   [BENCH_DATABASE_URL=postgres://…] node --expose-gc --import tsx bench/freeze.ts [participants] [questions] [runs]
// Each run also reports the process's peak RSS and heap (sampled every 50 ms; gc before each run).
// It creates a throwaway database, loads the bench dataset (bench/dataset.ts), materialises the
// scores and freezes `runs` result set versions (the first one cold), printing the median.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from './database.ts';
import { loadDataset } from './dataset.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectPostgres } from '../src/db/client.ts';
import { rescorePeriod } from '../src/modules/scores/materialize.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { must } from '../src/must.ts';

const count = Number(process.argv[2] ?? 5000);
const questions = Number(process.argv[3] ?? 150);
const runs = Number(process.argv[4] ?? 4);

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

const throwaway = await createDatabase('kip_freeze');
const url = throwaway.url;
const database = connectPostgres(url, { max: 5 });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-freeze-'));
try {
  await database.migrate();
  const password = 'freeze-password-123';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dataset = await loadDataset(client, { participants: count, questions, historyPeriods: 0 }, '');
  await client.query('UPDATE users SET password_hash = $1 WHERE username = $2', [await hashPassword(password), dataset.adminUsername]);
  await client.query('ANALYZE');
  await client.end();
  await database.db.transaction((tx) => rescorePeriod(tx, dataset.periodId));

  const config = loadConfig({ JWT_SECRET: 'freeze-secret-freeze-secret-0123456789', DATA_DIR: dataDir, LOGIN_MAX_PER_ADDRESS: '100000' });
  const app = await buildApp({ config, database });
  await app.ready();
  const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: dataset.adminUsername, password } })).json<{ accessToken: string }>().accessToken;
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 1; i <= runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const res = await app.inject({
      method: 'POST', url: `/api/v1/periods/${dataset.periodId}/results`,
      headers: { authorization: `Bearer ${token}`, 'x-audit-reason': `run ${i}` }, payload: { decreeNumber: `${i}/2025`, decreeDate: '2025-11-20' },
    });
    const wall = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const end = process.memoryUsage();
    peakRss = Math.max(peakRss, end.rss);
    peakHeap = Math.max(peakHeap, end.heapUsed);
    peaks.push(peakRss);
    if (res.statusCode !== 201) throw new Error(res.body);
    walls.push(wall);
    console.log(`POST results version ${i}${i === 1 ? ' (cold)' : ''}: ${wall.toFixed(0)} ms wall; node CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; `
      + `RSS ${mb(before.rss)} → peak ${mb(peakRss)} MB, heap used ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB`);
  }
  const median = (xs: number[]) => must([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)], 'the median of the runs');
  console.log(`median of ${runs}: ${median(walls).toFixed(0)} ms; peak RSS ${mb(median(peaks))} MB`);
  await app.close();
} finally {
  await database.close();
  await throwaway.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
