// Two monevs end to end through the API only (real app, real database), shaped like the commissions
// that run them (issue 15):
// - KI Pusat: SAQ 60 + uji publik 20 + visitasi 20, the uji publik (presentation) held BEFORE the
//   visitation, published by qualification with an award;
// - KI Banten: an appeal stage (masa sanggah) with documents, a SAQ deadline with a plenary extension
//   for one body, and nilai plus (+2) in the pleno, frozen by a result set.
// Every number asserted is computed by hand in the comments (docs/scoring.md; the answers' SAQ in
// test/helpers/questionnaires.ts).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client, type Res } from '../helpers/client.ts';
import { createBody, createTenant, createUser, type Tenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';
import { ALL, A_ONLY, HALF, arrangePeriod } from './arrange.ts';

interface Row { bodyName: string; rank: number | null; overallRank?: number | null; categoryRank: number | null; finalScore: number | null; band: { code: string } | null; status: string; adjustment?: number }

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const refusedWith = (res: Res, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json<{ code: string }>().code).toBe(code);
  return res.json<Record<string, unknown>>();
};

describe('a KI-Pusat-shaped monev: uji publik, then visitasi, published by qualification with an award', () => {
  const AWARD = 'Badan Publik Terbaik Nasional';
  /**
   * SAQ 60 + presentation ("Uji Publik") 20 + visitation 20; aspects penguasaan_materi 50, inovasi 50;
   * the presentation is the mean of the two jurors' weighted means:
   *   Kementerian Keuangan ALL    SAQ 100: juri 1 (80, 90) 85, juri 2 (90, 100) 95 → 90; visitasi 90 → 60 + 18 + 18   = 96.00 informatif
   *   Kementerian Agama    ALL    SAQ 100: juri 1 (50, 60) 55, juri 2 (60, 70)  65 → 60; visitasi 70 → 60 + 12 + 14   = 86.00 menuju_informatif
   *   Kementerian Kominfo  A_ONLY SAQ 60:  juri 1 (70, 80) 75, juri 2 (85, 85)  85 → 80; visitasi 85 → 36 + 16 + 17   = 69.00 cukup_informatif
   *   Kementerian PUPR     HALF   SAQ 50:  juri 1 (60, 70) 65, juri 2 (70, 80)  75 → 70; visitasi 70 → 30 + 14 + 14   = 58.00 kurang_informatif
   */
  const BODIES = [
    { name: 'Kementerian Keuangan', answers: ALL, juri: [{ penguasaan_materi: 80, inovasi: 90 }, { penguasaan_materi: 90, inovasi: 100 }], visit: 90, presentation: 90, final: 96, band: 'informatif' },
    { name: 'Kementerian Agama', answers: ALL, juri: [{ penguasaan_materi: 50, inovasi: 60 }, { penguasaan_materi: 60, inovasi: 70 }], visit: 70, presentation: 60, final: 86, band: 'menuju_informatif' },
    { name: 'Kementerian Kominfo', answers: A_ONLY, juri: [{ penguasaan_materi: 70, inovasi: 80 }, { penguasaan_materi: 85, inovasi: 85 }], visit: 85, presentation: 80, final: 69, band: 'cukup_informatif' },
    { name: 'Kementerian PUPR', answers: HALF, juri: [{ penguasaan_materi: 60, inovasi: 70 }, { penguasaan_materi: 70, inovasi: 80 }], visit: 70, presentation: 70, final: 58, band: 'kurang_informatif' },
  ];

  it('runs from SAQ to a qualification publication with the hand-computed scores', async () => {
    const pusat: Tenant = await createTenant(t.app, `Komisi Informasi Pusat ${Date.now()}`);
    const admin = client(t.app, pusat.users.admin.token);
    const assessor = client(t.app, pusat.users.assessor.token);
    const anonymous = client(t.app, null);
    // answered, submitted and verified (every answer accepted) by the arrangement, left in verification
    const arranged = await arrangePeriod(t.app, pusat, {
      stage: 'verification',
      stages: { saq: 60, presentation: 20, visitation: 20 },
      presentationAspects: { penguasaan_materi: 50, inovasi: 50 },
      evaluationOrder: ['presentation', 'visitation'],
      stageLabels: { presentation: 'Uji Publik' },
      categories: [{ code: 'KEM', name: 'Kementerian' }],
      bodies: BODIES.map((b) => ({ name: b.name, answers: b.answers })),
    });
    const p = arranged.periodId;
    const at = (body: string, rest = '') => `/periods/${p}/participants/${arranged.bodyIds[body]}${rest}`;
    const move = (to: string) => admin.post(`/periods/${p}/transitions`, { to });

    // the panel of the uji publik: two jurors, assigned to every body with the assessor
    const jurorUsers = [await createUser(t.app, admin, 'juror'), await createUser(t.app, admin, 'juror')];
    const jurors: Client[] = jurorUsers.map((u) => client(t.app, u.token));
    for (const b of BODIES) {
      expectStatus(await admin.put(at(b.name, '/assignments'), { assessorIds: [pusat.users.assessor.id], jurorIds: jurorUsers.map((u) => u.id) }), 200);
    }

    const period = expectStatus(await admin.get(`/periods/${p}`), 200).json<Record<string, unknown>>();
    expect(period).toMatchObject({
      stage: 'verification', nextStage: 'presentation',
      stagePath: ['draft', 'saq', 'verification', 'presentation', 'visitation', 'deliberation', 'closed'],
    });
    for (const b of BODIES) expect(expectStatus(await admin.get(at(b.name, '/score')), 200).json<{ verifiedSaq: number }>().verifiedSaq).toBe(b.answers === ALL ? 100 : b.answers === A_ONLY ? 60 : 50);

    // uji publik: the jurors score before any visitation, which is refused in this stage
    expectStatus(await move('presentation'), 200);
    const early = refusedWith(await assessor.put(at('Kementerian Keuangan', '/visitation'), { score: 90 }), 409, 'wrong_stage');
    expect(early.stage).toBe('presentation');
    for (const b of BODIES) {
      for (const [i, aspects] of b.juri.entries()) expectStatus(await jurors[i]!.put(at(b.name, '/presentation'), { aspects }), 200);
    }
    const midway = expectStatus(await admin.get(at('Kementerian Keuangan', '/score')), 200).json<Record<string, unknown>>();
    // provisional over the stages present: (60 · 100 + 20 · 90) / 80 = 97.5
    expect(midway).toMatchObject({ status: 'provisional', complete: false, finalScore: 97.5, stages: { saq: 100, presentation: 90, visitation: null } });

    // visitasi: the uji publik is closed now
    expectStatus(await move('visitation'), 200);
    refusedWith(await jurors[0]!.put(at('Kementerian Agama', '/presentation'), { aspects: { penguasaan_materi: 100, inovasi: 100 } }), 409, 'wrong_stage');
    for (const b of BODIES) expectStatus(await assessor.put(at(b.name, '/visitation'), { score: b.visit }), 200);
    expectStatus(await move('deliberation'), 200);

    for (const b of BODIES) {
      const score = expectStatus(await admin.get(at(b.name, '/score')), 200).json<Record<string, unknown>>();
      expect(score, b.name).toMatchObject({
        status: 'scored', complete: true, finalScore: b.final, finalScoreExact: String(b.final), band: { code: b.band },
        stages: { presentation: b.presentation, visitation: b.visit },
      });
      expect((score.stageDetails as { stage: string; label: string }[]).map((d) => [d.stage, d.label]))
        .toEqual([['saq', 'Penilaian Mandiri (SAQ)'], ['presentation', 'Uji Publik'], ['visitation', 'Visitasi']]);
    }
    const live = expectStatus(await admin.get(`/periods/${p}/rankings`), 200).json<{ items: Row[] }>();
    expect(live.items.map((r) => [r.bodyName, r.rank, r.finalScore, r.band?.code])).toEqual([
      ['Kementerian Keuangan', 1, 96, 'informatif'], ['Kementerian Agama', 2, 86, 'menuju_informatif'],
      ['Kementerian Kominfo', 3, 69, 'cukup_informatif'], ['Kementerian PUPR', 4, 58, 'kurang_informatif'],
    ]);

    // the pleno: a result set, published by qualification with the national award
    const set = expectStatus(await admin.post(`/periods/${p}/results`, { decreeNumber: '5/KEP/KIP/XII/2025', decreeDate: '2025-12-15' }), 201).json<Record<string, unknown>>();
    expect(set).toMatchObject({ version: 1, counts: { scored: 4, provisional: 0, notSubmitted: 0 } });
    const keuangan = arranged.bodyIds['Kementerian Keuangan']!;
    const published = expectStatus(await admin.post(`/periods/${p}/results/1/publication`, {
      decree: '5/KEP/KIP/XII/2025', mode: 'qualification', awards: [{ title: AWARD, bodyIds: [keuangan] }],
    }), 201).json<Record<string, unknown>>();
    expect(published).toMatchObject({ version: 1, mode: 'qualification', awards: [{ title: AWARD, bodies: [{ id: keuangan, name: 'Kementerian Keuangan' }] }] });

    // the public sees bands, never ranks or scores, listed by band then name
    const pub = expectStatus(await anonymous.get(`/public/periods/${p}/rankings`), 200).json<{ result: Record<string, unknown>; items: Row[] }>();
    expect(pub.result).toMatchObject({ version: 1, mode: 'qualification', decree: '5/KEP/KIP/XII/2025' });
    expect(pub.items.map((r) => [r.bodyName, r.rank, r.overallRank, r.categoryRank, r.finalScore, r.band?.code, r.status])).toEqual(
      BODIES.map((b) => [b.name, null, null, null, null, b.band, 'scored']),
    );
    const csv = parse<Record<string, string>>(expectStatus(await anonymous.get(`/public/periods/${p}/rankings?format=csv`), 200).body, { columns: true });
    expect(Object.keys(csv[0] ?? {})).not.toContain('Nilai Akhir');
    expect(Object.keys(csv[0] ?? {})).not.toContain('Peringkat');

    const publicPeriod = expectStatus(await anonymous.get(`/public/periods/${p}`), 200).json<Record<string, unknown>>();
    expect(publicPeriod).toMatchObject({
      id: p, commission: { id: pusat.commissionId }, version: 1, mode: 'qualification', decree: '5/KEP/KIP/XII/2025',
      awards: [{ title: AWARD, bodies: [{ id: keuangan, name: 'Kementerian Keuangan' }] }],
      bands: [
        { code: 'informatif', count: 1 }, { code: 'menuju_informatif', count: 1 }, { code: 'cukup_informatif', count: 1 },
        { code: 'kurang_informatif', count: 1 }, { code: 'tidak_informatif', count: 0 },
      ],
    });
    // the commission itself keeps the frozen numbers
    const frozen = expectStatus(await admin.get(`/periods/${p}/results/1`), 200).json<{ items: Row[] }>();
    expect(frozen.items.map((r) => [r.bodyName, r.finalScore])).toEqual(BODIES.map((b) => [b.name, b.final]));
  }, 180_000);
});

