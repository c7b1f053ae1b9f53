// Bulk import of bodies: CSV and XLSX, Indonesian and English headers, all-or-nothing with a
// per-row error report, dry run, bad files.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bodies } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { call, client, type Client } from '../helpers/client.ts';

let t: TestApp;
let a: Tenant;
let admin: Client;
let bumd: string;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  bumd = (await admin.post('/categories', { code: 'BUMD', name: 'Badan Usaha Milik Daerah' })).json().id;
});
afterAll(async () => {
  await t?.close();
});

const count = async () => (await t.database.db.select({ id: bodies.id }).from(bodies).where(eq(bodies.commissionId, a.commissionId))).length;
const send = (filename: string, content: Buffer | string, query = '') => admin.upload(`/bodies/import${query}`, filename, content);

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Badan Publik');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing', () => {
  it('imports a semicolon CSV with Indonesian headers, a BOM, quotes, codes and names of categories', async () => {
    const csv = '\uFEFFNama;Kategori;Email;Telepon;Situs;Wilayah;Nama PPID;Aktif\r\n'
      + '"Dinas Kesehatan; Provinsi Banten";OPD;ppid@dinkes.bantenprov.go.id;(0254) 267001;dinkes.bantenprov.go.id;Kota Serang;dr. Siti;ya\r\n'
      + 'PT Jamkrida Banten;badan usaha milik daerah;;0254-123;https://jamkridabanten.co.id;;;\r\n'
      + '\r\n'
      + 'Dinas Pariwisata;opd;;;;;;tidak\r\n';
    const before = await count();
    const res = await send('badan-publik.csv', csv);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dryRun: false, format: 'csv', rows: 3, created: 3 });
    expect(res.json().columns).toMatchObject({ Nama: 'name', Kategori: 'category', 'Nama PPID': 'ppidName', Situs: 'website' });
    expect(res.json().bodies.map((b: { row: number }) => b.row)).toEqual([2, 3, 5]);
    expect(await count()).toBe(before + 3);
    const dinkes = (await admin.get('/bodies?q=dinas%20kesehatan')).json().items[0];
    expect(dinkes).toMatchObject({
      name: 'Dinas Kesehatan; Provinsi Banten', categoryId: a.categoryId, email: 'ppid@dinkes.bantenprov.go.id',
      phone: '(0254) 267001', website: 'https://dinkes.bantenprov.go.id', region: 'Kota Serang', ppidName: 'dr. Siti', active: true,
    });
    expect((await admin.get('/bodies?q=jamkrida')).json().items[0].categoryId).toBe(bumd);
    expect((await admin.get('/bodies?q=pariwisata')).json().items[0].active).toBe(false);
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.action, 'body.import'), eq(auditEvents.requestId, res.headers['x-request-id'] as string)));
    expect(event!.after).toMatchObject({ count: 3, format: 'csv', filename: 'badan-publik.csv' });
  });

  it('imports an XLSX with English headers, numeric phones and hyperlink cells', async () => {
    const file = await xlsx([
      ['Name', 'Category', 'Phone', 'Website', 'Region', 'PPID name'],
      ['Dinas Perhubungan', 'OPD', 254267002, { text: 'dishub.bantenprov.go.id', hyperlink: 'https://dishub.bantenprov.go.id' }, 'Kota Serang', 'Sekretaris Dinas'],
      ['Bank Banten', 'BUMD', '', '', 'Kota Serang', ''],
    ]);
    const res = await send('bodies.xlsx', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'xlsx', created: 2 });
    const dishub = (await admin.get('/bodies?q=perhubungan')).json().items[0];
    expect(dishub).toMatchObject({ phone: '254267002', website: 'https://dishub.bantenprov.go.id', ppidName: 'Sekretaris Dinas' });
  });

  it('checks without importing on a dry run', async () => {
    const before = await count();
    const res = await send('x.csv', 'nama,kategori\nDinas Sosial,OPD\nDinas Koperasi,OPD\n', '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, created: 0, rows: 2 });
    expect(res.json().bodies[0]).toMatchObject({ row: 2, id: null, name: 'Dinas Sosial', categoryId: a.categoryId });
    expect(await count()).toBe(before);
  });
});

