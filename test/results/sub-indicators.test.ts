// Sub-indicators through the API (docs/scoring.md §2, §8, §9): a questionnaire grouped in sub-indicators
// is stored as sent, scored exactly as without the grouping, and its sub-indicators' percentages
// appear in the score explanation, the live recap (JSON and CSV) and a result set.
//
// TWO_BY_TWO grouped: A (60) = { A.1 "DIP": q1; A.2 "SOP": q2 }, B (40) = { B.1 "Laporan dan kanal": q3, q4 }.
// Dinas Kominfo answers HALF (q1 yes, q2 no, q3 half, q4 two of four); the assessor adjusts q4 to [web]:
//   verified A.1 = 100, A.2 = 0, A = 50; B.1 = 100 × (0.5 + 0.25)/2 = 37.5, B = 37.5; SAQ = 30 + 15 = 45.00
//   self B.1 = 100 × (0.5 + 0.5)/2 = 50
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, scoreFromJson, sha256Hex } from '../../src/scoring/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, expectStatus } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { TWO_BY_TWO } from '../helpers/questionnaires.ts';
import { HALF, arrangePeriod, type Arranged } from './arrange.ts';

const GROUPED = {
  ...TWO_BY_TWO,
  code: 'SAQ-GROUPED',
  indicators: [
    {
      ...TWO_BY_TWO.indicators[0],
      subIndicators: [{ code: 'A.1', name: 'DIP' }, { code: 'A.2', name: 'SOP' }],
      questions: TWO_BY_TWO.indicators[0]!.questions.map((q, i) => ({ ...q, subIndicator: i === 0 ? 'A.1' : 'A.2' })),
    },
    {
      ...TWO_BY_TWO.indicators[1],
      subIndicators: [{ code: 'B.1', name: 'Laporan dan kanal' }],
      questions: TWO_BY_TWO.indicators[1]!.questions.map((q) => ({ ...q, subIndicator: 'B.1', sample: true })),
    },
  ],
};

let t: TestApp;
let tenant: Tenant;
let arranged: Arranged;
const api = (rest: string) => `/api/v1/periods/${arranged.periodId}${rest}`;
const get = async (url: string, headers: Record<string, string> = {}) => call(t.app, tenant.users.admin.token, { method: 'GET', url, headers });

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app);
  arranged = await arrangePeriod(t.app, tenant, {
    stage: 'deliberation', stages: { saq: 100 }, questionnaire: GROUPED,
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    bodies: [{ name: 'Dinas Kominfo', answers: HALF, verified: { q4: ['web'] } }],
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('a questionnaire grouped in sub-indicators', () => {
  it('is stored and returned with its grouping', async () => {
    const list = expectStatus(await get(api('/questionnaires')), 200).json().items;
    const q = expectStatus(await get(api(`/questionnaires/${list[0].id}`)), 200).json();
    expect(q.indicators.map((i: any) => [i.code, i.subIndicators, i.questions.map((x: any) => [x.code, x.subIndicator, x.sample ?? false])])).toEqual([
      ['A', [{ code: 'A.1', name: 'DIP' }, { code: 'A.2', name: 'SOP' }], [['q1', 'A.1', false], ['q2', 'A.2', false]]],
      ['B', [{ code: 'B.1', name: 'Laporan dan kanal' }], [['q3', 'B.1', true], ['q4', 'B.1', true]]],
    ]);
  });

  it('explains each sub-indicator\'s percentage, and groups the questions', async () => {
    const score = expectStatus(await get(api(`/participants/${arranged.bodyIds['Dinas Kominfo']}/score`)), 200).json();
    expect(score.verifiedSaq).toBe(45);
    expect(score.indicators).toEqual([
      {
        code: 'A', name: 'Jenis Informasi', weight: 60, score: 50, contribution: 30, selfScore: 50,
        subIndicators: [{ code: 'A.1', name: 'DIP', score: 100, selfScore: 100 }, { code: 'A.2', name: 'SOP', score: 0, selfScore: 0 }],
      },
      {
        code: 'B', name: 'Digitalisasi', weight: 40, score: 37.5, contribution: 15, selfScore: 50,
        subIndicators: [{ code: 'B.1', name: 'Laporan dan kanal', score: 37.5, selfScore: 50 }],
      },
    ]);
    expect(score.questions.map((q: any) => [q.code, q.indicator, q.subIndicator])).toEqual([['q1', 'A', 'A.1'], ['q2', 'A', 'A.2'], ['q3', 'B', 'B.1'], ['q4', 'B', 'B.1']]);
  });

  it('shows the percentages in the live recap, JSON and CSV', async () => {
    const recap = expectStatus(await get(api('/recap')), 200).json();
    expect(recap.items[0].indicators.map((i: any) => [i.code, i.score, i.subIndicators.map((s: any) => [s.code, s.score, s.selfScore])])).toEqual([
      ['A', 50, [['A.1', 100, 100], ['A.2', 0, 0]]],
      ['B', 37.5, [['B.1', 37.5, 50]]],
    ]);
    const csv = await get(api('/recap'), { accept: 'text/csv' });
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    const headers = Object.keys(rows[0]!);
    const at = (h: string) => headers.indexOf(h);
    expect(at('A Jenis Informasi')).toBeGreaterThan(0);
    expect([at('A.1 DIP'), at('A.2 SOP'), at('B Digitalisasi'), at('B.1 Laporan dan kanal')]).toEqual([1, 2, 3, 4].map((n) => at('A Jenis Informasi') + n));
    expect([rows[0]!['A.1 DIP'], rows[0]!['A.2 SOP'], rows[0]!['B.1 Laporan dan kanal']]).toEqual(['100.00', '0.00', '37.50']);
  });

  it('freezes them in a result set, whose inputs record the grouping and recompute to the same numbers', async () => {
    expectStatus(await call(t.app, tenant.users.admin.token, {
      method: 'POST', url: api('/results'), payload: { decreeNumber: '9/KEP/KI/XI/2025', decreeDate: '2025-11-20' },
    }), 201);
    const v1 = expectStatus(await get(api('/results/1')), 200).json();
    expect(v1.items[0].indicators[1].subIndicators).toEqual([{ code: 'B.1', name: 'Laporan dan kanal', score: 37.5, selfScore: 50 }]);
    const detail = expectStatus(await get(api(`/results/1/rows/${arranged.bodyIds['Dinas Kominfo']}`)), 200).json();
    expect(detail.inputs.questionnaire.indicators[0].subIndicators).toEqual([{ code: 'A.1', name: 'DIP' }, { code: 'A.2', name: 'SOP' }]);
    expect(detail.inputs.questionnaire.indicators[1].questions[0]).toMatchObject({ subIndicator: 'B.1', sample: true });
    expect(detail.inputsSha256).toBe(sha256Hex(canonicalJson(detail.inputs)));
    const { questionnaire, period, ...answers } = detail.inputs;
    const recomputed = scoreFromJson({ questionnaire, period, answers });
    expect(recomputed.ok && [recomputed.value.report.saq.toFixed(2), recomputed.value.report.inputsHash]).toEqual(['45.00', detail.inputsSha256]);
  });
});
