// Bulk import of bodies from CSV or XLSX: headers in Indonesian or English, all-or-nothing in one
// transaction, every problem reported with its row and column, a dry-run mode.
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bodies, categories } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { Problem } from '../../http/problems.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { searchNameOf } from './search-name.ts';

type Field = 'name' | 'category' | 'email' | 'phone' | 'website' | 'region' | 'ppidName' | 'active';

/** Accepted headers (normalised: lower case, no accents, non-alphanumerics as "_") per field. */
const ALIASES: Record<Field, string[]> = {
  name: ['nama', 'name', 'nama_badan_publik', 'badan_publik', 'nama_bp', 'body', 'body_name', 'public_body', 'nama_instansi', 'instansi'],
  category: ['kategori', 'category', 'kode_kategori', 'kategori_badan_publik', 'category_code', 'kualifikasi', 'jenis_badan_publik'],
  email: ['email', 'e_mail', 'surel', 'email_ppid', 'alamat_email', 'ppid_email'],
  phone: ['telepon', 'phone', 'telpon', 'telp', 'no_telp', 'no_telepon', 'nomor_telepon', 'telephone', 'hp', 'no_hp', 'ppid_phone'],
  website: ['website', 'situs', 'situs_web', 'laman', 'web', 'url', 'alamat_website', 'laman_ppid'],
  region: ['wilayah', 'region', 'daerah', 'kabupaten_kota', 'kab_kota', 'lokasi'],
  ppidName: ['nama_ppid', 'ppid_name', 'ppid', 'pejabat_ppid', 'nama_pejabat_ppid', 'kontak', 'contact'],
  active: ['aktif', 'active', 'status_aktif'],
};
const REQUIRED: Field[] = ['name', 'category'];
const byAlias = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((n) => [n, field as Field])));
const MAX_ERRORS = 500;
const CHUNK = 1000;

export interface ImportError { path: string; row: number | null; column: string | null; message: string }
export interface ImportFile { filename: string; buffer: Buffer }

function normaliseHeader(h: string): string {
  return searchNameOf(h).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function failed(detail: string, errors: ImportError[]): Problem {
  return new Problem('unprocessable', detail, { errors });
}

const fileError = (message: string, row: number | null = null) => failed(message, [{ path: row === null ? 'file' : `rows[${row}]`, row, column: null, message }]);

interface Sheet { format: 'csv' | 'xlsx'; header: { row: number; cells: string[] }; rows: { row: number; cells: string[] }[] }

// ─── Reading the file ───────────────────────────────────────────────────────────────────────────

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
    throw fileError(`The file is not valid UTF-8 text (first bad character on line ${line}); save it as "CSV UTF-8" or as XLSX`, line);
  }
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

function readCsv(buffer: Buffer): Sheet {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw fileError('The file is empty');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text), bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true,
    }) as never;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? null;
      throw fileError(`The CSV cannot be read${line ? ` at line ${line}` : ''}: ${err.message}`, line);
    }
    throw err;
  }
  const rows = records.map((r) => ({ row: r.info.lines, cells: r.record })).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0) throw fileError('The file is empty');
  const [header, ...data] = rows;
  return { format: 'csv', header, rows: data };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('hyperlink' in value && typeof value.hyperlink === 'string') return value.hyperlink;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
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
    throw fileError('The file looks like a ZIP archive but is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw fileError('The file is empty');
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) throw fileError('The file is empty');
  const [header, ...data] = rows;
  return { format: 'xlsx', header, rows: data };
}

async function readSheet(file: ImportFile): Promise<Sheet> {
  const b = file.buffer;
  if (b.length === 0) throw fileError('The file is empty');
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return readXlsx(b);
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new Problem('unsupported_media_type', 'Old Excel (.xls) files are not supported; save the sheet as .xlsx or as CSV UTF-8');
  }
  if (/\.xlsx$/i.test(file.filename)) throw fileError('The file is named .xlsx but is not an XLSX workbook');
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') throw new Problem('unsupported_media_type', 'Send a CSV or XLSX file, not a PDF');
  return readCsv(b);
}

