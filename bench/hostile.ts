// Hostile clients against the API alone (a child process on PostgreSQL): how much memory they cost
// it and whether honest clients are still served. Phases of slow headers (slowloris), slow bodies,
// oversized JSON bodies and oversized uploads; during each, an honest client times GET /api/v1/me.
//
//   npx tsx bench/hostile.ts [--seconds 15] [--out bench/results/hostile-<date>.json]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createDatabase } from './database.ts';
import { API_ARGS, median, rssMb, startServer, type Server } from './load.ts';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, out: { type: 'string' } },
});
const SECONDS = Number(args.seconds);
const PASSWORD = 'hostile-bench-password-1';

interface Phase {
  name: string;
  /** how many hostile connections are kept open at once */
  connections: number;
  /** opens one hostile connection; resolves when the server closes it (or at `end`), with its HTTP status */
  open: (port: number, token: string, end: number) => Promise<Outcome>;
}

/** an HTTP status, 'reset' (closed without an answer) or 'open' (still open when the phase ended) */
type Outcome = number | 'reset' | 'open';

/**
 * A raw connection: writes `head`, then `drip` every `every` ms until the server answers or closes
 * it; at `end` the client gives up.
 */
function dribble(port: number, end: number, head: string, drip: string, every: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let gaveUp = false;
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => { answer += d.toString(); clearInterval(timer); });
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(deadline);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status ? Number(status) : gaveUp ? 'open' : 'reset');
    });
    socket.write(head);
    const timer = setInterval(() => { if (socket.writable) socket.write(drip); }, every);
    const deadline = setTimeout(() => { gaveUp = true; socket.destroy(); }, Math.max(0, end - Date.now()));
  });
}

const MB = 2 ** 20;
/** `text` as one chunk of a chunked body */
const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const FILLER = chunk('a'.repeat(256 * 1024));

const PHASES: Phase[] = [
  { name: 'idle', connections: 0, open: () => Promise.resolve('open') },
  {
    name: 'slowloris: 2,000 connections sending a header line every 2 s',
    connections: 2_000,
    open: (port, _token, end) => dribble(port, end, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n', 2_000),
  },
  {
    name: 'slow bodies: 500 connections declaring 1 MB and sending 1 KB/s',
    connections: 500,
    open: (port, token, end) => dribble(port, end,
      `PATCH /api/v1/categories/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${MB}\r\n\r\n{`,
      'a'.repeat(1024), 1_000),
  },
  {
    name: 'oversized JSON: 100 clients streaming chunked bodies at full speed past the 1 MB limit',
    connections: 100,
    open: (port, token, end) => dribble(port, end,
      `POST /api/v1/categories HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      FILLER, 1),
  },
  {
    name: 'oversized uploads: 20 clients streaming multipart imports past the 5 MB limit',
    connections: 20,
    open: (port, token, end) => dribble(port, end,
      `POST /api/v1/bodies/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n\r\n`
      + chunk('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\nContent-Type: text/csv\r\n\r\nname\r\n'),
      FILLER, 1),
  },
];

const HONEST_CLIENT = `
const { parentPort, workerData: { url, token, end } } = require('node:worker_threads');
(async () => {
  while (Date.now() < end) {
    const started = performance.now();
    try {
      const res = await fetch(url, { headers: { authorization: 'Bearer ' + token }, signal: AbortSignal.timeout(10000) });
      await res.arrayBuffer();
      parentPort.postMessage(res.status === 200 ? { ms: performance.now() - started } : { failed: true });
    } catch {
      parentPort.postMessage({ failed: true });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
})();
`;

/** Keeps `phase.connections` hostile connections open for `seconds`, reopening each as the server closes it. */
async function runPhase(server: Server, port: number, token: string, phase: Phase, seconds: number) {
  const end = Date.now() + seconds * 1000;
  const outcomes: Record<string, number> = {};
  const rss: number[] = [];
  const honest: number[] = [];
  let honestFailures = 0;
  const sampler = setInterval(() => rss.push(rssMb(server.pid)), 250);
  const worker = async () => {
    while (Date.now() < end) {
      const status = await phase.open(port, token, end);
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
  };
  // the honest client runs on its own thread, so that the hostile writers' busy event loop here
  // does not count as the server's latency
  const honestClient = new Promise<void>((resolve, reject) => {
    const thread = new Worker(HONEST_CLIENT, { eval: true, workerData: { url: `${server.url}/api/v1/me`, token, end } });
    thread.on('message', (m: { ms?: number; failed?: boolean }) => { if (m.failed) honestFailures++; else honest.push(m.ms!); });
    thread.on('error', reject);
    thread.on('exit', () => resolve());
  });
  await Promise.all([...Array.from({ length: phase.connections }, worker), honestClient]);
  clearInterval(sampler);
  const sorted = [...honest].sort((a, b) => a - b);
  return {
    phase: phase.name,
    hostileConnectionsClosed: outcomes,
    rssMb: { median: Math.round(median(rss)), peak: Math.round(Math.max(...rss)) },
    honest: {
      requests: honest.length, failures: honestFailures,
      p50Ms: Number(median(sorted).toFixed(1)), p99Ms: Number((sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN).toFixed(1)),
    },
  };
}

async function main() {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const database = await createDatabase('kip_hostile');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-hostile-'));
  const server = await startServer(API_ARGS, {
    DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: 'hostile-bench-secret-hostile-bench-secret',
    KIP_ADMIN_USERNAME: 'admin', KIP_ADMIN_PASSWORD: PASSWORD,
  }, '/ready');
  try {
    // a commission admin: the caller the hostile requests pretend to be (routes refuse nobody early)
    const post = (url: string, body: object, token?: string) => fetch(`${server.url}/api/v1${url}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const root = await post('/auth/token', { username: 'admin', password: PASSWORD });
    await post('/commissions', { name: 'KI Uji', level: 'provinsi', admin: { username: 'ki-admin', password: PASSWORD } }, root.accessToken);
    const { accessToken } = await post('/auth/token', { username: 'ki-admin', password: PASSWORD });
    const port = Number(new URL(server.url).port);
    const results = [];
    for (const phase of PHASES) {
      const result = await runPhase(server, port, accessToken, phase, SECONDS);
      console.log(JSON.stringify(result));
      results.push(result);
    }
    const out = args.out ?? `bench/results/hostile-${new Date().toISOString().slice(0, 10)}.json`;
    fs.writeFileSync(out, `${JSON.stringify({
      date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, secondsPerPhase: SECONDS,
      limits: { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, bodyLimitBytes: MB, importMaxBytes: 5 * MB }, results,
    }, null, 2)}\n`);
    console.log(`wrote ${out}`);
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
