// What one spreadsheet zip bomb costs the process that reads it (issue 20, item 2): the workbook of
// the issue — 10 rows, each one 20 MB string, ≈ 0.2 MB zipped — read through `readSheet`, timing it,
// the longest stall of the event loop meanwhile and the process's peak RSS.
//
//   npx tsx bench/spreadsheet-bomb.ts [--rows 10] [--mb 20]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config.ts';
import { readSheet } from '../src/http/spreadsheet-read.ts';

const { values: args } = parseArgs({ options: {
  rows: { type: 'string', default: '10' }, mb: { type: 'string', default: '20' }, make: { type: 'string' },
} });

if (args.make) {
  // writing the bomb costs memory too: done in a process of its own, so the reading one starts clean
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('bom');
  sheet.addRow(['nama', 'kategori']);
  // distinct strings, so that the shared-strings table keeps every one
  for (let i = 0; i < Number(args.rows); i++) sheet.addRow([String.fromCharCode(97 + (i % 26)).repeat(Number(args.mb) * 1_000_000), 'x']);
  fs.writeFileSync(args.make, Buffer.from(await workbook.xlsx.writeBuffer()));
  process.exit(0);
}
const file = path.join(os.tmpdir(), `kip-bomb-${args.rows}x${args.mb}mb.xlsx`);
if (!fs.existsSync(file)) {
  execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, '--rows', args.rows, '--mb', args.mb, '--make', file], { stdio: 'inherit' });
}
const buffer = fs.readFileSync(file);
const rssBefore = process.memoryUsage().rss;

let stall = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  stall = Math.max(stall, now - last - 10);
  last = now;
}, 10);
let peak = rssBefore;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);

const start = performance.now();
let outcome: string;
try {
  const read = await readSheet({ filename: 'bomb.xlsx', buffer }, loadConfig().spreadsheet);
  outcome = `read ${read.rows.length} rows`;
} catch (err) {
  const e = err as { status?: number; message: string };
  outcome = `refused ${e.status ?? ''} ${e.message}`;
}
const ms = performance.now() - start;
clearInterval(timer);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
console.log(JSON.stringify({
  file: `${(buffer.length / 1_048_576).toFixed(2)} MB`, outcome, ms: Math.round(ms), longestStallMs: Math.round(stall),
  rssBefore: mb(rssBefore), rssPeak: mb(peak), rssGrowth: mb(peak - rssBefore),
}));
