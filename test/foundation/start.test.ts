// `npm start` builds the bundle (dist/main.js) and runs it: the bundle must find the migrations,
// migrate, create the superadmin and serve, exactly like the TypeScript sources under tsx.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { fetchChecked } from '../helpers/client.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it('builds and serves the bundle that npm start runs', async () => {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe' });
  // PGlite when the test database is PGlite itself (no server to point at), else the test database
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-start-'));
  const env = {
    ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir,
    KIP_ADMIN_USERNAME: SUPERADMIN.username, KIP_ADMIN_PASSWORD: SUPERADMIN.password,
    DATABASE_URL: t.databaseUrl ?? '',
  };
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 30 s:\n${out}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    expect((await fetchChecked(url, '/ready')).status).toBe(200);
    expect((JSON.parse((await fetchChecked(url, '/openapi.json')).body) as { openapi: string }).openapi).toBe('3.1.0');
    const login = await fetchChecked(url, '/api/v1/auth/token', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SUPERADMIN),
    });
    expect(login.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it('stops at a bad setting with one line naming it and exit code 1', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: '-1' }, encoding: 'utf8', timeout: 20_000 });
  expect(res.status).toBe(1);
  expect(res.stderr.trim()).toBe('kip-monev: configuration error: PORT must be an integer between 0 and 65535 (got "-1")');
});
