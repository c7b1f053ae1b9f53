// Exports by content negotiation (docs/api.md): list endpoints answer JSON by default, CSV for
// `Accept: text/csv` and XLSX for the spreadsheet media type (or `?format=csv|xlsx|json`, handy for a
// plain download link). Headers and labels are Indonesian; numbers are written as numbers.
import { LRUCache } from 'lru-cache';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { must } from '../must.ts';
import { Problem } from './problems.ts';
import { t } from '../i18n/message.ts';
import { toXlsx } from './xlsx-export.ts';

export const MEDIA = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof MEDIA;

/**
 * CSV dialects: RFC 4180 (comma, decimal point), and `id` for spreadsheets set up for Indonesia,
 * whose list separator is the semicolon and decimal separator the comma: opened by double-click,
 * a comma-separated file lands in one column there and 85.50 reads as 8,550.
 */
export const CSV_DIALECTS = ['rfc4180', 'id'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** The `?format=` and `?csvDialect=` query parameters every exporting route accepts. */
export const FormatQuery = {
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], {
    description: 'overrides the Accept header: json, csv or xlsx (useful for a plain download link)',
  })),
  // a plain string, not an enum: an unknown dialect reaches the handler, which answers 406 listing the known ones
  csvDialect: Type.Optional(Type.String({
    minLength: 1, maxLength: 50, examples: ['id'],
    description: 'the CSV dialect, when the answer is CSV; one of: `rfc4180` (the default: comma separator, decimal point, no BOM), '
      + '`id` (for spreadsheets set up for Indonesia: semicolon separator, decimal comma, UTF-8 BOM). Both end lines with CRLF. '
      + 'Any other value → 406 problem+json whose `available` lists these.',
  })),
};

/** The `?csvDialect=` of the request; 406 for an unknown one (even when the answer would not be CSV). */
export function csvDialectOf(request: FastifyRequest): CsvDialect {
  const asked = (request.query as { csvDialect?: string } | undefined)?.csvDialect;
  if (asked === undefined) return 'rfc4180';
  if ((CSV_DIALECTS as readonly string[]).includes(asked)) return asked as CsvDialect;
  throw new Problem('not_acceptable', t`CSV is available in the dialects ${CSV_DIALECTS.join(', ')} (?csvDialect=), not "${asked}"`, {
    extra: { available: [...CSV_DIALECTS] },
  });
}

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
  csvDialectOf(request);
  const query = request.query as { format?: ExportFormat } | undefined;
  if (query?.format) return query.format;
  const header = request.headers.accept;
  if (!header || header.trim() === '') return 'json';
  for (const range of parseAccept(header)) {
    if (range.q === 0) continue;
    // JSON first so that */* and application/* mean JSON
    for (const format of ['json', 'csv', 'xlsx'] as const) if (matches(range, MEDIA[format])) return format;
  }
  throw new Problem('not_acceptable', t`This resource is available as ${Object.values(MEDIA).join(', ')}`, { extra: { available: Object.values(MEDIA) } });
}

/**
 * negotiate() (which checks `?csvDialect=` too), and `Vary: Accept` on every answer of the route (304s
 * and errors included) for caches.
 */
export function exportFormat(request: FastifyRequest, reply: FastifyReply): ExportFormat {
  reply.header('vary', 'Accept');
  return negotiate(request);
}

/**
 * What an answer's bytes depend on besides the data: the format, and the dialect of a CSV. For ETags
 * and caches that are not keyed by the whole query.
 */
