// Answers from spreadsheets through the API: the answers template (GET …/answers as XLSX/CSV), the
// respondent's import (POST …/answers/import) and the secretariat's bulk import
// (POST /periods/{periodId}/answers/import), each held to the rules and checks of PUT …/answers.
// FOUR_QUESTIONS (test/helpers/questionnaires.ts): 1.1 yes/no (evidence required), 1.2 choice
// full/late/none (Lengkap/Terlambat/Tidak ada), 2.1 checklist web/app/desk, 2.2 yes/no.
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, participants } from '../../src/db/schema.ts';
import type { TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { evidenceUrl, participantUrl as url, respondentWorld, type Monev, type RespondentWorld } from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let tenant: Tenant;
let admin: Client;
let respondent: Client;
/** a second body of the tenant with its own respondent, enrolled in every period */
let bodyB: Monev['bodies'][number];
let world: RespondentWorld;

beforeAll(async () => {
  world = await respondentWorld();
  ({ t, tenant, admin, respondent, bodyB } = world);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A fresh period with the tenant's body and body B, moved through `stages`. */
const open = (...stages: string[]) => world.open(stages);


/** The answers as PUT would send them back: question, value and evidence, without the times. */
async function answersOf(p: string, bodyId: string) {
  const res = expectStatus(await admin.get(url(p, bodyId, '/answers')), 200).json();
  return res.items.map((i: any) => ({ question: i.question, value: i.value, evidence: i.evidence }));
}
const scoreOf = async (p: string, bodyId: string) => expectStatus(await admin.get(url(p, bodyId, '/score')), 200).json().selfAssessedSaq as number;

async function template(p: string, as: Client = respondent, bodyId = tenant.bodyId): Promise<ExcelJS.Workbook> {
  const res = expectStatus(await as.get(url(p, bodyId, '/answers'), undefined, { accept: XLSX }), 200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="jawaban-saq-2025-dinas-kominfo-[0-9a-f]+\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as never);
  return workbook;
}

/** The row of the "Jawaban" sheet that holds question `code`, and the sheet's columns by header. */
function rowOf(workbook: ExcelJS.Workbook, code: string) {
  const sheet = workbook.getWorksheet('Jawaban')!;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  const col = (header: string) => headers.indexOf(header) + 1;
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row, n) => { if (n > 1 && row.getCell(1).value === code) found = row; });
  return { row: found!, col };
}

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('the answers template', () => {
  it('is a workbook with one row per question, the current answers, Indonesian headers and dropdowns that catch mistakes', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
      answers: [{ question: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] }, { question: '2.1', value: ['web', 'desk'] }],
    }), 200);
    const workbook = await template(p);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([['Jawaban', 'visible'], ['Info', 'visible'], ['Pilihan', 'hidden']]);
    const sheet = workbook.getWorksheet('Jawaban')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(['Kode', 'Indikator', 'Pertanyaan', 'Jenis', 'Nilai yang diizinkan', 'Bukti dukung', 'Jawaban', 'Bukti (tautan)']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => { if (n > 1) rows.push((row.values as unknown[]).slice(1)); });
    expect(rows).toEqual([
      ['1.1', 'JI Jenis Informasi', 'DIP dimutakhirkan sesuai PerKI?', 'Ya/Tidak', 'Ya atau Tidak', 'Wajib', 'Ya', 'https://ppid.example.go.id/dip'],
      ['1.2', 'JI Jenis Informasi', 'Laporan layanan informasi publik', 'Pilihan', 'satu dari: full (Lengkap); late (Terlambat); none (Tidak ada)', 'Opsional', '', ''],
      ['2.1', 'PI Pelayanan Informasi', 'Kanal layanan', 'Daftar periksa', expect.stringContaining('web (Website); app (Aplikasi); desk (Meja layanan)'), 'Tidak perlu', 'web, desk', ''],
      ['2.2', 'PI Pelayanan Informasi', 'Maklumat pelayanan dipublikasikan?', 'Ya/Tidak', 'Ya atau Tidak', 'Tidak perlu', '', ''],
    ]);

    // the answer cells carry data validation, read back from the file
    const yesNo = rowOf(workbook, '1.1');
    expect(yesNo.row.getCell(yesNo.col('Jawaban')).dataValidation).toMatchObject({ type: 'list', formulae: ['"Ya,Tidak"'], showErrorMessage: true, errorStyle: 'stop' });
    const choice = rowOf(workbook, '1.2');
    const list = choice.row.getCell(choice.col('Jawaban')).dataValidation;
    expect(list).toMatchObject({ type: 'list', showErrorMessage: true });
    // the dropdown's list is a row of the hidden Pilihan sheet: exactly the options
    const [, ref] = /^Pilihan!\$B\$(\d+):\$[A-Z]+\$\d+$/.exec(list.formulae[0])!;
    const options = (workbook.getWorksheet('Pilihan')!.getRow(Number(ref)).values as unknown[]).slice(1);
    expect(options).toEqual(['1.2', 'full', 'late', 'none']);
    const checklist = rowOf(workbook, '2.1');
    expect(checklist.row.getCell(checklist.col('Jawaban')).dataValidation).toMatchObject({ type: 'textLength', showInputMessage: true, prompt: expect.stringContaining('web (Website)') });

    const info = workbook.getWorksheet('Info')!;
    const lines = new Map<string, unknown>();
    info.eachRow((row) => lines.set(row.getCell(1).text, row.getCell(2).value));
    expect(lines.get('Tahun')).toBe(2025);
    expect(lines.get('Badan publik')).toMatch(/^Dinas Kominfo /);
  });

  it('is served as CSV too, readable back by the import, and only to those who may read the answers', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
      answers: [{ question: '1.2', value: 'none', evidence: [{ url: 'https://ppid.example.go.id/a' }, { url: 'https://ppid.example.go.id/b' }] }, { question: '2.1', value: [] }],
    }), 200);
    const stored = await answersOf(p, tenant.bodyId);
    const csv = expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers?format=csv')), 200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.body.split('\r\n')[0]).toBe('Kode,Indikator,Pertanyaan,Jenis,Nilai yang diizinkan,Bukti dukung,Jawaban,Bukti (tautan)');
    // sent back unchanged, it stores the same answers (the "-" of an empty checklist, guarded as "'-" in CSV, included)
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'jawaban.csv', csv.body), 200);
    expect(await answersOf(p, tenant.bodyId)).toEqual(stored);
    // JSON stays the default, with its ETag
    const json = expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers')), 200);
    expect(json.headers.etag).toBeDefined();
    expect(json.headers.vary).toBe('Accept');
    // another body's respondent does not see the participant; a format nobody offers is 406
    expectStatus(await bodyB.respondent.get(url(p, tenant.bodyId, '/answers'), undefined, { accept: XLSX }), 404);
    expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers'), undefined, { accept: 'application/pdf' }), 406);
    // readers of the participant (an assessor assigned to it) get it too
    expectStatus(await client(t.app, tenant.users.assessor.token).get(url(p, tenant.bodyId, '/answers'), undefined, { accept: XLSX }), 200);
  });
});