describe('a Banten-shaped monev: deadline and extension, masa sanggah with documents, nilai plus', () => {
  /**
   * SAQ 80 + visitasi 20, an appeal stage, maxAdjustment 5, TWO_BY_TWO:
   *   Dinas Kominfo   answers ALL (SAQ 100) on time; the assessor adjusts q2 to "no" (A 50, B 100: SAQ 70);
   *                   its appeal with a PDF is revised back to "yes": SAQ 100; visitasi 90 → 80 + 18 = 98.00
   *   Dinas Kesehatan answers q1 on time, the rest after the deadline under an extension: HALF, SAQ 50;
   *                   visitasi 90 → 40 + 18 = 58.00; nilai plus +2 → 60.00 (kurang → cukup informatif)
   *   Dinas Pendidikan answers q1 on time, is refused after the deadline, never submits: not_submitted
   */
  it('runs from the SAQ deadline to a result set that freezes the nilai plus', async () => {
    const banten: Tenant = await createTenant(t.app, 'Komisi Informasi Provinsi Banten');
    const admin = client(t.app, banten.users.admin.token);
    const assessor = client(t.app, banten.users.assessor.token);
    const names = ['Dinas Kominfo', 'Dinas Kesehatan', 'Dinas Pendidikan'] as const;
    const bodyIds: Record<string, string> = {};
    const ppid: Record<string, Client> = {};
    for (const name of names) {
      bodyIds[name] = await createBody(admin, banten.categoryId, `${name} Provinsi Banten`);
      ppid[name] = client(t.app, (await createUser(t.app, admin, 'respondent', bodyIds[name])).token);
    }
    const period = expectStatus(await admin.post('/periods', {
      year: 2025, title: 'Monev KIP Badan Publik Provinsi Banten 2025', stages: { saq: 80, visitation: 20 },
      appeal: true, maxAdjustment: 5, deadlines: { saq: hoursFromNow(24) },
    }), 201).json<{ id: string; stagePath: string[] }>();
    const p = period.id;
    expect(period.stagePath).toEqual(['draft', 'saq', 'verification', 'appeal', 'visitation', 'deliberation', 'closed']);
    const at = (name: string, rest = '') => `/periods/${p}/participants/${bodyIds[name]}${rest}`;
    const move = async (to: string) => expectStatus(await admin.post(`/periods/${p}/transitions`, { to }), 200).json<Record<string, unknown>>();
    const answer = (name: string, answers: Record<string, unknown>) =>
      ppid[name]!.put(at(name, '/answers'), { answers: Object.entries(answers).map(([question, value]) => ({ question, value })) });
    const score = async (name: string) => expectStatus(await admin.get(at(name, '/score')), 200).json<Record<string, unknown>>();

    expectStatus(await admin.post(`/periods/${p}/questionnaires`, { ...TWO_BY_TWO, categoryIds: [banten.categoryId] }), 201);
    expectStatus(await admin.post(`/periods/${p}/participants`, { bodyIds: Object.values(bodyIds) }), 201);
    for (const name of names) expectStatus(await admin.put(at(name, '/assignments'), { assessorIds: [banten.users.assessor.id], jurorIds: [] }), 200);

    // the SAQ: Kominfo finishes on time, the others only start
    await move('saq');
    expectStatus(await answer('Dinas Kominfo', ALL), 200);
    expectStatus(await ppid['Dinas Kominfo']!.post(at('Dinas Kominfo', '/submission')), 200);
    expectStatus(await answer('Dinas Kesehatan', { q1: true }), 200);
    expectStatus(await answer('Dinas Pendidikan', { q1: true }), 200);

    // the deadline passes (set a minute ago, as the secretariat would once it has); the pleno extends it for Kesehatan
    expectStatus(await admin.patch(`/periods/${p}`, { deadlines: { saq: new Date(Date.now() - 60_000).toISOString() } }), 200);
    const late = refusedWith(await answer('Dinas Kesehatan', { q2: false }), 409, 'deadline_passed');
    expect(late).toMatchObject({ deadlineOf: 'saq', extensionUntil: null });
    const until = hoursFromNow(48);
    expectStatus(await admin.put(at('Dinas Kesehatan', '/extension'), { until, reason: 'Keputusan pleno: kendala jaringan saat pengisian' }), 200);
    const { q1: _, ...rest } = HALF;
    expectStatus(await answer('Dinas Kesehatan', rest), 200);
    expectStatus(await ppid['Dinas Kesehatan']!.post(at('Dinas Kesehatan', '/submission')), 200);
    refusedWith(await answer('Dinas Pendidikan', { q2: true }), 409, 'deadline_passed');
    refusedWith(await ppid['Dinas Pendidikan']!.post(at('Dinas Pendidikan', '/submission')), 409, 'deadline_passed');
    const closed = await move('verification');
    expect(closed.markedNotSubmitted).toBe(1);

    // verification: q2 of Kominfo adjusted
    expectStatus(await assessor.put(at('Dinas Kominfo', '/verifications'), {
      decisions: [
        { question: 'q1', decision: 'accept' },
        { question: 'q2', decision: 'adjust', value: false, note: 'SK SOP PPID tidak dilampirkan' },
        { question: 'q3', decision: 'accept' }, { question: 'q4', decision: 'accept' },
      ],
    }), 200);
    expectStatus(await assessor.put(at('Dinas Kesehatan', '/verifications'), {
      decisions: ['q1', 'q2', 'q3', 'q4'].map((question) => ({ question, decision: 'accept' })),
    }), 200);
    expect(await score('Dinas Kominfo')).toMatchObject({ selfAssessedSaq: 100, verifiedSaq: 70 });

    // masa sanggah: the PPID uploads the SK as a PDF and appeals the adjusted answer with it
    await move('appeal');
    const file = expectStatus(await ppid['Dinas Kominfo']!.upload(at('Dinas Kominfo', '/evidence'), 'sk-sop-ppid.pdf', pdf()), 201).json<{ id: string }>();
    const appeal = expectStatus(await ppid['Dinas Kominfo']!.post(at('Dinas Kominfo', '/appeals'), {
      question: 'q2', reason: 'SOP PPID ditetapkan dengan SK Gubernur; salinan terlampir', evidence: [{ fileId: file.id }],
    }), 201).json<{ id: string; status: string }>();
    expect(appeal.status).toBe('open');
    const held = expectStatus(await admin.post(`/periods/${p}/transitions`, { to: 'visitation' }), 409).json<Record<string, unknown>>();
    expect(held).toMatchObject({ code: 'conflict', openAppeals: [{ id: appeal.id, bodyId: bodyIds['Dinas Kominfo'], question: 'q2' }] });
    expect(expectStatus(await admin.get(`/periods/${p}`), 200).json<{ stage: string }>().stage).toBe('appeal');
    expectStatus(await assessor.patch(at('Dinas Kominfo', `/appeals/${appeal.id}`), { status: 'revised', note: 'SK diterima', value: true }), 200);
    expect(await score('Dinas Kominfo')).toMatchObject({ verifiedSaq: 100 });

    // visitasi, then the pleno
    await move('visitation');
    expectStatus(await assessor.put(at('Dinas Kominfo', '/visitation'), { score: 90 }), 200);
    expectStatus(await assessor.put(at('Dinas Kesehatan', '/visitation'), { score: 90 }), 200);
    await move('deliberation');
    expect(await score('Dinas Kominfo')).toMatchObject({ status: 'scored', finalScore: 98, band: { code: 'informatif' } });
    const before = await score('Dinas Kesehatan');
    expect(before).toMatchObject({ status: 'scored', finalScore: 58, baseScore: 58, adjustmentTotal: 0, band: { code: 'kurang_informatif' } });
    expect(await score('Dinas Pendidikan')).toMatchObject({ status: 'not_submitted', finalScore: null });

    // nilai plus: +2 moves the final score by exactly 2.00
    const NILAI_PLUS = { points: 2, reason: 'Kepala dinas hadir langsung pada presentasi (nilai plus)' };
    const adjustment = expectStatus(await admin.post(at('Dinas Kesehatan', '/adjustments'), NILAI_PLUS), 201).json<Record<string, unknown>>();
    const after = await score('Dinas Kesehatan');
    expect(after).toMatchObject({
      finalScore: 60, finalScoreExact: '60', baseScore: 58, adjustmentTotal: 2, adjustmentsApplied: true,
      adjustments: [adjustment], band: { code: 'cukup_informatif' },
    });
    expect((after.finalScore as number) - (before.finalScore as number)).toBe(2);

    const recap = expectStatus(await admin.get(`/periods/${p}/recap`), 200).json<{ items: Row[] }>();
    expect(recap.items.map((r) => [r.bodyName, r.finalScore, r.adjustment, r.status])).toEqual([
      ['Dinas Kominfo Provinsi Banten', 98, 0, 'scored'],
      ['Dinas Kesehatan Provinsi Banten', 60, 2, 'scored'],
      ['Dinas Pendidikan Provinsi Banten', null, 0, 'not_submitted'],
    ]);
    const csv = parse<Record<string, string>>(expectStatus(await admin.get(`/periods/${p}/recap?format=csv`), 200).body, { columns: true, bom: true });
    expect(csv.find((r) => r['Badan Publik'] === 'Dinas Kesehatan Provinsi Banten')).toMatchObject({ 'Nilai Plus': '2.00', 'Nilai Akhir': '60.00' });

    // the result set freezes the adjusted score and the adjustment among its inputs
    expectStatus(await admin.post(`/periods/${p}/results`, { decreeNumber: '52/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20' }), 201);
    const row = expectStatus(await admin.get(`/periods/${p}/results/1/rows/${bodyIds['Dinas Kesehatan']}`), 200)
      .json<{ finalScore: number; adjustment: number; inputs: { adjustments: unknown } }>();
    expect(row).toMatchObject({ finalScore: 60, adjustment: 2 });
    expect(row.inputs.adjustments).toEqual([NILAI_PLUS]);
    const frozen = expectStatus(await admin.get(`/periods/${p}/results/1`), 200).json<{ items: Row[] }>();
    for (const r of recap.items) {
      expect(frozen.items.find((x) => x.bodyName === r.bodyName), r.bodyName).toMatchObject({ finalScore: r.finalScore, adjustment: r.adjustment });
    }
  }, 180_000);
});
