// Reading an uploaded spreadsheet into rows of text cells: the one reader every import uses (bodies,
// answers, bulk answers), so that the limits on what a file may unpack to and hold (SheetLimits,
// IMPORT_MAX_* in README) are enforced in one place. The parsing (spreadsheet-parse.ts) runs in a
// child process with a heap limit, one per file and two at most at a time: a zip bomb or a sheet of
// millions of cells costs that child, while the event loop goes on answering other requests. A child
// process rather than a worker thread: a worker thread past its heap limit (resourceLimits) can abort
// the whole process on Node 20 (seen here in 3 of 4 tries), a child only itself. Needs no database: the routes run it in a preHandler, before their unit of work opens a transaction.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SheetLimits } from '../config.ts';
import { must } from '../must.ts';
import { t, texts } from '../i18n/message.ts';
import { Problem } from './problems.ts';
import { fileError, isZip, parseSheet, type ImportFile, type Sheet } from './spreadsheet-parse.ts';
import type { WorkerAnswer, WorkerTask } from './spreadsheet-worker.ts';
import { uploaded, uploadFirst } from './uploads.ts';

export { badHeader, failed, fileError, problemsInFile, type ImportError, type ImportFile, type Sheet } from './spreadsheet-parse.ts';

/**
 * The worker's script. The esbuild bundle (npm run build) has it beside dist/main.js as
 * spreadsheet-worker.js. Run from source (tsx, vitest), the TypeScript file beside this one is bundled
 * the same way once per process, into node_modules/.cache (where its packages resolve): through tsx's
 * loader every child would compile its sources again, about 0.5 s a file.
 */
let workerScript: Promise<string> | null = import.meta.url.endsWith('.ts') ? null
  : Promise.resolve(fileURLToPath(new URL('./spreadsheet-worker.js', import.meta.url)));

async function bundleWorker(): Promise<string> {
  const { build } = await import('esbuild');
  const { outputFiles: [bundle] } = await build({
    entryPoints: [fileURLToPath(new URL('./spreadsheet-worker.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', write: false, logLevel: 'warning',
  });
  // named by its content, so that processes share one file and a changed source gets a new one;
  // written under another name first, so that no process ever runs a half-written file
  const contents = must(bundle, 'the bundle').contents;
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const file = path.join(fileURLToPath(new URL('../../node_modules/.cache/kip-monev/', import.meta.url)), `spreadsheet-worker-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.${process.pid}`, contents);
    fs.renameSync(`${file}.${process.pid}`, file);
  }
  return file;
}

function script(): Promise<string> {
  // one bundle for concurrent first calls; a failed one is tried again next time
  return workerScript ??= bundleWorker().catch((err: unknown) => {
    workerScript = null;
    throw err;
  });
}

/** A child that has not answered in this time is killed: the size limits make a legitimate file take seconds. */
const TIME_LIMIT_MS = 60_000;

async function startWorker(maxMemoryMb: number): Promise<ChildProcess> {
  // 'advanced' serialization: the file's bytes go over the IPC channel as bytes, not as JSON
  return fork(await script(), [], { execArgv: [`--max-old-space-size=${maxMemoryMb}`], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/**
 * A text file this small is parsed in this process: quicker than starting a child (0.2 s bundled,
 * 0.5 s through tsx), and csv-parse takes a few milliseconds over it. An XLSX always goes to a child.
 */
const IN_PROCESS_TEXT_BYTES = 256 * 1024;

/** Files parsed at once: each child may take IMPORT_MAX_MEMORY_MB, so many at once would take the machine's memory. */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return;
  }
  // the slot is handed over by `release`, so `running` stays counted
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

const outOfMemory = (maxMemoryMb: number) => new Problem('too_large',
  t`Reading the file needs more than the limit of ${maxMemoryMb} MB of memory (IMPORT_MAX_MEMORY_MB): it holds too many cells or too much text`,
  { extra: { limit: 'IMPORT_MAX_MEMORY_MB', maxMemoryMb } });

async function parseInWorker(file: ImportFile, limits: SheetLimits): Promise<Sheet> {
  const child = await startWorker(limits.maxMemoryMb);
  return new Promise((resolve, reject) => {
    let answered = false;
    // kept for the error of a crash; V8's report of a heap exhausted is expected, and not logged
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => { stderr = (stderr + text).slice(-2000); });
    const timer = setTimeout(() => {
      reject(new Problem('unprocessable', t`Reading the file took longer than ${TIME_LIMIT_MS / 1000} s; it is not a spreadsheet this service reads`));
      answered = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if (answer.ok) resolve(answer.sheet);
      else reject(new Problem(answer.code, texts(answer.detail), { errors: answer.errors?.map((e) => ({ ...e, message: texts(e.message) })), extra: answer.extra }));
    });
    child.once('error', (err) => {
      answered = true;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (answered) return;
      // V8 aborts a process out of heap (SIGABRT, exit code 134)
      if (signal === 'SIGABRT' || code === 134) reject(outOfMemory(limits.maxMemoryMb));
      else reject(new Error(`the spreadsheet worker exited with ${signal ?? `code ${code}`} without an answer: ${stderr}`));
    });
    const task: WorkerTask = { filename: file.filename, bytes: file.buffer, limits };
    child.send(task);
  });
}

/**
 * The sheet in `file` (CSV in UTF-8 or UTF-16, or the first non-empty sheet of an XLSX workbook), or
 * a Problem: 413 past the unpacked size or the memory limit, 422 past the row, column or cell limit
 * (naming it) or for an unreadable file, 415 for a format that is not a spreadsheet.
 */
export async function readSheet(file: ImportFile, limits: SheetLimits): Promise<Sheet> {
  if (file.buffer.length === 0) throw fileError(t`The file is empty`);
  if (!isZip(file.buffer) && file.buffer.length <= IN_PROCESS_TEXT_BYTES) return parseSheet(file, limits);
  await slot();
  try {
    return await parseInWorker(file, limits);
  } finally {
    release();
  }
}

/** A header reduced for matching: lower case, accents dropped, runs of anything else as one "_". */
export function headerKey(header: string): string {
  return header.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Sheets read by `sheetFirst`, for the handler. */
const sheets = new WeakMap<FastifyRequest, Sheet & { filename: string }>();

/**
 * The preHandlers of an import route: read the upload (see `uploadFirst`: `limit` may refuse the
 * caller before a byte is read), then parse it, all before the unit of work opens.
 */
export function sheetFirst(limit: (request: FastifyRequest) => Promise<number> | number, limits: () => SheetLimits): preHandlerAsyncHookHandler[] {
  return [
    uploadFirst(limit, (maxBytes) => t`The file is larger than the import limit of ${maxBytes} bytes (${(maxBytes / 1_048_576).toFixed(1)} MB)`),
    async (request) => {
      const upload = uploaded(request);
      const filename = upload.filename ?? 'upload';
      sheets.set(request, { filename, ...(await readSheet({ filename, buffer: upload.data }, limits())) });
    },
  ];
}

/** The sheet `sheetFirst` read (a route without it has none: a programming error). */
export function uploadedSheet(request: FastifyRequest): Sheet & { filename: string } {
  const sheet = sheets.get(request);
  if (!sheet) throw new Error('this route reads no sheet: add preHandler: sheetFirst(...)');
  return sheet;
}
