// SAQ answering, submission, reopening and evidence files through the API: success and failure paths.
// Each test opens its own period (the tenant's body and body B take part), so none depends on another.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, participants } from '../../src/db/schema.ts';
import type { TestApp } from '../helpers/app.ts';
import { call, client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, createUser, type Tenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { evidenceUrl, moveTo, participantUrl as url, respondentWorld, type Monev, type RespondentWorld } from './helpers.ts';

let t: TestApp;
let tenant: Tenant;
let other: Tenant;
let admin: Client;
let respondent: Client;
/** a second body of the tenant with its own respondent, enrolled in every period */
let bodyB: Monev['bodies'][number];
let world: RespondentWorld;

beforeAll(async () => {
  world = await respondentWorld();
  ({ t, tenant, admin, respondent, bodyB } = world);
  other = await createTenant(t.app);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A fresh period (evidence up to 2048 bytes) with the tenant's body and body B, moved through `stages`. */
const open = (...stages: string[]) => world.open(stages, { evidenceMaxBytes: 2048 });

const answer = (question: string, value: unknown, evidence?: unknown) => ({ answers: [{ question, value, ...(evidence ? { evidence } : {}) }] });
/** The tenant's respondent uploads a PDF for its body: the file's id. */
const uploaded = async (p: string) => expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 201).json().id as string;

describe('answers', () => {
  it('cannot be written before the SAQ stage opens (409 with the stage)', async () => {
    const p = await open();
    const res = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 409);
    expect(res.json()).toMatchObject({ code: 'wrong_stage', stage: 'draft' });
  });

  it('are written only by the body\'s own respondent', async () => {
    const p = await open('saq');
    expectStatus(await client(t.app, tenant.users.viewer.token).put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 403);
    expectStatus(await admin.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 403);
    expectStatus(await client(t.app, tenant.users.assessor.token).put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 403);
    // another body's respondent: the participant does not exist for it
    expectStatus(await bodyB.respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 404);
    // another commission
    expectStatus(await client(t.app, other.users.respondent.token).put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 404);
    expectStatus(await client(t.app, other.users.admin.token).get(url(p, tenant.bodyId, '/answers')), 404);
  });

  it('are validated per question type, naming the question (422)', async () => {
    const p = await open('saq');
    const res = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
      answers: [
        { question: '1.1', value: 'yes' },
        { question: '1.2', value: 'sometimes' },
        { question: '2.1', value: ['web', 'web'] },
        { question: '9.9', value: true },
        { question: '2.2', value: true, evidence: [{ url: 'ftp://files.example.go.id/dip.pdf' }] },
      ],
    }), 422);
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors).toEqual(expect.arrayContaining([
      { path: 'body.answers[0].value', message: 'question "1.1": expected true or false' },
      { path: 'body.answers[1].value', message: expect.stringContaining('question "1.2": unknown option "sometimes"') },
      { path: 'body.answers[2].value', message: 'question "2.1": duplicate item "web"' },
      { path: 'body.answers[3].question', message: 'unknown question "9.9"' },
      { path: 'body.answers[4].evidence[0].url', message: expect.stringContaining('http or https') },
    ]));
    // nothing of the batch was stored
    expect(expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers')), 200).json().items).toEqual([]);
  });

  it('reject a duplicate question in a batch, a missing value and malformed bodies', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true }, { question: '2.2', value: false }] }), 422);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2' }] }), 422);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [] }), 400);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true, extra: 1 }] }), 400);
    expectStatus(await respondent.put(url(p, 'not-a-uuid', '/answers'), answer('2.2', true)), 400);
  });

  it('honour If-Match (412 when stale) and keep checklists as lists', async () => {
    const p = await open('saq');
    const first = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['web'])), 200);
    const tag = first.headers.etag as string;
    expect(first.json().items).toEqual([expect.objectContaining({ question: '2.1', value: ['web'], evidence: [] })]);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['web', 'app']), { 'if-match': tag }), 200);
    const stale = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['desk']), { 'if-match': tag }), 412);
    expect(stale.json().code).toBe('stale');
    const read = expectStatus(await respondent.get(url(p, tenant.bodyId, '/answers')), 200);
    expect(read.json().items[0].value).toEqual(['web', 'app']);
    expect(read.headers.etag).not.toBe(tag);
  });

  it('are removed with value null', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['web', 'app'])), 200);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 200);
    const res = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', null)), 200).json();
    expect(res.items.map((i: { question: string }) => i.question)).toEqual(['2.1']);
  });

  it('are readable by assigned staff and viewers, not by unassigned assessors', async () => {
    const p = await open('saq');
    expectStatus(await client(t.app, tenant.users.viewer.token).get(url(p, tenant.bodyId, '/answers')), 200);
    expectStatus(await client(t.app, tenant.users.assessor.token).get(url(p, tenant.bodyId, '/answers')), 200);
    const stranger = await createUser(t.app, admin, 'assessor');
    expectStatus(await client(t.app, stranger.token).get(url(p, tenant.bodyId, '/answers')), 404);
  });

  it('record every write in the audit log, from what to what', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['web'])), 200);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 200);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', null)), 200);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('1.2', 'full')), 200);
    const [participant] = await t.database.db.select().from(participants).where(and(eq(participants.periodId, p), eq(participants.bodyId, tenant.bodyId)));
    const events = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.action, 'answers.put'), eq(auditEvents.entityId, participant!.id), eq(auditEvents.actorId, tenant.users.respondent.id)));
    expect(events.length).toBe(4);
    // the removal of 2.2 says from what to what
    expect(events).toContainEqual(expect.objectContaining({ before: { '2.2': { value: true, evidence: [] } }, after: { '2.2': null } }));
  });
});