describe('importing a respondent\'s answers', () => {
  it('round trip: the template filled in and uploaded gives the answers and the score PUT gives', async () => {
    const viaPut = await open('saq');
    const viaSheet = await open('saq');
    // the same answers, once as JSON…
    expectStatus(await respondent.put(url(viaPut, tenant.bodyId, '/answers'), {
      answers: [
        { question: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }, { url: 'https://ppid.example.go.id/dip-2025' }] },
        { question: '1.2', value: 'late' },
        { question: '2.1', value: ['web', 'app'] },
        { question: '2.2', value: false, evidence: [] },
      ],
    }), 200);
    // …and once typed into the template as a respondent would: a label, Ya/Tidak, items by label
    const workbook = await template(viaSheet);
    const fill = (code: string, value: string, links?: string) => {
      const { row, col } = rowOf(workbook, code);
      row.getCell(col('Jawaban')).value = value;
      if (links !== undefined) row.getCell(col('Bukti (tautan)')).value = links;
    };
    fill('1.1', 'Ya', 'https://ppid.example.go.id/dip\nhttps://ppid.example.go.id/dip-2025');
    fill('1.2', 'Terlambat');
    fill('2.1', 'Website, app');
    fill('2.2', 'Tidak');
    const res = expectStatus(await respondent.upload(url(viaSheet, tenant.bodyId, '/answers/import'), 'jawaban.xlsx', await toBuffer(workbook)), 200);
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
    expect(res.json()).toMatchObject({ answered: 4, total: 4, missingEvidence: [] });

    expect(await answersOf(viaSheet, tenant.bodyId)).toEqual(await answersOf(viaPut, tenant.bodyId));
    // 1.1 yes, 1.2 late, 2.1 [web, app], 2.2 no: JI = 100 · 2.5/3, PI = 100 · ⅔ / 2: SAQ = 50 + 13.33 = 63.33
    expect(await scoreOf(viaSheet, tenant.bodyId)).toBe(63.33);
    expect(await scoreOf(viaPut, tenant.bodyId)).toBe(63.33);

    // the template downloaded again shows what was stored, and uploading it unchanged changes nothing
    const again = await template(viaSheet);
    expect(rowOf(again, '2.1').row.getCell(rowOf(again, '2.1').col('Jawaban')).value).toBe('web, app');
    expectStatus(await respondent.upload(url(viaSheet, tenant.bodyId, '/answers/import'), 'jawaban.xlsx', await toBuffer(again)), 200);
    expect(await answersOf(viaSheet, tenant.bodyId)).toEqual(await answersOf(viaPut, tenant.bodyId));

    // audited as an import, from what to what
    const pid = (await t.database.db.select().from(participants).where(and(eq(participants.periodId, viaSheet), eq(participants.bodyId, tenant.bodyId))))[0]!.id;
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, pid), eq(auditEvents.action, 'answers.import')));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.after)).toContainEqual({
      '1.1': { value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }, { url: 'https://ppid.example.go.id/dip-2025' }] },
      '1.2': { value: 'late', evidence: [] }, '2.1': { value: ['web', 'app'], evidence: [] }, '2.2': { value: false, evidence: [] },
    });
  });

  it('reads a CSV with the columns question,value,evidence; an empty value removes an answer, files stay', async () => {
    const p = await open('saq');
    const fileId = expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 201).json().id;
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
      answers: [{ question: '2.2', value: true }, { question: '1.2', value: 'full' }, { question: '1.1', value: false, evidence: [{ fileId }, { url: 'https://lama.example.go.id' }] }],
    }), 200);
    const csv = [
      'question,value,evidence',
      '1.1,ya,"https://ppid.example.go.id/dip, https://ppid.example.go.id/sop"',
      '2.1,-,',
      '2.2,,',
    ].join('\r\n');
    const res = expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'jawaban.csv', csv), 200).json();
    expect(res.items.map((i: any) => [i.question, i.value, i.evidence])).toEqual([
      // the links are the cell's, the uploaded file stays
      ['1.1', true, [{ url: 'https://ppid.example.go.id/dip' }, { url: 'https://ppid.example.go.id/sop' }, { fileId }]],
      ['1.2', 'full', []],
      ['2.1', [], []],
    ]);
    // without an evidence column every answer keeps its evidence
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'jawaban.csv', 'question,value\n1.1,Tidak\n'), 200);
    expect((await answersOf(p, tenant.bodyId))[0]).toEqual({
      question: '1.1', value: false, evidence: [{ url: 'https://ppid.example.go.id/dip' }, { url: 'https://ppid.example.go.id/sop' }, { fileId }],
    });
  });

  it('is all or nothing: one bad cell is a 422 naming its row and column, and nothing is stored', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
    const before = await answersOf(p, tenant.bodyId);
    const score = await scoreOf(p, tenant.bodyId);
    const version = expectStatus(await admin.get(url(p, tenant.bodyId, '/answers')), 200).json().version;

    const csv = 'Kode;Jawaban;Bukti\n1.1;Ya;https://ppid.example.go.id/dip\n1.2;kadang;\n2.1;web, fax;\n2.2;mungkin;\n9.9;Ya;\n1.1;Tidak;ftp://x.example.go.id\n';
    const res = expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'jawaban.csv', csv), 422).json();
    expect(res.errors).toEqual(expect.arrayContaining([
      { path: 'rows[3].value', row: 3, column: 'Jawaban', message: expect.stringContaining('question "1.2": unknown option "kadang"') },
      { path: 'rows[4].value', row: 4, column: 'Jawaban', message: expect.stringContaining('question "2.1": unknown item "fax"') },
      { path: 'rows[5].value', row: 5, column: 'Jawaban', message: 'question "2.2": expected Ya or Tidak, not "mungkin"' },
      { path: 'rows[6].question', row: 6, column: 'Kode', message: 'unknown question "9.9"' },
      { path: 'rows[7].question', row: 7, column: 'Kode', message: 'question "1.1" appears twice in the batch' },
      { path: 'rows[7].evidence', row: 7, column: 'Bukti', message: 'question "1.1": evidence links must be http or https URLs' },
    ]));
    expect(res.errors).toHaveLength(6);
    expect(await answersOf(p, tenant.bodyId)).toEqual(before);
    expect(await scoreOf(p, tenant.bodyId)).toBe(score);
    expect(expectStatus(await admin.get(url(p, tenant.bodyId, '/answers')), 200).json().version).toBe(version);

    // a file without the columns it needs, an empty one, one that gives no answers
    const noValue = expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', 'question,jawab\n1.1,Ya\n'), 422).json();
    expect(noValue.errors).toEqual([{ path: 'header', row: 1, column: null, message: 'the column jawaban (value) is missing' }]);
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', ''), 422);
    const nothing = expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', 'question,value\n1.1,\n'), 422).json();
    expect(nothing.errors[0].message).toContain('gives no answers');
    // a workbook that is not one
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.xlsx', Buffer.from('PK\u0003\u0004 not a zip')), 422);
    expect(await answersOf(p, tenant.bodyId)).toEqual(before);
  });

  it('keeps the rules of PUT: stage saq (409), not after submission or the deadline (409 deadline_passed), honours If-Match', async () => {
    const csv = 'question,value\n2.2,Ya\n';
    const draft = await open();
    expect(expectStatus(await respondent.upload(url(draft, tenant.bodyId, '/answers/import'), 'a.csv', csv), 409).json()).toMatchObject({ code: 'wrong_stage', stage: 'draft' });

    const p = await open('saq');
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv, { headers: { 'if-match': '"999"' } }), 412);
    const version = expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers')), 200).json().version;
    expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv, { headers: { 'if-match': `"${version}"` } }), 200);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200);
    expect(expectStatus(await respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv), 409).json().detail).toContain('submitted');

    // body B's SAQ deadline passes
    expectStatus(await admin.patch(`/periods/${p}`, { deadlines: { saq: new Date(Date.now() - 60_000).toISOString() } }), 200);
    expect(expectStatus(await bodyB.respondent.upload(url(p, bodyB.id, '/answers/import'), 'a.csv', csv), 409).json()).toMatchObject({ code: 'deadline_passed', deadlineOf: 'saq' });
  });

  it('is the body\'s own respondent\'s: others are refused (404 for another body, 403 for other roles)', async () => {
    const p = await open('saq');
    const csv = 'question,value\n2.2,Ya\n';
    expectStatus(await bodyB.respondent.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv), 404);
    expectStatus(await admin.upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv), 403);
    expectStatus(await client(t.app, tenant.users.viewer.token).upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv), 403);
    expectStatus(await client(t.app, tenant.users.assessor.token).upload(url(p, tenant.bodyId, '/answers/import'), 'a.csv', csv), 403);
    expect(await answersOf(p, tenant.bodyId)).toEqual([]);
  });
});

