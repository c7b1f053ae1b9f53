// Announcement day (issue 18, goal 7): the public rankings straight from the API, and through a
// caching reverse proxy in front of it (nginx from Debian, `apt-get install nginx-light`) that obeys
// the API's `Cache-Control: public, max-age=60, stale-while-revalidate=300`. Same data, same load,
// one after the other in one run; the API's CPU time per request shows what the proxy takes off it.
//
//   TEST_DATABASE_URL=… npx tsx bench/proxy.ts [--seconds 5] [--connections 200]
//
// Loads 500 participants × 150 questions (published) into a throwaway database, starts the API as
// `npm start` does and nginx on a free port with a proxy cache in a temporary directory.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scoredDatabase } from './scored-database.ts';
import { API_ARGS, load, startServer } from './load.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '200' } } });
const NGINX = '/usr/sbin/nginx';
if (!fs.existsSync(NGINX)) throw new Error('nginx is not installed: apt-get install nginx-light');
const PASSWORD = 'bench-password-123';

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});

/** nginx as a CDN edge would run it: a proxy cache keyed by URL that honours the origin's Cache-Control. */
async function startNginx(upstream: string): Promise<{ url: string; stop: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-nginx-'));
  // nginx's workers drop to an unprivileged user when started as root: they must reach the cache
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  proxy_cache_path ${dir}/cache keys_zone=kip:10m max_size=100m;
  proxy_temp_path ${dir}/tmp;
  client_body_temp_path ${dir}/body;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream api { server ${upstream}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache kip;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      add_header X-Cache $upstream_cache_status;
    }
  }
}
`);
  const child = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'inherit' });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => { child.kill('SIGQUIT'); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A result set, published: what the public reads serve. */
async function publish(base: string, periodId: string, username: string): Promise<void> {
  const post = async (url: string, body: unknown, token?: string) => {
    const res = await fetch(base + url, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<{ accessToken?: string }>;
  };
  const { accessToken } = await post('/api/v1/auth/token', { username, password: PASSWORD });
  await post(`/api/v1/periods/${periodId}/results`, { decreeNumber: '1/KEP/KI-BENCH/2025', decreeDate: '2025-12-01' }, accessToken);
  await post(`/api/v1/periods/${periodId}/results/1/publication`, {}, accessToken);
}

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const { url: databaseUrl, dataset, drop } = await scoredDatabase('kip_bench_proxy', 500, PASSWORD);
try {

  const api = await startServer(API_ARGS,
    { DATABASE_URL: databaseUrl, JWT_SECRET: 'proxy-bench-'.repeat(4), KIP_ADMIN_PASSWORD: PASSWORD }, '/ready');
  const nginx = await startNginx(new URL(api.url).host);
  try {
    await publish(api.url, dataset.periodId, dataset.adminUsername);
    const url = `/api/v1/public/periods/${dataset.periodId}/rankings?limit=50`;
    const probe = await fetch(nginx.url + url);
    const again = await fetch(nginx.url + url);
    console.log(`${probe.status} Cache-Control: ${probe.headers.get('cache-control')}; X-Cache ${probe.headers.get('x-cache')} then ${again.headers.get('x-cache')}`);
    if (again.headers.get('x-cache') !== 'HIT') throw new Error(`nginx did not cache the public rankings (${again.status}: ${(await again.text()).slice(0, 300)})`);
    const connections = Number(args.connections);
    for (const [who, base] of [['direct', api.url], ['via nginx', nginx.url]] as const) {
      await load({ url: base + url, connections, seconds: 1 });
      const r = await load({ url: base + url, connections, seconds: Number(args.seconds), rssOf: api.pid });
      console.log(`public-rankings-50 ${who.padEnd(10)} c=${connections} ${String(Math.round(r.requestsPerSecond)).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  `
        + `API CPU ${r.cpuUsPerRequest} µs/req  API RSS ${r.peakRssMb} MB  failures ${r.failures}  load ${r.loadAverage}`);
    }
  } finally {
    nginx.stop();
    await api.stop();
  }
} finally {
  await drop();
}
