// Verification, appeals, visitation and presentation through the API: who, when, what is valid,
// versions, and concurrent assessors. Each test arranges its own period as far as it needs
// (`reviewed`), so none depends on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus, type Client } from '../helpers/client.ts';
import { createTenant, createUser, type Tenant, type TenantUser } from '../helpers/fixtures.ts';
import { arrangeMonev, bodyWithRespondent, moveTo, participantUrl as url, type Monev } from './helpers.ts';

let t: TestApp;
let tenant: Tenant;
let other: Tenant;
let admin: Client;
let assessor: Client;
let assessor2: TenantUser;
let stranger: Client;
let juror: Client;
let respondent: Client;
/** answers 2.2 only: verified SAQ 20, never advances */
let weak: Monev['bodies'][number];
/** never submits */
let silent: Monev['bodies'][number];

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.app);
  other = await createTenant(t.app);
  admin = client(t.app, tenant.users.admin.token);
  assessor = client(t.app, tenant.users.assessor.token);
  juror = client(t.app, tenant.users.juror.token);
  respondent = client(t.app, tenant.users.respondent.token);
  assessor2 = await createUser(t.app, admin, 'assessor');
  stranger = client(t.app, (await createUser(t.app, admin, 'assessor')).token);
  weak = await bodyWithRespondent(t.app, tenant);
  silent = await bodyWithRespondent(t.app, tenant);
}, 120_000);

afterAll(async () => {
  await t?.close();
});


/** How far `reviewed` takes a period; each step includes the ones before it. */
type Step = 'submitted' | 'verification' | 'decided' | 'appeal' | 'appealed' | 'visitation' | 'visited' | 'presentation';
const STEPS: Step[] = ['submitted', 'verification', 'decided', 'appeal', 'appealed', 'visitation', 'visited', 'presentation'];

/**
 * A fresh period (SAQ 60 / visitation 20 / presentation 20, aspects materi and inovasi 50/50,
 * advancement at a verified SAQ of 60, an appeal stage) with the tenant's body, `weak` and `silent`,
 * both assessors assigned, taken as far as `until`:
 *   submitted     in saq: the tenant's body answered 1.1 yes (with a link), 1.2 full, 2.1 all three,
 *                 2.2 yes and submitted; weak answered 2.2 yes and submitted; silent nothing
 *   verification  the SAQ closed (silent: not_submitted)
 *   decided       1.1 adjusted to no, 1.2 and 2.2 accepted, 2.1 adjusted to [web, app] by assessor 2;
 *                 weak's 2.2 accepted: JI = 100·(0 + 1)/3, PI = 100·(⅔ + 1)/2, SAQ 53.33, not advanced
 *   appeal        in the appeal stage
 *   appealed      the appeal on 1.1 revised to yes (SAQ 93.33, advanced), the one on 2.1 upheld
 *   visitation    in the visitation stage
 *   visited       the tenant's body visited: 78.5
 *   presentation  in the presentation stage
 */
