// The README walk-through ("one monev, from an empty server to a published ranking"), step for step,
// through the typed client in clients/typescript against a real listening server: the generated
// types, openapi-fetch and the global fetch, nothing else. Every number asserted is one the README
// prints, so the README, the document and the client are checked together.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKipClient, KipApiError, unwrap, type KipClient } from '../../clients/typescript/index.ts';
import { scoreFromJson } from '../../src/scoring/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// the credentials the README starts the server with
const SUPERADMIN = { username: 'admin', password: 'ganti-sandi-ini-123' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ KIP_ADMIN_USERNAME: SUPERADMIN.username, KIP_ADMIN_PASSWORD: SUPERADMIN.password });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

const anonymous = () => createKipClient({ baseUrl });

/** `POST /auth/token`, then a client that sends the token: one per role, as the README's shell variables. */
async function as(username: string, password: string): Promise<KipClient> {
  const { accessToken } = await unwrap(anonymous().POST('/api/v1/auth/token', { body: { username, password } }));
  return createKipClient({ baseUrl, token: accessToken });
}

/** An XLSX file is a ZIP archive: it starts with "PK". */
function isXlsx(file: ArrayBuffer): boolean {
  return Buffer.from(file).subarray(0, 2).toString('latin1') === 'PK';
}

describe('the README walk-through through the typed client', () => {
  it('goes from an empty server to a published ranking with the README\'s numbers', async () => {
    // 1. The platform superadmin creates a commission and its first admin
    const root = await as(SUPERADMIN.username, SUPERADMIN.password);
    const commission = await unwrap(root.POST('/api/v1/commissions', {
      body: {
        name: 'Komisi Informasi Provinsi Banten', level: 'provinsi', region: 'Banten',
        admin: { username: 'sekretariat.banten', password: 'sandi-sekretariat-123' },
      },
    }));
    expect(commission).toMatchObject({ name: 'Komisi Informasi Provinsi Banten', level: 'provinsi' });
    const admin = await as('sekretariat.banten', 'sandi-sekretariat-123');

    // 2. Categories, bodies and users
    const category = await unwrap(admin.POST('/api/v1/categories', { body: { code: 'OPD', name: 'Organisasi Perangkat Daerah' } }));
    const kominfo = await unwrap(admin.POST('/api/v1/bodies', {
      body: { name: 'Dinas Komunikasi dan Informatika', categoryId: category.id, website: 'https://diskominfo.bantenprov.go.id' },
    }));
    const dinkes = await unwrap(admin.POST('/api/v1/bodies', { body: { name: 'Dinas Kesehatan', categoryId: category.id } }));
    const ppidKominfo = await unwrap(admin.POST('/api/v1/users', {
      body: { username: 'ppid.kominfo', password: 'sandi-ppid-kominfo', role: 'respondent', bodyId: kominfo.id },
    }));
    const ppidDinkes = await unwrap(admin.POST('/api/v1/users', {
      body: { username: 'ppid.dinkes', password: 'sandi-ppid-dinkes1', role: 'respondent', bodyId: dinkes.id },
    }));
    expect([ppidKominfo, ppidDinkes].map((u) => ({ username: u.username, role: u.role }))).toEqual([
      { username: 'ppid.kominfo', role: 'respondent' }, { username: 'ppid.dinkes', role: 'respondent' },
    ]);
    const assessor = await unwrap(admin.POST('/api/v1/users', {
      body: { username: 'verifikator.1', password: 'sandi-verifikator', role: 'assessor' },
    }));

    // 3. A period with a questionnaire from a preset
    const period = await unwrap(admin.POST('/api/v1/periods', {
      body: { year: 2025, title: 'Monev KIP Provinsi Banten 2025', stages: { saq: 80, visitation: 20 } },
    }));
    const periodId = period.id;
    const presets = await unwrap(admin.GET('/api/v1/questionnaire-presets'));
    const opd = presets.items.find((p) => p.code === 'monev-2025-opd');
    expect(opd).toMatchObject({ sampleQuestionCount: 8, questionCount: 45, title: 'SAQ Monev KIP 2025 — Organisasi Perangkat Daerah (PerKI 1/2022)' });
    const questionnaire = await unwrap(admin.POST('/api/v1/periods/{periodId}/questionnaires', {
      params: { path: { periodId } }, body: { preset: 'monev-2025-opd', categoryIds: [category.id] },
    }));
    expect(questionnaire.id).toBeTruthy();

    // 4. Enrol the bodies, assign the assessor, open the SAQ
    const enrolment = await unwrap(admin.POST('/api/v1/periods/{periodId}/participants', { params: { path: { periodId } }, body: { categoryId: category.id } }));
    expect(enrolment.enrolled).toBe(2);
    for (const body of [kominfo, dinkes]) {
      await unwrap(admin.PUT('/api/v1/periods/{periodId}/participants/{bodyId}/assignments', {
        params: { path: { periodId, bodyId: body.id } }, body: { assessorIds: [assessor.id], jurorIds: [] },
      }));
    }
    const move = (to: 'saq' | 'verification' | 'visitation' | 'deliberation') =>
      unwrap(admin.POST('/api/v1/periods/{periodId}/transitions', { params: { path: { periodId } }, body: { to } }));
    expect(await move('saq')).toMatchObject({ from: 'draft', to: 'saq' });

    // 5. The PPID answers and submits
    const respondent = await as('ppid.kominfo', 'sandi-ppid-kominfo');
    const kominfoPath = { path: { periodId, bodyId: kominfo.id } };
    const answered = await unwrap(respondent.PUT('/api/v1/periods/{periodId}/participants/{bodyId}/answers', {
      params: kominfoPath,
      body: {
        answers: [
          { question: '2.1.1', value: 'mutakhir', evidence: [{ url: 'https://ppid.bantenprov.go.id/dip' }] },
          { question: '1.2.1', value: true, evidence: [{ url: 'https://ppid.bantenprov.go.id/ruang-layanan' }] },
          { question: '6.1.3', value: true, evidence: [{ url: 'https://ppid.bantenprov.go.id/unduhan' }] },
          { question: '5.2.1', value: true, evidence: [{ url: 'https://ppid.bantenprov.go.id/laporan-2024' }] },
          { question: '4.1.1', value: true, evidence: [{ url: 'https://ppid.bantenprov.go.id/sk-ppid' }] },
        ],
      },
    }));
    expect(answered).toMatchObject({ version: 2, answered: 5, total: 45, missingEvidence: [] });
    const submitted = await unwrap(respondent.POST('/api/v1/periods/{periodId}/participants/{bodyId}/submission', { params: kominfoPath }));
    expect(submitted).toMatchObject({ status: 'submitted', answered: 5, total: 45 });

    // 6. Verification and visitation
    expect(await move('verification')).toMatchObject({ from: 'saq', to: 'verification', markedNotSubmitted: 1 });
    const verifier = await as('verifikator.1', 'sandi-verifikator');
    const verified = await unwrap(verifier.PUT('/api/v1/periods/{periodId}/participants/{bodyId}/verifications', {
      params: kominfoPath,
      body: {
        decisions: [
          { question: '2.1.1', decision: 'accept' }, { question: '1.2.1', decision: 'accept' },
          { question: '6.1.3', decision: 'accept' }, { question: '5.2.1', decision: 'accept' },
          { question: '4.1.1', decision: 'adjust', value: false, note: 'SK penunjukan PPID belum diperbarui' },
        ],
      },
    }));
    expect(verified.progress).toEqual({ decided: 5, total: 45 });
    expect(await move('visitation')).toMatchObject({ from: 'verification', to: 'visitation' });
    const visitation = await unwrap(verifier.PUT('/api/v1/periods/{periodId}/participants/{bodyId}/visitation', {
      params: kominfoPath, body: { score: 85.5, notes: 'Meja layanan tersedia' },
    }));
    expect(visitation.score).toBe(85.5);

    // 7. The score, explained
    const score = await unwrap(admin.GET('/api/v1/periods/{periodId}/participants/{bodyId}/score', { params: kominfoPath }));
    expect(score).toMatchObject({
      verifiedSaq: 12.54, stages: { saq: 12.54, visitation: 85.5 }, finalScore: 27.13,
      band: { code: 'tidak_informatif', label: 'Tidak Informatif' },
    });
    expect(score.gap.nextBand?.label).toBe('Kurang Informatif');
    expect(score.gap.pointsNeeded).toBe(12.87);
    expect(score.gap.questions[0]).toMatchObject({ question: '6.1.1', indicator: 'DG', verifiedScore: 0, gain: 4 });
    const dip = score.indicators.flatMap((i) => i.subIndicators ?? []).find((s) => s.code === '2.1');
    expect(dip?.score).toBe(66.67);

    // 8. Deliberation: rankings, statistics, a result set
    expect(await move('deliberation')).toMatchObject({ from: 'visitation', to: 'deliberation' });
    const rankings = await unwrap(admin.GET('/api/v1/periods/{periodId}/rankings', { params: { path: { periodId } } }));
    expect(rankings.items.map((r) => ({ bodyName: r.bodyName, rank: r.rank, finalScore: r.finalScore, band: r.band?.label ?? null, status: r.status }))).toEqual([
      { bodyName: 'Dinas Komunikasi dan Informatika', rank: 1, finalScore: 27.13, band: 'Tidak Informatif', status: 'scored' },
      { bodyName: 'Dinas Kesehatan', rank: null, finalScore: null, band: null, status: 'not_submitted' },
    ]);
    const csv = await unwrap(admin.GET('/api/v1/periods/{periodId}/rankings', {
      params: { path: { periodId } }, headers: { accept: 'text/csv' }, parseAs: 'text',
    }));
    expect(csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toEqual([
      'Peringkat,Peringkat Kategori,Peringkat Umum,Badan Publik,Kode Kategori,Kategori,Nilai Akhir,Kualifikasi,Status',
      '1,1,1,Dinas Komunikasi dan Informatika,OPD,Organisasi Perangkat Daerah,27.13,Tidak Informatif,Dinilai',
      ',,,Dinas Kesehatan,OPD,Organisasi Perangkat Daerah,,,Tidak Mengisi',
    ]);
    const recap = await unwrap(admin.GET('/api/v1/periods/{periodId}/recap', {
      params: { path: { periodId } }, headers: { accept: XLSX }, parseAs: 'arrayBuffer',
    }));
    expect(isXlsx(recap)).toBe(true);
    const statistics = await unwrap(admin.GET('/api/v1/periods/{periodId}/statistics', { params: { path: { periodId } } }));
    expect(statistics.overall.finalScore).toEqual({ count: 1, mean: 27.13, median: 27.13, min: 27.13, max: 27.13 });
    expect(statistics.progress.saq).toEqual({ enrolled: 0, submitted: 1, notSubmitted: 1 });

    const resultSet = await unwrap(admin.POST('/api/v1/periods/{periodId}/results', {
      params: { path: { periodId } }, body: { decreeNumber: '500/123-KIB/XI/2025', decreeDate: '2025-11-20' },
    }));
    expect(resultSet).toMatchObject({ version: 1, decreeNumber: '500/123-KIB/XI/2025', rowCount: 2, counts: { scored: 1, provisional: 0, notSubmitted: 1 } });
    const row = await unwrap(admin.GET('/api/v1/periods/{periodId}/results/{version}/rows/{bodyId}', {
      params: { path: { periodId, version: 1, bodyId: kominfo.id } },
    }));
    expect(row.finalScore).toBe(27.13);
    // `kip-monev score --inputs`: the same recomputation the command runs, from the row's inputs alone
    const { questionnaire: questions, period: settings, ...answers } = row.inputs;
    const recomputed = scoreFromJson({ questionnaire: questions, period: settings, answers });
    if (!recomputed.ok) throw new Error(JSON.stringify(recomputed.errors));
    expect(recomputed.value.report.finalScore?.toFixed(2)).toBe('27.13');
    expect(recomputed.value.report.band?.label).toBe('Tidak Informatif');
    expect(recomputed.value.report.inputsHash).toBe(row.inputsSha256);

    // 9. Publish and read the public ranking: no token from here on
    const publication = await unwrap(admin.POST('/api/v1/periods/{periodId}/results/{version}/publication', { params: { path: { periodId, version: 1 } } }));
    expect(publication).toMatchObject({ version: 1, supersedes: null });
    expect(Date.parse(publication.publishedAt)).not.toBeNaN();

    const visitor = anonymous();
    const published = await unwrap(visitor.GET('/api/v1/public/periods/{periodId}/rankings', { params: { path: { periodId } } }));
    expect({
      period: published.period.title,
      decree: published.result.decreeNumber,
      items: published.items.map((r) => ({ bodyName: r.bodyName, rank: r.rank, finalScore: r.finalScore, band: r.band?.label ?? null })),
    }).toEqual({
      period: 'Monev KIP Provinsi Banten 2025',
      decree: '500/123-KIB/XI/2025',
      items: [
        { bodyName: 'Dinas Komunikasi dan Informatika', rank: 1, finalScore: 27.13, band: 'Tidak Informatif' },
        { bodyName: 'Dinas Kesehatan', rank: null, finalScore: null, band: null },
      ],
    });
    const download = await unwrap(visitor.GET('/api/v1/public/periods/{periodId}/rankings', {
      params: { path: { periodId }, query: { format: 'xlsx' } }, parseAs: 'arrayBuffer',
    }));
    expect(isXlsx(download)).toBe(true);
    const history = await unwrap(visitor.GET('/api/v1/public/bodies/{bodyId}/history', { params: { path: { bodyId: kominfo.id } } }));
    expect(history.items.map((h) => ({ year: h.year, finalScore: h.finalScore, band: h.band?.label, categoryRank: h.categoryRank }))).toEqual([
      { year: 2025, finalScore: 27.13, band: 'Tidak Informatif', categoryRank: 1 },
    ]);
  });

  it('turns a refused call into a KipApiError carrying the problem', async () => {
    // without unwrap: the typed problem is the result's `error`
    const wrong = await anonymous().POST('/api/v1/auth/token', { body: { username: SUPERADMIN.username, password: 'salah-sandi-123' } });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error?.code).toBe('unauthenticated');

    const refusal = (pending: Promise<unknown>) => pending.then(() => expect.unreachable('the call succeeded'), (e: unknown) => e);
    const stranger = await refusal(unwrap(createKipClient({ baseUrl, token: 'kip_tidak-ada' }).GET('/api/v1/me')));
    expect(stranger).toBeInstanceOf(KipApiError);
    expect(stranger).toMatchObject({ status: 401, problem: { status: 401, code: 'unauthenticated' } });
    expect((stranger as KipApiError).problem?.requestId).toBeTruthy();
    expect((stranger as KipApiError).message).toMatch(/^401 unauthenticated: /);

    // a token given as a function is asked for each request; a body the schema refuses lists its errors
    const { accessToken } = await unwrap(anonymous().POST('/api/v1/auth/token', { body: SUPERADMIN }));
    const root = createKipClient({ baseUrl, token: () => Promise.resolve(accessToken) });
    expect((await unwrap(root.GET('/api/v1/me'))).username).toBe(SUPERADMIN.username);
    const invalid = await refusal(unwrap(root.POST('/api/v1/commissions', {
      body: { name: 'Komisi Informasi Kabupaten Lebak', level: 'kabupaten_kota', admin: { username: 'sekretariat.lebak', password: 'pendek' } },
    })));
    expect(invalid).toMatchObject({ status: 400, problem: { code: 'validation_failed' } });
    expect((invalid as KipApiError).problem?.errors?.map((e) => e.path)).toEqual(['body.admin.password']);
  });
});
