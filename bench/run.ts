// `npm run bench`: the national-scale benchmark (issue 8). Loopback only, bounded in time.
//
//   npm run bench                       # full run (about 16 minutes on 2 cores)
//   npm run bench -- --quick            # a smoke run: 500 participants, short loads, one run each
//   npm run bench -- --scales 500,5000 --seconds 5 --runs 3 --pglite-scale 0 --webhooks-scale 0
//   npm run bench -- --before /tmp/old/dist/main.js   # another build of the API loaded beside this one
//
// PostgreSQL comes from BENCH_DATABASE_URL (else TEST_DATABASE_URL, else the local server); every
// scale gets its own throwaway database. Results go to bench/results/<date>.json; bench/README.md
// explains them. Ratios are measured side by side in the same run: each API load is paired with the
// same load on a bare `node:http` server and on a bare Fastify server, both answering the same bytes
// from memory, and (with --before) on another build of the API on the same data.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { connectPglite, connectPostgres, type Db } from '../src/db/client.ts';
import * as schema from '../src/db/schema.ts';
import type { RequestContext } from '../src/http/context.ts';
import { loadPeriod } from '../src/modules/periods/index.ts';
import { liveRankings } from '../src/modules/results/index.ts';
import { rescorePeriod } from '../src/modules/scores/materialize.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { must, one } from '../src/must.ts';
import { createDatabase } from './database.ts';
import { benchQuestionnaire, loadDataset, type Dataset } from './dataset.ts';
import { API_ARGS, load, median, rssMb, startBaseline, startServer, type Fixture, type LoadResult, type Server } from './load.ts';
import { benchWebhooks } from './webhooks.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scales: { type: 'string' },
    seconds: { type: 'string' },
    runs: { type: 'string' },
    'pglite-scale': { type: 'string' },
    'webhooks-scale': { type: 'string' },
    out: { type: 'string' },
    // another build of the API (e.g. of an earlier commit: `npm run build` there) loaded beside this one
    before: { type: 'string' },
  },
});
const QUESTIONS = 150;
const FULL_SCALE = 5000;
const scales = (args.scales ?? (args.quick ? '500' : '500,5000,20000')).split(',').map(Number);
const seconds = Number(args.seconds ?? (args.quick ? 2 : 6));
const runs = Number(args.runs ?? (args.quick ? 1 : 3));
const pgliteScale = Number(args['pglite-scale'] ?? (args.quick ? 500 : FULL_SCALE));
const webhooksScale = Number(args['webhooks-scale'] ?? (args.quick ? 500 : FULL_SCALE));
const PASSWORD = 'bench-password-123';
/** The API as `npm start` runs it: the bundle built from src/ (built once below). */
const API = API_ARGS;
const BEFORE = args.before ? ['--enable-source-maps', path.resolve(args.before)] : null;
const started = new Date();

const log = (message: string) => console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(5)} s] ${message}`);
const ms = (since: number) => Math.round(performance.now() - since);
const fmt = (r: LoadResult) => `${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.cpuUsPerRequest ? `, ${r.cpuUsPerRequest} µs CPU/req` : ''}${r.peakRssMb ? `, RSS ${r.peakRssMb} MB` : ''}`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: ms(start), value };
}

// ─── HTTP helpers ─────────────────────────────────────────────────────────────────────────────────

async function request(api: Server, method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(api.url + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${bytes.toString('utf8').slice(0, 500)}`);
  return { bytes, contentType: res.headers.get('content-type') ?? 'application/octet-stream', json: <T>() => JSON.parse(bytes.toString('utf8')) as T };
}

async function login(api: Server, username: string): Promise<string> {
  return (await request(api, 'POST', '/api/v1/auth/token', null, { username, password: PASSWORD })).json<{ accessToken: string }>().accessToken;
}

function apiEnv(database: { DATABASE_URL: string } | { DATA_DIR: string }): Record<string, string> {
  return {
    ...database,
    JWT_SECRET: randomBytes(32).toString('hex'),
    KIP_ADMIN_PASSWORD: PASSWORD,
    LOGIN_MAX_PER_ADDRESS: '1000000',
  };
}

