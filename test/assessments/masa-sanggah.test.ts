// The masa sanggah and the deadlines as provincial commissions run them, through the API: appeals
// carry documents (an uploaded PDF, a link) and concern answers the verifier changed; the appeal
// window closes only once every appeal is answered; the SAQ and appeal deadlines are enforced, and
// extended for particular bodies by a plenary decision (DKI 2025: to 3 and 10 October).
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, participants } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';
import { pdf } from '../helpers/multipart.ts';
import { arrangeMonev, bodyWithRespondent, evidenceUrl, moveTo, type Monev } from './helpers.ts';

let t: TestApp;
let tenant: Tenant;
let other: Tenant;
let admin: Client;
let assessor: Client;
let respondent: Client;
/** a second body (an OPD) with its own respondent, enrolled in every period */
let dinas: Monev['bodies'][number];

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app, 'KI Provinsi Banten');
  other = await createTenant(t.app);
  admin = client(t.app, tenant.users.admin.token);
  assessor = client(t.app, tenant.users.assessor.token);
  respondent = client(t.app, tenant.users.respondent.token);
  dinas = await bodyWithRespondent(t.app, tenant);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const url = (periodId: string, bodyId: string, rest = '') => `/periods/${periodId}/participants/${bodyId}${rest}`;
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function participantId(periodId: string, bodyId: string): Promise<string> {
  const [p] = await t.database.db.select({ id: participants.id }).from(participants)
    .where(and(eq(participants.periodId, periodId), eq(participants.bodyId, bodyId)));
  if (!p) throw new Error('no participant');
  return p.id;
}

async function audited(entityId: string, actions: string[]) {
  return t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, entityId), inArray(auditEvents.action, actions)));
}

/**
 * A Banten-shaped period (SAQ 100, an appeal stage) taken to the masa sanggah: the tenant's body
 * answered everything and submitted, the assessor adjusted 1.1 to "no" and accepted 1.2 and 2.2;
 * the OPD answered 2.2 and submitted, accepted.
 */
async function inAppeal(period: Record<string, unknown> = {}): Promise<string> {
  const { periodId: p } = await arrangeMonev(t.app, tenant, {
    others: [dinas],
    period: { title: 'Monev KIP Badan Publik Provinsi Banten 2025', appeal: true, ...period },
  });
  await moveTo(admin, p, 'saq');
  expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
    answers: [
      { question: '1.1', value: true, evidence: [{ url: 'https://ppid.bantenprov.go.id/dip' }] },
      { question: '1.2', value: 'full' },
      { question: '2.1', value: ['web', 'app', 'desk'] },
      { question: '2.2', value: true },
    ],
  }), 200);
  expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200);
  expectStatus(await dinas.respondent.put(url(p, dinas.id, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
  expectStatus(await dinas.respondent.post(url(p, dinas.id, '/submission')), 200);
  await moveTo(admin, p, 'verification');
  expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), {
    decisions: [
      { question: '1.1', decision: 'adjust', value: false, note: 'DIP belum dimutakhirkan tahun 2025' },
      { question: '1.2', decision: 'accept' },
      { question: '2.2', decision: 'accept' },
    ],
  }), 200);
  expectStatus(await assessor.put(url(p, dinas.id, '/verifications'), { decisions: [{ question: '2.2', decision: 'accept' }] }), 200);
  await moveTo(admin, p, 'appeal');
  return p;
}