// ─── Checking the rows ──────────────────────────────────────────────────────────────────────────

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-. /]*$/;
const YES = new Set(['ya', 'yes', 'y', 'true', '1', 'aktif', 'active']);
const NO = new Set(['tidak', 'no', 'n', 'false', '0', 'nonaktif', 'non_aktif', 'tidak_aktif', 'inactive']);

function websiteOf(raw: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.') || /\s/.test(raw)) return null;
    return withScheme;
  } catch {
    return null;
  }
}

export interface ImportedBody {
  row: number; name: string; searchName: string; categoryId: string;
  email: string | null; phone: string | null; website: string | null; region: string | null; ppidName: string | null; active: boolean;
}

export async function importBodies(db: Db, c: RequestContext, file: ImportFile, options: { dryRun: boolean }) {
  const sheet = await readSheet(file);
  const errors: ImportError[] = [];
  const add = (row: number | null, column: string | null, field: string | null, message: string) => {
    errors.push({ path: row === null ? `header${column ? `.${column}` : ''}` : `rows[${row}]${field ? `.${field}` : ''}`, row, column, message });
  };

  // header → field
  const columnOf = new Map<Field, { index: number; header: string }>();
  const columns: Record<string, string> = {};
  sheet.header.cells.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '') return;
    const field = byAlias.get(normaliseHeader(header));
    if (!field) {
      add(sheet.header.row, header, null, `unknown column "${header}"; expected ${Object.values(ALIASES).map((a) => a[0]).join(', ')} (or their English names: ${Object.values(ALIASES).map((a) => a[1]).join(', ')})`);
      return;
    }
    const first = columnOf.get(field);
    if (first) add(sheet.header.row, header, null, `column "${header}" and column "${first.header}" are both ${field}`);
    else columnOf.set(field, { index, header });
    columns[header] = field;
  });
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) add(sheet.header.row, null, null, `the required column ${ALIASES[field][0]} (${ALIASES[field][1]}) is missing`);
  }
  if (errors.length > 0) throw failed(`The header row is not valid: ${errors.map((e) => e.message).join('; ')}`, errors);
  if (sheet.rows.length === 0) throw fileError('The file has a header but no rows');

  const cats = await db.select().from(categories).where(eq(categories.commissionId, c.commissionId));
  const categoryByKey = new Map<string, string>();
  for (const cat of cats) {
    categoryByKey.set(searchNameOf(cat.name), cat.id);
    categoryByKey.set(cat.code.toLowerCase(), cat.id);
  }

  const seen = new Map<string, number>();
  const parsed: ImportedBody[] = [];
  for (const { row, cells } of sheet.rows) {
    const get = (field: Field) => {
      const col = columnOf.get(field);
      return col ? (cells[col.index] ?? '').trim() : '';
    };
    const colName = (field: Field) => columnOf.get(field)?.header ?? null;
    const problem = (field: Field, message: string) => add(row, colName(field), field, message);
    const extra = cells.findIndex((v, i) => i >= sheet.header.cells.length && v !== '');
    if (extra >= 0) add(row, null, null, `has a value in column ${extra + 1}, which has no header`);

    const name = get('name').replace(/\s+/g, ' ');
    const searchName = searchNameOf(name);
    if (name === '') problem('name', 'is empty');
    else if (name.length > 300) problem('name', 'is longer than 300 characters');
    else {
      const dup = seen.get(searchName);
      if (dup !== undefined) problem('name', `duplicates row ${dup}`);
      else seen.set(searchName, row);
    }
    const categoryRaw = get('category');
    const categoryId = categoryRaw === '' ? undefined : categoryByKey.get(categoryRaw.toLowerCase()) ?? categoryByKey.get(searchNameOf(categoryRaw));
    if (categoryRaw === '') problem('category', 'is empty');
    else if (!categoryId) problem('category', `unknown category "${categoryRaw}"; use a code or name of ${cats.map((k) => k.code).join(', ') || '(no categories yet: create them first)'}`);

    const email = get('email').toLowerCase();
    if (email !== '' && !EMAIL.test(email)) problem('email', `"${email}" is not an email address`);
    const phone = get('phone');
    if (phone !== '' && (!PHONE.test(phone) || phone.length > 50)) problem('phone', `"${phone}" is not a phone number (digits, spaces, + ( ) - . /)`);
    const websiteRaw = get('website');
    const website = websiteRaw === '' ? null : websiteOf(websiteRaw);
    if (websiteRaw !== '' && website === null) problem('website', `"${websiteRaw}" is not a web address`);
    const region = get('region');
    if (region.length > 200) problem('region', 'is longer than 200 characters');
    const ppidName = get('ppidName');
    if (ppidName.length > 200) problem('ppidName', 'is longer than 200 characters');
    const activeRaw = normaliseHeader(get('active'));
    let active = true;
    if (activeRaw !== '') {
      if (YES.has(activeRaw)) active = true;
      else if (NO.has(activeRaw)) active = false;
      else problem('active', `"${get('active')}" is not ya/tidak (yes/no)`);
    }
    parsed.push({
      row, name, searchName, categoryId: categoryId ?? '', email: email || null, phone: phone || null, website,
      region: region || null, ppidName: ppidName || null, active,
    });
    if (errors.length >= MAX_ERRORS) break;
  }

  // against the bodies that already exist
  const names = parsed.map((p) => p.searchName).filter((n) => n !== '');
  for (let i = 0; i < names.length; i += CHUNK) {
    const existing = await db.select({ searchName: bodies.searchName, name: bodies.name }).from(bodies)
      .where(and(eq(bodies.commissionId, c.commissionId), inArray(bodies.searchName, names.slice(i, i + CHUNK))));
    const have = new Map(existing.map((e) => [e.searchName, e.name]));
    for (const p of parsed) {
      const clash = have.get(p.searchName);
      if (clash !== undefined) add(p.row, columnOf.get('name')?.header ?? null, 'name', `a body named "${clash}" already exists`);
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const shown = errors.slice(0, MAX_ERRORS);
    throw failed(`${errors.length >= MAX_ERRORS ? `At least ${MAX_ERRORS}` : errors.length} problem${errors.length === 1 ? '' : 's'} in the file; nothing was imported`, shown);
  }

  const result = { dryRun: options.dryRun, format: sheet.format, rows: parsed.length, columns };
  if (options.dryRun) {
    return { ...result, created: 0, bodies: parsed.map((p) => ({ row: p.row, id: null, name: p.name, categoryId: p.categoryId })) };
  }
  return db.transaction(async (tx) => {
    const created: { row: number; id: string; name: string; categoryId: string }[] = [];
    for (let i = 0; i < parsed.length; i += CHUNK) {
      const chunk = parsed.slice(i, i + CHUNK);
      const rows = await tx.insert(bodies).values(chunk.map((p) => ({
        commissionId: c.commissionId, categoryId: p.categoryId, name: p.name, searchName: p.searchName,
        email: p.email, phone: p.phone, website: p.website, region: p.region, ppidName: p.ppidName, active: p.active,
      }))).returning({ id: bodies.id, searchName: bodies.searchName });
      const idOf = new Map(rows.map((r) => [r.searchName, r.id]));
      for (const p of chunk) created.push({ row: p.row, id: idOf.get(p.searchName) ?? '', name: p.name, categoryId: p.categoryId });
    }
    await recordAudit(tx, c, {
      action: 'body.import', entityType: 'body', entityId: null,
      after: { filename: file.filename, format: sheet.format, count: created.length, bodyIds: created.map((b) => b.id) },
    });
    return { ...result, created: created.length, bodies: created };
  });
}
