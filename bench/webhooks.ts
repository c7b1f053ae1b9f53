// Benchmark: webhook deliveries at 5,000 participants (issue 17). Run with
//   [BENCH_DATABASE_URL=postgres://…] npx tsx bench/webhooks.ts [participants] [--pglite=<participants>|--no-pglite]
// or as part of `npm run bench` (at 5,000 participants).
//
// The API runs as its own process (the esbuild bundle, as `npm start` runs it; build it first with
// `npm run build` when running this file alone) with WEBHOOK_ALLOW_PRIVATE=true, and one webhook
// points at a receiver in this process on loopback that answers 200 at once. Four phases, each on a
// fresh API process:
//
//  1. writes, nobody subscribed: every respondent submits its SAQ (10 connections); the events are
//     written, no delivery queued. The admin then reopens every submission.
//  2. live: the webhook subscribes to submissions and reopenings; every respondent submits again,
//     while the API delivers: submissions/s (ratio to 1: what the outbox and the deliveries cost the
//     writes), events delivered/s, and the delay from commit (the event's timestamp, taken just
//     before the commit) to arrival at the receiver, p50 and p99.
//  3. backlog: with delivery off (WEBHOOK_DELIVERY=false) the admin reopens every submission, which
//     queues 5,000 deliveries; a new API process with delivery on drains them: events/s.
//  4. baseline: a bare Node.js process (bench/webhook-sender.ts) POSTs the very bytes and headers
//     phase 3 delivered, 8 at a time (WEBHOOK_CONCURRENCY's default) over kept-alive connections:
//     the HTTP floor. Ratio = the dispatcher's rate ÷ the baseline's.
//
// Phases 2 and 3 again on embedded PGlite, unless --no-pglite. Respondents' tokens are signed here
// with the API's JWT_SECRET (5,000 password checks would dominate the run).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { SignJWT } from 'jose';
import pg from 'pg';
import { connectPglite, connectPostgres } from '../src/db/client.ts';
import { hashPassword } from '../src/modules/users/passwords.ts';
import { must } from '../src/must.ts';
import { createDatabase } from './database.ts';
import { loadDataset, type Dataset } from './dataset.ts';
import { API_ARGS, median, startServer, type Server } from './load.ts';

