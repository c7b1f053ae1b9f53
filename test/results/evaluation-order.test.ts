// The evaluation order and stage labels of a period (docs/scoring.md §5 "Evaluation order", docs/api.md
// "Period stages"), through the API: a KI-Pusat-shaped monev that holds the uji publik (the
// presentation) before the visitation, from draft to deliberation, with the stage checks, the
// exports, statistics and the score explanation following the order and using the labels.
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periods } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';
import { ALL, HALF, arrangePeriod } from './arrange.ts';

let t: TestApp;
let a: Tenant;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
});
afterAll(async () => {
  await t?.close();
});

const THREE = { saq: 60, presentation: 20, visitation: 20 };
const ASPECTS = { penguasaan_materi: 50, inovasi: 50 };
const KI_PUSAT = { stages: THREE, presentationAspects: ASPECTS, evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: 'Uji Publik' } };
const DEFAULT_LABELS = { saq: 'Penilaian Mandiri (SAQ)', visitation: 'Visitasi', presentation: 'Presentasi' };

async function newPeriod(body: Record<string, unknown> = {}) {
  return expectStatus(await admin.post('/periods', { year: 2025, title: 'Monev KIP Badan Publik 2025', ...body }), 201).json();
}

describe('the evaluation order and stage labels of a period', () => {
  it('are stored on create, returned with every label filled in, and order the stage path', async () => {
    const p = await newPeriod(KI_PUSAT);
    expect(p).toMatchObject({
      evaluationOrder: ['presentation', 'visitation'],
      stageLabels: { ...DEFAULT_LABELS, presentation: 'Uji Publik' },
      stagePath: ['draft', 'saq', 'verification', 'presentation', 'visitation', 'deliberation', 'closed'],
    });
    expect((await admin.get(`/periods/${p.id}`)).json()).toEqual(p);
    // defaults: the stages the period has, visitation before presentation, the Indonesian names
    expect(await newPeriod({ stages: { saq: 80, visitation: 20 } })).toMatchObject({
      evaluationOrder: ['visitation'], stageLabels: { saq: DEFAULT_LABELS.saq, visitation: 'Visitasi' },
    });
    const plain = await newPeriod();
    expect(plain).toMatchObject({ evaluationOrder: [], stageLabels: { saq: DEFAULT_LABELS.saq } });
    expect(plain.stageLabels).not.toHaveProperty('visitation');
    expect((await newPeriod({ stages: THREE, presentationAspects: ASPECTS, appeal: true })).stagePath)
      .toEqual(['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed']);
  });

  it('reads a period stored before the setting existed in the default order', async () => {
    const p = await newPeriod({ stages: THREE, presentationAspects: ASPECTS });
    await t.database.db.update(periods).set({ evaluationOrder: [], stageLabels: {} }).where(eq(periods.id, p.id));
    const read = expectStatus(await admin.get(`/periods/${p.id}`), 200).json();
    expect(read).toMatchObject({ evaluationOrder: ['visitation', 'presentation'], stageLabels: DEFAULT_LABELS, nextStage: 'saq' });
    // other settings still change without restating the order
    expect(expectStatus(await admin.patch(`/periods/${p.id}`, { nonSubmitters: 'tidak_informatif' }), 200).json().evaluationOrder)
      .toEqual(['visitation', 'presentation']);
  });

  it('refuses an order or labels that do not fit the period with 422 naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ evaluationOrder: ['presentation'] }, 'body.evaluationOrder', 'missing "visitation"'],
      [{ stages: { saq: 80, visitation: 20 }, evaluationOrder: ['presentation', 'visitation'] }, 'body.evaluationOrder[0]', 'the period has no stage "presentation"'],
      [{ evaluationOrder: ['presentation', 'visitation', 'presentation'] }, 'body.evaluationOrder[2]', 'duplicate stage "presentation"'],
      [{ stages: { saq: 80, visitation: 20 }, stageLabels: { presentation: 'Uji Publik' } }, 'body.stageLabels.presentation', 'the period has no stage "presentation"'],
      [{ stageLabels: { presentation: '   ' } }, 'body.stageLabels.presentation', 'must be a name of 1 to 60 characters'],
    ];
    for (const [body, path, message] of cases) {
      const res = await admin.post('/periods', { year: 2025, title: 'x', ...KI_PUSAT, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const error = res.json().errors.find((e: { path: string }) => e.path === path);
      expect(error?.message, `${JSON.stringify(body)} → ${res.body}`).toContain(message);
    }
    // an order or labels of the wrong shape: the schema refuses them (400), naming the field
    const shapes: [Record<string, unknown>, string][] = [
      [{ evaluationOrder: ['uji_publik', 'visitation'] }, 'body.evaluationOrder.0'],
      [{ evaluationOrder: 'presentation,visitation' }, 'body.evaluationOrder'],
      [{ stageLabels: { wawancara: 'Wawancara' } }, 'body.stageLabels.wawancara'],
      [{ stageLabels: { presentation: 'U'.repeat(61) } }, 'body.stageLabels.presentation'],
      [{ stageLabels: 'Uji Publik' }, 'body.stageLabels'],
    ];
    for (const [body, path] of shapes) {
      const res = await admin.post('/periods', { year: 2025, title: 'x', ...KI_PUSAT, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path), res.body).toContain(path);
    }
    const p = await newPeriod(KI_PUSAT);
    const res = await admin.patch(`/periods/${p.id}`, { evaluationOrder: ['visitation'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.evaluationOrder', message: 'must list every evaluation stage the period has; missing "presentation"' }]);
  });

  it('change in draft only; a change of stages keeps the order and labels, fitted to the new stages', async () => {
    const p = await newPeriod(KI_PUSAT);
    const patch = async (body: Record<string, unknown>) => expectStatus(await admin.patch(`/periods/${p.id}`, body), 200).json();
    expect(await patch({ stages: { saq: 50, presentation: 25, visitation: 25 } }))
      .toMatchObject({ evaluationOrder: ['presentation', 'visitation'], stageLabels: { presentation: 'Uji Publik' } });
    const dropped = await patch({ stages: { saq: 80, presentation: 20 } });
    expect(dropped).toMatchObject({ evaluationOrder: ['presentation'], stageLabels: { saq: DEFAULT_LABELS.saq, presentation: 'Uji Publik' } });
    expect(dropped.stagePath).toEqual(['draft', 'saq', 'verification', 'presentation', 'deliberation', 'closed']);
    expect((await patch({ stages: THREE })).evaluationOrder).toEqual(['presentation', 'visitation']);
    const swapped = await patch({ evaluationOrder: ['visitation', 'presentation'], stageLabels: { presentation: 'Presentasi dan Wawancara', saq: 'SAQ' } });
    expect(swapped).toMatchObject({
      evaluationOrder: ['visitation', 'presentation'],
      stageLabels: { saq: 'SAQ', visitation: 'Visitasi', presentation: 'Presentasi dan Wawancara' },
      stagePath: ['draft', 'saq', 'verification', 'visitation', 'presentation', 'deliberation', 'closed'],
    });

    expectStatus(await admin.post(`/periods/${p.id}/questionnaires`, { ...TWO_BY_TWO, categoryIds: [a.categoryId] }), 201);
    expectStatus(await admin.post(`/periods/${p.id}/participants`, { bodyIds: [a.bodyId] }), 201);
    expectStatus(await admin.post(`/periods/${p.id}/transitions`, { to: 'saq' }), 200);
    for (const body of [{ evaluationOrder: ['presentation', 'visitation'] }, { stageLabels: { presentation: 'Uji Publik' } }]) {
      const res = await admin.patch(`/periods/${p.id}`, body);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'wrong_stage', stage: 'saq' });
    }
  });
});

describe('a KI-Pusat-shaped monev: uji publik first, then visitasi', () => {
  /**
   * SAQ 60 + uji publik 20 + visitasi 20, aspects penguasaan_materi 50, inovasi 50:
   *   Dinas Kominfo   ALL  (SAQ 100), uji publik 80/90 → 85, visitasi 90 → 60 + 17 + 18 = 95.00
   *   Dinas Kesehatan HALF (SAQ 50),  uji publik 70/70 → 70, visitasi 80 → 30 + 14 + 16 = 60.00
   */
  it('runs draft → saq → verification → presentation → visitation → deliberation, each write only in its own stage', async () => {
    const arranged = await arrangePeriod(t.app, a, {
      ...KI_PUSAT,
      stage: 'verification',
      categories: [{ code: 'KL', name: 'Kementerian dan Lembaga' }],
      bodies: [{ name: 'Dinas Kominfo', answers: ALL }, { name: 'Dinas Kesehatan', answers: HALF }],
    });
    const p = arranged.periodId;
    const assessor = client(t.app, a.users.assessor.token);
    const juror = client(t.app, a.users.juror.token);
    for (const id of Object.values(arranged.bodyIds)) {
      expectStatus(await admin.put(`/periods/${p}/participants/${id}/assignments`, { assessorIds: [a.users.assessor.id], jurorIds: [a.users.juror.id] }), 200);
    }
    const at = (body: string, rest: string) => `/periods/${p}/participants/${arranged.bodyIds[body]}${rest}`;
    const move = (to: string) => admin.post(`/periods/${p}/transitions`, { to });
    const visit = (body: string, score: number) => assessor.put(at(body, '/visitation'), { score });
    const present = (body: string, aspects: Record<string, number>) => juror.put(at(body, '/presentation'), { aspects });
    const refused = (res: Awaited<ReturnType<typeof move>>, stage: string, detail: string) => {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'wrong_stage', stage });
      expect(res.json().detail).toContain(detail);
    };

    expect(expectStatus(await admin.get(`/periods/${p}`), 200).json()).toMatchObject({ stage: 'verification', nextStage: 'presentation' });
    refused(await move('visitation'), 'verification', 'The next stage is "presentation"; stages cannot be skipped (draft → saq → verification → presentation → visitation');
    refused(await present('Dinas Kominfo', { penguasaan_materi: 80, inovasi: 90 }), 'verification', 'only in stage "presentation" (Uji Publik)');

    // uji publik
    expect(expectStatus(await move('presentation'), 200).json()).toMatchObject({ from: 'verification', to: 'presentation', period: { nextStage: 'visitation' } });
    refused(await visit('Dinas Kominfo', 90), 'presentation', 'Entering a visitation score is possible only in stage "visitation" (Visitasi)');
    expectStatus(await present('Dinas Kominfo', { penguasaan_materi: 80, inovasi: 90 }), 200);
    expectStatus(await present('Dinas Kesehatan', { penguasaan_materi: 70, inovasi: 70 }), 200);
    // while the visitation is still to come, the participants are provisional
    expect(expectStatus(await admin.get(at('Dinas Kominfo', '/score')), 200).json()).toMatchObject({ status: 'provisional', complete: false, stages: { visitation: null } });
    refused(await move('deliberation'), 'presentation', 'The next stage is "visitation"');

    // visitasi
    expectStatus(await move('visitation'), 200);
    refused(await present('Dinas Kominfo', { penguasaan_materi: 10, inovasi: 10 }), 'visitation', 'Entering presentation scores is possible only in stage "presentation" (Uji Publik)');
    expectStatus(await visit('Dinas Kominfo', 90), 200);
    expectStatus(await visit('Dinas Kesehatan', 80), 200);
    // back one stage needs a reason, and goes to the uji publik
    expect(expectStatus(await admin.post(`/periods/${p}/transitions`, { to: 'presentation', reason: 'Nilai juri dikoreksi' }), 200).json())
      .toMatchObject({ direction: 'back', to: 'presentation' });
    expectStatus(await move('visitation'), 200);
    expect(expectStatus(await move('deliberation'), 200).json()).toMatchObject({ from: 'visitation', to: 'deliberation' });

    // the explanation lists the stages in the order they ran, by their labels
    const score = expectStatus(await admin.get(at('Dinas Kominfo', '/score')), 200).json();
    expect(score).toMatchObject({ status: 'scored', complete: true, finalScore: 95, stages: { saq: 100, presentation: 85, visitation: 90 } });
    expect(score.stageDetails).toEqual([
      { stage: 'saq', label: 'Penilaian Mandiri (SAQ)', weight: 60, score: 100, effectiveWeight: 60, contribution: 60 },
      { stage: 'presentation', label: 'Uji Publik', weight: 20, score: 85, effectiveWeight: 20, contribution: 17 },
      { stage: 'visitation', label: 'Visitasi', weight: 20, score: 90, effectiveWeight: 20, contribution: 18 },
    ]);
    expect(expectStatus(await admin.get(at('Dinas Kesehatan', '/score')), 200).json().finalScore).toBe(60);

    // the recap's stage columns follow the order and carry the labels
    const csv = expectStatus(await admin.get(`/periods/${p}/recap?format=csv`), 200);
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    const headers = Object.keys(rows[0] ?? {});
    expect(headers.slice(headers.indexOf('SAQ Terverifikasi'))).toEqual([
      'SAQ Terverifikasi', 'Nilai Uji Publik', 'Nilai Visitasi', 'Nilai Akhir', 'Kualifikasi', 'Status', 'Lolos Tahap Lanjut',
    ]);
    expect(rows.find((r) => r['Badan Publik'] === 'Dinas Kominfo')).toMatchObject({ 'Nilai Uji Publik': '85.00', 'Nilai Visitasi': '90.00', 'Nilai Akhir': '95.00' });

    // statistics report the stages' progress in the order, by their labels
    const stats = expectStatus(await admin.get(`/periods/${p}/statistics`), 200).json();
    expect(stats.progress).toMatchObject({
      evaluationOrder: ['presentation', 'visitation'],
      presentation: { label: 'Uji Publik', advanced: 2, presented: 2, fullyScored: 2 },
      visitation: { label: 'Visitasi', advanced: 2, visited: 2 },
    });

    // the pleno fixes the results; the result set's export has the same columns
    expectStatus(await admin.post(`/periods/${p}/results`, { decreeNumber: '1/KEP/KIP/2025', decreeDate: '2025-12-10' }), 201);
    const frozen = parse<Record<string, string>>(expectStatus(await admin.get(`/periods/${p}/results/1?format=csv`), 200).body, { columns: true });
    expect(Object.keys(frozen[0] ?? {})).toEqual(headers);
    expect(frozen.find((r) => r['Badan Publik'] === 'Dinas Kesehatan')).toMatchObject({ 'Nilai Uji Publik': '70.00', 'Nilai Visitasi': '80.00', 'Nilai Akhir': '60.00' });
  });
});
