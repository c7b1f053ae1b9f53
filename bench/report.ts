// The tables of bench/README.md, from a results file of `npm run bench`:
//
//   npx tsx bench/report.ts bench/results/<date>.json
import fs from 'node:fs';
import { webhookTable, type WebhookBench } from './webhooks.ts';

interface Load { requestsPerSecond: number; p50: number; p99: number; peakRssMb: number | null; cpuUsPerRequest?: number | null; loadAverage?: number }
/** node, nodeRatio, before and speedup: runs since issue 18 (the node:http floor; --before) */
interface Paired { endpoint: string; bytes: number; connections: number; api: Load; baseline: Load; ratio: number; node?: Load; nodeRatio?: number; before?: Load | null; speedup?: number | null }
interface Scale {
  participants: number;
  answerRows: number;
  rescore: { medianMs: number; nothingChangedMs: number };
  resultSetCreationMs: number[];
  resultSetPeakRssMb: number;
  apiStartRssMb: number;
  wholePeriodJson: { rows: number; ms: number };
  reads: Paired[];
  writes: (Load & { answersPerSecond: number; connections: number; respondents: number }) | null;
  databaseFloor: { queries: { medianMs: number; executionMs: number }[] };
}
interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageAtStart: number[] };
  settings: { seconds: number; runs: number };
  postgres: Scale[];
  pglite: { participants: number; loadMs: number; rescore: { medianMs: number }; reads: Paired[] } | null;
  webhooks?: WebhookBench | null;
  durationSeconds: number;
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/report.ts bench/results/<date>.json');
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpu = (l: Load) => (l.cpuUsPerRequest === null || l.cpuUsPerRequest === undefined ? '–' : String(l.cpuUsPerRequest));
const table = (header: string[], rows: (string | number)[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
/** Runs with the node:http floor: the API against it and bare Fastify, and the API as it was when loaded beside it. */
const floorRows = (reads: Paired[]) => reads.filter((r) => r.node).map((r) => [
  r.endpoint, r.connections, n(r.api.requestsPerSecond), `${r.api.p50} / ${r.api.p99}`, cpu(r.api),
  n(r.node!.requestsPerSecond), cpu(r.node!), (r.nodeRatio ?? 0).toFixed(3), r.ratio.toFixed(3),
  r.before ? n(r.before.requestsPerSecond) : '–', r.before ? (r.before.requestsPerSecond > 0 ? `${r.before.p50} / ${r.before.p99}` : 'none answered') : '–',
  r.speedup ? `×${r.speedup}` : r.before ? '∞' : '–',
  r.api.loadAverage ?? '–', r.api.peakRssMb ?? '–',
]);
const floorHeader = [
  'endpoint', 'conn.', 'API req/s', 'p50 / p99 ms', 'API µs CPU/req', 'node:http req/s', 'node:http µs CPU/req', 'ratio to node:http',
  'ratio to Fastify', 'before req/s', 'before p50 / p99 ms', 'API ÷ before', 'load avg.', 'API RSS MB',
];
const readRows = (reads: Paired[], withBytes: boolean) => reads.map((r) => [
  r.endpoint, ...(withBytes ? [n(r.bytes)] : []), r.connections,
  n(r.api.requestsPerSecond), `${r.api.p50} / ${r.api.p99}`, cpu(r.api),
  n(r.baseline.requestsPerSecond), `${r.baseline.p50} / ${r.baseline.p99}`, cpu(r.baseline),
  r.ratio.toFixed(3), r.api.peakRssMb ?? '–',
]);
const readHeader = (withBytes: boolean) => [
  'endpoint', ...(withBytes ? ['bytes'] : []), 'conn.', 'API req/s', 'p50 / p99 ms', 'API µs CPU/req',
  'baseline req/s', 'p50 / p99 ms', 'baseline µs CPU/req', 'ratio', 'API RSS MB',
];

const out: string[] = [];
const { machine, settings } = report;
out.push(`Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, `
  + `PostgreSQL on the same machine (load average ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')} at the start); `
  + `${settings.seconds}-second loads, ${settings.runs} paired runs each, ${Math.round(report.durationSeconds / 60)} minutes in all. `
  + 'req/s and latencies are medians of the runs; CPU is the server process\'s user + system time per request; RSS is the API process\'s peak during its runs.');

for (const scale of report.postgres.filter((x) => x.reads.length > 1)) {
  const floor = scale.reads.some((r) => r.node);
  out.push('', `### Reads at ${n(scale.participants)} participants × 150 questions (PostgreSQL)`, '',
    floor ? table(floorHeader, floorRows(scale.reads)) : table(readHeader(true), readRows(scale.reads, true)));
}

out.push('', '### Writes, rescoring, result sets, growth', '', table(
  ['participants × 150', 'answer rows', 'rescorePeriod, every row changed (median)', 'nothing changed', 'result set (POST …/results)',
    'API RSS peak while creating', 'rankings page 50 @ 50 conn.: req/s, p50 / p99 ms', 'ratio to baseline', 'rankings SQL (all rows of the period)'],
  report.postgres.map((x) => {
    const page = x.reads.find((r) => r.endpoint === 'rankings-page-50' && r.connections === 50)!;
    const sqlAll = x.databaseFloor.queries.at(-1)!;
    return [n(x.participants), n(x.answerRows), s(x.rescore.medianMs), s(x.rescore.nothingChangedMs),
      x.resultSetCreationMs.map(s).join(' / '), `${x.resultSetPeakRssMb} MB`,
      `${n(page.api.requestsPerSecond)}, ${page.api.p50} / ${page.api.p99}`, page.ratio.toFixed(3),
      `${sqlAll.medianMs} ms (${sqlAll.executionMs} ms executing)`];
  }),
));
for (const x of report.postgres) {
  if (x.writes) {
    const w = x.writes;
    out.push('', `PUT …/answers at ${n(x.participants)}, batches of 150 answers over ${w.respondents} respondents, ${w.connections} connections: `
      + `**${n(w.answersPerSecond)} answers/s** (${w.requestsPerSecond.toFixed(1)} requests/s, p50 ${w.p50} ms, p99 ${w.p99} ms, `
      + `${cpu(w)} µs CPU/request, API RSS ${w.peakRssMb} MB), every request changing and rescoring its participant.`);
  }
}
for (const x of report.postgres) {
  out.push('', `At ${n(x.participants)}: the whole period as JSON (pages of 500, one after the other) ${n(x.wholePeriodJson.rows)} rows in `
    + `${n(x.wholePeriodJson.ms)} ms; the API started at ${x.apiStartRssMb} MB RSS.`);
}
if (report.pglite) {
  const p = report.pglite;
  out.push('', `### Embedded PGlite (${n(p.participants)} × 150, no history)`, '', `Dataset ${s(p.loadMs)}; rescorePeriod ${s(p.rescore.medianMs)}.`,
    '', p.reads.some((r) => r.node) ? table(floorHeader, floorRows(p.reads)) : table(readHeader(false), readRows(p.reads, false)));
}
if (report.webhooks) {
  out.push('', `### Webhook deliveries at ${n(report.webhooks.participants)} participants`, '', webhookTable(report.webhooks));
}
console.log(out.join('\n'));
