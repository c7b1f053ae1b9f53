// /health, the rankings page and a score explanation against the bare `node:http` and bare Fastify
// baselines, with the CPU time each server spends per request and the API's peak RSS: a quick loop
// for work on the per-request path (about a minute). On a shared machine read the CPU-per-request
// ratio: it holds when the cores are busy with other work, the req/s ratio does not.
//
//   TEST_DATABASE_URL=… npx tsx bench/hotpath.ts [--seconds 5] [--rounds 3] [--only rankings|health|explanation] [--node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"]
//
// Builds dist/ first (`npm run build`), loads 500 participants × 150 questions into a throwaway
// database and starts the API as `npm start` does.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { must } from '../src/must.ts';
import { scoredDatabase } from './scored-database.ts';
import { API_ARGS, load, median, startBaseline, startServer, type Fixture } from './load.ts';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, only: { type: 'string' }, 'node-args': { type: 'string', default: '' } },
});
const PASSWORD = 'bench-password-123';

execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const { url: databaseUrl, dataset, drop } = await scoredDatabase('kip_bench_hotpath', 500, PASSWORD);
try {

  const nodeArgs = args['node-args'].split(' ').filter(Boolean);
  const api = await startServer([...nodeArgs, ...API_ARGS],
    { DATABASE_URL: databaseUrl, JWT_SECRET: 'hotpath-'.repeat(6), KIP_ADMIN_PASSWORD: PASSWORD, LOGIN_MAX_PER_ADDRESS: '100000' }, '/ready');
  try {
    const res = await fetch(`${api.url}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: dataset.adminUsername, password: PASSWORD }),
    });
    const headers = { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    const allPaths: [name: string, url: string][] = [
      ['health', '/health'],
      ['rankings', `/api/v1/periods/${dataset.periodId}/rankings?limit=50`],
      ['explanation', `/api/v1/periods/${dataset.periodId}/participants/${dataset.sampleBodyId}/score`],
    ];
    const paths = allPaths.filter(([name]) => !args.only || name === args.only);
    const fixtures: Fixture[] = [];
    for (const [name, url] of paths) {
      const r = await fetch(api.url + url, { headers });
      fixtures.push({ path: `/${name}`, contentType: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) });
    }
    const baselines = { node: await startBaseline(fixtures, 'node'), fastify: await startBaseline(fixtures, 'fastify') };
    try {
      for (const [name, url] of paths) {
        const runs = [['api', api, api.url + url], ['node:http', baselines.node, `${baselines.node.url}/${name}`],
          ['fastify', baselines.fastify, `${baselines.fastify.url}/${name}`]] as const;
        // The three servers take turns, round after round, and the ratios are taken within a round:
        // on this shared machine one run swings by a third, mostly with what else the cores do.
        const ratios: { rps: number; cpu: number }[] = [];
        for (let round = 1; round <= Number(args.rounds); round++) {
          const results = [];
          for (const [who, server, target] of runs) {
            await load({ url: target, connections: 50, seconds: 1, headers });
            const r = await load({ url: target, connections: 50, seconds: Number(args.seconds), headers, rssOf: server.pid });
            results.push(r);
            console.log(`${name.padEnd(11)} ${who.padEnd(9)} ${String(Math.round(r.requestsPerSecond)).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  `
              + `${r.cpuUsPerRequest} µs CPU/req  RSS ${r.peakRssMb} MB  load ${os.loadavg()[0]!.toFixed(2)}`);
          }
          const [onApi, onNode] = results.map((r) => must(r, 'a run'));
          ratios.push({ rps: onApi!.requestsPerSecond / onNode!.requestsPerSecond, cpu: (onNode!.cpuUsPerRequest ?? Number.NaN) / (onApi!.cpuUsPerRequest ?? Number.NaN) });
          console.log(`${name.padEnd(11)} API ÷ node:http  req/s ${ratios.at(-1)!.rps.toFixed(3)}  CPU/req ${ratios.at(-1)!.cpu.toFixed(3)}  (round ${round})`);
        }
        console.log(`${name.padEnd(11)} API ÷ node:http, median of ${ratios.length} rounds: req/s ${median(ratios.map((r) => r.rps)).toFixed(3)}`
          + `  CPU/req ${median(ratios.map((r) => r.cpu)).toFixed(3)}`);
      }
    } finally {
      await baselines.node.stop();
      await baselines.fastify.stop();
    }
  } finally {
    await api.stop();
  }
} finally {
  await drop();
}