// ─── Reads: each endpoint against the baseline, side by side ─────────────────────────────────────

interface Endpoint { name: string; path: string; accept?: string; public?: boolean }

type Run = { api: LoadResult; baseline: LoadResult; node: LoadResult; before?: LoadResult };

interface Paired {
  endpoint: string;
  connections: number;
  api: LoadResult;
  /** bare Fastify answering the same bytes */
  baseline: LoadResult;
  /** bare node:http answering the same bytes: the floor the issue measures against */
  node: LoadResult;
  /** the API as it was (`--before`), on the same database, in the same run */
  before: LoadResult | null;
  /** median API req/s ÷ median bare-Fastify req/s */
  ratio: number;
  /** median API req/s ÷ median node:http req/s */
  nodeRatio: number;
  /** median API req/s ÷ median req/s of the API as it was */
  speedup: number | null;
  runs: Run[];
}

/** An API process to load besides the one measured, with a token of its own. */
interface Other { server: Server; token: string }

async function pairedLoads(api: Server, token: string, endpoints: Endpoint[], connections: number[], before: Other | null = null): Promise<Paired[]> {
  const fixtures: Fixture[] = [];
  for (const e of endpoints) {
    const res = await request(api, 'GET', e.path, e.public ? null : token, undefined, e.accept ? { accept: e.accept } : {});
    fixtures.push({ path: `/${e.name}`, contentType: res.contentType, body: res.bytes });
  }
  const baseline = await startBaseline(fixtures);
  const node = await startBaseline(fixtures, 'node');
  const out: Paired[] = [];
  try {
    for (const [i, e] of endpoints.entries()) {
      const headersOf = (t: string) => ({ ...(e.public ? {} : { authorization: `Bearer ${t}` }), ...(e.accept ? { accept: e.accept } : {}) });
      const headers = headersOf(token);
      for (const c of connections) {
        const onApi = (secs: number) => load({ url: api.url + e.path, connections: c, seconds: secs, headers, rssOf: api.pid });
        const onBefore = (secs: number) => load({ url: before!.server.url + e.path, connections: c, seconds: secs, headers: headersOf(before!.token), rssOf: before!.server.pid });
        const onBaseline = (secs: number) => load({ url: `${baseline.url}/${e.name}`, connections: c, seconds: secs, headers, rssOf: baseline.pid });
        const onNode = (secs: number) => load({ url: `${node.url}/${e.name}`, connections: c, seconds: secs, headers, rssOf: node.pid });
        await onApi(1);
        if (before) await onBefore(1);
        await onBaseline(1);
        await onNode(1);
        const pairs: Run[] = [];
        for (let r = 0; r < runs; r++) {
          const run: Run = { node: await onNode(seconds), baseline: await onBaseline(seconds), api: await onApi(seconds) };
          if (before) run.before = await onBefore(seconds);
          pairs.push(run);
        }
        const summary = (pick: (p: Run) => LoadResult): LoadResult => ({
          requestsPerSecond: median(pairs.map((p) => pick(p).requestsPerSecond)),
          p50: median(pairs.map((p) => pick(p).p50)),
          p99: median(pairs.map((p) => pick(p).p99)),
          requests: pairs.reduce((s, p) => s + pick(p).requests, 0),
          failures: pairs.reduce((s, p) => s + pick(p).failures, 0),
          peakRssMb: Math.max(...pairs.map((p) => pick(p).peakRssMb ?? 0)),
          cpuUsPerRequest: median(pairs.map((p) => pick(p).cpuUsPerRequest ?? 0)),
          loadAverage: median(pairs.map((p) => pick(p).loadAverage)),
        });
        // null when the other answered nothing within the run (the API as it was, on the slowest reads)
        const ratioOf = (a: LoadResult, b: LoadResult) => (b.requestsPerSecond > 0 ? Number((a.requestsPerSecond / b.requestsPerSecond).toFixed(3)) : null);
        const apiSummary = summary((p) => p.api);
        const beforeSummary = before ? summary((p) => must(p.before, 'the run of the API as it was')) : null;
        const row: Paired & { bytes: number } = {
          endpoint: e.name, bytes: must(fixtures[i], 'the fixture of an endpoint').body.length, connections: c,
          api: apiSummary, baseline: summary((p) => p.baseline), node: summary((p) => p.node), before: beforeSummary,
          ratio: 0, nodeRatio: 0, speedup: null, runs: pairs,
        };
        row.ratio = ratioOf(row.api, row.baseline) ?? 0;
        row.nodeRatio = ratioOf(row.api, row.node) ?? 0;
        row.speedup = beforeSummary ? ratioOf(row.api, beforeSummary) : null;
        if (row.api.failures > 0) throw new Error(`${e.name}: ${row.api.failures} failed requests`);
        log(`  ${e.name.padEnd(22)} c=${String(c).padEnd(3)} api ${fmt(row.api)} | node:http ${fmt(row.node)} | fastify ${fmt(row.baseline)} | ratio to node:http ${row.nodeRatio}`
          + (beforeSummary ? ` | before ${fmt(beforeSummary)} → ×${row.speedup ?? '∞ (no answer)'}` : '') + ` | load ${row.api.loadAverage}`);
        out.push(row);
      }
    }
  } finally {
    await baseline.stop();
    await node.stop();
  }
  return out;
}