describe('evidence files', () => {
  it('accepts a PDF, checked by content, and serves it back to readers of the answers', async () => {
    const p = await open('saq');
    const content = pdf(1500);
    const res = expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'C:\\Users\\ppid\\DIP 2025.pdf', content), 201);
    const file = res.json();
    expect(file).toMatchObject({ filename: 'DIP 2025.pdf', contentType: 'application/pdf', size: 1500 });
    expect(res.headers.location).toBe(`/api/v1${url(p, tenant.bodyId, `/evidence/${file.id}`)}`);

    const download = await call(t.app, tenant.users.assessor.token, { method: 'GET', url: `/api/v1${url(p, tenant.bodyId, `/evidence/${file.id}`)}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');

    const list = expectStatus(await respondent.get(url(p, tenant.bodyId, '/evidence')), 200).json();
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([file.id]);
  });

  it('refuses a file that is not a PDF whatever its name (415), an empty one (422) and a too large one (413)', async () => {
    const p = await open('saq');
    const to = evidenceUrl(p, tenant.bodyId);
    const notPdf = await respondent.upload(to, 'dip.pdf', 'PK\u0003\u0004 this is a zip');
    expect(notPdf.statusCode).toBe(415);
    expect(notPdf.json().code).toBe('unsupported_media_type');
    expectStatus(await respondent.upload(to, 'empty.pdf', Buffer.alloc(0)), 422);
    const big = await respondent.upload(to, 'big.pdf', pdf(4096));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'too_large', maxBytes: 2048 });
    const wrongField = await respondent.upload(to, 'dip.pdf', pdf(), { field: 'document' });
    expect(wrongField.statusCode).toBe(422);
    const json = await respondent.post(url(p, tenant.bodyId, '/evidence'), { file: 'x' });
    expect(json.statusCode).toBe(415);
  });

  it('is uploaded only by the body\'s respondent and downloaded only by readers of the participant', async () => {
    const p = await open('saq');
    const fileId = await uploaded(p);
    expectStatus(await admin.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 403);
    expectStatus(await bodyB.respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 404);
    expectStatus(await bodyB.respondent.get(url(p, tenant.bodyId, `/evidence/${fileId}`)), 404);
    expectStatus(await client(t.app, other.users.admin.token).get(url(p, tenant.bodyId, `/evidence/${fileId}`)), 404);
    // the file exists, but not for this participant
    expectStatus(await bodyB.respondent.get(url(p, bodyB.id, `/evidence/${fileId}`)), 404);
  });

  it('can be attached to an answer of its own participant only', async () => {
    const p = await open('saq');
    const fileId = await uploaded(p);
    const res = expectStatus(await bodyB.respondent.put(url(p, bodyB.id, '/answers'), answer('1.1', true, [{ fileId }])), 422);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.answers[0].evidence[0].fileId' });
    const ok = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('1.1', true, [{ fileId }, { url: 'https://ppid.example.go.id/dip' }])), 200).json();
    expect(ok.items.find((i: { question: string }) => i.question === '1.1').evidence).toEqual([{ fileId }, { url: 'https://ppid.example.go.id/dip' }]);
  });
});

describe('submission', () => {
  it('lists the answers that lack required evidence (422)', async () => {
    const p = await open('saq');
    expectStatus(await bodyB.respondent.put(url(p, bodyB.id, '/answers'), answer('1.1', false)), 200);
    const res = expectStatus(await bodyB.respondent.post(url(p, bodyB.id, '/submission')), 422);
    expect(res.json()).toMatchObject({ questions: ['1.1'], errors: [{ path: '1.1' }] });
  });

  it('is made by the respondent only, honours If-Match, then locks the answers (409)', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
      answers: [{ question: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] }, { question: '2.1', value: ['web', 'app'] }],
    }), 200);
    expectStatus(await admin.post(url(p, tenant.bodyId, '/submission')), 403);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission'), undefined, { 'if-match': '"1"' }), 412);
    const res = expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200).json();
    expect(res).toMatchObject({ status: 'submitted', answered: 2, total: 4 });
    expect(res.submittedAt).toEqual(expect.any(String));
    const locked = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 409);
    expect(locked.json().detail).toContain('submitted');
    expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'late.pdf', pdf()), 409);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 409);
  });

  it('is reopened by an admin with a reason, audited', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.1', ['web'])), 200);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200);
    expectStatus(await respondent.delete(url(p, tenant.bodyId, '/submission')), 403);
    const noReason = expectStatus(await admin.delete(url(p, tenant.bodyId, '/submission')), 422);
    expect(noReason.json().code).toBe('reason_required');
    expectStatus(await client(t.app, other.users.admin.token).delete(url(p, tenant.bodyId, '/submission'), undefined, { 'x-audit-reason': 'x' }), 404);
    const res = expectStatus(await admin.delete(url(p, tenant.bodyId, '/submission'), undefined, { 'x-audit-reason': 'Salah unggah dokumen' }), 200).json();
    expect(res).toMatchObject({ status: 'enrolled', submittedAt: null });
    const [event] = await t.database.db.select().from(auditEvents)
      .where(and(eq(auditEvents.action, 'submission.reopen'), eq(auditEvents.entityId, res.participantId)));
    expect(event).toMatchObject({ reason: 'Salah unggah dokumen', actorId: tenant.users.admin.id, after: { status: 'enrolled' } });
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 200);
    expectStatus(await admin.delete(url(p, tenant.bodyId, '/submission'), undefined, { 'x-audit-reason': 'again' }), 409);
  });

  it('closes with the SAQ stage: no more answers or submissions (409)', async () => {
    const p = await open('saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', true)), 200);
    await moveTo(admin, p, 'verification');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), answer('2.2', false)), 409);
    const res = expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 409);
    expect(res.json()).toMatchObject({ code: 'wrong_stage', stage: 'verification' });
    expectStatus(await admin.delete(url(p, tenant.bodyId, '/submission'), undefined, { 'x-audit-reason': 'late' }), 409);
    const participant = expectStatus(await admin.get(`/periods/${p}/participants/${tenant.bodyId}`), 200).json();
    expect(participant.status).toBe('not_submitted');
    // this period has no appeal stage (masa sanggah) at all
    const appeal = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP ada' }), 409);
    expect(appeal.json().detail).toContain('no appeal stage');
  });
});
