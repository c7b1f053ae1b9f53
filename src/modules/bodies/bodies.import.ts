// Bulk import of bodies from CSV or XLSX: headers in Indonesian or English, all-or-nothing in one
// transaction, every problem reported with its row and column, a dry-run mode. The file is read and
// parsed before the unit of work opens (`readImport`, in a preHandler), so a large workbook holds no
// database connection while it is parsed; the rows are then checked and written in the work.
import type { SheetLimits } from '../../config.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { bodiesWithSearchNames, commissionCategories, insertBodies } from './bodies.repo.ts';
import { badHeader, failed, fileError, problemsInFile, readSheet, type ImportError, type ImportFile, type Sheet } from '../../http/spreadsheet-read.ts';
import { searchNameOf } from './search-name.ts';
import { t, type Message } from '../../i18n/message.ts';

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
/** rows per statement: an insert of 1000 bodies binds 10 000 parameters, well below PostgreSQL's 65 535 */
const CHUNK = 1000;

type Column = { index: number; header: string };
/** A file read and its header row mapped to fields: everything that needs no database. */
export interface ImportSheet { filename: string; sheet: Sheet; columnOf: Map<Field, Column>; columns: Record<string, string> }

function normaliseHeader(h: string): string {
  return searchNameOf(h).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
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

function collector(errors: ImportError[]) {
  return (row: number | null, column: string | null, field: string | null, message: Message) => {
    errors.push({ path: row === null ? `header${column ? `.${column}` : ''}` : `rows[${row}]${field ? `.${field}` : ''}`, row, column, message });
  };
}

/** Reads the file and its header row (422 or 415 on what is wrong with them), touching no database. */
export async function readImport(file: ImportFile, limits: SheetLimits): Promise<ImportSheet> {
  const sheet = await readSheet(file, limits);
  const errors: ImportError[] = [];
  const add = collector(errors);
  const columnOf = new Map<Field, Column>();
  const columns: Record<string, string> = {};
  sheet.header.cells.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '') return;
    const field = byAlias.get(normaliseHeader(header));
    if (!field) {
      add(sheet.header.row, header, null, t`unknown column "${header}"; expected ${Object.values(ALIASES).map((a) => a[0]).join(', ')} (or their English names: ${Object.values(ALIASES).map((a) => a[1]).join(', ')})`);
      return;
    }
    const first = columnOf.get(field);
    if (first) add(sheet.header.row, header, null, t`column "${header}" and column "${first.header}" are both ${field}`);
    else columnOf.set(field, { index, header });
    columns[header] = field;
  });
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) add(sheet.header.row, null, null, t`the required column ${ALIASES[field][0]} (${ALIASES[field][1]}) is missing`);
  }
  if (errors.length > 0) throw failed(badHeader(errors), errors);
  if (sheet.rows.length === 0) throw fileError(t`The file has a header but no rows`);
  return { filename: file.filename, sheet, columnOf, columns };
}

export async function importBodies(work: Work, file: ImportSheet, options: { dryRun: boolean }) {
  const { tx, ctx: c } = work;
  const { sheet, columnOf, columns } = file;
  const errors: ImportError[] = [];
  const add = collector(errors);
  const cats = await commissionCategories(tx, c.commissionId);
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
    const problem = (field: Field, message: Message) => add(row, colName(field), field, message);
    const extra = cells.findIndex((v, i) => i >= sheet.header.cells.length && v !== '');
    if (extra >= 0) add(row, null, null, t`has a value in column ${extra + 1}, which has no header`);

    const name = get('name').replace(/\s+/g, ' ');
    const searchName = searchNameOf(name);
    if (name === '') problem('name', t`is empty`);
    else if (name.length > 300) problem('name', t`is longer than 300 characters`);
    else {
      const dup = seen.get(searchName);
      if (dup !== undefined) problem('name', t`duplicates row ${dup}`);
      else seen.set(searchName, row);
    }
    const categoryRaw = get('category');
    const categoryId = categoryRaw === '' ? undefined : categoryByKey.get(categoryRaw.toLowerCase()) ?? categoryByKey.get(searchNameOf(categoryRaw));
    if (categoryRaw === '') problem('category', t`is empty`);
    else if (!categoryId) problem('category', cats.length === 0 ? t`unknown category "${categoryRaw}"; there are no categories yet: create them first` : t`unknown category "${categoryRaw}"; use a code or name of ${cats.map((k) => k.code).join(', ')}`);

    const email = get('email').toLowerCase();
    if (email !== '' && !EMAIL.test(email)) problem('email', t`"${email}" is not an email address`);
    const phone = get('phone');
    if (phone !== '' && (!PHONE.test(phone) || phone.length > 50)) problem('phone', t`"${phone}" is not a phone number (digits, spaces, + ( ) - . /)`);
    const websiteRaw = get('website');
    const website = websiteRaw === '' ? null : websiteOf(websiteRaw);
    if (websiteRaw !== '' && website === null) problem('website', t`"${websiteRaw}" is not a web address`);
    const region = get('region');
    if (region.length > 200) problem('region', t`is longer than 200 characters`);
    const ppidName = get('ppidName');
    if (ppidName.length > 200) problem('ppidName', t`is longer than 200 characters`);
    const activeRaw = normaliseHeader(get('active'));
    let active = true;
    if (activeRaw !== '') {
      if (YES.has(activeRaw)) active = true;
      else if (NO.has(activeRaw)) active = false;
      else problem('active', t`"${get('active')}" is not ya/tidak (yes/no)`);
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
    const existing = await bodiesWithSearchNames(tx, c.commissionId, names.slice(i, i + CHUNK));
    const have = new Map(existing.map((e) => [e.searchName, e.name]));
    for (const p of parsed) {
      const clash = have.get(p.searchName);
      if (clash !== undefined) add(p.row, columnOf.get('name')?.header ?? null, 'name', t`a body named "${clash}" already exists`);
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const shown = errors.slice(0, MAX_ERRORS);
    throw failed(problemsInFile(errors.length, MAX_ERRORS), shown);
  }

  const result = { dryRun: options.dryRun, format: sheet.format, rows: parsed.length, columns };
  if (options.dryRun) {
    return { ...result, created: 0, bodies: parsed.map((p) => ({ row: p.row, id: null, name: p.name, categoryId: p.categoryId })) };
  }
  const created: { row: number; id: string; name: string; categoryId: string }[] = [];
  for (let i = 0; i < parsed.length; i += CHUNK) {
    const chunk = parsed.slice(i, i + CHUNK);
    const rows = await insertBodies(tx, chunk.map((p) => ({
      commissionId: c.commissionId, categoryId: p.categoryId, name: p.name, searchName: p.searchName,
      email: p.email, phone: p.phone, website: p.website, region: p.region, ppidName: p.ppidName, active: p.active,
    })));
    const idOf = new Map(rows.map((r) => [r.searchName, r.id]));
    for (const p of chunk) created.push({ row: p.row, id: idOf.get(p.searchName) ?? '', name: p.name, categoryId: p.categoryId });
  }
  await work.audit({
    action: 'body.import', entityType: 'body', entityId: null,
    after: { filename: file.filename, format: sheet.format, count: created.length, bodyIds: created.map((b) => b.id) },
  });
  return { ...result, created: created.length, bodies: created };
}