/** The reads a PPID, an assessor or a dashboard makes (issue 18), on either database. */
function readEndpoints(dataset: Dataset, more: Endpoint[] = []): Endpoint[] {
  const periodPath = `/api/v1/periods/${dataset.periodId}`;
  return [
    { name: 'rankings-page-50', path: `${periodPath}/rankings?limit=50` },
    { name: 'health', path: '/health', public: true },
    { name: 'me', path: '/api/v1/me' },
    { name: 'recap-page-50', path: `${periodPath}/recap?limit=50` },
    { name: 'statistics', path: `${periodPath}/statistics` },
    { name: 'score-explanation', path: `${periodPath}/participants/${dataset.sampleBodyId}/score` },
    { name: 'public-rankings-50', path: `/api/v1/public/periods/${dataset.periodId}/rankings?limit=50`, public: true },
    { name: 'public-period', path: `/api/v1/public/periods/${dataset.periodId}`, public: true },
    ...more,
  ];
}

// ─── Writes: PUT answers in batches of 150 ───────────────────────────────────────────────────────

async function answerThroughput(api: Server, saq: Dataset, connections: number) {
  const questions = benchQuestionnaire(QUESTIONS).indicators.flatMap((i) => i.questions);
  const tokens = await Promise.all(saq.respondents.map((r) => login(api, r.username)));
  // every request flips the answers of its body, so each one really changes and rescores the participant
  let n = 0;
  const batch = (flip: boolean) => JSON.stringify({
    answers: questions.map((q, i) => ({
      question: q.code,
      value: q.type === 'yes_no' ? (i % 2 === 0) !== flip : q.type === 'choice' ? (flip ? 'full' : 'late') : (flip ? ['web', 'desk'] : ['app']),
    })),
  });
  const bodies = [batch(false), batch(true)];
  const result = await load({
    url: api.url,
    connections,
    seconds: seconds * 2,
    method: 'PUT',
    rssOf: api.pid,
    setupRequest: (req) => {
      const k = n++;
      const who = k % saq.respondents.length;
      return {
        ...req,
        method: 'PUT',
        path: `/api/v1/periods/${saq.periodId}/participants/${must(saq.respondents[who], 'a respondent').bodyId}/answers`,
        headers: { ...req.headers, authorization: `Bearer ${must(tokens[who], 'a respondent token')}`, 'content-type': 'application/json' },
        body: bodies[Math.floor(k / saq.respondents.length) % 2],
      };
    },
  });
  if (result.failures > 0) throw new Error(`PUT answers: ${result.failures} failed requests`);
  const answersPerSecond = Math.round(result.requestsPerSecond * QUESTIONS);
  log(`  PUT answers ×${QUESTIONS}, c=${connections}: ${fmt(result)} → ${answersPerSecond} answers/s`);
  return { connections, batch: QUESTIONS, respondents: saq.respondents.length, ...result, answersPerSecond };
}

