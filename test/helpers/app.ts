// A fresh app on a fresh database for one test file: buildApp exactly as main.ts does, no mocks.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject as provided } from 'vitest';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { connectPglite, connectPostgres, type Database } from '../../src/db/client.ts';
import { ensureSuperadmin } from '../../src/modules/users/bootstrap.ts';

export const SUPERADMIN = { username: 'root', password: 'superadmin-password-1' };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** a database URL for this file's database, or null on PGlite */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** A database cloned from the run's migrated template (global-setup.ts), named after it. */
async function cloneTemplate(server: { url: string; template: string }): Promise<string> {
  const name = `${server.template}_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.template}`);
        break;
      } catch (err) {
        // another file cloning the template at the same moment: wait and retry
        if (attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    // A test database needs no durability: without waiting for the WAL flush a commit costs 0.4 ms
    // instead of 4.6 ms on this machine, and the suite commits thousands of times. (The fault tests
    // that stop PostgreSQL run their own cluster.)
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The next file's database, cloned while this file runs: a worker runs its files one after another. */
let nextClone: Promise<string> | null = null;

async function freshDatabase(): Promise<{ database: Database; url: string | null; drop: () => void }> {
  const server = provided('dbServer');
  if (!server) {
    const database = connectPglite(null);
    await database.migrate();
    return { database, url: null, drop: () => {} };
  }
  const url = await (nextClone ?? cloneTemplate(server));
  nextClone = cloneTemplate(server);
  nextClone.catch(() => { nextClone = null; });
  return {
    database: connectPostgres(url, { max: 5 }),
    url,
    // Dropped while the next file runs (it takes about 0.6 s). What a finished worker leaves, the
    // prefetched clone included, global-setup.ts drops at the end of the run.
    drop: () => {
      const c = new pg.Client({ connectionString: server.url });
      const name = new URL(url).pathname.slice(1);
      c.connect().then(() => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).finally(() => c.end()).catch(() => {});
    },
  };
}

/** `deps`: what buildApp takes besides the config and the database (e.g. the webhook dispatcher's clock). */
export async function createTestApp(env: Record<string, string> = {}, deps: Pick<AppDeps, 'webhooks'> = {}): Promise<TestApp> {
  const { database, url, drop } = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-test-'));
  const config = loadConfig({
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_DIR: dataDir,
    KIP_ADMIN_USERNAME: SUPERADMIN.username,
    KIP_ADMIN_PASSWORD: SUPERADMIN.password,
    LOGIN_MAX_PER_ADDRESS: '100000',
    // scrypt at 2^10 instead of 2^14: a test hashes and verifies hundreds of passwords
    PASSWORD_HASH_COST: '10',
    ...env,
  });
  await ensureSuperadmin(database.db, config, { info: () => {}, warn: () => {} });
  const app = await buildApp({ config, database, ...deps });
  await app.ready();
  return {
    app, database, config, databaseUrl: url,
    async close() {
      await app.close();
      await database.close();
      drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