const QUESTIONS = 150;
const CONNECTIONS = 10;
const PASSWORD = 'bench-password-123';
const API = API_ARGS;
const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] webhooks: ${message}`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

// ─── The receiver ───────────────────────────────────────────────────────────────────────────────

interface Arrival { type: string; id: string; timestamp: number; at: number; headers: Record<string, string>; body: string }

async function startReceiver() {
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as { type: string; timestamp: string };
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h])]));
      arrivals.push({ type: parsed.type, id: headers['webhook-id']!, timestamp: Date.parse(parsed.timestamp), at, headers, body });
      res.writeHead(200).end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kip`;
  return {
    url,
    arrivals,
    async waitFor(type: string, n: number, timeoutMs = 600_000) {
      const deadline = Date.now() + timeoutMs;
      while (arrivals.filter((a) => a.type === type).length < n) {
        if (Date.now() > deadline) throw new Error(`only ${arrivals.filter((a) => a.type === type).length} of ${n} ${type} deliveries arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// ─── The API and its callers ────────────────────────────────────────────────────────────────────

interface Caller { token: string; bodyId: string }

async function call(api: Server, method: string, url: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(api.url + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

interface Writes { requests: number; perSecond: number; p50: number; p99: number; ms: number }

export interface DeliveryResult {
  /** phase 1 (absent on PGlite runs without it) */
  writesWithoutSubscribers?: Writes;
  live: { writes: Writes; delivered: number; distinctIds: number; eventsPerSecond: number; delayMs: { p50: number; p99: number; max: number; median: number } };
  backlog: { queuedWith: Writes; delivered: number; distinctIds: number; ms: number; eventsPerSecond: number };
  baseline?: { concurrency: number; runsMs: number[]; perSecond: number; ratio: number };
  /** submissions/s while delivering ÷ with nobody subscribed */
  writeRatio?: number;
}

export interface WebhookBench { participants: number; connections: number; postgres: DeliveryResult; pglite?: DeliveryResult & { participants: number } }

/** Sends one request per item, CONNECTIONS at a time; the rate and the latencies. */
async function writes<T>(items: T[], send: (item: T) => Promise<unknown>): Promise<Writes> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const s = performance.now();
      await send(item);
      latencies.push(performance.now() - s);
    }
  }));
  const ms = performance.now() - t0;
  return { requests: items.length, perSecond: Math.round((items.length * 1000) / ms), p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), ms: Math.round(ms) };
}

interface Setup { env: Record<string, string>; dataset: Dataset; respondents: Caller[]; admin: string }

async function tokens(jwtSecret: string, commissionId: string, users: { id: string; body_id: string }[]): Promise<Caller[]> {
  const key = new TextEncoder().encode(jwtSecret);
  return Promise.all(users.map(async (u) => ({
    bodyId: u.body_id,
    token: await new SignJWT({ cid: commissionId, role: 'respondent' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(u.id).setIssuer('kip-monev').setAudience('kip-monev-api').setIssuedAt().setExpirationTime('2h').sign(key),
  })));
}

async function api(setup: Setup, env: Record<string, string> = {}): Promise<Server> {
  return startServer(API, { ...setup.env, ...env }, '/ready');
}

async function adminToken(server: Server, dataset: Dataset): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: dataset.adminUsername, password: PASSWORD }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const submitAll = (server: Server, s: Setup) => writes(s.respondents, (r) =>
  call(server, 'POST', `/api/v1/periods/${s.dataset.periodId}/participants/${r.bodyId}/submission`, r.token));
const reopenAll = (server: Server, s: Setup, admin: string) => writes(s.respondents, (r) =>
  call(server, 'DELETE', `/api/v1/periods/${s.dataset.periodId}/participants/${r.bodyId}/submission`, admin, undefined, { 'x-audit-reason': 'bench' }));

/** Phases 2 and 3 (and 4 when `baseline`), on the database `setup.env` names. */
async function deliveries(setup: Setup, options: { baseline: boolean }): Promise<DeliveryResult> {
  const receiver = await startReceiver();
  const n = setup.respondents.length;
  let server: Server | null = null;
  try {
    // 1. writes with nobody subscribed
    server = await api(setup, { WEBHOOK_DELIVERY: 'false' });
    const writesWithoutSubscribers = await submitAll(server, setup);
    log(`1. ${n} submissions, nobody subscribed: ${JSON.stringify(writesWithoutSubscribers)}`);
    await reopenAll(server, setup, await adminToken(server, setup.dataset));
    await server.stop();

    // 2. live
    server = await api(setup);
    const admin = await adminToken(server, setup.dataset);
    await call(server, 'POST', '/api/v1/webhooks', admin, { url: receiver.url, events: ['submission.submitted', 'submission.reopened'] });
    const live = await submitAll(server, setup);
    await receiver.waitFor('submission.submitted', n);
    const submitted = receiver.arrivals.filter((a) => a.type === 'submission.submitted');
    const delays = submitted.map((a) => a.at - a.timestamp);
    const first = Math.min(...submitted.map((a) => a.timestamp));
    const last = Math.max(...submitted.map((a) => a.at));
    const liveResult: DeliveryResult['live'] = {
      writes: live,
      delivered: submitted.length,
      distinctIds: new Set(submitted.map((a) => a.id)).size,
      eventsPerSecond: Math.round((submitted.length * 1000) / (last - first)),
      delayMs: { p50: Math.round(percentile(delays, 50)), p99: Math.round(percentile(delays, 99)), max: Math.round(Math.max(...delays)), median: Math.round(median(delays)) },
    };
    log(`2. live: ${JSON.stringify(liveResult)}`);
    await server.stop();

    // 3. backlog: queued with delivery off, drained by a fresh instance
    server = await api(setup, { WEBHOOK_DELIVERY: 'false' });
    const queued = await reopenAll(server, setup, await adminToken(server, setup.dataset));
    await server.stop();
    const before = receiver.arrivals.length;
    server = await api(setup);
    await receiver.waitFor('submission.reopened', n);
    const reopened = receiver.arrivals.slice(before).filter((a) => a.type === 'submission.reopened');
    const span = Math.max(...reopened.map((a) => a.at)) - Math.min(...reopened.map((a) => a.at));
    const drain = { queuedWith: queued, delivered: reopened.length, distinctIds: new Set(reopened.map((a) => a.id)).size, ms: span, eventsPerSecond: Math.round(((reopened.length - 1) * 1000) / span) };
    log(`3. backlog drain: ${JSON.stringify(drain)}`);
    await server.stop();
    server = null;
    const out: DeliveryResult = {
      writesWithoutSubscribers, live: liveResult, backlog: drain,
      writeRatio: Number((liveResult.writes.perSecond / writesWithoutSubscribers.perSecond).toFixed(3)),
    };

    if (options.baseline) {
      // 4. the same bytes from a bare process
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-webhook-baseline-'));
      const file = path.join(dir, 'messages.json');
      fs.writeFileSync(file, JSON.stringify({ url: receiver.url, concurrency: 8, messages: reopened.map((a) => ({ headers: a.headers, body: a.body })) }));
      try {
        // asynchronously: the receiver answering it runs in this process
        const runs: { ms: number; messages: number }[] = [];
        for (let i = 0; i < 3; i++) {
          const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/webhook-sender.ts', file], { encoding: 'utf8' });
          runs.push(JSON.parse(stdout) as { ms: number; messages: number });
        }
        const ms = median(runs.map((r) => r.ms));
        const perSecond = Math.round((n * 1000) / ms);
        out.baseline = { concurrency: 8, runsMs: runs.map((r) => Math.round(r.ms)), perSecond, ratio: Number((drain.eventsPerSecond / perSecond).toFixed(3)) };
        log(`4. baseline: ${JSON.stringify(out.baseline)}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return out;
  } finally {
    await server?.stop();
    await receiver.close();
  }
}

async function respondentsOf(query: (text: string, params: unknown[]) => Promise<{ rows: { id: string; body_id: string }[] }>, commissionId: string) {
  return (await query(`SELECT id, body_id FROM users WHERE commission_id = $1 AND role = 'respondent' ORDER BY username`, [commissionId])).rows;
}

/** `pglite`: how many participants on PGlite (false: none; default: as many as on PostgreSQL). */
export async function benchWebhooks(participants: number, options: { pglite?: number | false } = {}): Promise<WebhookBench> {
  const passwordHash = await hashPassword(PASSWORD);
  const jwtSecret = randomBytes(32).toString('hex');
  const baseEnv = { JWT_SECRET: jwtSecret, KIP_ADMIN_PASSWORD: PASSWORD, LOGIN_MAX_PER_ADDRESS: '1000000', WEBHOOK_ALLOW_PRIVATE: 'true' };

  log(`PostgreSQL, ${participants} participants in stage saq`);
  let postgres: DeliveryResult;
  const database = await createDatabase('kip_bench_webhooks');
  try {
    const conn = connectPostgres(database.url, { max: 2 });
    await conn.migrate();
    await conn.close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const dataset = await loadDataset(client, { participants, questions: QUESTIONS, historyPeriods: 0, stage: 'saq' }, passwordHash);
    const respondents = await tokens(jwtSecret, dataset.commissionId, await respondentsOf((t, p) => client.query(t, p), dataset.commissionId));
    await client.query('VACUUM ANALYZE');
    await client.end();
    postgres = await deliveries({ env: { ...baseEnv, DATABASE_URL: database.url }, dataset, respondents, admin: dataset.adminUsername }, { baseline: true });
  } finally {
    await database.drop();
  }

  const result: WebhookBench = { participants, connections: CONNECTIONS, postgres };
  const onPglite = options.pglite === undefined ? participants : options.pglite;
  if (onPglite !== false && onPglite > 0) {
    log(`embedded PGlite, ${onPglite} participants in stage saq`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-bench-webhooks-'));
    try {
      const dir = path.join(dataDir, 'pglite');
      const migrated = connectPglite(dir);
      await migrated.migrate();
      await migrated.close();
      const client = new PGlite(dir);
      const dataset = await loadDataset(client as unknown as pg.ClientBase, { participants: onPglite, questions: QUESTIONS, historyPeriods: 0, stage: 'saq' }, passwordHash);
      const respondents = await tokens(jwtSecret, dataset.commissionId, await respondentsOf((t, p) => client.query(t, p), dataset.commissionId));
      await client.close();
      const pgliteResult = await deliveries({ env: { ...baseEnv, DATA_DIR: dataDir }, dataset, respondents, admin: dataset.adminUsername }, { baseline: false });
      result.pglite = { participants: onPglite, ...pgliteResult };
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

/** The table of bench/README.md for a run. */
export function webhookTable(r: WebhookBench): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const w = (x: Writes) => `${n(x.perSecond)} (${x.p50} / ${x.p99})`;
  const rows = ([[`PostgreSQL, ${n(r.participants)}`, r.postgres], [`PGlite, ${n(r.pglite?.participants ?? 0)}`, r.pglite]] as const).flatMap(([name, d]) => (d ? [[
    name, d.writesWithoutSubscribers ? w(d.writesWithoutSubscribers) : '–', w(d.live.writes), d.writeRatio?.toFixed(3) ?? '–',
    n(d.live.eventsPerSecond), `${d.live.delayMs.p50} / ${d.live.delayMs.p99}`, n(d.backlog.eventsPerSecond),
    d.baseline ? n(d.baseline.perSecond) : '–', d.baseline ? d.baseline.ratio.toFixed(3) : '–',
  ]] : []));
  const header = ['database, participants', 'submissions/s, nobody subscribed (p50 / p99 ms)', 'submissions/s while delivering (p50 / p99 ms)', 'ratio',
    'live: events delivered/s', 'commit → delivery p50 / p99 ms', 'backlog: events delivered/s', 'bare HTTP sender req/s', 'ratio'];
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
}

if (import.meta.url === pathToFileURL(must(process.argv[1], 'the script')).href) {
  const participants = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000);
  const startedAt = new Date();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, loadAverageAtStart: os.loadavg() };
  const pgliteArg = process.argv.find((a) => a.startsWith('--pglite='));
  const result = await benchWebhooks(participants, { pglite: process.argv.includes('--no-pglite') ? false : pgliteArg ? Number(pgliteArg.slice('--pglite='.length)) : participants });
  const out = path.join('bench', 'results', `${startedAt.toISOString().slice(0, 10)}-webhooks.json`);
  fs.writeFileSync(out, JSON.stringify({ date: startedAt.toISOString(), machine, ...result, durationSeconds: Math.round((performance.now() - started) / 1000) }, null, 2) + '\n');
  log(`written ${out}`);
  console.log(webhookTable(result));
}