// ─── The database floor: the rankings route's SQL, timed directly ───────────────────────────────

async function databaseFloor(url: string, dataset: Dataset) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const recorded: { text: string; params: unknown[] }[] = [];
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: unknown }).query = (config: { text: string } | string, params?: unknown[]) => {
    recorded.push({ text: typeof config === 'string' ? config : config.text, params: params ?? [] });
    return query(config, params);
  };
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const db = drizzle(pool, { schema }) as unknown as Db;
  const [admin] = await db.select().from(schema.users).where(sql`username = ${dataset.adminUsername}`);
  if (!admin) throw new Error(`no user ${dataset.adminUsername}`);
  const c: RequestContext = {
    principal: { kind: 'user', id: admin.id, role: 'admin', commissionId: dataset.commissionId, bodyId: null, username: admin.username, scopes: new Set() },
    commissionId: dataset.commissionId, requestId: 'bench', reason: null,
  };
  recorded.length = 0;
  const period = await loadPeriod(db, c, dataset.periodId);
  const serviceMs = await timed(() => liveRankings(db, period, {}, { limit: 50 }));
  const queries = [...recorded];
  const client = await pool.connect();
  const out = [];
  try {
    for (const q of queries) {
      const times = [];
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        await client.query(q.text, q.params);
        times.push(performance.now() - start);
      }
      const plan = await client.query<{ 'QUERY PLAN': { 'Execution Time': number }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.params);
      const executionMs = must(one(plan.rows, 'the plan')['QUERY PLAN'][0], 'the plan of the statement')['Execution Time'];
      out.push({ sql: q.text.slice(0, 160), medianMs: Number(median(times).toFixed(2)), executionMs: Number(executionMs.toFixed(2)) });
    }
  } finally {
    client.release();
    await pool.end();
  }
  log(`  database floor: ${out.map((q) => `${q.medianMs} ms (${q.sql.slice(0, 40)}…)`).join('; ')}; liveList in process ${serviceMs.ms} ms`);
  return { queries: out, liveListFirstCallMs: serviceMs.ms };
}

// ─── One scale on PostgreSQL ─────────────────────────────────────────────────────────────────────

async function timeRescore(db: Db, periodId: string, times: number) {
  const cold = await timed(() => db.transaction((tx) => rescorePeriod(tx, periodId)));
  const warm = [];
  for (let i = 0; i < times; i++) {
    await db.execute(sql`update participants set final_score = null where period_id = ${periodId}`);
    warm.push((await timed(() => db.transaction((tx) => rescorePeriod(tx, periodId)))).ms);
  }
  const unchanged = await timed(() => db.transaction((tx) => rescorePeriod(tx, periodId)));
  return { coldMs: cold.ms, everyRowChangedMs: warm, medianMs: median(warm), nothingChangedMs: unchanged.ms };
}