async function reviewed(until: Step): Promise<string> {
  const reached = (step: Step) => STEPS.indexOf(step) <= STEPS.indexOf(until);
  const { periodId: p } = await arrangeMonev(t.app, tenant, {
    others: [weak, silent],
    assessorIds: [tenant.users.assessor.id, assessor2.id],
    period: {
      stages: { saq: 60, visitation: 20, presentation: 20 },
      presentationAspects: { materi: 50, inovasi: 50 },
      advancement: { rule: 'min_score', minScore: 60 },
      appeal: true,
    },
  });
  await moveTo(admin, p, 'saq');
  expectStatus(await respondent.put(url(p, tenant.bodyId, '/answers'), {
    answers: [
      { question: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
      { question: '1.2', value: 'full' },
      { question: '2.1', value: ['web', 'app', 'desk'] },
      { question: '2.2', value: true },
    ],
  }), 200);
  expectStatus(await respondent.post(url(p, tenant.bodyId, '/submission')), 200);
  expectStatus(await weak.respondent.put(url(p, weak.id, '/answers'), { answers: [{ question: '2.2', value: true }] }), 200);
  expectStatus(await weak.respondent.post(url(p, weak.id, '/submission')), 200);
  if (reached('verification')) await moveTo(admin, p, 'verification');
  if (reached('decided')) {
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), {
      decisions: [
        { question: '1.1', decision: 'adjust', value: false, note: 'DIP belum dimutakhirkan' },
        { question: '1.2', decision: 'accept' },
        { question: '2.2', decision: 'accept' },
      ],
    }), 200);
    expectStatus(await client(t.app, assessor2.token).put(url(p, tenant.bodyId, '/verifications'), {
      decisions: [{ question: '2.1', decision: 'adjust', value: ['web', 'app'], note: 'Meja layanan tutup' }],
    }), 200);
    expectStatus(await assessor.put(url(p, weak.id, '/verifications'), { decisions: [{ question: '2.2', decision: 'accept' }] }), 200);
  }
  if (reached('appeal')) await moveTo(admin, p, 'appeal');
  if (reached('appealed')) {
    const onDip = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP dimutakhirkan 2 Januari, lihat tautan' }), 201).json();
    const onDesk = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '2.1', reason: 'Meja layanan buka pagi' }), 201).json();
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${onDip.id}`), { status: 'revised', note: 'Bukti diterima', value: true }), 200);
    expectStatus(await client(t.app, assessor2.token).patch(url(p, tenant.bodyId, `/appeals/${onDesk.id}`), { status: 'upheld', note: 'Meja tutup saat dicek' }), 200);
  }
  if (reached('visitation')) await moveTo(admin, p, 'visitation');
  if (reached('visited')) expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 78.5 }), 200);
  if (reached('presentation')) await moveTo(admin, p, 'presentation');
  return p;
}

describe('verification', () => {
  it('waits for the verification stage (409)', async () => {
    const p = await reviewed('submitted');
    const res = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.1', decision: 'accept' }] }), 409);
    expect(res.json().stage).toBe('saq');
  });

  it('is done by an assigned assessor only', async () => {
    const p = await reviewed('verification');
    const body = { decisions: [{ question: '1.1', decision: 'accept' }] };
    expectStatus(await stranger.put(url(p, tenant.bodyId, '/verifications'), body), 404);
    expectStatus(await admin.put(url(p, tenant.bodyId, '/verifications'), body), 403);
    expectStatus(await respondent.put(url(p, tenant.bodyId, '/verifications'), body), 403);
    expectStatus(await juror.put(url(p, tenant.bodyId, '/verifications'), body), 403);
    expectStatus(await client(t.app, other.users.admin.token).get(url(p, tenant.bodyId, '/verifications')), 404);
  });

  it('validates decisions: adjust needs a valid value and a note, accept needs an answer (422)', async () => {
    const p = await reviewed('verification');
    const res = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), {
      decisions: [
        { question: '1.1', decision: 'adjust', value: false },
        { question: '1.2', decision: 'adjust', note: 'tanpa nilai' },
        { question: '2.1', decision: 'adjust', value: ['fax'], note: 'x' },
        { question: '2.2', decision: 'accept', value: false },
        { question: '3.3', decision: 'accept' },
      ],
    }), 422);
    expect(res.json().errors).toEqual([
      { path: 'body.decisions[0].note', message: expect.stringContaining('note') },
      { path: 'body.decisions[1].value', message: expect.stringContaining('verified value') },
      { path: 'body.decisions[2].value', message: expect.stringContaining('unknown item "fax"') },
      { path: 'body.decisions[3].value', message: expect.stringContaining('accept') },
      { path: 'body.decisions[4].question', message: 'unknown question "3.3"' },
    ]);
    const blank = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.1', decision: 'adjust', value: false, note: '   ' }] }), 422);
    expect(blank.json().errors[0].path).toBe('body.decisions[0].note');
    const unanswered = expectStatus(await assessor.put(url(p, weak.id, '/verifications'), { decisions: [{ question: '1.1', decision: 'accept' }] }), 422);
    expect(unanswered.json().errors[0]).toMatchObject({ path: 'body.decisions[0].decision', message: expect.stringContaining('no answer') });
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.1', decision: 'reject' }] }), 400);
  });

  it('refuses a participant that did not submit (409)', async () => {
    const p = await reviewed('verification');
    const res = expectStatus(await assessor.put(url(p, silent.id, '/verifications'), { decisions: [{ question: '2.2', decision: 'adjust', value: true, note: 'x' }] }), 409);
    expect(res.json().participantStatus).toBe('not_submitted');
  });

  it('honours If-Match and reports progress', async () => {
    const p = await reviewed('verification');
    const read = expectStatus(await assessor.get(url(p, tenant.bodyId, '/verifications')), 200);
    expect(read.json().progress).toEqual({ decided: 0, total: 4 });
    const tag = read.headers.etag as string;
    const first = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.1', decision: 'accept' }] }, { 'if-match': tag }), 200);
    expect(first.json().progress).toEqual({ decided: 1, total: 4 });
    const stale = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.2', decision: 'accept' }] }, { 'if-match': tag }), 412);
    expect(stale.json().code).toBe('stale');
    // a changed decision is an update, not a second row
    const changed = expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), {
      decisions: [{ question: '1.1', decision: 'adjust', value: false, note: 'DIP belum dimutakhirkan' }],
    }, { 'if-match': first.headers.etag as string }), 200).json();
    expect(changed.progress).toEqual({ decided: 1, total: 4 });
    expect(changed.items).toEqual([expect.objectContaining({ question: '1.1', decision: 'adjust', answer: true, value: false, note: 'DIP belum dimutakhirkan', assessorId: tenant.users.assessor.id })]);
  });

  it('loses nothing when two assessors write decisions for the same participant at once', async () => {
    const p = await reviewed('verification');
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), {
      decisions: [{ question: '1.1', decision: 'adjust', value: false, note: 'DIP belum dimutakhirkan' }],
    }), 200);
    const second = client(t.app, assessor2.token);
    const results = await Promise.all([
      assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '1.2', decision: 'accept' }, { question: '2.2', decision: 'accept' }] }),
      second.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '2.1', decision: 'adjust', value: ['web', 'app'], note: 'Meja layanan tutup' }] }),
      assessor.put(url(p, weak.id, '/verifications'), { decisions: [{ question: '2.2', decision: 'accept' }] }),
    ]);
    for (const res of results) expectStatus(res, 200);
    const final = expectStatus(await admin.get(url(p, tenant.bodyId, '/verifications')), 200).json();
    expect(final.progress).toEqual({ decided: 4, total: 4 });
    expect(final.items.map((i: { question: string; assessorId: string }) => [i.question, i.assessorId])).toEqual([
      ['1.1', tenant.users.assessor.id], ['1.2', tenant.users.assessor.id], ['2.1', assessor2.id], ['2.2', tenant.users.assessor.id],
    ]);
    // the materialised score saw every decision: JI = 100·(0 + 1)/3, PI = 100·(2/3 + 1)/2 → 20 + 33.33 = 53.33
    const score = expectStatus(await admin.get(url(p, tenant.bodyId, '/score')), 200).json();
    expect(score).toMatchObject({ verifiedSaq: 53.33, selfAssessedSaq: 100, progress: { decided: 4, total: 4 }, advanced: false, complete: true, finalScore: 53.33 });
    const list = expectStatus(await admin.get(`/periods/${p}/participants?limit=10`), 200).json();
    expect(list.items.find((x: { bodyId: string }) => x.bodyId === tenant.bodyId)).toMatchObject({ finalScore: 53.33, advanced: false, bandCode: 'kurang_informatif' });
  });

  it('explains the gap to the next band with each question\'s exact gain', async () => {
    const p = await reviewed('decided');
    const score = expectStatus(await respondent.get(url(p, tenant.bodyId, '/score')), 200).json();
    // not advanced: factor 1; 1.1 (w2 of 3 in JI 60): 60·2·1/3 = 40; 2.1 (s = 2/3, w1 of 2 in PI 40): 40·1·(1/3)/2 = 6.666…
    expect(score.gap).toEqual({
      nextBand: { code: 'cukup_informatif', label: 'Cukup Informatif' },
      pointsNeeded: 6.67,
      questions: [
        { question: '1.1', indicator: 'JI', text: expect.any(String), verifiedScore: 0, gain: 40, gainExact: '40' },
        { question: '2.1', indicator: 'PI', text: expect.any(String), verifiedScore: 0.6667, gain: 6.67, gainExact: '6.666666666666666666666666666666666666667' },
      ],
    });
  });
});

describe('appeals', () => {
  it('are filed only in the appeal stage (409)', async () => {
    const p = await reviewed('decided');
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP sudah ada' }), 409);
    // the visitation score waits for its stage too
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 80 }), 409);
  });

  it('are filed by the body\'s respondent on a decided question, one open appeal per question', async () => {
    const p = await reviewed('appeal');
    expectStatus(await assessor.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'x' }), 403);
    expectStatus(await weak.respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'x' }), 404);
    const undecided = expectStatus(await weak.respondent.post(url(p, weak.id, '/appeals'), { question: '1.1', reason: 'x' }), 422);
    expect(undecided.json().errors[0].path).toBe('body.question');
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: '' }), 400);
    const filed = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP dimutakhirkan 2 Januari, lihat tautan' }), 201);
    expect(filed.json()).toMatchObject({ status: 'open', question: '1.1', filedBy: tenant.users.respondent.id });
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'lagi' }), 409);
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '2.1', reason: 'Meja layanan buka pagi' }), 201);
    const list = expectStatus(await respondent.get(url(p, tenant.bodyId, '/appeals?status=open&limit=1')), 200).json();
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    const rest = expectStatus(await respondent.get(url(p, tenant.bodyId, `/appeals?status=open&limit=1&cursor=${list.nextCursor}`)), 200).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0].id).not.toBe(list.items[0].id);
    expectStatus(await client(t.app, other.users.admin.token).get(url(p, tenant.bodyId, '/appeals')), 404);
  });

  it('are resolved by an assigned assessor: upheld keeps the decision, revised changes the verified value', async () => {
    const p = await reviewed('appeal');
    const appealId = expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '1.1', reason: 'DIP dimutakhirkan 2 Januari, lihat tautan' }), 201).json().id;
    expectStatus(await respondent.post(url(p, tenant.bodyId, '/appeals'), { question: '2.1', reason: 'Meja layanan buka pagi' }), 201);
    expectStatus(await respondent.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'upheld', note: 'x' }), 403);
    expectStatus(await stranger.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'upheld', note: 'x' }), 404);
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'revised', note: 'Bukti diterima' }), 422);
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'revised', note: 'Bukti diterima', value: 'yes' }), 422);
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'upheld', note: 'x', value: true }), 422);
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'revised', note: 'x', value: true }, { 'if-match': '"7"' }), 412);
    const revised = expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'revised', note: 'Bukti diterima', value: true }, { 'if-match': '"1"' }), 200);
    expect(revised.json()).toMatchObject({ status: 'revised', revisedValue: true, resolvedBy: tenant.users.assessor.id, version: 2 });
    expect(revised.headers.etag).toBe('"2"');
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${appealId}`), { status: 'upheld', note: 'x' }), 409);
    const missing = '00000000-0000-4000-8000-000000000000';
    expectStatus(await assessor.patch(url(p, tenant.bodyId, `/appeals/${missing}`), { status: 'upheld', note: 'x' }), 404);

    const open = expectStatus(await assessor.get(url(p, tenant.bodyId, '/appeals?status=open')), 200).json();
    expectStatus(await client(t.app, assessor2.token).patch(url(p, tenant.bodyId, `/appeals/${open.items[0].id}`), { status: 'upheld', note: 'Meja tutup saat dicek' }), 200);

    // 1.1 now verified true: JI = 100, PI = 83.33 → 60 + 33.33 = 93.33, above 60: advanced
    const score = expectStatus(await admin.get(url(p, tenant.bodyId, '/score')), 200).json();
    expect(score).toMatchObject({ verifiedSaq: 93.33, advanced: true, complete: false, status: 'provisional' });
  });
});

