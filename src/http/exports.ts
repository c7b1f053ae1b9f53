// Exports by content negotiation (docs/api.md): list endpoints answer JSON by default, CSV for
// `Accept: text/csv` and XLSX for the spreadsheet media type (or `?format=csv|xlsx|json`, handy for a
// plain download link). Headers and labels are Indonesian; numbers are written as numbers.
import { PassThrough } from 'node:stream';
import { LRUCache } from 'lru-cache';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { must } from '../must.ts';
import { Problem } from './problems.ts';
import { t } from '../i18n/message.ts';

export const MEDIA = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof MEDIA;

/** The `?format=` query parameter every exporting route accepts. */
export const FormatQuery = {
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], {
    description: 'overrides the Accept header: json, csv or xlsx (useful for a plain download link)',
  })),
};

export interface MediaRange { type: string; subtype: string; q: number; order: number }

export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...params] = part.trim().split(';').map((s) => s.trim());
    if (!range) return;
    const [type, subtype = '*'] = range.toLowerCase().split('/');
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type: must(type, 'the first part of a split'), subtype, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

export function matches(range: MediaRange, media: string): boolean {
  const [type, subtype] = media.split('/');
  return (range.type === '*' || range.type === type) && (range.subtype === '*' || range.subtype === subtype);
}

/**
 * The format the client asked for: `?format=` wins, then the Accept header by quality (ties keep the
 * client's order, and a wildcard prefers JSON). No Accept header → JSON. Nothing acceptable → 406.
 */
export function negotiate(request: FastifyRequest): ExportFormat {
  const query = request.query as { format?: ExportFormat } | undefined;
  if (query?.format) return query.format;
  const header = request.headers.accept;
  if (!header || header.trim() === '') return 'json';
  for (const range of parseAccept(header)) {
    if (range.q === 0) continue;
    // JSON first so that */* and application/* mean JSON
    for (const format of ['json', 'csv', 'xlsx'] as const) if (matches(range, MEDIA[format])) return format;
  }
  throw new Problem('not_acceptable', t`This resource is available as ${Object.values(MEDIA).join(', ')}`);
}

/** negotiate(), and `Vary: Accept` on every answer of the route (304s and errors included) for caches. */
export function exportFormat(request: FastifyRequest, reply: FastifyReply): ExportFormat {
  reply.header('vary', 'Accept');
  return negotiate(request);
}

/**
 * Response schemas of an exporting route: the JSON body plus the CSV and XLSX alternatives, so that
 * OpenAPI documents all three media types; problem bodies for errors; 304 when an ETag is honoured.
 */
export function exportResponses(json: TSchema, options: { notModified?: boolean; description?: string } = {}) {
  const problem = Type.Unsafe<Record<string, unknown>>({ $ref: 'Problem#' });
  return {
    200: {
      description: options.description ?? 'JSON by default; CSV or XLSX by Accept (or ?format=)',
      content: {
        [MEDIA.json]: { schema: json },
        [MEDIA.csv]: { schema: Type.String({ description: 'CSV (RFC 4180, UTF-8) with Indonesian headers' }) },
        [MEDIA.xlsx]: { schema: Type.String({ format: 'binary', description: 'an Excel workbook with Indonesian headers' }) },
      },
    },
    ...(options.notModified ? { 304: Type.Null({ description: 'not modified: the If-None-Match ETag is current' }) } : {}),
    '4xx': problem,
    '5xx': problem,
  };
}

export type CellValue = string | number | boolean | null;

export interface Column<T> {
  /** the Indonesian column header */
  header: string;
  /** `score`: a 2-decimal number; `number`/`integer`: numbers; `text`: anything else */
  kind: 'text' | 'score' | 'number' | 'integer';
  value: (row: T) => CellValue;
  /** XLSX column width in characters */
  width?: number;
}

