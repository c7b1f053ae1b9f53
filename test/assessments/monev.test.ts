// A whole monev through the API, from answers to final scores, against hand-computed numbers.
//
// Questionnaire FOUR_QUESTIONS (test/helpers/questionnaires.ts): JI weight 60 = { 1.1 yes_no w2 evidence required, 1.2 choice w1
// (full 1 / late 0.5 / none 0) }, PI weight 40 = { 2.1 checklist w1 of 3 items, 2.2 yes_no w1 }.
// Period: stages saq 70 / visitation 10 / presentation 20, aspects materi 40 / inovasi 30 /
// komitmen 30, advancement min_score 50, with an appeal stage.
//
// Body A answers 1.1 yes, 1.2 late, 2.1 [web, app], 2.2 yes:
//   self JI = 100·(2·1 + 1·0.5)/3 = 83.333…, PI = 100·(2/3 + 1)/2 = 83.333…, self SAQ = 83.33
// verified: 1.1 accept, 1.2 adjust → none, 2.1 adjust → all three, 2.2 accept:
//   JI = 100·2/3 = 66.666…, PI = 100, verified SAQ = 0.6·66.666… + 0.4·100 = 80.00
// appeal on 1.2 revised to late: JI = 83.333…, verified SAQ = 50 + 40 = 90.00 (advanced, ≥ 50)
// visitation 85.5; jurors 80/70/90 → 80 and 90/80/100 → 90, presentation = 85
//   after visitation (provisional): (70·90 + 10·85.5)/80 = 89.4375 → 89.44
//   final = 0.7·90 + 0.1·85.5 + 0.2·85 = 63 + 8.55 + 17 = 88.55 → Menuju Informatif
//   gap to Informatif: 90 − 88.55 = 1.45; only 1.2 is unmet (s = 0.5): gain = 0.7·60·1·0.5/3 = 7
// Body B answers 1.1 no (with an uploaded PDF as evidence), 1.2 full, 2.1 [web], 2.2 yes; all accepted:
//   JI = 100·1/3, PI = 100·(1/3 + 1)/2, SAQ = 20 + 26.666… = 46.67 < 50: not advanced,
//   final = verified SAQ = 46.67 → Kurang Informatif, complete
// Body C never submits: not_submitted, no score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, createUser, type Tenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { arrangeMonev, evidenceUrl, moveTo, type Monev } from './helpers.ts';

let t: TestApp;
let tenant: Tenant;
let admin: Client;
let assessor: Client;
let juror: Client;
let juror2: { id: string; username: string; token: string };
let monev: Monev;

const PERIOD = {
  stages: { saq: 70, visitation: 10, presentation: 20 },
  presentationAspects: { materi: 40, inovasi: 30, komitmen: 30 },
  advancement: { rule: 'min_score', minScore: 50 },
  appeal: true,
};

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app);
  admin = client(t.app, tenant.users.admin.token);
  assessor = client(t.app, tenant.users.assessor.token);
  juror = client(t.app, tenant.users.juror.token);
  juror2 = await createUser(t.app, admin, 'juror');
  monev = await arrangeMonev(t.app, tenant, { period: PERIOD, extraBodies: 2, jurorIds: [tenant.users.juror.id, juror2.id] });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const url = (bodyId: string, rest: string) => `/periods/${monev.periodId}/participants/${bodyId}${rest}`;

