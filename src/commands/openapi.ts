// `kip-monev openapi [--out file]`: the OpenAPI document generated from the route schemas.
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { connectPglite } from '../db/client.ts';

export async function generateOpenApi(): Promise<string> {
  // The document depends on the routes only; an in-memory database keeps this free of side effects.
  const database = connectPglite(null);
  await database.migrate();
  const app = await buildApp({ config: loadConfig({ JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/nonexistent' }), database });
  await app.ready();
  const text = openApiText(app);
  await app.close();
  await database.close();
  return text;
}

/** The document as committed in openapi/openapi.json, from a ready app. */
export function openApiText(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log('Usage: kip-monev openapi [--out openapi/openapi.json]\nWrites (or prints) the OpenAPI 3.1 document generated from the routes.');
    return 0;
  }
  const text = await generateOpenApi();
  if (values.out) await fs.writeFile(values.out, text);
  else process.stdout.write(text);
  return 0;
}
