// A child process that parses one uploaded spreadsheet and exits: spreadsheet-read.ts starts one per
// file, with a heap limit, so that a file built to exhaust memory or the CPU costs this process only.
import type { SheetLimits } from '../config.ts';
import { LANGS, type Lang, type Message } from '../i18n/message.ts';
import { Problem } from './problems.ts';
import { parseSheet } from './spreadsheet-parse.ts';

export interface WorkerTask { filename: string; bytes: Uint8Array; limits: SheetLimits }
/** A message crosses the IPC channel rendered in every language: a class instance would arrive as a bare object. */
export type WireText = Record<Lang, string>;
export type WorkerAnswer =
  | { ok: true; sheet: Awaited<ReturnType<typeof parseSheet>> }
  | { ok: false; code: Problem['code']; detail: WireText; errors?: (Omit<NonNullable<Problem['errors']>[number], 'message'> & { message: WireText })[]; extra: Record<string, unknown> };

const wire = (m: Message): WireText => Object.fromEntries(LANGS.map((lang) => [lang, m.in(lang)])) as WireText;

process.once('message', (task: WorkerTask) => {
  void (async () => {
    // the IPC channel's structured clone hands over a Uint8Array: the parsers want a Buffer over it
    const buffer = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    let answer: WorkerAnswer;
    try {
      answer = { ok: true, sheet: await parseSheet({ filename: task.filename, buffer }, task.limits) };
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      answer = { ok: false, code: err.code, detail: wire(err.detail), errors: err.errors?.map((e) => ({ ...e, message: wire(e.message) })), extra: err.extra };
    }
    process.send?.(answer, () => process.disconnect());
  })();
});