describe('a whole monev', () => {
  it('runs from answers to final scores with hand-computed numbers', async () => {
    const [a, b, c] = monev.bodies;
    if (!a || !b || !c) throw new Error('arrangeMonev made fewer than three bodies');
    await moveTo(admin, monev.periodId, 'saq');

    // ── SAQ: drafts, evidence, submission ──
    const draft = expectStatus(await a.respondent.put(url(a.id, '/answers'), {
      answers: [
        { question: '1.1', value: true },
        { question: '1.2', value: 'late' },
        { question: '2.1', value: ['web', 'app'] },
        { question: '2.2', value: true },
      ],
    }), 200);
    expect(draft.json()).toMatchObject({ answered: 4, total: 4, missingEvidence: ['1.1'], status: 'enrolled' });
    expect(draft.headers.etag).toBe(`"${draft.json().version}"`);

    const blocked = expectStatus(await a.respondent.post(url(a.id, '/submission')), 422);
    expect(blocked.json().questions).toEqual(['1.1']);
    expect(blocked.json().errors).toEqual([{ path: '1.1', message: expect.stringContaining('evidence') }]);

    // evidence kept when a later batch omits it
    expectStatus(await a.respondent.put(url(a.id, '/answers'), { answers: [{ question: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] }] }, { 'if-match': draft.headers.etag as string }), 200);
    const kept = expectStatus(await a.respondent.put(url(a.id, '/answers'), { answers: [{ question: '1.1', value: true }] }), 200).json();
    expect(kept.items.find((i: { question: string }) => i.question === '1.1').evidence).toEqual([{ url: 'https://ppid.example.go.id/dip' }]);
    expect(kept.missingEvidence).toEqual([]);

    const liveSelf = expectStatus(await a.respondent.get(url(a.id, '/score')), 200).json();
    expect(liveSelf.selfAssessedSaq).toBe(83.33);
    expect(liveSelf.verifiedSaq).toBe(0);

    const submitted = expectStatus(await a.respondent.post(url(a.id, '/submission')), 200).json();
    expect(submitted).toMatchObject({ status: 'submitted', answered: 4, total: 4 });

    // B: evidence by an uploaded PDF
    const file = expectStatus(await b.respondent.upload(evidenceUrl(monev.periodId, b.id), 'dip.pdf', pdf()), 201).json();
    expectStatus(await b.respondent.put(url(b.id, '/answers'), {
      answers: [
        { question: '1.1', value: false, evidence: [{ fileId: file.id }] },
        { question: '1.2', value: 'full' },
        { question: '2.1', value: ['web'] },
        { question: '2.2', value: true },
      ],
    }), 200);
    expectStatus(await b.respondent.post(url(b.id, '/submission')), 200);
    // C answers but never submits
    expectStatus(await c.respondent.put(url(c.id, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);

    // ── verification ──
    await moveTo(admin, monev.periodId, 'verification');
    const verified = expectStatus(await assessor.put(url(a.id, '/verifications'), {
      decisions: [
        { question: '1.1', decision: 'accept' },
        { question: '1.2', decision: 'adjust', value: 'none', note: 'Laporan tidak ditemukan' },
      ],
    }), 200).json();
    expect(verified.progress).toEqual({ decided: 2, total: 4 });
    expectStatus(await assessor.put(url(a.id, '/verifications'), {
      decisions: [
        { question: '2.1', decision: 'adjust', value: ['web', 'app', 'desk'], note: 'Meja layanan ada saat dicek' },
        { question: '2.2', decision: 'accept' },
      ],
    }, { 'if-match': `"${verified.version}"` }), 200);
    expectStatus(await assessor.put(url(b.id, '/verifications'), {
      decisions: ['1.1', '1.2', '2.1', '2.2'].map((question) => ({ question, decision: 'accept' })),
    }), 200);

    let scoreA = expectStatus(await admin.get(url(a.id, '/score')), 200).json();
    expect(scoreA).toMatchObject({ selfAssessedSaq: 83.33, verifiedSaq: 80, finalScore: 80, advanced: true, complete: false, status: 'provisional', progress: { decided: 4, total: 4 } });
    expect(scoreA.indicators).toEqual([
      { code: 'JI', name: 'Jenis Informasi', weight: 60, score: 66.67, contribution: 40, selfScore: 83.33 },
      { code: 'PI', name: 'Pelayanan Informasi', weight: 40, score: 100, contribution: 40, selfScore: 83.33 },
    ]);
    const scoreB = expectStatus(await admin.get(url(b.id, '/score')), 200).json();
    expect(scoreB).toMatchObject({ verifiedSaq: 46.67, finalScore: 46.67, advanced: false, complete: true, status: 'scored', band: { code: 'kurang_informatif' } });

    // ── appeal ──
    await moveTo(admin, monev.periodId, 'appeal');
    const appeal = expectStatus(await a.respondent.post(url(a.id, '/appeals'), { question: '1.2', reason: 'Laporan terbit terlambat, bukan tidak ada' }), 201).json();
    expect(appeal).toMatchObject({ question: '1.2', status: 'open' });
    const resolved = expectStatus(await assessor.patch(url(a.id, `/appeals/${appeal.id}`), { status: 'revised', note: 'Bukti terlambat diterima', value: 'late' }, { 'if-match': `"${appeal.version}"` }), 200).json();
    expect(resolved).toMatchObject({ status: 'revised', revisedValue: 'late', resolutionNote: 'Bukti terlambat diterima' });
    const decisions = expectStatus(await a.respondent.get(url(a.id, '/verifications')), 200).json();
    expect(decisions.items.find((d: { question: string }) => d.question === '1.2')).toMatchObject({ decision: 'adjust', value: 'late', answer: 'late' });
    scoreA = expectStatus(await admin.get(url(a.id, '/score')), 200).json();
    expect(scoreA.verifiedSaq).toBe(90);

    // ── visitation and presentation ──
    await moveTo(admin, monev.periodId, 'visitation');
    expectStatus(await assessor.put(url(a.id, '/visitation'), { score: 85.5, notes: 'Meja layanan baik' }), 200);
    scoreA = expectStatus(await admin.get(url(a.id, '/score')), 200).json();
    expect(scoreA).toMatchObject({ finalScore: 89.44, finalScoreExact: '89.4375', complete: false, status: 'provisional', stages: { saq: 90, visitation: 85.5, presentation: null } });

    await moveTo(admin, monev.periodId, 'presentation');
    expectStatus(await juror.put(url(a.id, '/presentation'), { aspects: { materi: 80, inovasi: 70, komitmen: 90 } }), 200);
    const j2 = expectStatus(await client(t.app, juror2.token).put(url(a.id, '/presentation'), { aspects: { materi: 90, inovasi: 80, komitmen: 100 } }), 200).json();
    expect(j2.score).toBe(90);

    scoreA = expectStatus(await a.respondent.get(url(a.id, '/score')), 200).json();
    expect(scoreA).toMatchObject({
      status: 'scored', complete: true, advanced: true, advancementDecided: true,
      selfAssessedSaq: 83.33, verifiedSaq: 90,
      stages: { saq: 90, visitation: 85.5, presentation: 85 },
      finalScore: 88.55, finalScoreExact: '88.55',
      band: { code: 'menuju_informatif', label: 'Menuju Informatif' },
      gap: {
        nextBand: { code: 'informatif', label: 'Informatif' },
        pointsNeeded: 1.45,
        questions: [{ question: '1.2', indicator: 'JI', verifiedScore: 0.5, gain: 7, gainExact: '7' }],
      },
    });
    expect(scoreA.stageDetails).toEqual([
      { stage: 'saq', label: 'Penilaian Mandiri (SAQ)', weight: 70, score: 90, effectiveWeight: 70, contribution: 63 },
      { stage: 'visitation', label: 'Visitasi', weight: 10, score: 85.5, effectiveWeight: 10, contribution: 8.55 },
      { stage: 'presentation', label: 'Presentasi', weight: 20, score: 85, effectiveWeight: 20, contribution: 17 },
    ]);
    expect(scoreA.questions.find((q: { code: string }) => q.code === '2.1')).toMatchObject({ selfValue: ['web', 'app'], verifiedValue: ['web', 'app', 'desk'], selfScore: 0.6667, verifiedScore: 1, decided: true });

    const presentation = expectStatus(await admin.get(url(a.id, '/presentation')), 200).json();
    expect(presentation.score).toBe(85);
    expect(presentation.items).toHaveLength(2);
    const own = expectStatus(await juror.get(url(a.id, '/presentation')), 200).json();
    expect(own.items).toEqual([expect.objectContaining({ jurorId: tenant.users.juror.id, score: 80 })]);
    expect(own.score).toBe(85);

    // ── the materialised rows the rankings read ──
    await moveTo(admin, monev.periodId, 'deliberation');
    const list = expectStatus(await admin.get(`/periods/${monev.periodId}/participants?limit=10`), 200).json();
    const byBody = new Map(list.items.map((p: { bodyId: string }) => [p.bodyId, p]));
    expect(byBody.get(a.id)).toMatchObject({ status: 'submitted', finalScore: 88.55, bandCode: 'menuju_informatif', complete: true, advanced: true });
    expect(byBody.get(b.id)).toMatchObject({ status: 'submitted', finalScore: 46.67, bandCode: 'kurang_informatif', complete: true, advanced: false });
    expect(byBody.get(c.id)).toMatchObject({ status: 'not_submitted', finalScore: null, bandCode: null, advanced: false });
    const scoreC = expectStatus(await admin.get(url(c.id, '/score')), 200).json();
    expect(scoreC).toMatchObject({ status: 'not_submitted', finalScore: null, band: null, gap: { nextBand: null, pointsNeeded: null, questions: [] } });
  });
});
