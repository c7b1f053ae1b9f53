// The embedded database is opened by one process at a time (src/db/data-lock.ts): a command next to
// a running server, or a second server, is refused with a clear message and a non-zero exit, and a
// lock left by a killed process is taken over. Real processes, as in the incident (issue 20 §1).
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirInUse, LOCK_FILE } from '../../src/db/data-lock.ts';
import { buildServer, expectStatus, login, startApi, SUPERADMIN, type ApiProcess } from './processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exec = promisify(execFile);

/** `kip-monev <args>` as a user runs it; resolves with its exit code and output, never rejects. */
async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, 'bin/kip-monev.js'), ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The pid of a process that has exited (so kill(pid, 0) answers ESRCH, unless the pid was reused). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('the data directory lock, in one process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-lock-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second open while held, and frees the directory on release', () => {
    const lock = acquireDataLock(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDataLock(dir)).toThrow(DataDirInUse);
    expect(() => acquireDataLock(dir)).toThrow(`the database in ${dir} is in use by process ${process.pid}; stop it, or run this through the API`);
    lock.release();
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireDataLock(dir).release();
  });

  it('takes over the lock of a dead process, an unreadable lock, and its own pid left by a restart', () => {
    for (const content of [`${deadPid()}\n`, 'garbage', `${process.pid}\n`]) {
      fs.writeFileSync(path.join(dir, LOCK_FILE), content);
      const lock = acquireDataLock(dir);
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      lock.release();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses while the owner lives, even under another user (pid 1)', () => {
    fs.writeFileSync(path.join(dir, LOCK_FILE), '1\n');
    expect(() => acquireDataLock(dir)).toThrow('in use by process 1;');
    fs.rmSync(path.join(dir, LOCK_FILE));
  });
});

describe('the data directory lock, between real processes', () => {
  let server: { entry: string; remove(): void };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-lock-data-'));
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    server = await buildServer();
    // migrated beforehand, so each server start below is quick even on a loaded machine
    const migrated = await cli(dataDir, 'migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await api?.kill();
    server?.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses seed-demo, migrate, reset-admin and a second server next to a running server; takes over after a kill', async () => {
    api = await startApi(server.entry, '', dataDir);
    const pid = api.child.pid!;
    const message = `the database in ${dataDir} is in use by process ${pid}; stop it, or run this through the API`;

    for (const command of [['seed-demo', '--stage', 'saq'], ['migrate'], ['reset-admin', '--username', SUPERADMIN.username, '--password', 'sandi-platform-baru-2026']]) {
      const result = await cli(dataDir, ...command);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stderr.trim()).toBe(`kip-monev ${command[0]}: ${message}`);
    }
    await expect(startApi(server.entry, '', dataDir)).rejects.toThrow(message);
    // the running server lost nothing and still answers
    await expectStatus(api.url, 200, { path: '/ready' });
    const token = await login(api.url, SUPERADMIN.username, SUPERADMIN.password);
    await expectStatus(api.url, 200, { path: '/api/v1/commissions', token });

    // a SIGKILL leaves the lock behind: the next process takes it over, and the data is whole
    await api.kill();
    expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(pid));
    const migrated = await cli(dataDir, 'migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    api = await startApi(server.entry, '', dataDir);
    await login(api.url, SUPERADMIN.username, SUPERADMIN.password);

    // a graceful stop releases it: reset-admin may run now
    api.child.kill('SIGTERM');
    expect((await api.exited).code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    const reset = await cli(dataDir, 'reset-admin', '--username', SUPERADMIN.username, '--password', 'sandi-platform-baru-2026');
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout.trim()).toBe(`set the password of the superadmin "${SUPERADMIN.username}"; its existing tokens no longer work`);
  }, 180_000);
});