async function benchScale(participants: number, passwordHash: string) {
  const full = participants === FULL_SCALE;
  log(`scale ${participants} × ${QUESTIONS}${full ? ' (full measurement)' : ''}`);
  const database = await createDatabase(`kip_bench_${participants}`);
  const conn = connectPostgres(database.url, { max: 4 });
  let api: Server | null = null;
  let before: Server | null = null;
  try {
    await conn.migrate();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const loaded = await timed(() => loadDataset(client, { participants, questions: QUESTIONS, historyPeriods: full ? 4 : 0 }, passwordHash));
    const dataset = loaded.value;
    const saq = full ? await loadDataset(client, { participants: 50, questions: QUESTIONS, historyPeriods: 0, stage: 'saq' }, passwordHash) : null;
    await client.query('VACUUM ANALYZE');
    const { answers } = one((await client.query<{ answers: number }>('SELECT count(*)::int AS answers FROM answers')).rows, 'the answer count');
    await client.end();
    log(`  dataset loaded in ${loaded.ms} ms: ${answers} answer rows`);
    for (const periodId of dataset.periodIds.slice(0, -1)) await conn.db.transaction((tx) => rescorePeriod(tx, periodId));

    const rescore = await timeRescore(conn.db, dataset.periodId, full ? runs : 1);
    log(`  rescorePeriod: cold ${rescore.coldMs} ms, every row changed ${rescore.everyRowChangedMs.join(' / ')} ms, nothing changed ${rescore.nothingChangedMs} ms`);

    // result sets are created by one API process, the loads below run on a fresh one: a result set
    // holds every input of the period in memory once, and its high-water mark is reported apart
    api = await startServer(API, apiEnv({ DATABASE_URL: database.url }), '/ready');
    let token = await login(api, dataset.adminUsername);
    const periodPath = `/api/v1/periods/${dataset.periodId}`;
    const resultSets = [];
    let resultSetPeakRssMb = 0;
    const sampler = setInterval((pid: number) => {
      resultSetPeakRssMb = Math.max(resultSetPeakRssMb, Math.round(rssMb(pid)));
    }, 100, api.pid);
    for (let v = 1; v <= (full ? runs : 1); v++) {
      const created = await timed(() => request(api!, 'POST', `${periodPath}/results`, token,
        { decreeNumber: `${v}/KEP/KI-BENCH/2025`, decreeDate: '2025-12-01', ...(v > 1 ? { reason: 'bench: correction' } : {}) }));
      resultSets.push(created.ms);
    }
    clearInterval(sampler);
    log(`  result set creation (POST …/results): ${resultSets.join(' / ')} ms; API RSS peak ${resultSetPeakRssMb} MB`);
    await request(api, 'POST', `${periodPath}/results/${resultSets.length}/publication`, token, {});
    await api.stop();
    // the result sets wrote hundreds of MB: flushed and vacuumed now, so that neither a checkpoint
    // nor autovacuum competes with the loads below for the two cores
    await conn.db.execute(sql`CHECKPOINT`);
    await conn.db.execute(sql`VACUUM ANALYZE`);
    api = await startServer(API, apiEnv({ DATABASE_URL: database.url }), '/ready');
    token = await login(api, dataset.adminUsername);
    const startRssMb = Math.round(rssMb(api.pid));
    before = BEFORE ? await startServer(BEFORE, apiEnv({ DATABASE_URL: database.url }), '/ready') : null;
    const beforeToken = before ? await login(before, dataset.adminUsername) : null;

    const endpoints = readEndpoints(dataset, full ? [
      { name: 'rankings-page-500', path: `${periodPath}/rankings?limit=500` },
      { name: 'rankings-csv-all', path: `${periodPath}/rankings`, accept: 'text/csv' },
    ] : []);
    const walk = await timed(async () => {
      let cursor: string | null = null;
      let rows = 0;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = (await request(api!, 'GET', `${periodPath}/rankings?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token)).json();
        rows += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return rows;
    });
    log(`  whole period as JSON (pages of 500): ${walk.value} rows in ${walk.ms} ms`);
    const reads = await pairedLoads(api, token, endpoints, full ? [10, 50] : [50], before && beforeToken ? { server: before, token: beforeToken } : null);
    await before?.stop();
    before = null;
    const writes = saq ? await answerThroughput(api, saq, 10) : null;
    const floor = await databaseFloor(database.url, dataset);
    return {
      participants, questions: QUESTIONS, historyPeriods: full ? 4 : 0, answerRows: answers, loadMs: loaded.ms,
      rescore, resultSetCreationMs: resultSets, resultSetMedianMs: median(resultSets), resultSetPeakRssMb, apiStartRssMb: startRssMb,
      wholePeriodJson: { rows: walk.value, ms: walk.ms }, reads, writes, databaseFloor: floor,
      rssAfterLoadsMb: Math.round(rssMb(api.pid)),
    };
  } finally {
    await api?.stop();
    await before?.stop();
    await conn.close();
    await database.drop();
  }
}

// ─── Once on embedded PGlite ─────────────────────────────────────────────────────────────────────

async function benchPglite(participants: number, passwordHash: string) {
  log(`embedded PGlite, ${participants} × ${QUESTIONS}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-bench-pglite-'));
  const dir = path.join(dataDir, 'pglite'); // where the API keeps it inside DATA_DIR
  const beforeDir = `${dataDir}-before`;
  let api: Server | null = null;
  let before: Server | null = null;
  try {
    const migrated = connectPglite(dir);
    await migrated.migrate();
    await migrated.close();
    const client = new PGlite(dir);
    const loaded = await timed(() => loadDataset(client as unknown as pg.ClientBase, { participants, questions: QUESTIONS, historyPeriods: 0 }, passwordHash));
    const dataset = loaded.value;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await client.query('ANALYZE');
    log(`  dataset loaded in ${loaded.ms} ms`);
    const rescore = await timeRescore(db, dataset.periodId, 1);
    log(`  rescorePeriod: cold ${rescore.coldMs} ms, every row changed ${rescore.everyRowChangedMs.join(' / ')} ms`);
    await client.close();
    api = await startServer(API, apiEnv({ DATA_DIR: dataDir }), '/ready');
    let token = await login(api, dataset.adminUsername);
    // published, as on PostgreSQL, for the public reads
    const periodPath = `/api/v1/periods/${dataset.periodId}`;
    await request(api, 'POST', `${periodPath}/results`, token, { decreeNumber: '1/KEP/KI-BENCH/2025', decreeDate: '2025-12-01' });
    await request(api, 'POST', `${periodPath}/results/1/publication`, token, {});
    await api.stop();
    // one process owns an embedded database: the API as it was gets a copy of it
    if (BEFORE) fs.cpSync(dataDir, beforeDir, { recursive: true });
    api = await startServer(API, apiEnv({ DATA_DIR: dataDir }), '/ready');
    token = await login(api, dataset.adminUsername);
    before = BEFORE ? await startServer(BEFORE, apiEnv({ DATA_DIR: beforeDir }), '/ready') : null;
    const other = before ? { server: before, token: await login(before, dataset.adminUsername) } : null;
    const reads = await pairedLoads(api, token, readEndpoints(dataset), [50], other);
    return { participants, questions: QUESTIONS, loadMs: loaded.ms, rescore, reads };
  } finally {
    await api?.stop();
    await before?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(beforeDir, { recursive: true, force: true });
  }
}

// ─── Main ────────────────────────────────────────────────────────────────────────────────────────

log(`kip-monev bench: scales ${scales.join(', ')}, ${seconds} s per load, ${runs} run(s), PGlite at ${pgliteScale || 'off'}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const passwordHash = await hashPassword(PASSWORD);
const results: Record<string, unknown>[] = [];
for (const scale of scales) results.push(await benchScale(scale, passwordHash));
const pglite = pgliteScale > 0 ? await benchPglite(pgliteScale, passwordHash) : null;
const webhooks = webhooksScale > 0 ? await benchWebhooks(webhooksScale, { pglite: pgliteScale > 0 ? Math.min(pgliteScale, webhooksScale) : false }) : null;

const report = {
  date: started.toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: os.loadavg() },
  settings: { scales, seconds, runs, questions: QUESTIONS, quick: args.quick, before: args.before ?? null },
  postgres: results,
  pglite,
  webhooks,
  durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
};
const out = args.out ?? path.join('bench', 'results', `${started.toISOString().slice(0, 10)}${args.quick ? '-quick' : ''}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
log(`written ${out}`);
