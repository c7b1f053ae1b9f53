// Limits on what an uploaded spreadsheet may unpack to and hold (issue 20): a zip bomb is refused
// with 413 before it is parsed, without stalling the API; too many rows or columns, or too long a
// cell, with 422 naming the limit, in CSV and XLSX alike, for the bodies import and the answers
// imports. The app runs with low limits so the files stay small; the defaults are checked at the end.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { auditEvents, bodies } from '../../src/db/schema.ts';
import { arrangeMonev, moveTo } from '../assessments/helpers.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

const LIMITS = { IMPORT_MAX_UNPACKED_BYTES: '10485760', IMPORT_MAX_ROWS: '50', IMPORT_MAX_COLUMNS: '20', IMPORT_MAX_CELL_CHARS: '500' };

let t: TestApp;
let a: Tenant;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp(LIMITS);
  a = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  await admin.post('/categories', { code: 'BUMD', name: 'Badan Usaha Milik Daerah' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const send = (filename: string, content: Buffer | string) => admin.upload('/bodies/import', filename, content);
const bodyCount = async () => (await t.database.db.select({ id: bodies.id }).from(bodies).where(eq(bodies.commissionId, a.commissionId))).length;
const auditCount = async () => (await t.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Badan Publik');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook whose one cell is a 20 MB string: ≈ 20 KB zipped, twice the test's unpacked limit. */
let bomb: Buffer;
beforeAll(async () => {
  bomb = await xlsx([['nama', 'kategori'], ['a'.repeat(20_000_000), 'OPD']]);
  expect(bomb.length).toBeLessThan(100_000);
});

/**
 * The bomb with lying headers: its central directory declares every file 100 bytes long, so only
 * counting the bytes as they are inflated can tell.
 */
function lying(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf('PK\x01\x02', 0, 'latin1'); at !== -1; at = out.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    if (out.readUInt32LE(at + 24) > 100) out.writeUInt32LE(100, at + 24);
  }
  return out;
}

describe('a zip bomb', () => {
  it('is refused with 413 naming the limit, quickly, storing nothing, while /health answers at once', async () => {
    const before = { bodies: await bodyCount(), audit: await auditCount() };
    const started = performance.now();
    let importDone = 0;
    const importing = send('bom.xlsx', bomb).then((res) => {
      importDone = performance.now();
      return res;
    });
    const healthStart = performance.now();
    const health = await call(t.app, null, { url: '/health' });
    const healthMs = performance.now() - healthStart;
    const res = await importing;
    expect(health.statusCode).toBe(200);
    expect(healthMs).toBeLessThan(1000);
    // /health was answered while the bomb was still being read
    expect(importDone === 0 || importDone > healthStart + healthMs).toBe(true);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'too_large', limit: 'IMPORT_MAX_UNPACKED_BYTES', maxBytes: 10_485_760 });
    expect(res.json().detail).toContain('IMPORT_MAX_UNPACKED_BYTES');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect({ bodies: await bodyCount(), audit: await auditCount() }).toEqual(before);
  });

  it('is refused when its headers lie about the sizes', async () => {
    const res = await send('bom.xlsx', lying(bomb));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'too_large', limit: 'IMPORT_MAX_UNPACKED_BYTES' });
  });

  it('is refused by the answers imports too', async () => {
    const { periodId } = await arrangeMonev(t.app, a);
    await moveTo(admin, periodId, 'saq');
    const respondent = client(t.app, a.users.respondent.token);
    for (const [as, url] of [[respondent, `/periods/${periodId}/participants/${a.bodyId}/answers/import`], [admin, `/periods/${periodId}/answers/import`]] as const) {
      const res = await as.upload(url, 'jawaban.xlsx', bomb);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(413);
      expect(res.json()).toMatchObject({ code: 'too_large', limit: 'IMPORT_MAX_UNPACKED_BYTES' });
    }
  });
});

const header = ['Nama', 'Kategori'];
const row = (i: number) => [`Dinas ${i}`, 'OPD'];
const csvOf = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');

describe.each(['csv', 'xlsx'] as const)('limits of a %s file', (format) => {
  const file = async (rows: string[][]) => (format === 'csv' ? csvOf(rows) : xlsx(rows));
  const upload = async (rows: string[][]) => send(`badan.${format}`, await file(rows));

  it('too many rows: 422 naming IMPORT_MAX_ROWS, nothing stored', async () => {
    const before = await bodyCount();
    const res = await upload([header, ...Array.from({ length: 51 }, (_, i) => row(i))]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unprocessable', limit: 'IMPORT_MAX_ROWS', max: 50 });
    expect(res.json().detail).toBe('The sheet has 51 data rows; the limit is 50 (IMPORT_MAX_ROWS): split the file');
    expect(await bodyCount()).toBe(before);
  });

  it('too many columns: 422 naming IMPORT_MAX_COLUMNS and the row', async () => {
    const res = await upload([header, row(1), [...row(2), ...Array.from({ length: 19 }, (_, i) => `x${i}`)]]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ limit: 'IMPORT_MAX_COLUMNS', max: 20 });
    expect(res.json().detail).toBe('Row 3 has 21 columns; the limit is 20 (IMPORT_MAX_COLUMNS)');
    expect(res.json().errors).toEqual([{ path: 'rows[3]', row: 3, column: 'column U', message: 'more than 20 columns' }]);
  });

  it('a cell too long: 422 naming IMPORT_MAX_CELL_CHARS, its row and column', async () => {
    const res = await upload([header, row(1), ['Dinas ' + 'x'.repeat(600), 'OPD']]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ limit: 'IMPORT_MAX_CELL_CHARS', max: 500 });
    expect(res.json().detail).toBe('A cell holds more than 500 characters, the limit (IMPORT_MAX_CELL_CHARS)');
    expect(res.json().errors).toEqual([{ path: 'rows[3]', row: 3, column: 'Nama', message: '606 characters; the limit is 500' }]);
  });

  it('within the limits the import goes through', async () => {
    const before = await bodyCount();
    const res = await upload([header, ...Array.from({ length: 50 }, (_, i) => [`${format} ${i} ${'y'.repeat(250)}`, 'OPD'])]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format, rows: 50, created: 50 });
    expect(await bodyCount()).toBe(before + 50);
  });
});

it('has the documented defaults', () => {
  expect(loadConfig({}).spreadsheet).toEqual({ maxUnpackedBytes: 52_428_800, maxRows: 20_000, maxColumns: 200, maxCellChars: 10_000, maxMemoryMb: 512 });
});
