// Spreadsheets for Indonesia (docs/api.md "Spreadsheets"): a 50-row category table prints on at most
// two A4 landscape pages with its header on each, under a title block naming commission, period,
// version and decree (checked by printing the XLSX to PDF with LibreOffice and reading it with
// poppler); `?csvDialect=id` writes semicolons, decimal commas and a BOM; an unknown dialect is a 406.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { libreoffice, libreofficeToPdf, missingTool, which } from '../helpers/tools.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged, type BodySpec } from '../results/arrange.ts';

const run = promisify(execFile);

const tools = missingTool(libreoffice && which('pdfinfo') && which('pdftotext') ? null
  : 'libreoffice (libreoffice-calc-nogui) or poppler-utils (pdfinfo, pdftotext) is not installed');

const DECREE = '12/KEP/KI-SULSEL/XII/2025';
// long names, as real ones are: the widest column decides how far the sheet is scaled down
const PLACES = ['Kabupaten Pangkajene dan Kepulauan', 'Kabupaten Kepulauan Selayar', 'Kota Makassar', 'Kabupaten Toraja Utara', 'Kabupaten Sidenreng Rappang'];
const OFFICES = ['Dinas Komunikasi, Informatika, Statistik dan Persandian', 'Dinas Kependudukan dan Pencatatan Sipil', 'Badan Perencanaan Pembangunan Daerah', 'Dinas Pendidikan', 'Sekretariat DPRD', 'Dinas Kesehatan', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'Inspektorat Daerah', 'Dinas Sosial', 'Badan Pendapatan Daerah'];
const ANSWERS = [ALL, HALF, A_ONLY];

let t: TestApp;
let tenant: Tenant;
let admin: Client;
let anonymous: Client;
let period: Arranged;
let opd: string;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app, `Komisi Informasi Provinsi Sulawesi Selatan ${Date.now()}`);
  admin = client(t.app, tenant.users.admin.token);
  anonymous = client(t.app, null);
  // 50 bodies in OPD with spread scores (SAQ 80 + visitasi 20), 3 in BUMD so overall and category ranks differ
  const bodies: BodySpec[] = Array.from({ length: 50 }, (_, i) => ({
    name: `${OFFICES[i % OFFICES.length]} ${PLACES[Math.floor(i / OFFICES.length)]}`,
    answers: ANSWERS[i % 3],
    visitation: 40 + i,
  }));
  bodies.push(...[0, 1, 2].map((i) => ({ name: `Perusahaan Daerah ${PLACES[i]}`, category: 1, answers: ALL, visitation: 99 - i })));
  period = await arrangePeriod(t.app, tenant, {
    stage: 'deliberation', stages: { saq: 80, visitation: 20 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
    bodies,
  });
  opd = period.categoryIds[0]!;
  expectStatus(await admin.post(`/periods/${period.periodId}/results`, { decreeNumber: DECREE, decreeDate: '2025-12-01' }), 201);
  expectStatus(await admin.post(`/periods/${period.periodId}/results/1/publication`, { decree: DECREE }), 201);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

interface Printed { pages: number; width: number; height: number; pageText: (page: number) => Promise<string> }

/** The workbook printed by LibreOffice, as a commission's staff would print it, read with poppler. */
async function readPdf(pdf: string): Promise<Printed> {
  const { stdout: info } = await run('pdfinfo', [pdf]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    width: Math.round(Number(size?.[1])),
    height: Math.round(Number(size?.[2])),
    pageText: async (page) => (await run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', '-enc', 'UTF-8', pdf, '-'])).stdout,
  };
}

/** A workbook as downloaded, and as printed. */
interface Workbook { xlsx: Buffer; printed: Printed }

/**
 * The two workbooks this file prints, each downloaded once and both printed in one start of
 * LibreOffice (each start costs seconds): the public ranking and the admin's recap of the category.
 */
let workbooks: Promise<{ ranking: Workbook; recap: Workbook }> | null = null;
function workbook(name: 'ranking' | 'recap'): Promise<Workbook> {
  workbooks ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-sheet-'));
    const download = async (file: string, who: Client, url: string) => {
      const xlsx = expectStatus(await who.get(url), 200).rawPayload;
      fs.writeFileSync(path.join(dir, file), xlsx);
      return xlsx;
    };
    const ranking = await download('ranking.xlsx', anonymous, `/public/periods/${period.periodId}/rankings?category=${opd}&format=xlsx`);
    const recap = await download('recap.xlsx', admin, `/periods/${period.periodId}/recap?category=${opd}&format=xlsx`);
    const [rankingPdf, recapPdf] = await libreofficeToPdf(path.join(dir, 'ranking.xlsx'), path.join(dir, 'recap.xlsx'));
    return { ranking: { xlsx: ranking, printed: await readPdf(rankingPdf!) }, recap: { xlsx: recap, printed: await readPdf(recapPdf!) } };
  })();
  return workbooks.then((all) => all[name]);
}

