// Boot only: config → database → migrations → app → listen; graceful shutdown.
import fs from 'node:fs';
import net from 'node:net';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { connect, type Database } from './db/client.ts';
import { DataDirInUse } from './db/data-lock.ts';
import { MigrationFailed } from './db/migration-failed.ts';
import { ensureSuperadmin } from './modules/users/bootstrap.ts';
import { setPasswordCost } from './modules/users/passwords.ts';

// Shutdown has a hard deadline, armed by the first SIGTERM or SIGINT from the very start: while
// starting (migrations against a database that does not answer) there is nothing to drain, and once
// serving, close-with-grace below gives the orderly close CLOSE_MS. Past SHUTDOWN_DEADLINE_MS the
// process kills itself, whatever hangs (a pool waiting on a dead database, a blocked log write): an
// instance was once seen running minutes after SIGTERM while its PostgreSQL was down.
const CLOSE_MS = 10_000;
const SHUTDOWN_DEADLINE_MS = 15_000;
let serving = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    setTimeout(() => {
      fs.writeSync(2, `kip-monev: shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting now\n`);
      process.kill(process.pid, 'SIGKILL');
    }, SHUTDOWN_DEADLINE_MS).unref();
    if (!serving) process.exit(1);
  });
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`kip-monev: configuration error: ${err.message}`);
  process.exit(1);
}

// Logs go to stdout, pretty on a terminal. Otherwise lines are buffered and written in batches of
// at least 4 KB (minLength): a write system call per request line was a fifth of the CPU of a
// `/health` request. The batches are written synchronously, as Node writes process.stdout to a pipe
// or a file: written in the background, lines went on arriving during the write and were appended
// to one growing string that sonic-boom measures again for every line (2–16 KB a line, about 9 µs
// of a request's 30–40). periodicFlush writes what waits every 250 ms so a quiet server's lines
// still appear promptly, and pino flushes what is left when the process exits.
const stream = process.stdout.isTTY ? undefined : pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 250 });
const loggerOptions = {
  level: config.logLevel,
  ...(stream ? { stream } : { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }),
};
const log = stream ? pino(loggerOptions, stream) : pino(loggerOptions);

let database: Database;
try {
  database = connect(config);
} catch (err) {
  if (!(err instanceof DataDirInUse)) throw err;
  console.error(`kip-monev: ${err.message}`);
  process.exit(1);
}
try {
  await database.migrate();
} catch (err) {
  const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'database at DATABASE_URL';
  if (err instanceof MigrationFailed) log.fatal(`cannot upgrade the ${where}: ${err.message}`);
  else log.fatal({ err }, `cannot prepare the ${where}`);
  process.exit(1);
}
setPasswordCost(config.passwordCost);
try {
  await ensureSuperadmin(database.db, config, log);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  log.fatal(`configuration error: ${err.message}`);
  await database.close();
  process.exit(1);
}

const app = await buildApp({ config, database, logger: loggerOptions });

// Shutdown drops no request a client has sent on an open connection. Node's server.close() (inside
// app.close()) destroys idle kept-alive connections at once, and a client may be sending its next
// request on one at that moment: it gets ECONNRESET. So first stop listening only (new connections
// are refused) and answer every request with `Connection: close`, so each client leaves after its
// next answer; app.close() then runs once they have all left, or after DRAIN_MS for clients that
// stay idle (a load balancer stops sending before it signals).
const DRAIN_MS = 5_000;
let draining = false;
app.server.prependListener('request', (_req, res) => {
  if (draining) res.setHeader('connection', 'close');
});
function drain(): Promise<void> {
  draining = true;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DRAIN_MS);
    net.Server.prototype.close.call(app.server, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

closeWithGrace({ delay: CLOSE_MS, logger: log }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'shutting down after an error');
  else log.info({ signal }, 'shutting down: finishing in-flight requests');
  await drain();
  await app.close();
  await database.close();
});

serving = true;
await app.listen({ port: config.port, host: config.host });
log.info({ database: database.kind, docs: `http://localhost:${config.port}/docs` }, 'kip-monev is ready');
