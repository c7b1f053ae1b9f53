// Questionnaires: from scratch, from a preset, copied from an earlier period; validated; draft only.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, participants } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { client, type Client } from '../helpers/client.ts';
import { DRAFT_QUESTIONNAIRE as DRAFT } from '../helpers/questionnaires.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
let bumd: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  bumd = (await admin.post('/categories', { code: 'BUMD', name: 'Badan Usaha Milik Daerah' })).json().id;
});
afterAll(async () => {
  await t?.close();
});

async function period(year = 2025) {
  const res = await admin.post('/periods', { year, title: `Monev ${year}` });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('presets', () => {
  it('lists the ready-made questionnaires with their questions', async () => {
    const res = await client(t.app, a.users.viewer.token).get('/questionnaire-presets');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['perki-2022-pemprov', 'perki-2022-bumd']));
    const pemprov = res.json().items.find((p: { code: string }) => p.code === 'perki-2022-pemprov');
    expect(pemprov.indicatorCount).toBe(6);
    expect(pemprov.questionnaire.indicators.reduce((s: number, i: { weight: number }) => s + Number(i.weight), 0)).toBe(100);
    expect((await client(t.app, null).get('/questionnaire-presets')).statusCode).toBe(401);
  });

  it('say where each comes from: year, categories, instrument, weights, references, samples', async () => {
    const items = (await client(t.app, a.users.viewer.token).get('/questionnaire-presets')).json().items;
    const opd = items.find((p: { code: string }) => p.code === 'monev-2025-opd');
    expect(opd).toMatchObject({
      year: 2025, legacy: false, categories: [{ code: 'opd', name: 'Organisasi Perangkat Daerah' }], indicatorCount: 6,
      source: { instrument: expect.stringContaining('sample'), weights: expect.stringContaining('Jenis Informasi 40') },
    });
    expect(opd.source.references).toEqual(expect.arrayContaining([expect.objectContaining({ url: 'https://ppid.sragenkab.go.id/v2/saq.html' })]));
    const questions = opd.questionnaire.indicators.flatMap((i: { questions: unknown[] }) => i.questions);
    expect(opd.questionCount).toBe(questions.length);
    expect(opd.sampleQuestionCount).toBe(questions.filter((q: { sample?: boolean }) => q.sample === true).length);
    expect(opd.questionnaire.indicators[0].subIndicators).toEqual([{ code: '1.1', name: 'Layanan informasi elektronik' }, { code: '1.2', name: 'Layanan informasi non-elektronik' }]);
    expect(items.filter((p: { legacy: boolean }) => !p.legacy)).toHaveLength(10);
  });
});