export function exportVariant(request: FastifyRequest, format: ExportFormat): string {
  return format === 'csv' ? `csv;${csvDialectOf(request)}` : format;
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
        [MEDIA.csv]: { schema: Type.String({ description: 'CSV (RFC 4180, UTF-8; with ?csvDialect=id semicolons, decimal commas and a BOM) with Indonesian headers' }) },
        [MEDIA.xlsx]: { schema: Type.String({ format: 'binary', description: 'an Excel workbook with Indonesian headers, set up to print on A4 landscape' }) },
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
  /** XLSX column width in characters (templates; an export's widths follow its header and values) */
  width?: number;
  /** only in CSV, for programs that read it: a printed sheet shows one rank column, not three */
  csvOnly?: boolean;
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
  /** the XLSX title block above the header row: a heading, then commission, period, version, decree, date */
  title?: string[];
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

const DECIMAL = /^-?\d+\.\d+$/;

function csvCell<T>(column: Column<T>, row: T, dialect: CsvDialect): string {
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (column.kind === 'text') return typeof value === 'string' ? safeText(value) : String(value);
  const text = typeof value === 'number' ? (column.kind === 'score' ? value.toFixed(2) : String(value)) : value;
  // the decimal string with its point swapped, never through a float: 85.50 stays 85,50
  return dialect === 'id' && DECIMAL.test(text) ? text.replace('.', ',') : text;
}

/** The table as CSV: RFC 4180 (comma), or `id` (semicolon, decimal comma, UTF-8 BOM); CRLF either way. */
export function toCsv<T>(table: Table<T>, dialect: CsvDialect = 'rfc4180'): string {
  const records = table.rows.map((row) => table.columns.map((column) => csvCell(column, row, dialect)));
  const csv = stringify([table.columns.map((c) => c.header), ...records], { record_delimiter: 'windows', delimiter: dialect === 'id' ? ';' : ',' });
  // the BOM is how Excel tells UTF-8 (Kabupaten Pangkajene dan Kepulauan, ‘Dinas …’) from the ANSI code page
  return dialect === 'id' ? `\uFEFF${csv}` : csv;
}

/**
 * Rendered bodies of cacheable reads (rankings pages and exports), by a key that names the state
 * they show (the caller's ETag and the resource): rendered once per state, then served as bytes.
 */
const rendered = new LRUCache<string, Rendered>({ maxSize: 64 * 2 ** 20, sizeCalculation: (r) => Math.max(1, r.body.length) });

// bytes, not strings: a string would be measured and encoded again on every send
interface Rendered { type: string; disposition: string | null; body: Buffer }

/**
 * The route's response serializer for a JSON body at the reply's status: bytes made with it, kept and
 * sent later, are exactly what a plain send() of the value would have written.
 */
export function jsonSerializer(reply: FastifyReply): (body: unknown) => string {
  return reply.getSerializationFunction(String(reply.statusCode), MEDIA.json) ?? JSON.stringify;
}

/**
 * Sends `json` (a plain body) or the table as CSV/XLSX, whichever `format` says. The file name is
 * offered through Content-Disposition so that a browser download gets a sensible name.
 */
async function render<T>(reply: FastifyReply, format: ExportFormat, dialect: CsvDialect, json: () => unknown, table: () => Table<T> | Promise<Table<T>>): Promise<Rendered> {
  if (format === 'json') return { type: MEDIA.json, disposition: null, body: Buffer.from(jsonSerializer(reply)(await json())) };
  const t = await table();
  const disposition = `attachment; filename="${t.filename.replace(/[^\w.-]+/g, '-')}.${format}"`;
  if (format === 'csv') return { type: `${MEDIA.csv}; charset=utf-8; header=present`, disposition, body: Buffer.from(toCsv(t, dialect)) };
  return { type: MEDIA.xlsx, disposition, body: await toXlsx(t) };
}

/** Sends the JSON body or the table in the negotiated format; with a cache key, renders it once per key. */
export async function sendExport<T>(reply: FastifyReply, format: ExportFormat, json: () => unknown, table: () => Table<T> | Promise<Table<T>>, cacheKey?: string) {
  const dialect = csvDialectOf(reply.request);
  const variant = exportVariant(reply.request, format);
  let out = cacheKey === undefined ? undefined : rendered.get(`${variant}:${cacheKey}`);
  if (!out) {
    out = await render(reply, format, dialect, json, table);
    if (cacheKey !== undefined) rendered.set(`${variant}:${cacheKey}`, out);
  }
  if (out.disposition) reply.header('content-disposition', out.disposition);
  return reply.type(out.type).send(out.body);
}