export interface Table<T> {
  /** the file name without extension, ASCII */
  filename: string;
  /** the worksheet name (at most 31 characters) */
  sheet: string;
  columns: Column<T>[];
  rows: T[];
  /** extra key/value lines for an "Info" worksheet in XLSX (period, decree, generated at ...) */
  info?: [string, CellValue][];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Spreadsheets run cells that start with =, +, -, @ as formulas: keep text text (OWASP CSV injection). */
function safeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as it was before `safeText` guarded it: an import reading back a file we exported. */
export function unguarded(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function csvCell<T>(column: Column<T>, row: T): string {
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (typeof value === 'number') return column.kind === 'score' ? value.toFixed(2) : String(value);
  return column.kind === 'text' ? safeText(value) : value;
}

export function toCsv<T>(table: Table<T>): string {
  const records = table.rows.map((row) => table.columns.map((column) => csvCell(column, row)));
  return stringify([table.columns.map((c) => c.header), ...records], { record_delimiter: 'windows' });
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

export async function toXlsx<T>(table: Table<T>): Promise<Buffer> {
  // loaded on first use: the library is large (≈ 27 MB resident) and most requests never need it
  const { default: Excel } = await import('exceljs');
  // written as a stream, row by row: a workbook built in memory holds an object per cell (a recap of
  // 20,000 participants took more than 200 MB of heap that way); only the file's bytes are collected
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  // the zip is piped into the stream and ends it: every byte has been collected once it has ended
  const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'kip-monev';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.sheet.replace(SHEET_NAME_FORBIDDEN, ' ').slice(0, 31) || 'Data', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column, i) => ({
    header: column.header,
    key: `c${i}`,
    width: column.width ?? Math.min(Math.max(column.header.length + 2, column.kind === 'text' ? 16 : 10), 60),
    style: column.kind === 'score' ? { numFmt: '0.00' } : column.kind === 'integer' ? { numFmt: '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for (const row of table.rows) {
    sheet.addRow(table.columns.map((column) => {
      const value = column.value(row);
      if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
      return value ?? null;
    })).commit();
  }
  sheet.commit();
  if (table.info && table.info.length > 0) {
    const info = workbook.addWorksheet('Info');
    info.columns = [{ header: 'Keterangan', key: 'k', width: 28 }, { header: 'Nilai', key: 'v', width: 60 }];
    info.getRow(1).font = { bold: true };
    for (const [key, value] of table.info) info.addRow([key, typeof value === 'boolean' ? (value ? 'Ya' : 'Tidak') : value]).commit();
    info.commit();
  }
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Sends `json` (a plain body) or the table as CSV/XLSX, whichever `format` says. The file name is
 * offered through Content-Disposition so that a browser download gets a sensible name.
 */
/**
 * Rendered bodies of cacheable reads (rankings pages and exports), by a key that names the state
 * they show (the caller's ETag and the resource): rendered once per state, then served as bytes.
 */
const rendered = new LRUCache<string, Rendered>({ maxSize: 64 * 2 ** 20, sizeCalculation: (r) => Math.max(1, r.body.length) });

// bytes, not strings: a string would be measured and encoded again on every send
interface Rendered { type: string; disposition: string | null; body: Buffer }

async function render<T>(reply: FastifyReply, format: ExportFormat, json: () => unknown, table: () => Table<T> | Promise<Table<T>>): Promise<Rendered> {
  // the route's response schema serialises JSON, exactly as a plain send() would
  if (format === 'json') {
    const serialize = reply.getSerializationFunction(String(reply.statusCode), MEDIA.json) ?? JSON.stringify;
    return { type: MEDIA.json, disposition: null, body: Buffer.from(serialize(await json())) };
  }
  const t = await table();
  const disposition = `attachment; filename="${t.filename.replace(/[^\w.-]+/g, '-')}.${format}"`;
  if (format === 'csv') return { type: `${MEDIA.csv}; charset=utf-8; header=present`, disposition, body: Buffer.from(toCsv(t)) };
  return { type: MEDIA.xlsx, disposition, body: await toXlsx(t) };
}

/** Sends the JSON body or the table in the negotiated format; with a cache key, renders it once per key. */
export async function sendExport<T>(reply: FastifyReply, format: ExportFormat, json: () => unknown, table: () => Table<T> | Promise<Table<T>>, cacheKey?: string) {
  let out = cacheKey === undefined ? undefined : rendered.get(`${format}:${cacheKey}`);
  if (!out) {
    out = await render(reply, format, json, table);
    if (cacheKey !== undefined) rendered.set(`${format}:${cacheKey}`, out);
  }
  if (out.disposition) reply.header('content-disposition', out.disposition);
  return reply.type(out.type).send(out.body);
}