describe('masa sanggah: appeals with evidence', () => {
  it('files an appeal on an adjusted answer with a PDF and a link, refuses one on an accepted answer, and holds the stage until it is answered', async () => {
    const p = await inAppeal();
    const period = expectStatus(await admin.get(`/periods/${p}`), 200).json();
    expect(period).toMatchObject({ appeal: true, appealOn: 'adjusted', stage: 'appeal' });

    // the document is uploaded during the masa sanggah
    const file = expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'sanggahan-dip.pdf', pdf()), 201).json();
    const evidence = [{ fileId: file.id }, { url: 'https://ppid.bantenprov.go.id/dip-2025' }];
    const filed = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), {
      question: '1.1', reason: 'DIP dimutakhirkan 2 Januari 2025; SK PPID dan daftar terlampir', evidence,
    }), 201).json();
    expect(filed).toMatchObject({ question: '1.1', status: 'open', evidence });
    const listed = expectStatus(await assessor.get(url(p, tenant.bodyId, '/appeals')), 200).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: filed.id, evidence })]);
    // the assessor opens the document the appeal names
    const download = await assessor.get(file.downloadUrl.replace('/api/v1', ''));
    expect(download.statusCode).toBe(200);

    // the assessor accepted 1.2 as answered: nothing to appeal under appealOn "adjusted"
    const accepted = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.2', reason: 'Laporan lengkap' }), 422).json();
    expect(accepted.errors).toEqual([expect.objectContaining({ path: 'body.question' })]);
    expect(accepted.detail).toContain('accepted');

    // leaving the masa sanggah with the appeal open
    const pid = await participantId(p, tenant.bodyId);
    const held = expectStatus(await admin.post(`/periods/${p}/transitions`, { to: 'deliberation' }), 409).json();
    expect(held.openAppeals).toEqual([{ id: filed.id, participantId: pid, bodyId: tenant.bodyId, question: '1.1' }]);
    expect(held.detail).toContain('1 appeal is open');
    expect(expectStatus(await admin.get(`/periods/${p}`), 200).json().stage).toBe('appeal');
    // answered: revised, then the window closes
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${filed.id}`), { status: 'revised', note: 'Bukti diterima', value: true }), 200);
    const moved = expectStatus(await admin.post(`/periods/${p}/transitions`, { to: 'deliberation' }), 200).json();
    expect(moved).toMatchObject({ from: 'appeal', to: 'deliberation' });

    // everything audited: the upload, the appeal with its documents, the resolution, the transition
    expect(await audited(file.id, ['evidence.upload'])).toHaveLength(1);
    const [fileEvent] = await audited(filed.id, ['appeal.file']);
    expect(fileEvent?.after).toMatchObject({ question: '1.1', evidence });
    expect(await audited(filed.id, ['appeal.resolve'])).toHaveLength(1);
    expect(await audited(p, ['period.transition'])).toContainEqual(expect.objectContaining({ before: { stage: 'appeal' }, after: { stage: 'deliberation' } }));
  });

  it('checks the evidence like answers\' evidence: http(s) links, files uploaded for this participant', async () => {
    const p = await inAppeal();
    const theirs = expectStatus(await dinas.respondent.upload(evidenceUrl(p, dinas.id), 'opd.pdf', pdf()), 201).json();
    const bad = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), {
      question: '1.1', reason: 'DIP ada', evidence: [{ url: 'ftp://ppid.bantenprov.go.id/dip' }, { fileId: theirs.id }, { url: 'https://ppid.bantenprov.go.id/dip' }],
    }), 422).json();
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(['body.evidence[0].url', 'body.evidence[1].fileId']);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP ada', evidence: [{ path: '/etc/passwd' }] }), 400);
    // without evidence it is still an appeal
    expect(expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP ada' }), 201).json().evidence).toEqual([]);
  });

  it('lets only the body\'s respondent upload during the appeal stage, and only in a period with one', async () => {
    const p = await inAppeal();
    expectStatus(await assessor.upload(evidenceUrl(p, tenant.bodyId), 'x.pdf', pdf()), 403);
    expectStatus(await dinas.respondent.upload(evidenceUrl(p, tenant.bodyId), 'x.pdf', pdf()), 404);
    expectStatus(await client(t.app, other.users.respondent.token).post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'x' }), 404);
    expectStatus(await client(t.app, other.users.respondent.token).upload(evidenceUrl(p, tenant.bodyId), 'x.pdf', pdf()), 404);
    expectStatus(await admin.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'x' }), 403);
    // in verification (no appeal stage yet) uploads are closed
    const { periodId: plain } = await arrangeMonev(t.app, tenant, { others: [dinas], period: { appeal: true } });
    await moveTo(admin, plain, 'saq');
    expectStatus(await respondent.put(url(plain, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
    expectStatus(await respondent.post(url(plain, tenant.bodyId, '/submission')), 200);
    await moveTo(admin, plain, 'verification');
    expect(expectStatus(await respondent.upload(evidenceUrl(plain, tenant.bodyId), 'x.pdf', pdf()), 409).json().stage).toBe('verification');
  });

  it('under appealOn "any" an accepted answer can be appealed too; the setting is draft-only', async () => {
    const p = await inAppeal({ appealOn: 'any' });
    expect(expectStatus(await admin.get(`/periods/${p}`), 200).json().appealOn).toBe('any');
    const filed = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.2', reason: 'Laporan lengkap, lihat lampiran' }), 201).json();
    expect(filed).toMatchObject({ question: '1.2', status: 'open', evidence: [] });
    const changing = expectStatus(await admin.patch(`/periods/${p}`, { appealOn: 'adjusted' }), 409).json();
    expect(changing).toMatchObject({ code: 'wrong_stage', stage: 'appeal' });
    expectStatus(await admin.patch(`/periods/${p}`, { appealOn: 'some' }), 400);
    // resolved, the window closes
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${filed.id}`), { status: 'upheld', note: 'Laporan tanpa tanggal terbit' }), 200);
    expectStatus(await admin.post(`/periods/${p}/transitions`, { to: 'deliberation' }), 200);
  });
});

