// A table as an XLSX workbook that prints well (docs/api.md "Spreadsheets"): A4 landscape, all columns
// on one page width, the header row repeated on every printed page and frozen on screen, columns as
// wide as their header and values, a title block naming what the sheet shows, and an "Info" sheet.
import { PassThrough } from 'node:stream';
import type { CellValue, Column, Table } from './exports.ts';

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\']/g;

/** Column widths, in characters of the default font: never narrower than a score, never wider than this. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/**
 * A header longer than this wraps (its row grows) instead of widening its column: a recap has one
 * column per indicator, headed by the indicator's name, over short numbers.
 */
const HEADER_LINE = 18;
/** points per line of the default 11 pt font, as Excel and LibreOffice lay out a row */
const LINE_HEIGHT = 15;

/** How every sheet prints (exceljs pageSetup). */
const PAGE = {
  paperSize: 9, // A4
  orientation: 'landscape',
  // every column on one page width, as many pages down as the rows need
  fitToPage: true, fitToWidth: 1, fitToHeight: 0,
  // inches: narrow sides (the width is what gets scaled), room for the page number at the bottom
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  horizontalCentered: true,
} as const;
const FOOTER = { oddFooter: '&L&8kip-monev&R&8Halaman &P dari &N' };

/** The text a cell shows, for measuring it: scores with their 2 decimals, booleans as Ya/Tidak. */
function shown<T>(column: Column<T>, value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (typeof value === 'number') return column.kind === 'score' ? value.toFixed(2) : String(value);
  return value;
}

/** a cell of several lines is as wide as its longest line */
const longestLine = (text: string) => text.split('\n').reduce((a, line) => Math.max(a, line.length), 0);
const longestWord = (text: string) => text.split(/\s+/).reduce((a, word) => Math.max(a, word.length), 0);

/**
 * A column's width: its longest value, its header up to HEADER_LINE characters (longer headers wrap,
 * but never inside a word), 2 characters of padding, within MIN_WIDTH…MAX_WIDTH.
 */
export function columnWidth<T>(column: Column<T>, rows: readonly T[]): number {
  let widest = Math.max(longestWord(column.header), Math.min(column.header.length, HEADER_LINE));
  for (const row of rows) widest = Math.max(widest, longestLine(shown(column, column.value(row))));
  return Math.min(Math.max(widest + 2, MIN_WIDTH), MAX_WIDTH);
}

/** How many lines a text takes in a column `width` characters wide, wrapping at spaces (a long word gets lines of its own). */
export function linesIn(text: string, width: number): number {
  const room = Math.max(width - 2, 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= room) used = need;
      else {
        lines += used === 0 ? Math.ceil(word.length / room) - 1 : Math.ceil(word.length / room);
        used = word.length % room || room;
      }
    }
  }
  return lines;
}

/** The columns of the table the XLSX shows: the ones marked csvOnly are for programs reading the CSV. */
export const sheetColumns = <T>(table: Table<T>): Column<T>[] => table.columns.filter((c) => !c.csvOnly);

export async function toXlsx<T>(table: Table<T>): Promise<Buffer> {
  // loaded on first use: the library is large (≈ 27 MB resident) and most requests never need it
  const { default: Excel } = await import('exceljs');
  // written as a stream, row by row: a workbook built in memory holds an object per cell (a recap of
  // 20,000 participants took more than 200 MB of heap that way); only the file's bytes are collected.
  // The streaming writer writes the page setup and the print titles too (the workbook's defined
  // names are made from each sheet's pageSetup when the workbook is committed).
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  // the zip is piped into the stream and ends it: every byte has been collected once it has ended
  const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'kip-monev';
  workbook.created = new Date();

  const columns = sheetColumns(table);
  const title = table.title ?? [];
  // the title lines, an empty line, then the header row
  const headerRow = title.length > 0 ? title.length + 2 : 1;
  const sheet = workbook.addWorksheet(table.sheet.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, 31) || 'Data', {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { ...PAGE, printTitlesRow: `${headerRow}:${headerRow}` },
    headerFooter: FOOTER,
  });
  const widths = columns.map((column) => columnWidth(column, table.rows));
  // text wider than its column (a long body name) wraps rather than being cut at the next cell
  const wraps = columns.map((column, i) => column.kind === 'text' && widths[i] === MAX_WIDTH);
  sheet.columns = columns.map((column, i) => ({
    key: `c${i}`,
    width: widths[i],
    // top-aligned: a row grown by a wrapped name keeps its rank and score on the name's first line
    style: {
      alignment: { vertical: 'top', ...(wraps[i] ? { wrapText: true } : {}) },
      ...(column.kind === 'score' ? { numFmt: '0.00' } : column.kind === 'integer' ? { numFmt: '0' } : {}),
    },
  }));

  // the title block: what, whose, which version; each line across the table's width
  title.forEach((line, i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = line;
    row.getCell(1).style = { font: i === 0 ? { bold: true, size: 14 } : { size: 11 }, alignment: { vertical: 'middle' } };
    if (i === 0) row.height = 20;
    if (columns.length > 1) sheet.mergeCells(i + 1, 1, i + 1, columns.length);
    row.commit();
  });

  const header = sheet.getRow(headerRow);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.style = {
      font: { bold: true },
      alignment: { vertical: 'middle', horizontal: column.kind === 'text' ? 'left' : 'center', wrapText: true },
      border: { bottom: { style: 'thin' } },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } },
    };
  });
  // a wrapped header needs its row to grow: Excel does not measure it when it opens the file
  header.height = LINE_HEIGHT * Math.max(...columns.map((c, i) => linesIn(c.header, widths[i] ?? MIN_WIDTH)), 1);
  header.commit();
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };

  for (const row of table.rows) {
    const values = columns.map((column) => {
      const value = column.value(row);
      if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
      return value ?? null;
    });
    const added = sheet.addRow(values);
    // the height of its wrapped lines, set here: Excel does not measure a row when it opens a file
    const lines = Math.max(1, ...values.map((v, i) => (wraps[i] && typeof v === 'string' ? linesIn(v, widths[i] ?? MAX_WIDTH) : 1)));
    if (lines > 1) added.height = LINE_HEIGHT * lines;
    added.commit();
  }
  sheet.commit();

  if (table.info && table.info.length > 0) {
    // printed as the table is, after it
    const info = workbook.addWorksheet('Info', { pageSetup: { ...PAGE, printTitlesRow: '1:1' }, headerFooter: FOOTER });
    info.columns = [{ header: 'Keterangan', key: 'k', width: 28 }, { header: 'Nilai', key: 'v', width: 60 }];
    info.getRow(1).font = { bold: true };
    for (const [key, value] of table.info) info.addRow([key, typeof value === 'boolean' ? (value ? 'Ya' : 'Tidak') : value]).commit();
    info.commit();
  }
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