describe('visitation and presentation', () => {
  it('are entered for advanced participants only, in their stage, by the assigned staff', async () => {
    const p = await reviewed('visitation');
    expectStatus(await assessor.put(url(p, weak.id, '/visitation'), { score: 70 }), 409);
    expectStatus(await stranger.put(url(p, tenant.bodyId, '/visitation'), { score: 70 }), 404);
    expectStatus(await juror.put(url(p, tenant.bodyId, '/visitation'), { score: 70 }), 403);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 100.5 }), 400);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 'banyak' }), 400);
    expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 80, inovasi: 80 } }), 409);
    const first = expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 77.25, notes: 'Meja layanan ramai' }), 200);
    expect(first.json()).toMatchObject({ score: 77.25, notes: 'Meja layanan ramai', assessorId: tenant.users.assessor.id });
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 78 }, { 'if-match': '"1"' }), 412);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 78.5 }, { 'if-match': first.headers.etag as string }), 200);
  });

  it('checks the presentation aspects against the period (422)', async () => {
    const p = await reviewed('presentation');
    const missing = expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 80 } }), 422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: expect.stringContaining('inovasi') })]);
    const unknown = expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 80, inovasi: 70, humor: 100 } }), 422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: expect.stringContaining('humor') })]);
    expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 80, inovasi: 170 } }), 400);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 80, inovasi: 70 } }), 403);
    expectStatus(await juror.put(url(p, weak.id, '/presentation'), { aspects: { materi: 80, inovasi: 70 } }), 409);
    const entry = expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 81, inovasi: 70 } }), 200).json();
    expect(entry).toMatchObject({ jurorId: tenant.users.juror.id, score: 75.5 });
    // the juror changes its mind: one entry per juror
    expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 90, inovasi: 70 } }), 200);
    const all = expectStatus(await admin.get(url(p, tenant.bodyId, '/presentation')), 200).json();
    expect(all).toMatchObject({ score: 80, items: [{ jurorId: tenant.users.juror.id, aspects: { materi: 90, inovasi: 70 }, score: 80 }] });

    // final = 0.6·93.333… + 0.2·78.5 + 0.2·80 = 56 + 15.7 + 16 = 87.70
    const score = expectStatus(await admin.get(url(p, tenant.bodyId, '/score')), 200).json();
    expect(score).toMatchObject({ finalScore: 87.7, complete: true, status: 'scored', band: { code: 'menuju_informatif' }, stages: { saq: 93.33, visitation: 78.5, presentation: 80 } });
    // the weak body did not advance: its verified SAQ is its final score (2.2 only: PI 50 → 20)
    const weakScore = expectStatus(await admin.get(url(p, weak.id, '/score')), 200).json();
    expect(weakScore).toMatchObject({ finalScore: 20, advanced: false, complete: true, band: { code: 'tidak_informatif' } });
  });

  it('closes with the stages (409 afterwards)', async () => {
    const p = await reviewed('presentation');
    expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 90, inovasi: 70 } }), 200);
    await moveTo(admin, p, 'deliberation');
    expectStatus(await juror.put(url(p, tenant.bodyId, '/presentation'), { aspects: { materi: 10, inovasi: 10 } }), 409);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/visitation'), { score: 10 }), 409);
    expectStatus(await assessor.put(url(p, tenant.bodyId, '/verifications'), { decisions: [{ question: '2.2', decision: 'accept' }] }), 409);
  });
});