describe('creating questionnaires', () => {
  it('creates one from a full definition, with ETag and categories, defaulting evidence to none', async () => {
    const p = await period();
    const res = await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const q = res.json();
    expect(q).toMatchObject({ code: 'SAQ-2025-OPD', categoryIds: [a.categoryId], indicatorCount: 2, questionCount: 3 });
    expect(q.indicators[1].questions[0].evidence).toBe('none');
    expect((await admin.get(`/periods/${p}/questionnaires/${q.id}`)).json()).toEqual(q);
    const list = (await admin.get(`/periods/${p}/questionnaires`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).not.toHaveProperty('indicators');
    expect((await admin.get(`/periods/${p}/questionnaires?categoryId=${bumd}`)).json().items).toHaveLength(0);
  });

  it('creates one from a preset, with code and title overridable', async () => {
    const p = await period();
    const res = await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-bumd', code: 'SAQ-BUMD-2025', categoryIds: [bumd] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'SAQ-BUMD-2025', indicatorCount: 6, categoryIds: [bumd] });
    // a preset grouped in sub-indicators keeps its grouping and its sample marks
    const desa = await admin.post(`/periods/${p}/questionnaires`, { preset: 'monev-2025-desa', categoryIds: [] });
    expect(desa.statusCode, desa.body).toBe(201);
    const ji = desa.json().indicators.find((i: { code: string }) => i.code === 'JI');
    expect(ji.subIndicators.map((s: { code: string }) => s.code)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(ji.questions.find((q: { code: string }) => q.code === '2.2.3')).toMatchObject({ subIndicator: '2.2', sample: true });
    const unknown = await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-1999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.preset');
  });

  it('copies a questionnaire of an earlier period, but not one of another commission', async () => {
    const p2024 = await period(2024);
    const source = (await admin.post(`/periods/${p2024}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] })).json();
    const p2025 = await period(2025);
    const copy = await admin.post(`/periods/${p2025}/questionnaires`, { copyFrom: source.id, title: 'SAQ OPD 2025', categoryIds: [a.categoryId] });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({ code: DRAFT.code, title: 'SAQ OPD 2025', periodId: p2025 });
    expect(copy.json().indicators).toEqual(source.indicators);
    expect(copy.json().id).not.toBe(source.id);

    const other = client(t.app, b.users.admin.token);
    const bPeriod = (await other.post('/periods', { year: 2025, title: 'B' })).json().id;
    const stolen = await other.post(`/periods/${bPeriod}/questionnaires`, { copyFrom: source.id });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().errors[0].path).toBe('body.copyFrom');
  });

  it('refuses invalid questionnaires with 422 naming every offending path', async () => {
    const p = await period();
    const bad = structuredClone(DRAFT) as any;
    bad.indicators[0].weight = 50; // sum 90
    bad.indicators[0].questions[1].options[0].score = 2;
    bad.indicators[1].questions[0].options = [{ value: 'ya', label: 'Ya', score: 1 }];
    bad.indicators[1].questions.push({ code: '2.1.1', text: 'dup', weight: 1, type: 'yes_no' });
    const res = await admin.post(`/periods/${p}/questionnaires`, bad);
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining([
      'body.indicators[0].questions[1].options[0].score',
      'body.indicators[1].questions[0].options',
    ]));
    expect(paths.some((x: string) => x.startsWith('body.indicators[1].questions[1]'))).toBe(true);
    expect(res.json().errors.some((e: { message: string }) => /100/.test(e.message))).toBe(true);
    expect((await admin.get(`/periods/${p}/questionnaires`)).json().items).toHaveLength(0);
    // a question type that does not exist is the wrong shape: 400 from the schema
    const essay = structuredClone(DRAFT) as any;
    essay.indicators[1].questions[0].type = 'essay';
    const refused = await admin.post(`/periods/${p}/questionnaires`, essay);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain('body.indicators.1.questions.0.type');
  });

  it('needs exactly one source', async () => {
    const p = await period();
    expect((await admin.post(`/periods/${p}/questionnaires`, { categoryIds: [] })).statusCode).toBe(422);
    expect((await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, preset: 'perki-2022-bumd' })).statusCode).toBe(422);
    expect((await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, extra: 1 })).statusCode).toBe(400);
  });

  it('gives each category at most one questionnaire per period, and codes are unique in a period', async () => {
    const p = await period();
    await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] });
    const taken = await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [bumd, a.categoryId] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0]).toEqual({ path: 'body.categoryIds[1]', message: 'already uses questionnaire "SAQ-2025-OPD"' });
    const sameCode = await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [bumd] });
    expect(sameCode.statusCode).toBe(409);
    const foreign = await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-bumd', categoryIds: [b.categoryId] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('body.categoryIds[0]');
  });
});

describe('editing questionnaires', () => {
  it('replaces the definition and categories in draft, with If-Match, and audits it', async () => {
    const p = await period();
    const q = (await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] })).json();
    const changed = structuredClone(DRAFT);
    changed.indicators[0]!.questions[0]!.weight = 3;
    const res = await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...changed, categoryIds: [a.categoryId, bumd] }, { 'if-match': '"1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().categoryIds.sort()).toEqual([a.categoryId, bumd].sort());
    expect(res.json().indicators[0].questions[0].weight).toBe(3);
    const stale = await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...changed, categoryIds: [] }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const invalid = await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...changed, indicators: [], categoryIds: [] });
    expect(invalid.statusCode).toBe(422);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, q.id), eq(auditEvents.action, 'questionnaire.update')));
    expect((event!.before as { categoryIds: string[] }).categoryIds).toEqual([a.categoryId]);
  });

  it('rescores enrolled participants when their questionnaire appears or changes', async () => {
    const p = await period();
    await admin.post(`/periods/${p}/participants`, { bodyIds: [a.bodyId] });
    const questions = async () => (await t.database.db.select().from(participants).where(eq(participants.periodId, p)))[0]!.questionCount;
    expect(await questions()).toBe(0);
    const q = (await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] })).json();
    expect(await questions()).toBe(3);
    // the same questionnaire edited: scored with its new definition at once
    const fewer = structuredClone(DRAFT);
    fewer.indicators[0]!.questions.pop();
    expect((await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...fewer, categoryIds: [a.categoryId] })).statusCode).toBe(200);
    expect(await questions()).toBe(2);
    expect((await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...DRAFT, categoryIds: [a.categoryId] })).statusCode).toBe(200);
    expect(await questions()).toBe(3);
    await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...DRAFT, categoryIds: [] });
    expect(await questions()).toBe(0);
  });

  it('freezes questionnaires once the period leaves draft (409 with the stage)', async () => {
    const p = await period();
    const q = (await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] })).json();
    await admin.post(`/periods/${p}/participants`, { bodyIds: [a.bodyId] });
    expect((await admin.post(`/periods/${p}/transitions`, { to: 'saq' })).statusCode).toBe(200);
    const put = await admin.put(`/periods/${p}/questionnaires/${q.id}`, { ...DRAFT, categoryIds: [a.categoryId] });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ code: 'wrong_stage', stage: 'saq' });
    expect((await admin.delete(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(409);
    expect((await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-bumd' })).statusCode).toBe(409);
    // readers still see it
    expect((await client(t.app, a.users.respondent.token).get(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(200);
  });

  it('deletes in draft, and hides questionnaires across periods and commissions', async () => {
    const p = await period();
    const q = (await admin.post(`/periods/${p}/questionnaires`, { ...DRAFT, categoryIds: [a.categoryId] })).json();
    const elsewhere = await period();
    expect((await admin.get(`/periods/${elsewhere}/questionnaires/${q.id}`)).statusCode).toBe(404);
    const other = client(t.app, b.users.admin.token);
    expect((await other.get(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(404);
    expect((await other.delete(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(404);
    expect((await client(t.app, a.users.viewer.token).delete(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/periods/${p}/questionnaires/${q.id}`, undefined, { 'if-match': '"7"' })).statusCode).toBe(412);
    expect((await admin.delete(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/periods/${p}/questionnaires/${q.id}`)).statusCode).toBe(404);
    // the category is free again
    expect((await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [a.categoryId] })).statusCode).toBe(201);
  });
});
