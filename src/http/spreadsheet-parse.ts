// Parsing one spreadsheet (CSV in UTF-8 or UTF-16, or the first non-empty sheet of an XLSX
// workbook) into rows of text cells, within the limits of SheetLimits. It runs in a worker thread
// (spreadsheet-worker.ts, started by spreadsheet-read.ts): parsing is CPU- and memory-hungry and an
// XLSX can be built to make it so, which must cost that worker, not the API's event loop or heap.
// The limits are checked as early as the format allows: an XLSX's unpacked size before it is
// parsed (zip-limits.ts), rows, columns and cell lengths on the rows read.
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { SheetLimits } from '../config.ts';
import { joined, t, type Message } from '../i18n/message.ts';
import { Problem } from './problems.ts';
import { checkUnpackedSize } from './zip-limits.ts';

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

async function readXlsx(buffer: Buffer, limits: SheetLimits): Promise<Sheet> {
  await checkUnpackedSize(buffer, limits.maxUnpackedBytes);
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
  // before every cell is turned into text: the header and maxRows data rows, at most
  if (sheet.actualRowCount > limits.maxRows + 1) throw tooManyRows(limits.maxRows, sheet.actualRowCount - 1);
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

/** Whether the bytes start like a ZIP archive (an XLSX is one). */
export const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The sheet in `file`, or a Problem: 413 past the unpacked size, 422 past the other limits or for an unreadable file, 415 for a format it is not. */
export async function parseSheet(file: ImportFile, limits: SheetLimits): Promise<Sheet> {
  const b = file.buffer;
  if (b.length === 0) throw fileError(t`The file is empty`);
  if (isZip(b)) return withinLimits(await readXlsx(b, limits), limits);
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new Problem('unsupported_media_type', t`Old Excel (.xls) files are not supported; save the sheet as .xlsx or as CSV UTF-8`);
  }
  if (/\.xlsx$/i.test(file.filename)) throw fileError(t`The file is named .xlsx but is not an XLSX workbook`);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') throw new Problem('unsupported_media_type', t`Send a CSV or XLSX file, not a PDF`);
  return withinLimits(readCsv(b), limits);
}

/** A 422 for a limit past which the sheet is refused: the limit's variable and value are in the body too. */
function overLimit(detail: Message, errors: ImportError[], limit: string, max: number): Problem {
  return new Problem('unprocessable', detail, { errors, extra: { limit, max } });
}

const tooManyRows = (maxRows: number, rows: number) => overLimit(t`The sheet has ${rows} data rows; the limit is ${maxRows} (IMPORT_MAX_ROWS): split the file`,
  [{ path: 'file', row: null, column: null, message: t`more than ${maxRows} rows` }], 'IMPORT_MAX_ROWS', maxRows);

/** A spreadsheet's name for a column: A, B, … Z, AA, … */
function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Refuses a sheet with more rows or columns than the limits, or a cell longer than they allow (each one named, up to 100). */
function withinLimits(sheet: Sheet, limits: SheetLimits): Sheet {
  if (sheet.rows.length > limits.maxRows) throw tooManyRows(limits.maxRows, sheet.rows.length);
  const columnName = (index: number) => sheet.header.cells[index] || `column ${columnLetter(index)}`;
  const wide = [sheet.header, ...sheet.rows].find((r) => r.cells.length > limits.maxColumns);
  if (wide) {
    throw overLimit(t`Row ${wide.row} has ${wide.cells.length} columns; the limit is ${limits.maxColumns} (IMPORT_MAX_COLUMNS)`,
      [{ path: `rows[${wide.row}]`, row: wide.row, column: columnName(limits.maxColumns), message: t`more than ${limits.maxColumns} columns` }],
      'IMPORT_MAX_COLUMNS', limits.maxColumns);
  }
  const errors: ImportError[] = [];
  for (const r of [sheet.header, ...sheet.rows]) {
    r.cells.forEach((cell, i) => {
      if (cell.length > limits.maxCellChars && errors.length < 100) {
        errors.push({ path: `rows[${r.row}]`, row: r.row, column: columnName(i).slice(0, 100), message: t`${cell.length} characters; the limit is ${limits.maxCellChars}` });
      }
    });
  }
  if (errors.length > 0) {
    const max = limits.maxCellChars;
    const detail = errors.length === 100 ? t`At least 100 cells hold more than ${max} characters, the limit (IMPORT_MAX_CELL_CHARS)`
      : errors.length === 1 ? t`A cell holds more than ${max} characters, the limit (IMPORT_MAX_CELL_CHARS)`
        : t`${errors.length} cells hold more than ${max} characters, the limit (IMPORT_MAX_CELL_CHARS)`;
    throw overLimit(detail, errors, 'IMPORT_MAX_CELL_CHARS', max);
  }
  return sheet;
}