/** The pages the data sheet takes: the "Info" sheet prints after it, headed Keterangan / Nilai. */
async function tablePages(printed: Printed): Promise<number> {
  for (let page = 1; page <= printed.pages; page++) {
    if (/^\s*Keterangan\s+Nilai/m.test(await printed.pageText(page))) return page - 1;
  }
  return printed.pages;
}

describe('XLSX that prints', () => {
  it.skipIf(tools)('prints a 50-row category ranking on at most 2 A4 landscape pages, titled, with its header on each', async () => {
    const { xlsx, printed } = await workbook('ranking');
    const json = expectStatus(await anonymous.get(`/public/periods/${period.periodId}/rankings?category=${opd}&limit=100`), 200).json();
    expect(json.items).toHaveLength(50);

    // the workbook: title block, one rank column (the category rank), numbers as numbers, widths that fit
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Peringkat')!;
    const header = (sheet.getRow(6).values as unknown[]).filter((v): v is string => typeof v === 'string');
    expect(header).toEqual(['Peringkat', 'Badan Publik', 'Kode Kategori', 'Kategori', 'Nilai Akhir', 'Kualifikasi', 'Status']);
    expect(sheet.getCell('A1').value).toMatch(/^Peringkat — Komisi Informasi Provinsi Sulawesi Selatan/);
    expect(sheet.getCell('A3').value).toBe(`Hasil versi 1 · SK Nomor ${DECREE} tanggal 2025-12-01`);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    json.items.forEach((item: any, i: number) => {
      const row = sheet.getRow(7 + i);
      expect([row.getCell(1).value, row.getCell(2).value, row.getCell(5).value]).toEqual([item.categoryRank, item.bodyName, item.finalScore]);
    });
    // a column of exceljs' default width (9) is written without one, and read back as undefined
    header.forEach((name, i) => expect(sheet.getColumn(i + 1).width ?? 9, name).toBeGreaterThanOrEqual(Math.min(name.length, 18)));
    // names up to 58 characters fit on one line; a longer one wraps in a taller row, uncut
    expect(sheet.getColumn(2).width).toBe(60);
    json.items.forEach((item: any, i: number) => {
      const row = sheet.getRow(7 + i);
      expect(row.height ?? 15, item.bodyName).toBe(item.bodyName.length > 58 ? 30 : 15);
    });
    expect(sheet.getCell('B7').alignment).toMatchObject({ wrapText: true });

    // printed
    expect([printed.width, printed.height]).toEqual([842, 595]); // A4 landscape
    // 50 rows take two pages at this scale (not one), so the header's repeat on page 2 is checked below
    const pages = await tablePages(printed);
    expect(pages).toBe(2);
    const first = await printed.pageText(1);
    expect(first).toContain('Peringkat — Komisi Informasi Provinsi Sulawesi Selatan');
    expect(first).toContain(`SK Nomor ${DECREE}`);
    expect(first).toContain('Kategori: Organisasi Perangkat Daerah');
    // no header cut short: the whole header reads on every page of the table
    for (let page = 1; page <= pages; page++) expect(await printed.pageText(page)).toMatch(/Peringkat\s+Badan Publik\s+Kode\s*Kategori\s+Kategori\s+Nilai Akhir\s+Kualifikasi\s+Status/);
    // the last row, on the last page of the table (its name may wrap onto two lines)
    const last = json.items[49];
    expect(await printed.pageText(pages)).toMatch(new RegExp(`${last.categoryRank} .*\\s+${last.finalScore.toFixed(2)}\\s+${last.band.label}`));
  }, 180_000);

  it.skipIf(tools)('prints the category recap, with every indicator column, on at most 2 pages', async () => {
    const { xlsx, printed } = await workbook('recap');
    // the Info sheet names the stage as the commission does, not by its API code
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const info = new Map<unknown, unknown>();
    book.getWorksheet('Info')!.eachRow((row) => info.set(row.getCell(1).value, row.getCell(2).value));
    expect(['Pleno / penetapan', 'Selesai']).toContain(info.get('Tahap'));
    expect([printed.width, printed.height]).toEqual([842, 595]);
    const pages = await tablePages(printed);
    expect(pages).toBeLessThanOrEqual(2);
    const first = await printed.pageText(1);
    expect(first).toContain('Rekap Nilai — Komisi Informasi Provinsi Sulawesi Selatan');
    expect(first).toContain('Nilai berjalan (belum ditetapkan)');
  }, 180_000);
});

