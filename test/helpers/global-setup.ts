// Picks the test database server once per run: TEST_DATABASE_URL, else a testcontainers PostgreSQL
// when a Docker engine is reachable, else embedded PGlite. Migrates a template database once; each
// test file then gets its own database cloned from it (see test/helpers/app.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectPostgres } from '../../src/db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** admin URL of the server and the template's name, or null for embedded PGlite */
    dbServer: { url: string; template: string } | null;
  }
}

async function dockerPostgres(): Promise<{ url: string; stop: () => Promise<unknown> } | null> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine').start();
  return { url: container.getConnectionUri(), stop: () => container.stop() };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Printed when the run ends: which database, and how long the project's files took. */
function reportTime(project: TestProject, database: string, started: number) {
  console.log(`[tests] ${project.name || 'tests'}: ${database}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  let url = process.env.TEST_DATABASE_URL ?? null;
  let stop: (() => Promise<unknown>) | null = null;
  let source = 'TEST_DATABASE_URL';
  if (!url) {
    const docker = await dockerPostgres();
    if (docker) ({ url, stop } = { url: docker.url, stop: docker.stop });
    source = 'testcontainers';
  }
  if (!url) {
    console.log('[tests] database: embedded PGlite (set TEST_DATABASE_URL or start Docker to test against PostgreSQL)');
    project.provide('dbServer', null);
    return () => reportTime(project, 'embedded PGlite', started);
  }
  const template = `kip_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = connectPostgres(withDatabase(url, template), { max: 1 });
  await database.migrate();
  await database.close();
  console.log(`[tests] database: PostgreSQL from ${source}, template ${template}`);
  project.provide('dbServer', { url, template });

  return async () => {
    // the files' databases (test/helpers/app.ts) that their workers had not dropped yet
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${template}_t_`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
    if (stop) await stop();
    reportTime(project, `PostgreSQL from ${source}`, started);
  };
}
