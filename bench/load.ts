// Load generation for the benchmark: the API and the bare-Fastify baseline as child processes (so
// both run alike, apart from the load generator), autocannon runs, and RSS sampling.
import { spawn, type ChildProcess } from 'node:child_process';
import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import autocannon from 'autocannon';
import { must } from '../src/must.ts';

/** The API as `npm start` runs it (package.json: the bundle, with its 200 MB heap). */
export const API_ARGS = ['--enable-source-maps', '--max-old-space-size=200', 'dist/main.js'];

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<void> {
  // generous: on a shared 2-core machine a fresh embedded database has taken two minutes to start
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${url} within 300 s:\n${log()}`);
}

/**
 * Starts a Node.js process (`args` after `node`) on a free loopback port and waits until `readyPath`
 * answers. Its output (the API logs every request at the default level) goes to a file, as in production.
 */
export async function startServer(args: string[], env: Record<string, string>, readyPath: string): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `kip-bench-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url + readyPath, child, () => fs.readFileSync(logFile, 'utf8').slice(-4000));
  return {
    url,
    pid: child.pid!,
    stop: () => new Promise((resolve) => {
      const done = () => {
        fs.rmSync(logFile, { force: true });
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}

/** One path the baseline answers: the very bytes the API sent for it. */
export interface Fixture { path: string; contentType: string | null; body: Buffer }

/**
 * A baseline answering each fixture's path with its bytes, from memory: bare Fastify
 * (bench/baseline.ts) or bare `node:http` (bench/baseline-node.ts).
 */
export async function startBaseline(fixtures: Fixture[], kind: 'fastify' | 'node' = 'fastify'): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-baseline-'));
  const file = path.join(dir, 'fixtures.json');
  fs.writeFileSync(file, JSON.stringify(fixtures.map((f) => ({ path: f.path, contentType: f.contentType, body: f.body.toString('base64') }))));
  try {
    const server = await startServer(['--import', 'tsx', kind === 'node' ? 'bench/baseline-node.ts' : 'bench/baseline.ts'], { BASELINE_FIXTURES: file }, '/ready');
    return { ...server, stop: () => server.stop().finally(() => fs.rmSync(dir, { recursive: true, force: true })) };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : Number.NaN;
}

/** CPU time a process has used so far (user + system), in milliseconds, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = must(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1], 'the fields of /proc/<pid>/stat').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** responses other than 2xx/304, and socket errors: a run with any is reported as failed */
  failures: number;
  peakRssMb: number | null;
  /** the measured process's CPU time (user + system) per request, in µs: steadier than req/s on a shared machine */
  cpuUsPerRequest: number | null;
  /** the machine's 1-minute load average when the run started (2 cores: above 2, something else competed) */
  loadAverage: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'PUT';
  /** builds each request (a different body or path per request) */
  setupRequest?: autocannon.Request['setupRequest'];
  body?: string;
  /** sample this process's RSS and CPU time during the run */
  rssOf?: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let peak = 0;
  const sampler = options.rssOf === undefined ? null : setInterval(() => {
    peak = Math.max(peak, rssMb(options.rssOf!));
  }, 100);
  const cpuBefore = options.rssOf === undefined ? 0 : cpuMs(options.rssOf);
  const loadAverage = Number(must(os.loadavg()[0], 'the 1-minute load average').toFixed(2));
  try {
    const result = await autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest }] } : {}),
    });
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      failures: result.non2xx + result.errors + result.timeouts,
      peakRssMb: sampler ? Math.round(peak) : null,
      cpuUsPerRequest: options.rssOf === undefined || result.requests.total === 0 ? null
        : Math.round(((cpuMs(options.rssOf) - cpuBefore) * 1000) / result.requests.total),
      loadAverage,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

/** The median; NaN for no values. */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (i: number) => sorted[i] ?? Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
};
