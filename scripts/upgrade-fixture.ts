// Writes test/fixtures/upgrade/<tag>/: databases written by a previous release, for
// test/upgrade/upgrade.test.ts, which opens them with this code and compares what it reads.
//
//   npx tsx scripts/upgrade-fixture.ts [v0.1.0]     (needs git history, npm, pg_dump, a PostgreSQL server)
//
// The release is checked out with `git archive` into a temporary folder and installed with `npm ci`;
// its own CLI loads the demo (`seed-demo --stage deliberation`: 107 bodies scored up to the
// plenary), and its own server, through its HTTP API, fixes and publishes a result set and takes
// an evidence upload in a second period. Then the same server gives the readings (scores, bands,
// ranks, result-set hashes, the public ranking, the audit log, the evidence bytes' hashes) into
// <target>.json, and the databases are dumped: PostgreSQL as `pg_dump` SQL, the embedded one as a
// tarball of its data directory (evidence files included). The test needs none of this tooling.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pdf } from '../test/helpers/multipart.ts';
import { takeReadings, type Get } from '../test/upgrade/readings.ts';

const TAG = process.argv[2] ?? 'v0.1.0';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'upgrade', TAG);
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** every demo user's password, and the superadmin's: the test logs in with them */
export const FIXTURE_PASSWORD = 'upgrade-fixture-password-1';
const JWT_SECRET = 'upgrade-fixture-secret-upgrade-fixture-secret-0123';

const sh = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 512 * 1024 * 1024 });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kip-upgrade-${TAG}-`));
const app = path.join(tmp, 'app');
fs.mkdirSync(app);
console.log(`${TAG}: checking out into ${app}`);
execFileSync('sh', ['-c', `git -C "${ROOT}" archive ${TAG} | tar -x -C "${app}"`]);
sh('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], app);
const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', `${TAG}^{commit}`]).toString().trim();

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

for (const target of ['postgres', 'embedded'] as const) {
  const dataDir = path.join(tmp, target, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | null = null;
  if (target === 'postgres') {
    const name = `kip_upgrade_fixture_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const env: Record<string, string> = {
    DATA_DIR: dataDir, JWT_SECRET, KIP_ADMIN_USERNAME: 'root', KIP_ADMIN_PASSWORD: FIXTURE_PASSWORD, LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  console.log(`${target}: seed-demo of ${TAG}`);
  sh('node', ['bin/kip-monev.js', 'seed-demo', '--stage', 'deliberation', '--password', FIXTURE_PASSWORD], app, env);

  const port = await freePort();
  const server = spawn('node', ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], { cwd: app, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/ready`).catch(() => null))?.status === 200) break;
    if (i > 600) throw new Error('the old server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const call = async (method: string, url: string, token: string | null, body?: unknown): Promise<any> => {
    const res = await fetch(`${base}/api/v1${url}`, {
      method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  const login = async (username: string) => (await call('POST', '/auth/token', null, { username, password: FIXTURE_PASSWORD })).accessToken as string;

  const admin = await login('admin.banten');
  const periods = (await call('GET', '/periods', admin)).items as { id: string; year: number }[];
  const periodId = periods.find((p) => p.year === 2025)!.id;
  console.log(`${target}: result set and publication of period ${periodId}`);
  await call('POST', `/periods/${periodId}/results`, admin, { decreeNumber: '500/123-KIB/XI/2025', decreeDate: '2025-11-20' });
  await call('POST', `/periods/${periodId}/results/1/publication`, admin);

  // evidence is uploaded while answering: a second period, open for its SAQ without a deadline
  const opd = ((await call('GET', '/categories', admin)).items as { id: string; code: string }[]).find((c) => c.code === 'OPD')!.id;
  const evidencePeriod = await call('POST', '/periods', admin, { year: 2026, title: 'Monev KIP 2026 (bukti)', stages: { saq: 100 } });
  await call('POST', `/periods/${evidencePeriod.id}/questionnaires`, admin, { preset: 'monev-2025-opd', categoryIds: [opd] });
  await call('POST', `/periods/${evidencePeriod.id}/participants`, admin, { categoryId: opd });
  await call('POST', `/periods/${evidencePeriod.id}/transitions`, admin, { to: 'saq' });
  const respondent = await login('ppid.diskominfo.banten');
  const bodyId = (await call('GET', '/me', respondent)).bodyId as string;
  for (const [name, size] of [['sk-ppid.pdf', 900], ['laporan-2024.pdf', 4000]] as const) {
    const form = new FormData();
    form.append('file', new Blob([pdf(size)], { type: 'application/pdf' }), name);
    await call('POST', `/periods/${evidencePeriod.id}/participants/${bodyId}/evidence`, respondent, form);
  }

  const get: Get = async (url, token) => {
    const res = await fetch(`${base}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };
  const readings = await takeReadings(get, admin, { periodId, evidencePeriodId: evidencePeriod.id, evidenceBodyId: bodyId });
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  console.log(`${target}: ${readings.rankings.length} ranked, ${readings.resultSet.rows.length} result rows, ${readings.audit.count} audit events, ${readings.evidence.files.length} files`);
  fs.writeFileSync(path.join(OUT, `${target}.json`), JSON.stringify({ tag: TAG, commit, target, readings }, null, 1) + '\n');

  fs.rmSync(path.join(dataDir, 'kip-monev.lock'), { force: true });
  if (databaseUrl) {
    const dump = sh('pg_dump', ['--no-owner', '--no-privileges', '--dbname', databaseUrl], app);
    fs.writeFileSync(path.join(OUT, 'postgres.sql.gz'), execFileSync('gzip', ['-9n'], { input: dump, maxBuffer: 512 * 1024 * 1024 }));
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  }
  // the data directory: the embedded database (pglite/) and the evidence files (evidence/)
  sh('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=2025-01-01', '-czf', path.join(OUT, `${target}-data.tar.gz`), '-C', dataDir, '.'], app);
}
fs.rmSync(tmp, { recursive: true, force: true });
for (const f of fs.readdirSync(OUT)) console.log(`${f}: ${(fs.statSync(path.join(OUT, f)).size / 1024).toFixed(0)} KB`);
