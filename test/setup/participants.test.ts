// Participants: enrolment by list or category, visibility per role, assignments, withdrawal.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, auditEvents, participants } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, createUser, type Tenant, type TenantUser } from '../helpers/fixtures.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: Client;
const bodyIds: string[] = [];
let inactiveId: string;
let bumd: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  admin = client(t.app, a.users.admin.token);
  bodyIds.push(a.bodyId);
  for (const name of ['Dinas Kesehatan', 'Dinas Pendidikan dan Kebudayaan', 'Badan Pendapatan Daerah']) {
    bodyIds.push((await admin.post('/bodies', { name, categoryId: a.categoryId })).json().id);
  }
  inactiveId = (await admin.post('/bodies', { name: 'Dinas Lama (dibubarkan)', categoryId: a.categoryId, active: false })).json().id;
  bumd = (await admin.post('/categories', { code: 'BUMD', name: 'Badan Usaha Milik Daerah' })).json().id;
  await admin.post('/bodies', { name: 'PT Jamkrida Banten', categoryId: bumd });
});
afterAll(async () => {
  await t?.close();
});

async function period() {
  return (await admin.post('/periods', { year: 2025, title: 'Monev 2025' })).json().id as string;
}

describe('enrolment', () => {
  it('enrols every active body of a category, skipping those already enrolled', async () => {
    const p = await period();
    const first = await admin.post(`/periods/${p}/participants`, { bodyIds: [a.bodyId] });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ enrolled: 1, alreadyEnrolled: 0 });
    const res = await admin.post(`/periods/${p}/participants`, { categoryId: a.categoryId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ enrolled: 3, alreadyEnrolled: 1 });
    const list = (await admin.get(`/periods/${p}/participants`)).json();
    expect(list.items.map((x: { bodyId: string }) => x.bodyId).sort()).toEqual([...bodyIds].sort());
    expect(list.items.every((x: { status: string; categoryId: string }) => x.status === 'enrolled' && x.categoryId === a.categoryId)).toBe(true);
    expect(list.items.map((x: { bodyName: string }) => x.bodyName)).toEqual([...list.items.map((x: { bodyName: string }) => x.bodyName)].sort());
    expect((await admin.get(`/periods/${p}`)).json().participantCount).toBe(4);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, p), eq(auditEvents.action, 'participant.enrol')));
    expect(event).toBeDefined();
  });

  it('refuses unknown, foreign and inactive bodies with 422 naming them, enrolling nothing', async () => {
    const p = await period();
    const res = await admin.post(`/periods/${p}/participants`, { bodyIds: [bodyIds[1], b.bodyId, inactiveId, '00000000-0000-4000-8000-000000000000'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.bodyIds[1]', 'body.bodyIds[2]', 'body.bodyIds[3]']);
    expect(res.json().errors[1].message).toMatch(/inactive/);
    expect((await admin.get(`/periods/${p}/participants`)).json().items).toHaveLength(0);
    expect((await admin.post(`/periods/${p}/participants`, { categoryId: b.categoryId })).statusCode).toBe(422);
    expect((await admin.post(`/periods/${p}/participants`, {})).statusCode).toBe(422);
    expect((await admin.post(`/periods/${p}/participants`, { bodyIds: [a.bodyId], categoryId: a.categoryId })).statusCode).toBe(422);
    expect((await admin.post(`/periods/${p}/participants`, { bodyIds: ['nope'] })).statusCode).toBe(400);
  });

  it('allows late enrolment during saq only for categories with a questionnaire, never later', async () => {
    const p = await period();
    await admin.post(`/periods/${p}/questionnaires`, { preset: 'perki-2022-pemprov', categoryIds: [a.categoryId] });
    await admin.post(`/periods/${p}/participants`, { bodyIds: [a.bodyId] });
    expect((await admin.post(`/periods/${p}/transitions`, { to: 'saq' })).statusCode).toBe(200);
    const late = await admin.post(`/periods/${p}/participants`, { bodyIds: [bodyIds[1]] });
    expect(late.statusCode).toBe(201);
    expect(late.json().items[0]).toMatchObject({ status: 'enrolled', bodyId: bodyIds[1] });
    const noQuestionnaire = await admin.post(`/periods/${p}/participants`, { categoryId: bumd });
    expect(noQuestionnaire.statusCode).toBe(409);
    expect(noQuestionnaire.json().detail).toMatch(/BUMD/);
    await admin.post(`/periods/${p}/transitions`, { to: 'verification' });
    const tooLate = await admin.post(`/periods/${p}/participants`, { bodyIds: [bodyIds[2]] });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json()).toMatchObject({ code: 'wrong_stage', stage: 'verification' });
  });

  it('withdraws a participant in draft only, and never one with answers', async () => {
    const p = await period();
    await admin.post(`/periods/${p}/participants`, { bodyIds: bodyIds.slice(0, 3) });
    expect((await admin.delete(`/periods/${p}/participants/${bodyIds[2]}`)).statusCode).toBe(204);
    expect((await admin.get(`/periods/${p}/participants/${bodyIds[2]}`)).statusCode).toBe(404);
    // an answer in a draft period: no API call leaves one (answers need the SAQ, and a period with
    // answers cannot go back to draft), so it is written directly, to check the guard holds anyway
    const [row] = await t.database.db.select().from(participants).where(and(eq(participants.periodId, p), eq(participants.bodyId, bodyIds[1]!)));
    await t.database.db.insert(answers).values({ participantId: row!.id, questionCode: '1.1', value: true });
    expect((await admin.delete(`/periods/${p}/participants/${bodyIds[1]}`)).statusCode).toBe(409);
    expect((await client(t.app, b.users.admin.token).delete(`/periods/${p}/participants/${bodyIds[0]}`)).statusCode).toBe(404);
  });
});

