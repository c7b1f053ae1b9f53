// The public results page (/hasil) in a real headless Chromium (Playwright driving Debian's
// chromium): it renders, the band chart is there, the table's numbers are the public API's, and it
// is photographed at phone and desktop widths. Headers, escaping and the 404 page through inject.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { missingTool } from '../helpers/tools.ts';
import { ALL, A_ONLY, HALF, arrangePeriod, type Arranged } from '../results/arrange.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noChromium = missingTool(fs.existsSync(executablePath) ? null : `chromium is not installed at ${executablePath} (Debian: chromium)`);
const AWARD = 'Badan Publik Terbaik Provinsi';
const id2 = (n: number) => n.toFixed(2).replace('.', ',');

let t: TestApp;
let a: Tenant;
let admin: Client;
let period: Arranged;
let base: string;
let browser: Browser | undefined;
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'kip-hasil-'));

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app, `Komisi Informasi Provinsi Jawa Barat ${Date.now()}`);
  admin = client(t.app, a.users.admin.token);
  period = await arrangePeriod(t.app, a, {
    stage: 'deliberation', stages: { saq: 80, visitation: 20 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }, { code: 'BUMD', name: 'Badan Usaha Milik Daerah' }],
    bodies: [
      { name: 'Dinas Komunikasi dan Informatika', answers: ALL, visitation: 90 }, // 98
      { name: 'Dinas PU & <Tata Ruang>', answers: HALF, visitation: 80 }, // 56
      { name: 'Dinas Pendidikan', answers: A_ONLY, visitation: 75 }, // 63
      { name: 'Bank Pembangunan Daerah', category: 1, answers: ALL, visitation: 80 }, // 96
    ],
  });
  expectStatus(await admin.post(`/periods/${period.periodId}/results`, { decreeNumber: '100/KEP/KI-JBR/XII/2025', decreeDate: '2025-12-10' }), 201);
  expectStatus(await admin.post(`/periods/${period.periodId}/results/1/publication`, {
    awards: [{ title: AWARD, bodyIds: [period.bodyIds['Dinas Komunikasi dan Informatika']] }],
  }), 201);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app is not listening on a port');
  base = `http://127.0.0.1:${address.port}`;
  if (!noChromium) browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(noChromium)(`the results page in Chromium${noChromium ? ` — skipped: ${noChromium}` : ''}`, () => {
  it('renders the period with the band chart and the public API\'s numbers, on a phone and on a desktop', async () => {
    const api = expectStatus(await client(t.app, null).get(`/public/periods/${period.periodId}/rankings`), 200).json();
    const summary = expectStatus(await client(t.app, null).get(`/public/periods/${period.periodId}`), 200).json();
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 } });
    const response = await page.goto(`${base}/hasil/${period.periodId}`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    expect(await page.title()).toContain('Komisi Informasi Provinsi Jawa Barat');
    expect(await page.locator('h1').count()).toBe(1);

    // the chart: one bar per band with the API's counts, described for screen readers
    const chart = page.locator('svg#grafik-kualifikasi');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('title').textContent()).toContain('Sebaran kualifikasi');
    const bars = await chart.locator('rect[data-band]').evaluateAll((rects) => rects.map((r) => [r.getAttribute('data-band'), Number(r.getAttribute('data-count'))]));
    expect(bars).toEqual(summary.bands.map((b: any) => [b.code, b.count]));

    // the tables: per category, rank, body, score and band as the public API has them
    const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    // categories by code (the arranged codes carry a suffix), each in the API's order
    const codes = [...new Set<string>(api.items.map((r: any) => r.categoryCode))].sort();
    expect(codes).toHaveLength(2);
    const expected = codes.flatMap((code) => api.items.filter((r: any) => r.categoryCode === code)
      .map((r: any) => [String(r.categoryRank), r.bodyName, id2(r.finalScore), r.band.label]));
    expect(rows).toEqual(expected);
    expect(rows).toContainEqual(['3', 'Dinas PU & <Tata Ruang>', '56,00', 'Kurang Informatif']);
    expect(await page.locator('table caption').allTextContents()).toEqual(['Peringkat kategori Badan Usaha Milik Daerah', 'Peringkat kategori Organisasi Perangkat Daerah']);
    expect(await page.locator('th[scope="col"]').count()).toBe(8);
    expect(await page.locator('text=' + AWARD).count()).toBe(1);
    expect(await page.textContent('main')).toContain('100/KEP/KI-JBR/XII/2025');
    // nothing sticks out of a phone's screen but the table's own scroller
    // (a string: the test files are typed without the DOM library)
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);

    const phone = path.join(shots, 'hasil-390x844.png');
    await page.screenshot({ path: phone, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    const desktop = path.join(shots, 'hasil-1280x800.png');
    await page.screenshot({ path: desktop, fullPage: true });
    for (const [file, width] of [[phone, 390], [desktop, 1280]] as const) {
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(width);
      expect(png.length).toBeGreaterThan(20_000);
    }

    // the history link leads to the body's page
    await page.click('a:text("Bank Pembangunan Daerah")');
    expect(page.url()).toBe(`${base}/hasil/badan/${period.bodyIds['Bank Pembangunan Daerah']}`);
    expect(await page.locator('table tbody tr').first().textContent()).toContain(id2(96));
    await page.close();
  });

  it('lists the published periods, and answers an unknown period with a 404 page in Indonesian', async () => {
    const page = await browser!.newPage();
    expect((await page.goto(`${base}/hasil`))?.status()).toBe(200);
    await page.click(`a[href="/hasil/${period.periodId}"]`);
    expect(await page.locator('h1').textContent()).toContain('Monev KIP 2025');
    const missing = await page.goto(`${base}/hasil/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Halaman tidak ditemukan');
    await page.close();
  });
});

describe('the results page over HTTP', () => {
  // through the contract check, as every other answer the suite gets
  const get = (url: string, headers: Record<string, string> = {}) => call(t.app, null, { method: 'GET', url, headers });

  it('is cacheable HTML with an ETag, escapes what it shows, and 404s unpublished, unknown and malformed ids', async () => {
    const res = await get(`/hasil/${period.periodId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.body).toContain('Dinas PU &amp; &lt;Tata Ruang&gt;');
    expect(res.body).not.toContain('<Tata Ruang>');
    const etag = String(res.headers.etag);
    expect((await get(`/hasil/${period.periodId}`, { 'if-none-match': etag })).statusCode).toBe(304);

    const draft = await arrangePeriod(t.app, a, { stage: 'deliberation', stages: { saq: 100 }, categories: [{ code: 'X', name: 'X' }], bodies: [{ name: 'Dinas Arsip', answers: ALL }] });
    for (const url of [`/hasil/${draft.periodId}`, '/hasil/bukan-uuid', `/hasil/badan/${draft.bodyIds['Dinas Arsip']}`]) {
      const missing = await get(url);
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(missing.body).toContain('Halaman tidak ditemukan');
    }
    const list = await get('/hasil');
    expect(list.body).toContain(`/hasil/${period.periodId}`);
    expect(list.body).not.toContain(draft.periodId);
  });

  it('shows bands without ranks or scores once a version is published by qualification', async () => {
    expectStatus(await admin.post(`/periods/${period.periodId}/results`, { decreeNumber: '101/KEP/KI-JBR/XII/2025', decreeDate: '2025-12-11' }, { 'x-audit-reason': 'Pengumuman menurut kualifikasi' }), 201);
    expectStatus(await admin.post(`/periods/${period.periodId}/results/2/publication`, { mode: 'qualification' }), 201);
    const body = (await get(`/hasil/${period.periodId}`)).body;
    expect(body).toContain('menurut kualifikasi');
    expect(body).not.toContain(id2(98));
    expect(body).not.toContain('Peringkat');
    expect(body).toMatch(/<td>Informatif<\/td><th scope="row"><a href="\/hasil\/badan\/[^"]+">Bank Pembangunan Daerah<\/a><\/th>/);
  });
});
