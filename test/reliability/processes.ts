// Real processes for the fault tests: a private PostgreSQL cluster (initdb + pg_ctl, so a test may
// stop it without touching the machine's shared server), the API built and run as `node main.js`,
// and a small HTTP client that reports socket-level failures as they are (ECONNREFUSED, ECONNRESET).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import pg from 'pg';
import { multipart } from '../helpers/multipart.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// A private PostgreSQL cluster

/** The directory with initdb and pg_ctl: PG_BIN, the newest Debian install, or the PATH. */
function postgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, v, 'bin'));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter));
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

/** PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` OS user. */
function clusterUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why a private cluster cannot be started here, or null when it can. */
export function privateClusterUnsupported(): string | null {
  if (process.platform !== 'linux') return `private PostgreSQL clusters are only set up on Linux (this is ${process.platform})`;
  if (!postgresBinDir()) return 'initdb/pg_ctl not found (set PG_BIN to the PostgreSQL bin directory)';
  if (process.getuid?.() === 0) {
    if (!clusterUser()) return 'running as root and there is no `postgres` OS user to run the cluster as';
    if (!fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser')) return 'running as root and runuser is missing';
  }
  return null;
}

export interface Cluster {
  port: number;
  /** a URL of a database in the cluster (default: the `postgres` maintenance database) */
  url(database?: string): string;
  /** CREATE DATABASE name [TEMPLATE template]; returns its URL */
  createDatabase(name: string, template?: string): Promise<string>;
  /** pg_ctl stop in the given mode (`immediate`: a crash, no checkpoint; recovery on the next start) */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** stops the cluster (ignoring errors) and removes its directory; safe to call twice */
  destroy(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinDir()!;
  const user = clusterUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-faults-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const exec = (tool: string, args: string[]) => (user
    ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args])
    : run(path.join(bin, tool), args));
  // fsync=off: the faults here kill processes, not the machine, so the page cache survives them and
  // a commit's WAL record is written (write()) before the commit is acknowledged either way.
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c max_connections=60'].join(' ');
  const pgCtl = (...args: string[]) => exec('pg_ctl', ['-D', data, ...args]);

  // If the test process dies without its afterAll, the postmaster must not outlive it.
  const killOnExit = () => {
    try {
      const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // not running
    }
  };
  process.once('exit', killOnExit);

  const start = async () => {
    await pgCtl('start', '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', options);
  };
  try {
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await start();
  } catch (err) {
    killOnExit();
    process.removeListener('exit', killOnExit);
    const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`the private PostgreSQL cluster did not start: ${(err as Error).message}\n${log}`);
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let destroyed = false;
  return {
    port,
    url,
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop(mode) {
      await pgCtl('stop', '-m', mode, '-w', '-t', '60');
    },
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await pgCtl('stop', '-m', 'immediate', '-w', '-t', '30').catch(() => undefined);
      killOnExit();
      process.removeListener('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The API as a child process

/**
 * Bundles src/main.ts as `npm run build` does, into a private folder under dist/ (so a build by
 * someone else at the same moment cannot swap the file under the running process). The bundle
 * finds migrations/ and node_modules/ by walking up from its own folder, as dist/main.js does.
 */
export async function buildServer(): Promise<{ entry: string; remove(): void }> {
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(ROOT, 'dist', '.faults-'));
  const entry = path.join(outdir, 'main.js');
  await build({
    // the spreadsheet worker is a script of its own, which main.js forks from beside itself
    entryPoints: [path.join(ROOT, 'src/main.ts'), path.join(ROOT, 'src/http/spreadsheet-worker.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', target: 'node20', sourcemap: true, outdir, entryNames: '[name]', logLevel: 'warning',
  });
  return { entry, remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** the last 20 kB of its stdout and stderr */
  output(): string;
  /** SIGKILL (if still running) and wait for the exit */
  kill(): Promise<void>;
}

export const JWT_SECRET = 'faults-secret-faults-secret-faults-secret-0123';
export const SUPERADMIN = { username: 'root', password: 'superadmin-password-1' };

/** Starts `node <entry>` against databaseUrl on a free port and waits until /ready answers 200. */
export async function startApi(entry: string, databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET, DATA_DIR: dataDir,
      KIP_ADMIN_USERNAME: SUPERADMIN.username, KIP_ADMIN_PASSWORD: SUPERADMIN.password,
      LOG_LEVEL: 'warn', LOGIN_MAX_PER_ADDRESS: '100000', NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // if the test process dies first, the API must not outlive it
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`, port, child, exited, output: () => log,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log}`);
    const res = await request(api.url, { path: '/ready', timeoutMs: 2_000 }).catch(() => null);
    if (res?.status === 200) return api;
    if (Date.now() > deadline) {
      await api.kill();
      throw new Error(`the API was not ready within 30 s:\n${log}`);
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
  ms: number;
  /** sent on a kept-alive connection that an earlier request opened */
  reusedSocket: boolean;
}

export interface RequestOptions {
  method?: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** a raw body with its content type (e.g. multipart) instead of JSON */
  raw?: { contentType: string; data: Buffer };
  agent?: http.Agent;
  timeoutMs?: number;
  /** called once the request has been written to a connected socket */
  onSent?: () => void;
}

/** One request; socket failures reject with the error (its `code` says which: ECONNREFUSED, ECONNRESET, ...). */
export function request(base: string, options: RequestOptions): Promise<Response> {
  const started = performance.now();
  const payload = options.raw?.data ?? (options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload) {
    headers['content-type'] = options.raw?.contentType ?? 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(options.path, base), { method: options.method ?? 'GET', headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started, reusedSocket: req.reusedSocket });
      });
    });
    req.setTimeout(options.timeoutMs ?? 15_000, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    if (options.onSent) req.on('finish', options.onSent);
    req.end(payload);
  });
}

/** A request that must answer `status`: returns the parsed body. */
export async function expectStatus(base: string, status: number, options: RequestOptions): Promise<any> {
  const res = await request(base, options);
  if (res.status !== status) throw new Error(`${options.method ?? 'GET'} ${options.path}: expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res.json;
}

export async function login(base: string, username: string, password: string): Promise<string> {
  return (await expectStatus(base, 200, { method: 'POST', path: '/api/v1/auth/token', body: { username, password } })).accessToken;
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(filename: string, contentType: string, content: string): { contentType: string; data: Buffer } {
  const { payload, headers } = multipart(filename, content, { contentType });
  return { contentType: headers['content-type'], data: payload };
}

/** The error code of a failed request (ECONNREFUSED, ECONNRESET, ...), or its message. */
export function errorCode(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code ?? e.message ?? String(err);
}
