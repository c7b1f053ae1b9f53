// One monev from an empty platform to a published ranking, entirely through the API (the same
// calls as the README walk-through), checking the same numbers in live rankings, the result set, the
// CSV export and the public API against hand-computed values.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SUPERADMIN, type TestApp } from '../helpers/app.ts';
import { call, login } from '../helpers/client.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';

let t: TestApp;
const PASSWORD = 'rahasia-sekali-123';

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

function ok(res: Awaited<ReturnType<typeof call>>, status = 200) {
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? null : res.json();
}

describe('a monev end to end through the API', () => {
  it('goes from a new commission to a published, correctable ranking with the same numbers everywhere', async () => {
    const app = t.app;
    const root = await login(app, SUPERADMIN.username, SUPERADMIN.password);
    const commission = ok(await call(app, root, {
      method: 'POST', url: '/api/v1/commissions',
      payload: { name: 'Komisi Informasi Provinsi Banten', level: 'provinsi', region: 'Banten', admin: { username: 'sekretariat.banten', password: PASSWORD } },
    }), 201);
    const admin = await login(app, 'sekretariat.banten', PASSWORD);
    const as = (token: string) => (options: Parameters<typeof call>[2]) => call(app, token, options);
    const A = as(admin);

    const category = ok(await A({ method: 'POST', url: '/api/v1/categories', payload: { code: 'OPD', name: 'Organisasi Perangkat Daerah' } }), 201);
    const names = ['Dinas Komunikasi dan Informatika', 'Dinas Kesehatan', 'Dinas Pendidikan'];
    const bodyIds: string[] = [];
    for (const name of names) bodyIds.push((ok(await A({ method: 'POST', url: '/api/v1/bodies', payload: { name, categoryId: category.id } }), 201)).id);
    const respondents: string[] = [];
    for (const [i, bodyId] of bodyIds.entries()) {
      ok(await A({ method: 'POST', url: '/api/v1/users', payload: { username: `ppid${i}`, password: PASSWORD, role: 'respondent', bodyId } }), 201);
      respondents.push(await login(app, `ppid${i}`, PASSWORD));
    }
    const assessorUser = ok(await A({ method: 'POST', url: '/api/v1/users', payload: { username: 'verifikator1', password: PASSWORD, role: 'assessor' } }), 201);
    const assessor = await login(app, 'verifikator1', PASSWORD);

    const period = ok(await A({
      method: 'POST', url: '/api/v1/periods',
      payload: { year: 2025, title: 'Monev KIP Provinsi Banten 2025', stages: { saq: 80, visitation: 20 } },
    }), 201);
    const P = `/api/v1/periods/${period.id}`;
    ok(await A({ method: 'POST', url: `${P}/questionnaires`, payload: { ...TWO_BY_TWO, categoryIds: [category.id] } }), 201);
    ok(await A({ method: 'POST', url: `${P}/participants`, payload: { categoryId: category.id } }), 201);
    for (const bodyId of bodyIds) {
      ok(await A({ method: 'PUT', url: `${P}/participants/${bodyId}/assignments`, payload: { assessorIds: [assessorUser.id], jurorIds: [] } }));
    }
    const move = async (to: string) => ok(await A({ method: 'POST', url: `${P}/transitions`, payload: { to } }));

    // SAQ: Kominfo answers everything; Kesehatan half; Pendidikan never submits
    await move('saq');
    const answers = [
      [{ question: 'q1', value: true }, { question: 'q2', value: true }, { question: 'q3', value: 'full' }, { question: 'q4', value: ['web', 'app', 'desk', 'wa'] }],
      [{ question: 'q1', value: true }, { question: 'q2', value: false }, { question: 'q3', value: 'full' }, { question: 'q4', value: ['web', 'app'] }],
    ];
    for (const [i, list] of answers.entries()) {
      ok(await call(app, respondents[i]!, { method: 'PUT', url: `${P}/participants/${bodyIds[i]}/answers`, payload: { answers: list } }));
      ok(await call(app, respondents[i]!, { method: 'POST', url: `${P}/participants/${bodyIds[i]}/submission` }), 200);
    }
    await move('verification');

    // verification: all accepted, except Kesehatan's q3 corrected to "half"
    for (const [i, list] of answers.entries()) {
      const decisions = list.map((a) => (i === 1 && a.question === 'q3'
        ? { question: 'q3', decision: 'adjust', value: 'half', note: 'Laporan layanan hanya sebagian' }
        : { question: a.question, decision: 'accept' }));
      ok(await call(app, assessor, { method: 'PUT', url: `${P}/participants/${bodyIds[i]}/verifications`, payload: { decisions } }));
    }
    await move('visitation');
    ok(await call(app, assessor, { method: 'PUT', url: `${P}/participants/${bodyIds[0]}/visitation`, payload: { score: 90 } }));
    ok(await call(app, assessor, { method: 'PUT', url: `${P}/participants/${bodyIds[1]}/visitation`, payload: { score: 80 } }));
    await move('deliberation');

    // Kominfo: SAQ 100, visitasi 90 → 0.8·100 + 0.2·90 = 98.00 (Informatif)
    // Kesehatan: SAQ 0.6·50 + 0.4·50 = 50, visitasi 80 → 56.00 (Kurang Informatif)
    // Pendidikan: tidak mengisi
    const expected = [
      [names[0], 1, 98, 'informatif', 'scored'],
      [names[1], 2, 56, 'kurang_informatif', 'scored'],
      [names[2], null, null, null, 'not_submitted'],
    ];
    const rowsOf = (items: any[]) => items.map((r) => [r.bodyName, r.rank, r.finalScore, r.band?.code ?? null, r.status]);
    const live = ok(await A({ method: 'GET', url: `${P}/rankings` }));
    expect(rowsOf(live.items)).toEqual(expected);
    const score = ok(await call(app, respondents[1]!, { method: 'GET', url: `${P}/participants/${bodyIds[1]}/score` }));
    expect(score).toMatchObject({ finalScore: 56, verifiedSaq: 50, selfAssessedSaq: 60 });

    const v1 = ok(await A({ method: 'POST', url: `${P}/results`, payload: { decreeNumber: '500/12-KIB/XI/2025', decreeDate: '2025-11-20' } }), 201);
    expect(v1.version).toBe(1);
    expect(rowsOf((ok(await A({ method: 'GET', url: `${P}/results/1` }))).items)).toEqual(expected);
    const csv = parse<Record<string, string>>((await A({ method: 'GET', url: `${P}/results/1`, headers: { accept: 'text/csv' } })).body, { columns: true });
    expect(csv.map((r) => [r['Badan Publik'], r['Nilai Akhir'], r.Kualifikasi, r.Status])).toEqual([
      [names[0], '98.00', 'Informatif', 'Dinilai'], [names[1], '56.00', 'Kurang Informatif', 'Dinilai'], [names[2], '', '', 'Tidak Mengisi'],
    ]);
    ok(await A({ method: 'POST', url: `${P}/results/1/publication` }), 201);
    const published = ok(await call(app, null, { method: 'GET', url: `/api/v1/public/periods/${period.id}/rankings` }));
    expect(rowsOf(published.items)).toEqual(expected);

    // a correction: back to visitation (with a reason), Kesehatan's visitation 80 → 95 (56 → 59.00),
    // forward again, version 2 with a reason, published; version 1 stays readable
    ok(await A({ method: 'POST', url: `${P}/transitions`, payload: { to: 'visitation', reason: 'Koreksi nilai visitasi Dinas Kesehatan' } }));
    ok(await call(app, assessor, { method: 'PUT', url: `${P}/participants/${bodyIds[1]}/visitation`, payload: { score: 95 } }));
    await move('deliberation');
    const v2 = await A({ method: 'POST', url: `${P}/results`, payload: { decreeNumber: '500/13-KIB/XI/2025', decreeDate: '2025-11-27', reason: 'Koreksi nilai visitasi Dinas Kesehatan' } });
    expect(v2.statusCode).toBe(201);
    ok(await A({ method: 'POST', url: `${P}/results/2/publication` }), 201);
    const corrected = ok(await call(app, null, { method: 'GET', url: `/api/v1/public/periods/${period.id}/rankings` }));
    expect(corrected.result.version).toBe(2);
    expect(rowsOf(corrected.items)[1]).toEqual([names[1], 2, 59, 'kurang_informatif', 'scored']);
    expect(rowsOf((ok(await A({ method: 'GET', url: `${P}/results/1` }))).items)).toEqual(expected);
    const diff = ok(await A({ method: 'GET', url: `${P}/results/2/diff` }));
    expect(diff.items.map((i: any) => [i.bodyName, i.before.finalScore, i.after.finalScore])).toEqual([[names[1], 56, 59]]);

    const history = ok(await call(app, null, { method: 'GET', url: `/api/v1/public/bodies/${bodyIds[1]}/history` }));
    expect(history.items).toEqual([expect.objectContaining({ year: 2025, finalScore: 59, categoryRank: 2, band: { code: 'kurang_informatif', label: 'Kurang Informatif' } })]);
    const periods = ok(await call(app, null, { method: 'GET', url: `/api/v1/public/commissions/${commission.id}/periods` }));
    expect(periods.items.map((p: any) => [p.year, p.result.version])).toEqual([[2025, 2]]);
  }, 90_000); // the whole monev, one request after the other: 23 s alone on a loaded 2-core machine, more beside other files
});
