// A child process that parses one uploaded spreadsheet and exits: spreadsheet-read.ts starts one per
// file, with a heap limit, so that a file built to exhaust memory or the CPU costs this process only.
import type { SheetLimits } from '../config.ts';
import { Problem } from './problems.ts';
import { parseSheet } from './spreadsheet-parse.ts';

export interface WorkerTask { filename: string; bytes: Uint8Array; limits: SheetLimits }
export type WorkerAnswer =
  | { ok: true; sheet: Awaited<ReturnType<typeof parseSheet>> }
  | { ok: false; code: Problem['code']; detail: string; errors?: Problem['errors']; extra: Record<string, unknown> };

process.once('message', (task: WorkerTask) => {
  void (async () => {
    // the IPC channel's structured clone hands over a Uint8Array: the parsers want a Buffer over it
    const buffer = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    let answer: WorkerAnswer;
    try {
      answer = { ok: true, sheet: await parseSheet({ filename: task.filename, buffer }, task.limits) };
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      answer = { ok: false, code: err.code, detail: err.message, errors: err.errors, extra: err.extra };
    }
    process.send?.(answer, () => process.disconnect());
  })();
});