describe('?csvDialect=id', () => {
  it('writes semicolons, decimal commas (the JSON\'s numbers exactly), a UTF-8 BOM and CRLF', async () => {
    const base = `/periods/${period.periodId}/recap?category=${opd}`;
    const json = expectStatus(await admin.get(`${base}&limit=100`), 200).json();
    const res = expectStatus(await admin.get(`${base}&format=csv&csvDialect=id`), 200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.split('\r\n').length).toBe(52); // header, 50 rows, the empty string after the last CRLF
    const rows = parse<Record<string, string>>(res.rawPayload, { columns: true, delimiter: ';', bom: true });
    expect(rows).toHaveLength(50);
    // every column of the default dialect, the three rank columns included
    expect(Object.keys(rows[0]!).slice(0, 4)).toEqual(['Peringkat', 'Peringkat Kategori', 'Peringkat Umum', 'Badan Publik']);
    const point = (cell: string) => {
      expect(cell).toMatch(/^\d+,\d\d$/);
      return cell.replace(',', '.');
    };
    json.items.forEach((item: any, i: number) => {
      const row = rows[i]!;
      expect(row['Badan Publik']).toBe(item.bodyName); // a name with commas needs no quotes to survive
      expect(point(row['Nilai Akhir']!)).toBe(item.finalScore.toFixed(2));
      expect(point(row['SAQ Terverifikasi']!)).toBe(item.verifiedSaq.toFixed(2));
      expect(point(row['Nilai Visitasi']!)).toBe(item.stages.visitation.toFixed(2));
      expect(Number(row.Peringkat)).toBe(item.categoryRank);
    });
    // the default is unchanged: commas, decimal points, no BOM
    const plain = expectStatus(await admin.get(`${base}&format=csv`), 200);
    expect(plain.body.startsWith('Peringkat,Peringkat Kategori,')).toBe(true);
    expect(parse<Record<string, string>>(plain.body, { columns: true })[0]!['Nilai Akhir']).toBe(json.items[0].finalScore.toFixed(2));
  });

  it('is part of what a cached or conditional answer depends on', async () => {
    const url = `/periods/${period.periodId}/statistics?format=csv`;
    const plain = expectStatus(await admin.get(url), 200);
    const id = await admin.get(`${url}&csvDialect=id`, undefined, { 'if-none-match': String(plain.headers.etag) });
    expect(id.statusCode).toBe(200);
    expect(id.body.startsWith('\uFEFFKode Kategori;Kategori;')).toBe(true);
    expect(expectStatus(await admin.get(url), 200).body).toBe(plain.body);
  });

  it('answers an unknown dialect with 406 problem+json listing the known ones', async () => {
    for (const url of [
      `/periods/${period.periodId}/rankings?format=csv&csvDialect=excel`,
      `/public/periods/${period.periodId}/rankings?csvDialect=ID`,
      `/periods/${period.periodId}/statistics?format=xlsx&csvDialect=semicolon`,
    ]) {
      const res = await (url.startsWith('/public') ? anonymous : admin).get(url);
      expect(res.statusCode, url).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 406, available: ['rfc4180', 'id'] });
      expect(res.json().detail).toContain('id');
    }
  });
});
