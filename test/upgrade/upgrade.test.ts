// Upgrades keep data (issue 20): databases written by the previous release (v0.1.0, made by
// scripts/upgrade-fixture.ts: the demo monev scored, a result set fixed and published, evidence
// uploaded, the audit log) open under this code, on PostgreSQL and embedded; the migrations apply
// once, and every score, band, rank, result-set hash, audit entry and evidence file reads back as
// the old release read it. A migration that cannot apply stops the start with a message naming it,
// and changes nothing. Needs no git history: the fixture is committed.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connectPglite, connectPostgres, migrationsFolder, type Database } from '../../src/db/client.ts';
import { takeReadings, type Get, type Readings } from './readings.ts';

const TAG = 'v0.1.0';
const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'upgrade', TAG);
const ROOT = path.join(import.meta.dirname, '..', '..');
// the suite's PostgreSQL server (TEST_DATABASE_URL or its container); on an embedded-only run, the
// local server: the PostgreSQL half of this test needs one, and psql to restore the dump
const SERVER_URL = inject('dbServer')?.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** scripts/upgrade-fixture.ts's password of every demo user */
const PASSWORD = 'upgrade-fixture-password-1';
const MIGRATIONS = readMigrationFiles({ migrationsFolder });

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = SERVER_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The fixture's pg_dump restored into a fresh database on the test server; its URL. */
async function restorePostgres(): Promise<string> {
  const name = `kip_upgrade_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  const sql = execFileSync('gzip', ['-dc', path.join(FIXTURE, 'postgres.sql.gz')], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '--dbname', u.toString()], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
  return u.toString();
}

/** A fixture's data directory unpacked into a temporary folder. */
function unpack(target: 'postgres' | 'embedded'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-upgrade-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  execFileSync('tar', ['-xzf', path.join(FIXTURE, `${target}-data.tar.gz`), '-C', dir]);
  return dir;
}

const fixture = (target: 'postgres' | 'embedded'): { tag: string; readings: Readings } => JSON.parse(fs.readFileSync(path.join(FIXTURE, `${target}.json`), 'utf8'));

async function appliedMigrations(database: Database): Promise<{ hash: string; created_at: string }[]> {
  const result = await database.db.execute('select hash, created_at from drizzle.__drizzle_migrations order by id');
  return (result as { rows: { hash: string; created_at: string }[] }).rows;
}

describe.each(['postgres', 'embedded'] as const)(`a ${TAG} database (%s)`, (target) => {
  it('opens under this code: every migration applied once, every reading unchanged', async () => {
    const { tag, readings: before } = fixture(target);
    expect(tag).toBe(TAG);
    const dataDir = unpack(target);
    const url = target === 'postgres' ? await restorePostgres() : null;
    const open = () => (url ? connectPostgres(url, { max: 5 }) : connectPglite(path.join(dataDir, 'pglite')));

    let database = open();
    const old = await appliedMigrations(database);
    expect(old.length).toBeLessThan(MIGRATIONS.length);
    expect(old.map((m) => m.hash)).toEqual(MIGRATIONS.slice(0, old.length).map((m) => m.hash));
    await database.migrate();
    const applied = await appliedMigrations(database);
    expect(applied.map((m) => m.hash)).toEqual(MIGRATIONS.map((m) => m.hash));
    // a second start applies nothing
    await database.close();
    database = open();
    await database.migrate();
    expect(await appliedMigrations(database)).toEqual(applied);

    const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'upgrade-test-secret-upgrade-test-secret-0123', PASSWORD_HASH_COST: '10', LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) });
    const app = await buildApp({ config, database });
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin.banten', password: PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const get: Get = async (u, token) => {
        const res = await app.inject({ method: 'GET', url: u, headers: token ? { authorization: `Bearer ${token}` } : {} });
        return { status: res.statusCode, body: res.rawPayload };
      };
      const after = await takeReadings(get, login.json().accessToken, { periodId: before.periodId, evidencePeriodId: before.evidence.periodId, evidenceBodyId: before.evidence.bodyId });

      // fields this code added to a representation are allowed; none the old one had may change
      expect(after.rankings).toMatchObject(before.rankings);
      expect(after.resultSet).toMatchObject(before.resultSet);
      expect(after.resultSet.rows.map((r) => r.inputsSha256)).toEqual(before.resultSet.rows.map((r) => r.inputsSha256));
      expect(after.publicRankings).toMatchObject(before.publicRankings);
      expect(after.evidence).toEqual(before.evidence);
      // the log goes on (this test's login may add to it): every old entry is still there, unchanged
      const oldIds = new Set(before.audit.items.map((e) => e.id));
      expect(after.audit.items.filter((e) => oldIds.has(e.id))).toMatchObject(before.audit.items);
      expect(before.audit.count).toBeGreaterThan(100);
      expect(before.rankings.length).toBe(107);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('a migration that cannot apply', () => {
  it('stops the start with a message naming it, and changes nothing', async () => {
    const url = await restorePostgres();
    const dataDir = unpack('postgres');
    // an object in the way of the first migration after v0.1.0 (0009_login_throttle creates this table)
    await admin((c) => c.query('CREATE TABLE login_failures (note text)'), url);
    const snapshot = () => admin(async (c) => ({
      migrations: (await c.query('select id, hash, created_at from drizzle.__drizzle_migrations order by id')).rows,
      tables: (await c.query("select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2")).rows,
      audit: (await c.query('select count(*)::int as n from audit_events')).rows,
    }), url);
    const before = await snapshot();

    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, JWT_SECRET: 'upgrade-test-secret-upgrade-test-secret-0123', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toContain('cannot upgrade the database at DATABASE_URL: migration 0009_login_throttle (migrations/0009_login_throttle.sql) cannot be applied');
    expect(output).toContain('relation \\"login_failures\\" already exists');
    expect(output).toContain('Nothing was changed');
    expect(await snapshot()).toEqual(before);
  });
});
