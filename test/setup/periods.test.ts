// Periods: settings validated by the scoring rules, editable per stage, and the stage machine.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, participants } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
});
afterAll(async () => {
  await t?.close();
});

async function newPeriod(body: Record<string, unknown> = {}) {
  const res = await admin.post('/periods', { year: 2025, title: 'Monev KIP 2025', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A draft period whose participant (the tenant's body) has a questionnaire: ready for saq. */
async function readyPeriod(body: Record<string, unknown> = {}) {
  const period = await newPeriod(body);
  expect((await admin.post(`/periods/${period.id}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [a.categoryId] })).statusCode).toBe(201);
  expect((await admin.post(`/periods/${period.id}/participants`, { bodyIds: [a.bodyId] })).statusCode).toBe(201);
  return period;
}

const to = (periodId: string, stage: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  admin.post(`/periods/${periodId}/transitions`, { to: stage, ...extra }, headers);

describe('creating a period', () => {
  it('applies the docs/scoring.md defaults and returns an ETag and the stage path', async () => {
    const res = await admin.post('/periods', { year: 2025, title: 'Monev KIP 2025' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(res.headers.etag).toBe('"1"');
    expect(p).toMatchObject({
      stage: 'draft', stages: { saq: 100 }, advancement: { rule: 'none' }, nonSubmitters: 'not_scored', appeal: false,
      evidenceMaxBytes: 2 * 1024 * 1024, jurorDeviationThreshold: 15, presentationAspects: {}, deadlines: {}, participantCount: 0,
      stagePath: ['draft', 'saq', 'verification', 'deliberation', 'closed'], nextStage: 'saq',
    });
    expect(p.bands.map((x: { code: string }) => x.code)).toEqual(['informatif', 'menuju_informatif', 'cukup_informatif', 'kurang_informatif', 'tidak_informatif']);
  });

  it('stores every setting and derives the path from stages and appeal', async () => {
    const p = await newPeriod({
      stages: { saq: 70, visitation: 10, presentation: 20 },
      presentationAspects: { penguasaan_materi: 40, inovasi: 30, komitmen_pimpinan: 30 },
      advancement: { rule: 'top_per_category', n: 3 }, nonSubmitters: 'tidak_informatif', appeal: true,
      deadlines: { saq: '2025-07-31T16:59:59Z', verification: '2025-08-31T16:59:59Z' },
      evidenceMaxBytes: 5 * 1024 * 1024, jurorDeviationThreshold: 12.5,
    });
    expect(p.stagePath).toEqual(['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed']);
    expect(p).toMatchObject({
      appeal: true, nonSubmitters: 'tidak_informatif', evidenceMaxBytes: 5 * 1024 * 1024, jurorDeviationThreshold: 12.5,
      advancement: { rule: 'top_per_category', n: 3 }, deadlines: { saq: '2025-07-31T16:59:59Z' },
    });
    expect((await admin.get(`/periods/${p.id}`)).json()).toEqual(p);
  });

  it('refuses invalid scoring settings with 422 naming the path', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ stages: { saq: 80, visitation: 30 } }, 'body.stages'],
      [{ stages: { saq: 70, presentation: 30 } }, 'body.presentationAspects'],
      [{ advancement: { rule: 'min_score', minScore: 120 } }, 'body.advancement.minScore'],
      [{ bands: [{ code: 'a', label: 'A', min: 50 }] }, 'body.bands'],
      [{ stages: { saq: 70, presentation: 30 }, presentationAspects: { inovasi: 50, komitmen: 40 } }, 'body.presentationAspects'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/periods', { year: 2025, title: 'x', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses malformed requests with 400', async () => {
    expect((await admin.post('/periods', { title: 'no year' })).statusCode).toBe(400);
    expect((await admin.post('/periods', { year: 2025, title: 'x', colour: 'red' })).statusCode).toBe(400);
    expect((await admin.post('/periods', { year: 2025, title: 'x', deadlines: { saq: 'tomorrow' } })).statusCode).toBe(400);
    expect((await admin.post('/periods', { year: 2025, title: 'x', deadlines: { draft: '2025-01-01T00:00:00Z' } })).statusCode).toBe(400);
    expect((await admin.get('/periods/not-a-uuid')).statusCode).toBe(400);
    // settings of the wrong shape: the schema refuses them, before the scoring rules look
    for (const settings of [{ stages: { saq: 100, wawancara: 0 } }, { advancement: { rule: 'min_score' } }, { nonSubmitters: 'zero' }, { stages: { saq: '80', visitation: true } }]) {
      const res = await admin.post('/periods', { year: 2025, title: 'x', ...settings });
      expect(res.statusCode, JSON.stringify(settings)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('is for admins only; other roles read', async () => {
    expect((await client(t.app, a.users.viewer.token).post('/periods', { year: 2025, title: 'x' })).statusCode).toBe(403);
    expect((await client(t.app, a.users.assessor.token).post('/periods', { year: 2025, title: 'x' })).statusCode).toBe(403);
    const p = await newPeriod();
    for (const role of ['viewer', 'assessor', 'juror', 'respondent'] as const) {
      expect((await client(t.app, a.users[role].token).get(`/periods/${p.id}`)).statusCode).toBe(200);
    }
  });

  it('hides another commission\'s periods (404) and lists only mine', async () => {
    const p = await newPeriod();
    const other = client(t.app, b.users.admin.token);
    expect((await other.get(`/periods/${p.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/periods/${p.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await other.post(`/periods/${p.id}/transitions`, { to: 'saq' })).statusCode).toBe(404);
    const list = (await other.get('/periods?limit=500')).json();
    expect(list.items.some((x: { id: string }) => x.id === p.id)).toBe(false);
  });

  it('lists with filters and cursor pagination', async () => {
    for (const year of [2021, 2022, 2023]) await newPeriod({ year });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/periods?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    const ready = await readyPeriod({ year: 2019 });
    expect((await admin.get('/periods?year=2019')).json().items.find((x: { id: string }) => x.id === ready.id).participantCount).toBe(1);
    const y2022 = (await admin.get('/periods?year=2022')).json().items;
    expect(y2022.length).toBeGreaterThanOrEqual(1);
    expect(y2022.every((x: { year: number }) => x.year === 2022)).toBe(true);
    expect((await admin.get('/periods?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('changing a period', () => {
  it('changes scoring settings in draft, validated, with If-Match', async () => {
    const p = await newPeriod();
    const res = await admin.patch(`/periods/${p.id}`, { stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 } }, { 'if-match': '"1"' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ stages: { saq: 80, visitation: 20 }, advancement: { rule: 'min_score', minScore: 60 }, version: 2 });
    expect(res.json().stagePath).toContain('visitation');
    const stale = await admin.patch(`/periods/${p.id}`, { title: 'again' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const bad = await admin.patch(`/periods/${p.id}`, { stages: { saq: 50 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('body.stages');
  });

  it('merges a partial scoring change with the stored settings before validating', async () => {
    const p = await newPeriod({ stages: { saq: 70, presentation: 30 }, presentationAspects: { inovasi: 50, komitmen: 50 } });
    const res = await admin.patch(`/periods/${p.id}`, { advancement: { rule: 'min_score', minScore: 65 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stages: { saq: 70, presentation: 30 }, presentationAspects: { inovasi: 50, komitmen: 50 } });
  });

  it('freezes scoring settings after draft (409 with the stage) but keeps deadlines editable', async () => {
    const p = await readyPeriod();
    expect((await to(p.id, 'saq')).statusCode).toBe(200);
    const frozen = await admin.patch(`/periods/${p.id}`, { stages: { saq: 80, visitation: 20 } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'wrong_stage', stage: 'saq' });
    expect((await admin.patch(`/periods/${p.id}`, { appeal: true })).statusCode).toBe(409);
    expect((await admin.patch(`/periods/${p.id}`, { year: 2030 })).statusCode).toBe(409);
    const ok = await admin.patch(`/periods/${p.id}`, { deadlines: { saq: '2025-08-15T16:59:59Z' }, evidenceMaxBytes: 4_000_000, title: 'Monev 2025 (diperpanjang)' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ deadlines: { saq: '2025-08-15T16:59:59Z' }, evidenceMaxBytes: 4_000_000 });
  });

  it('audits changes from what to what', async () => {
    const p = await newPeriod();
    await admin.patch(`/periods/${p.id}`, { title: 'Monev KIP 2025 Provinsi' });
    const [row] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, p.id), eq(auditEvents.action, 'period.update')));
    expect(row!.before).toEqual({ title: 'Monev KIP 2025' });
    expect(row!.after).toEqual({ title: 'Monev KIP 2025 Provinsi' });
    expect(row!.actorId).toBe(a.users.admin.id);
  });
});

describe('stage transitions', () => {
  it('opens the SAQ only with participants whose categories all have a questionnaire', async () => {
    const p = await newPeriod();
    const empty = await to(p.id, 'saq');
    expect(empty.statusCode).toBe(409);
    expect(empty.json().detail).toMatch(/participant/);
    await admin.post(`/periods/${p.id}/participants`, { bodyIds: [a.bodyId] });
    const missing = await to(p.id, 'saq');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().missingCategories).toEqual([{ id: a.categoryId, code: 'OPD', name: 'Organisasi Perangkat Daerah' }]);
    await admin.post(`/periods/${p.id}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [a.categoryId] });
    const ok = await to(p.id, 'saq');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ from: 'draft', to: 'saq', direction: 'forward', period: { stage: 'saq', version: 2 } });
  });

  it('moves one step forward only: no skipping, no unknown or absent stage, no staying', async () => {
    const p = await readyPeriod({ stages: { saq: 80, visitation: 20 } });
    expect((await to(p.id, 'verification')).statusCode).toBe(409);
    expect((await to(p.id, 'draft')).json().detail).toMatch(/already/);
    expect((await to(p.id, 'saq')).statusCode).toBe(200);
    expect((await to(p.id, 'saq')).statusCode).toBe(409);
    const absent = await to(p.id, 'appeal');
    expect(absent.statusCode).toBe(409);
    expect(absent.json().detail).toMatch(/no stage "appeal"/);
    expect((await to(p.id, 'deliberation')).statusCode).toBe(409);
    expect((await to(p.id, 'presentation')).statusCode).toBe(409);
    expect((await admin.post(`/periods/${p.id}/transitions`, { to: 'finished' })).statusCode).toBe(400);
    expect((await admin.post(`/periods/${p.id}/transitions`, {})).statusCode).toBe(400);
  });

  it('walks the whole path of a period with appeal, visitation and presentation', async () => {
    const p = await readyPeriod({ stages: { saq: 60, visitation: 20, presentation: 20 }, presentationAspects: { inovasi: 100 }, appeal: true });
    const path = ['saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed'];
    for (const stage of path) {
      const res = await to(p.id, stage);
      expect(res.statusCode, `${stage}: ${res.body}`).toBe(200);
      expect(res.json().period.stage).toBe(stage);
    }
    const closed = await admin.patch(`/periods/${p.id}`, { title: 'late edit' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().stage).toBe('closed');
  });

  it('marks participants without a submission not_submitted when the SAQ closes, and reopens them when it reopens', async () => {
    const p = await newPeriod();
    const extra = await admin.post('/bodies', { name: `Dinas Kesehatan ${p.id.slice(0, 8)}`, categoryId: a.categoryId });
    await admin.post(`/periods/${p.id}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [a.categoryId] });
    await admin.post(`/periods/${p.id}/participants`, { bodyIds: [a.bodyId, extra.json().id] });
    await to(p.id, 'saq');
    // the respondent's body submits (nothing answered: nothing lacks evidence)
    expectStatus(await client(t.app, a.users.respondent.token).post(`/periods/${p.id}/participants/${a.bodyId}/submission`), 200);
    const res = await to(p.id, 'verification');
    expect(res.statusCode).toBe(200);
    expect(res.json().markedNotSubmitted).toBe(1);
    const list = (await admin.get(`/periods/${p.id}/participants`)).json().items;
    const statusOf = (bodyId: string) => list.find((x: { bodyId: string }) => x.bodyId === bodyId).status;
    expect(statusOf(a.bodyId)).toBe('submitted');
    expect(statusOf(extra.json().id)).toBe('not_submitted');

    const back = await to(p.id, 'saq', { reason: 'Batas waktu SAQ diperpanjang oleh pleno' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ direction: 'back', reopened: 1 });
    const again = (await admin.get(`/periods/${p.id}/participants?status=enrolled`)).json().items;
    expect(again.map((x: { bodyId: string }) => x.bodyId)).toEqual([extra.json().id]);
  });

  it('moves back one stage only with a reason, from the body or X-Audit-Reason, and audits it', async () => {
    const p = await readyPeriod();
    await to(p.id, 'saq');
    await to(p.id, 'verification');
    await to(p.id, 'deliberation');
    const noReason = await to(p.id, 'verification');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('reason_required');
    expect((await to(p.id, 'saq', { reason: 'too far' })).statusCode).toBe(409);
    const viaHeader = await to(p.id, 'verification', {}, { 'x-audit-reason': encodeURIComponent('Verifikasi ulang Dinas Kominfo — bukti baru') });
    expect(viaHeader.statusCode, viaHeader.body).toBe(200);
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityId, p.id), eq(auditEvents.action, 'period.transition_back')));
    expect(event).toMatchObject({ reason: 'Verifikasi ulang Dinas Kominfo — bukti baru', before: { stage: 'deliberation' }, after: { stage: 'verification' }, actorId: a.users.admin.id });
    const forward = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityId, p.id), eq(auditEvents.action, 'period.transition')));
    expect(forward.map((e) => (e.after as { stage: string }).stage).sort()).toEqual(['deliberation', 'saq', 'verification']);
  });

  it('can go back to draft only while nothing has been answered', async () => {
    const p = await readyPeriod();
    await to(p.id, 'saq');
    const back = await to(p.id, 'draft', { reason: 'Kuesioner salah' });
    expect(back.statusCode).toBe(200);
    expect(back.json().period.stage).toBe('draft');
  });

  it('rescores the period on transitions and on a change of scoring settings', async () => {
    const p = await readyPeriod();
    const [enrolled] = await t.database.db.select().from(participants).where(eq(participants.periodId, p.id));
    expect(enrolled!.scoredAt).not.toBeNull();
    expect(enrolled!.questionCount).toBe(24);
    expect(enrolled!.bandCode).toBe('tidak_informatif');
    const patched = await admin.patch(`/periods/${p.id}`, { bands: [{ code: 'baik', label: 'Baik', min: 50 }, { code: 'perlu_perbaikan', label: 'Perlu perbaikan', min: 0 }] });
    expect(patched.statusCode).toBe(200);
    const [after] = await t.database.db.select().from(participants).where(eq(participants.periodId, p.id));
    expect(after!.bandCode).toBe('perlu_perbaikan');
    const res = await to(p.id, 'saq');
    expect(res.statusCode).toBe(200);
    expect(typeof res.json().rescored).toBe('number');
  });

  it('honours If-Match on transitions', async () => {
    const p = await readyPeriod();
    await admin.patch(`/periods/${p.id}`, { title: 'Monev KIP 2025 (revisi)' });
    const stale = await to(p.id, 'saq', {}, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const current = (await admin.get(`/periods/${p.id}`)).headers.etag as string;
    const ok = await to(p.id, 'saq', {}, { 'if-match': current });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).not.toBe(current);
  });

  it('is refused to non-admins', async () => {
    const p = await readyPeriod();
    for (const role of ['viewer', 'assessor', 'juror', 'respondent'] as const) {
      expect((await client(t.app, a.users[role].token).post(`/periods/${p.id}/transitions`, { to: 'saq' })).statusCode).toBe(403);
    }
  });
});