describe('visibility and assignments', () => {
  let assessor2: TenantUser;
  beforeAll(async () => {
    assessor2 = await createUser(t.app, admin, 'assessor');
  });

  /** A fresh period with every active body of the tenant's category enrolled. */
  async function enrolled(): Promise<string> {
    const p = await period();
    expectStatus(await admin.post(`/periods/${p}/participants`, { bodyIds }), 201);
    return p;
  }

  it('assigns assessors and jurors (replacing them), audited', async () => {
    const p = await enrolled();
    const url = `/periods/${p}/participants/${bodyIds[1]}/assignments`;
    const first = await admin.put(url, { assessorIds: [a.users.assessor.id, assessor2.id], jurorIds: [a.users.juror.id] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().assessorIds.sort()).toEqual([a.users.assessor.id, assessor2.id].sort());
    const second = await admin.put(url, { assessorIds: [a.users.assessor.id], jurorIds: [a.users.juror.id] });
    expect(second.json()).toMatchObject({ assessorIds: [a.users.assessor.id], jurorIds: [a.users.juror.id], bodyId: bodyIds[1] });
    const one = (await admin.get(`/periods/${p}/participants/${bodyIds[1]}`)).json();
    expect(one).toMatchObject({ assessorIds: [a.users.assessor.id], jurorIds: [a.users.juror.id] });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, one.id), eq(auditEvents.action, 'participant.assign')));
    expect(events).toHaveLength(2);
    expect((await admin.get(`/periods/${p}/participants?assignedTo=${a.users.juror.id}`)).json().items.map((x: { bodyId: string }) => x.bodyId)).toEqual([bodyIds[1]]);
  });

  it('refuses users with the wrong role, disabled users and users of another commission (422)', async () => {
    const p = await enrolled();
    const url = `/periods/${p}/participants/${bodyIds[2]}/assignments`;
    const res = await admin.put(url, { assessorIds: [a.users.juror.id, b.users.assessor.id], jurorIds: [a.users.viewer.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: 'body.assessorIds[0]', message: "the user's role is juror, not assessor" },
      { path: 'body.assessorIds[1]', message: `user ${b.users.assessor.id} not found` },
      { path: 'body.jurorIds[0]', message: "the user's role is viewer, not juror" },
    ]);
    const disabled = await createUser(t.app, admin, 'assessor');
    expectStatus(await admin.delete(`/users/${disabled.id}`), 204);
    expect((await admin.put(url, { assessorIds: [disabled.id], jurorIds: [] })).json().errors[0].message).toMatch(/disabled/);
    expect((await admin.put(url, { assessorIds: [] })).statusCode).toBe(400);
    expect((await client(t.app, b.users.admin.token).put(url, { assessorIds: [], jurorIds: [] })).statusCode).toBe(404);
    expect((await client(t.app, a.users.assessor.token).put(url, { assessorIds: [], jurorIds: [] })).statusCode).toBe(403);
  });

  it('shows assessors and jurors only their participants, respondents only their body', async () => {
    const p = await enrolled();
    expectStatus(await admin.put(`/periods/${p}/participants/${bodyIds[1]}/assignments`, { assessorIds: [a.users.assessor.id], jurorIds: [a.users.juror.id] }), 200);
    await admin.put(`/periods/${p}/participants/${bodyIds[3]}/assignments`, { assessorIds: [assessor2.id], jurorIds: [] });
    const seen = async (token: string) => (await client(t.app, token).get(`/periods/${p}/participants`)).json().items.map((x: { bodyId: string }) => x.bodyId);
    expect(await seen(a.users.assessor.token)).toEqual([bodyIds[1]]);
    expect(await seen(assessor2.token)).toEqual([bodyIds[3]]);
    expect(await seen(a.users.juror.token)).toEqual([bodyIds[1]]);
    expect(await seen(a.users.respondent.token)).toEqual([a.bodyId]);
    expect((await seen(a.users.viewer.token)).sort()).toEqual([...bodyIds].sort());
    expect((await client(t.app, a.users.assessor.token).get(`/periods/${p}/participants/${bodyIds[3]}`)).statusCode).toBe(404);
    expect((await client(t.app, a.users.respondent.token).get(`/periods/${p}/participants/${bodyIds[1]}`)).statusCode).toBe(404);
    expect((await client(t.app, a.users.respondent.token).get(`/periods/${p}/participants/${a.bodyId}`)).statusCode).toBe(200);
    expect((await client(t.app, b.users.admin.token).get(`/periods/${p}/participants`)).statusCode).toBe(404);
  });

  it('filters by status, category and name, and paginates', async () => {
    const p = await enrolled();
    const byName = (await admin.get(`/periods/${p}/participants?q=${encodeURIComponent('PENDÍDIKAN')}`)).json().items;
    expect(byName.map((x: { bodyId: string }) => x.bodyId)).toEqual([bodyIds[2]]);
    expect((await admin.get(`/periods/${p}/participants?status=submitted`)).json().items).toHaveLength(0);
    expect((await admin.get(`/periods/${p}/participants?categoryId=${bumd}`)).json().items).toHaveLength(0);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { bodyId: string }[]; nextCursor: string | null } = (await admin.get(`/periods/${p}/participants?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((x) => x.bodyId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...bodyIds].sort());
  });
});