describe('the bulk import of answers', () => {
  const bulk = (p: string) => `/periods/${p}/answers/import`;

  it('writes the answers of every body in the file, by name or id, and rescores them', async () => {
    const p = await open('saq');
    const { name } = expectStatus(await admin.get(`/bodies/${tenant.bodyId}`), 200).json();
    const csv = [
      'body,1.1,1.2,2.1,2.2',
      `${name.toUpperCase()},Ya,Terlambat,"web, app",Ya`,
      `${bodyB.id},,full,,Tidak`,
    ].join('\n');
    const res = expectStatus(await admin.upload(bulk(p), 'jawaban.csv', csv), 200).json();
    expect(res).toEqual({ participants: 2, answers: 6, format: 'csv', rows: 2 });
    expect(await answersOf(p, tenant.bodyId)).toEqual([
      { question: '1.1', value: true, evidence: [] },
      { question: '1.2', value: 'late', evidence: [] },
      { question: '2.1', value: ['web', 'app'], evidence: [] },
      { question: '2.2', value: true, evidence: [] },
    ]);
    expect(await answersOf(p, bodyB.id)).toEqual([{ question: '1.2', value: 'full', evidence: [] }, { question: '2.2', value: false, evidence: [] }]);
    // 1.1 yes, 1.2 late, 2.1 [web, app], 2.2 yes: SAQ 83.33; body B: JI = 100/3, PI = 0: SAQ 20
    expect(await scoreOf(p, tenant.bodyId)).toBe(83.33);
    expect(await scoreOf(p, bodyB.id)).toBe(20);

    // an empty cell leaves the answer as it was; an XLSX works the same
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Badan Publik', '1.2', '2.2']);
    sheet.addRow([name, 'full', null]);
    const xlsx = expectStatus(await admin.upload(bulk(p), 'jawaban.xlsx', await toBuffer(workbook)), 200).json();
    expect(xlsx).toEqual({ participants: 1, answers: 1, format: 'xlsx', rows: 1 });
    expect((await answersOf(p, tenant.bodyId)).map((a: any) => a.value)).toEqual([true, 'full', ['web', 'app'], true]);

    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, p), eq(auditEvents.action, 'answers.bulk_import')));
    expect(events.map((e) => e.after)).toEqual(expect.arrayContaining([
      { filename: 'jawaban.csv', format: 'csv', participants: 2, answers: 6, bodyIds: expect.arrayContaining([tenant.bodyId, bodyB.id]) },
    ]));
  });

  it('is all or nothing, every bad cell named by row and column', async () => {
    const p = await open('saq');
    const { name } = expectStatus(await admin.get(`/bodies/${tenant.bodyId}`), 200).json();
    const csv = [
      'body,1.1,1.2,2.1',
      `${name},Ya,Lengkap,web`,
      'Dinas Yang Tidak Ada,Ya,,',
      `${bodyB.id},barangkali,full,"web, web"`,
      `${name},Tidak,,`,
    ].join('\n');
    const res = expectStatus(await admin.upload(bulk(p), 'jawaban.csv', csv), 422).json();
    expect(res.errors).toEqual([
      { path: 'rows[3].body', row: 3, column: 'body', message: 'no participant of this period is named "Dinas Yang Tidak Ada"' },
      { path: 'rows[4].1.1', row: 4, column: '1.1', message: 'question "1.1": expected Ya or Tidak, not "barangkali"' },
      { path: 'rows[4].2.1', row: 4, column: '2.1', message: 'question "2.1": duplicate item "web"' },
      { path: 'rows[5].body', row: 5, column: 'body', message: 'the body is already on row 2' },
    ]);
    expect(await answersOf(p, tenant.bodyId)).toEqual([]);
    expect(await answersOf(p, bodyB.id)).toEqual([]);

    // a column that is no question of the period, and a file without the body column
    const header = expectStatus(await admin.upload(bulk(p), 'jawaban.csv', `body,1.1,7.7\n${name},Ya,Ya\n`), 422).json();
    expect(header.errors).toEqual([{ path: 'header', row: 1, column: '7.7', message: 'no questionnaire of this period has a question "7.7"' }]);
    expectStatus(await admin.upload(bulk(p), 'jawaban.csv', '1.1\nYa\n'), 422);
  });

  it('keeps the stage rules: saq only, not for a body that submitted (409 naming its row)', async () => {
    const draft = await open();
    expect(expectStatus(await admin.upload(bulk(draft), 'a.csv', `body,2.2\n${bodyB.id},Ya\n`), 409).json().code).toBe('wrong_stage');

    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200);
    const res = expectStatus(await admin.upload(bulk(p), 'a.csv', `body,2.2\n${bodyB.id},Ya\n${tenant.bodyId},Tidak\n`), 409).json();
    expect(res.code).toBe('conflict');
    expect(res.errors).toEqual([{ path: 'rows[3]', row: 3, column: null, message: expect.stringContaining('submitted') }]);
    expect(await answersOf(p, bodyB.id)).toEqual([]);

    // past the SAQ deadline (body B has no extension)
    expectStatus(await admin.patch(`/periods/${p}`, { deadlines: { saq: new Date(Date.now() - 60_000).toISOString() } }), 200);
    expect(expectStatus(await admin.upload(bulk(p), 'a.csv', `body,2.2\n${bodyB.id},Ya\n`), 409).json()).toMatchObject({ code: 'deadline_passed', errors: [{ row: 2 }] });
  });

  it('is the admin\'s: respondents, viewers and assessors are refused, another commission sees no period', async () => {
    const p = await open('saq');
    const csv = `body,2.2\n${bodyB.id},Ya\n`;
    expectStatus(await respondent.upload(bulk(p), 'a.csv', csv), 403);
    expectStatus(await client(t.app, tenant.users.viewer.token).upload(bulk(p), 'a.csv', csv), 403);
    expectStatus(await client(t.app, tenant.users.assessor.token).upload(bulk(p), 'a.csv', csv), 403);
    const other = await createTenant(t.app);
    expectStatus(await client(t.app, other.users.admin.token).upload(bulk(p), 'a.csv', csv), 404);
    expect(await answersOf(p, bodyB.id)).toEqual([]);
  });
});
