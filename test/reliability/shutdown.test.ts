// Shutdown is bounded even when the database is gone: with PostgreSQL unreachable behind a network
// that swallows packets (no RST: queries on open connections hang), a request stuck on the database
// cannot keep a SIGTERM'd instance alive. Once, one was seen running minutes after SIGTERM.
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { buildServer, login, request, sleep, startApi, SUPERADMIN, type ApiProcess } from './processes.ts';

/** A TCP relay to PostgreSQL that can start swallowing everything, as a partitioned network does. */
function relay(target: URL): Promise<{ port: number; freeze(): void; close(): void }> {
  const pairs: [net.Socket, net.Socket][] = [];
  const accepted = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    accepted.add(client);
    client.on('error', () => {});
    // once frozen, new connections are accepted and then never answered
    if (frozen) return;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    upstream.on('error', () => {});
    client.pipe(upstream);
    upstream.pipe(client);
    pairs.push([client, upstream]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as net.AddressInfo).port,
    freeze() {
      frozen = true;
      for (const [a, b] of pairs) {
        a.unpipe(b);
        b.unpipe(a);
        a.pause();
        b.pause();
      }
    },
    close() {
      for (const socket of accepted) socket.destroy();
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      server.close();
    },
  })));
}

let t: TestApp;
let server: { entry: string; remove(): void } | undefined;
let api: ApiProcess | undefined;
let proxy: Awaited<ReturnType<typeof relay>> | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-shutdown-'));
beforeAll(async () => {
  t = await createTestApp();
  if (t.databaseUrl) server = await buildServer();
}, 120_000);
afterAll(async () => {
  await api?.kill();
  proxy?.close();
  server?.remove();
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a SIGTERM ends the process within the deadline while a request hangs on a vanished database', async (ctx) => {
  if (!t.databaseUrl || !server) return ctx.skip();
  const target = new URL(t.databaseUrl);
  proxy = await relay(target);
  const viaProxy = new URL(t.databaseUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  api = await startApi(server.entry, viaProxy.toString(), dataDir);
  const token = await login(api.url, SUPERADMIN.username, SUPERADMIN.password);

  proxy.freeze();
  // a request that reaches the database now waits for an answer that never comes
  const stuck = request(api.url, { path: '/api/v1/commissions', token, timeoutMs: 60_000 }).catch((err: Error) => err);
  await sleep(500);
  const started = Date.now();
  api.child.kill('SIGTERM');
  const exit = await api.exited;
  const seconds = (Date.now() - started) / 1000;
  console.log(`[shutdown] exited ${JSON.stringify(exit)} ${seconds.toFixed(1)} s after SIGTERM`);
  // the orderly close gets 10 s, the hard deadline is 15 s
  expect(seconds).toBeLessThan(20);
  expect(exit.code === 0 && exit.signal === null).toBe(false);
  await stuck;
}, 120_000);
