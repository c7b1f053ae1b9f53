// Reading an uploaded spreadsheet (CSV in UTF-8 or UTF-16, or the first sheet of an XLSX workbook)
// into rows of text cells: the one reader every import uses (bodies, answers, bulk answers), so
// that limits on what a file may unpack to are enforced in one place. Needs no database: the
// routes run it in a preHandler, before their unit of work opens a transaction.
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Problem } from './problems.ts';
import { uploaded, uploadFirst } from './uploads.ts';
import { joined, t, type Message } from '../i18n/message.ts';

/** One problem of an import: `row` as a spreadsheet numbers it (the header is row 1), `column` its header as written. */
export interface ImportError { path: string; row: number | null; column: string | null; message: Message }
export interface ImportFile { filename: string; buffer: Buffer }
export interface Sheet { format: 'csv' | 'xlsx'; header: { row: number; cells: string[] }; rows: { row: number; cells: string[] }[] }

export function failed(detail: Message, errors: ImportError[]): Problem {
  return new Problem('unprocessable', detail, { errors });
}

/** The detail of a refused import: how many problems, at most `max` of them listed. */
export function problemsInFile(count: number, max: number): Message {
  if (count >= max) return t`At least ${max} problems in the file; nothing was imported`;
  return count === 1 ? t`1 problem in the file; nothing was imported` : t`${count} problems in the file; nothing was imported`;
}

/** The detail of a header row with problems: each of them, in order. */
export const badHeader = (errors: readonly ImportError[]): Message => t`The header row is not valid: ${joined(errors.map((e) => e.message))}`;

export const fileError = (message: Message, row: number | null = null) => failed(message, [{ path: row === null ? 'file' : `rows[${row}]`, row, column: null, message }]);

function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(buffer);
  } catch {
    // name the first line that is not UTF-8, so the user can find the character
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buffer.length; i++) {
      if (i === buffer.length || buffer[i] === 0x0a) {
        try {
          decoder.decode(buffer.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw fileError(t`The file is not valid UTF-8 text (first bad character on line ${line}); save it as "CSV UTF-8" or as XLSX`, line);
  }
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  const [most] = counts.sort((a, b) => b.n - a.n);
  return most && most.n > 0 ? most.d : ',';
}

function readCsv(buffer: Buffer): Sheet {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw fileError(t`The file is empty`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text), bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true,
    }) as never;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw fileError(line ? t`The CSV cannot be read at line ${line}: ${err.message}` : t`The CSV cannot be read: ${err.message}`, line);
    }
    throw err;
  }
  const rows = records.map((r) => ({ row: r.info.lines, cells: r.record })).filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...data] = rows;
  if (!header) throw fileError(t`The file is empty`);
  return { format: 'csv', header, rows: data };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('hyperlink' in value && typeof value.hyperlink === 'string') return value.hyperlink;
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<Sheet> {
  // loaded on first use: the library is large (≈ 27 MB resident) and most processes never need it
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as never);
  } catch {
    throw fileError(t`The file looks like a ZIP archive but is not a readable XLSX workbook`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw fileError(t`The file is empty`);
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  const [header, ...data] = rows;
  if (!header) throw fileError(t`The file is empty`);
  return { format: 'xlsx', header, rows: data };
}

export async function readSheet(file: ImportFile): Promise<Sheet> {
  const b = file.buffer;
  if (b.length === 0) throw fileError(t`The file is empty`);
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return readXlsx(b);
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new Problem('unsupported_media_type', t`Old Excel (.xls) files are not supported; save the sheet as .xlsx or as CSV UTF-8`);
  }
  if (/\.xlsx$/i.test(file.filename)) throw fileError(t`The file is named .xlsx but is not an XLSX workbook`);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') throw new Problem('unsupported_media_type', t`Send a CSV or XLSX file, not a PDF`);
  return readCsv(b);
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
export function sheetFirst(limit: (request: FastifyRequest) => Promise<number> | number): preHandlerAsyncHookHandler[] {
  return [
    uploadFirst(limit, (maxBytes) => t`The file is larger than the import limit of ${maxBytes} bytes (${(maxBytes / 1_048_576).toFixed(1)} MB)`),
    async (request) => {
      const upload = uploaded(request);
      const filename = upload.filename ?? 'upload';
      sheets.set(request, { filename, ...(await readSheet({ filename, buffer: upload.data })) });
    },
  ];
}

/** The sheet `sheetFirst` read (a route without it has none: a programming error). */
export function uploadedSheet(request: FastifyRequest): Sheet & { filename: string } {
  const sheet = sheets.get(request);
  if (!sheet) throw new Error('this route reads no sheet: add preHandler: sheetFirst(...)');
  return sheet;
}