describe('deadlines and extensions', () => {
  /** A period in the SAQ whose SAQ deadline passed a minute ago (set after opening, as a commission would). */
  async function saqClosed(): Promise<string> {
    const { periodId: p } = await arrangeMonev(t.app, tenant, { others: [dinas], period: { deadlines: { saq: hoursFromNow(24) } } });
    await moveTo(admin, p, 'saq');
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
    expectStatus(await admin.patch(`/periods/${p}`, { deadlines: { saq: new Date(Date.now() - 60_000).toISOString() } }), 200);
    return p;
  }

  it('refuses answers, evidence and submission after the SAQ deadline (409 deadline_passed) saying how to get an extension', async () => {
    const p = await saqClosed();
    const deadline = expectStatus(await admin.get(`/periods/${p}`), 200).json().deadlines.saq;
    const late = expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.1', value: ['web'] }] }), 409).json();
    expect(late).toMatchObject({ code: 'deadline_passed', deadline, deadlineOf: 'saq', extensionUntil: null });
    expect(late.detail).toContain('extension');
    expect(late.detail).toContain('secretariat');
    expect(expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 409).json().code).toBe('deadline_passed');
    expect(expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 409).json().code).toBe('deadline_passed');
    expect(expectStatus(await dinas.respondent.put(url(p, dinas.id, '/answers'), { answers: [{ question: '2.2', value: true }] }), 409).json().code).toBe('deadline_passed');
  });

  it('an extension lets that body write until it ends, not the others; removing it closes the SAQ again', async () => {
    const p = await saqClosed();
    const until = hoursFromNow(48);
    const reason = 'Keputusan pleno 30 September 2025: kendala sistem saat pengisian';
    const ext = expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until, reason }), 200);
    expect(ext.json()).toEqual({ until, reason });
    expect(expectStatus(await admin.get(url(p, tenant.bodyId)), 200).json().extension).toEqual({ until, reason });
    expect(expectStatus(await admin.get(url(p, dinas.id)), 200).json().extension).toBeNull();

    expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), { answers: [{ question: '2.1', value: ['web'] }] }), 200);
    expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 201);
    expectStatus(await dinas.respondent.put(url(p, dinas.id, '/answers'), { answers: [{ question: '2.2', value: true }] }), 409);

    expectStatus(await admin.delete(url(p, tenant.bodyId, '/extension')), 204);
    expect(expectStatus(await admin.get(url(p, tenant.bodyId)), 200).json().extension).toBeNull();
    expect(expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 409).json().code).toBe('deadline_passed');
    expectStatus(await admin.delete(url(p, tenant.bodyId, '/extension')), 404);

    // both audited, with the plenary's reason
    const pid = await participantId(p, tenant.bodyId);
    const events = await audited(pid, ['participant.extension_set', 'participant.extension_remove']);
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'participant.extension_set', actorId: tenant.users.admin.id, reason, after: { extension: { until, reason } } }),
      expect.objectContaining({ action: 'participant.extension_remove', before: { extension: { until, reason } }, after: { extension: null } }),
    ]));
  });

  it('an extension must end in the future and give a reason; only the commission\'s admin sets it', async () => {
    const p = await saqClosed();
    const past = expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until: new Date(Date.now() - 3_600_000).toISOString(), reason: 'Pleno' }), 422).json();
    expect(past.errors).toEqual([expect.objectContaining({ path: 'body.until' })]);
    expect(expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(1), reason: '   ' }), 422).json().errors)
      .toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(1) }), 400);
    expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until: 'besok', reason: 'Pleno' }), 400);
    for (const who of [respondent, assessor, client(t.app, tenant.users.viewer.token)]) {
      expectStatus(await who.put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(1), reason: 'Pleno' }), 403);
      expectStatus(await who.delete(url(p, tenant.bodyId, '/extension')), 403);
    }
    expectStatus(await client(t.app, other.users.admin.token).put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(1), reason: 'Pleno' }), 404);
    expectStatus(await client(t.app, null).put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(1), reason: 'Pleno' }), 401);
    expect(expectStatus(await admin.get(url(p, tenant.bodyId)), 200).json().extension).toBeNull();
  });

  it('refuses appeals after the appeal deadline unless the body has an extension', async () => {
    const p = await inAppeal({ deadlines: { appeal: hoursFromNow(24) } });
    expectStatus(await admin.patch(`/periods/${p}`, { deadlines: { appeal: new Date(Date.now() - 60_000).toISOString() } }), 200);
    const late = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP ada' }), 409).json();
    expect(late).toMatchObject({ code: 'deadline_passed', deadlineOf: 'appeal' });
    expect(expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 409).json().code).toBe('deadline_passed');
    expectStatus(await admin.put(url(p, tenant.bodyId, '/extension'), { until: hoursFromNow(24), reason: 'Pleno: surat sanggahan dikirim sebelum batas waktu' }), 200);
    const file = expectStatus(await respondent.upload(evidenceUrl(p, tenant.bodyId), 'dip.pdf', pdf()), 201).json();
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP ada', evidence: [{ fileId: file.id }] }), 201);
  });
});