describe('refusing bad files (nothing is imported)', () => {
  it('reports unknown and missing columns on the header row', async () => {
    const res = await send('x.csv', 'nama,alamat,telp\nDinas Sosial,Jl. Syech Nawawi,021\n');
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 1, column: 'alamat', message: expect.stringMatching(/unknown column/) }),
      expect.objectContaining({ row: 1, column: null, message: expect.stringMatching(/kategori/) }),
    ]));
    const dup = await send('x.csv', 'nama,name,kategori\na,b,OPD\n');
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ row: 1, column: 'name' });
  });

  it('reports every bad row with its row and column, and imports none of the good ones', async () => {
    await admin.post('/bodies', { name: 'Inspektorat Daerah', categoryId: a.categoryId });
    const before = await count();
    const csv = [
      'nama,kategori,email,situs,aktif',
      'Dinas Lingkungan Hidup,OPD,dlh@bantenprov.go.id,,',
      ',OPD,,,',
      'Dinas Kelautan,KEMENTERIAN,,,',
      'Dinas Perindustrian,OPD,bukan-email,,',
      'dinas lingkungan hidup,OPD,,,',
      'INSPEKTORAT DAERAH,OPD,,,',
      'Dinas Pemuda,OPD,,not a url,',
      'Dinas Olahraga,OPD,,,mungkin',
    ].join('\n');
    const res = await send('x.csv', csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/nothing was imported/);
    const byRow = res.json().errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]);
    expect(byRow).toEqual([
      [3, 'nama', 'is empty'],
      [4, 'kategori', expect.stringMatching(/unknown category "KEMENTERIAN"/)],
      [5, 'email', expect.stringMatching(/not an email/)],
      [6, 'nama', 'duplicates row 2'],
      [7, 'nama', expect.stringMatching(/already exists/)],
      [8, 'situs', expect.stringMatching(/not a web address/)],
      [9, 'aktif', expect.stringMatching(/ya\/tidak/)],
    ]);
    expect(res.json().errors[0].path).toBe('rows[3].name');
    expect(await count()).toBe(before);
  });

  it('explains a file that is not UTF-8, naming the line', async () => {
    const latin1 = Buffer.concat([Buffer.from('nama,kategori\nDinas Sosial,OPD\nDinas Pendid'), Buffer.from([0xed]), Buffer.from('kan,OPD\n')]);
    const res = await send('x.csv', latin1);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/not valid UTF-8.*line 3/);
    expect(res.json().errors[0]).toMatchObject({ row: 3 });
  });

  it('accepts UTF-16 text exported by spreadsheets', async () => {
    const text = 'nama\tkategori\nDinas Ketahanan Pangan\tOPD\n';
    const res = await send('x.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses empty files and files with only a header', async () => {
    for (const content of ['', '\n\n', 'nama,kategori\n']) {
      const res = await send('x.csv', content);
      expect(res.statusCode).toBe(422);
      expect(res.json().detail).toMatch(/empty|no rows/);
    }
    const emptySheet = await send('x.xlsx', await xlsx([]));
    expect(emptySheet.statusCode).toBe(422);
  });

  it('refuses a file above the import limit with 413', async () => {
    const row = 'Dinas Contoh Dengan Nama Yang Cukup Panjang Untuk Mengisi Berkas,OPD\n';
    const big = `nama,kategori\n${row.repeat(Math.ceil((10 * 1024 * 1024) / row.length))}`;
    const res = await send('big.csv', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('too_large');
  });

  it('refuses what is not a CSV or XLSX upload', async () => {
    const json = await call(t.app, a.users.admin.token, { method: 'POST', url: '/api/v1/bodies/import', payload: { nama: 'x' } });
    expect(json.statusCode).toBe(415);
    expect((await admin.upload('/bodies/import', 'x.csv', 'nama,kategori\nA,OPD\n', { field: 'upload' })).statusCode).toBe(422);
    expect((await send('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).statusCode).toBe(415);
    const corrupt = await send('x.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 1)]));
    expect(corrupt.statusCode).toBe(422);
    expect(corrupt.json().detail).toMatch(/XLSX/);
    expect((await send('fake.xlsx', 'nama,kategori\nA,OPD\n')).statusCode).toBe(422);
    expect((await send('x.pdf', '%PDF-1.4 ...')).statusCode).toBe(415);
    const broken = await send('x.csv', 'nama,kategori\n"Dinas Sosial,OPD\n');
    expect(broken.statusCode).toBe(422);
    expect((await send('x.csv', 'nama,kategori\nA,OPD\n', '?dryRun=maybe')).statusCode).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await client(t.app, a.users.viewer.token).upload('/bodies/import', 'x.csv', 'nama,kategori\nA,OPD\n')).statusCode).toBe(403);
  });
});

describe('volume', () => {
  it('imports 5,000 rows in one transaction within seconds', async () => {
    const lines = ['nama,kategori,email,telepon,website,wilayah'];
    for (let i = 0; i < 5000; i++) lines.push(`Badan Publik Uji ${i},${i % 2 ? 'OPD' : 'BUMD'},ppid${i}@contoh.go.id,0254-${1000 + i},https://bp${i}.contoh.go.id,Kabupaten ${i % 8}`);
    const csv = lines.join('\n');
    const started = performance.now();
    const res = await send('5000.csv', csv);
    const ms = performance.now() - started;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().created).toBe(5000);
    console.log(`[import] 5,000 CSV rows (${(csv.length / 1024).toFixed(0)} KiB) imported in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(15_000);
    const again = performance.now();
    const dup = await send('5000.csv', csv);
    console.log(`[import] the same 5,000 rows refused as duplicates in ${(performance.now() - again).toFixed(0)} ms`);
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors.length).toBeGreaterThan(100);
  });
});
