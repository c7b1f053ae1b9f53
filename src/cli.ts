// The `kip-monev` command. Each subcommand lives in src/commands/ and is loaded on demand,
// so `kip-monev score` never pays for the database or HTTP stack.
import { DataDirInUse } from './db/data-lock.ts';

type Command = { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  score: { summary: 'recompute a participant\'s score from files (docs/scoring.md §9)', load: () => import('./commands/score.ts') },
  openapi: { summary: 'write the OpenAPI document generated from the routes', load: () => import('./commands/openapi.ts') },
  migrate: { summary: 'apply the committed migrations to the configured database', load: () => import('./commands/migrate.ts') },
  'reset-admin': { summary: 'set the platform superadmin\'s password (stop a server on the embedded database first)', load: () => import('./commands/reset-admin.ts') },
  'seed-demo': { summary: 'load a demo commission modelled on KI Banten (fictional scores) with users of every role', load: () => import('./commands/seed-demo.ts') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
  return ['Usage: kip-monev <command> [options]', '', 'Commands:', ...lines, '', 'Run `kip-monev <command> --help` for the options of a command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kip-monev: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    // the embedded database is held by another process (a running server): one clear line, no stack
    if (!(err instanceof DataDirInUse)) throw err;
    console.error(`kip-monev ${name}: ${err.message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
