// The outbox and the event feed: every event type is written with the change that causes it (and
// only if that change commits), carries its ids and the new state, and the feed pages through a
// commission's events in order, filtered by type, never showing another commission's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, type Principal } from '../../src/http/permissions.ts';
import { runWork } from '../../src/http/unit-of-work.ts';
import { submit } from '../../src/modules/assessments/answers.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { client, expectStatus } from '../helpers/client.ts';
import { ANSWERS, saqPeriod, type SaqPeriod } from './helpers.ts';

let t: TestApp;
let m: SaqPeriod;

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  m = await saqPeriod(t.app, { appeal: true });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

interface FeedEvent { id: string; type: string; timestamp: string; data: Record<string, unknown> }

async function feed(c = m.admin, query = ''): Promise<FeedEvent[]> {
  const items: FeedEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const qs: string = [query, after ? `after=${encodeURIComponent(after)}` : ''].filter(Boolean).join('&');
    const page = expectStatus(await c.get(`/events${qs ? `?${qs}` : ''}`), 200).json<{ items: FeedEvent[]; nextCursor: string | null; hasMore: boolean }>();
    items.push(...page.items);
    if (!page.hasMore) return items;
    after = page.nextCursor;
  }
}

describe('the outbox', () => {
  it('writes every event type with its change, naming its ids and the new state', async () => {
    const { admin, respondent, assessor, participant, periodId, tenant } = m;
    const ids = { commissionId: tenant.commissionId, periodId };
    const move = async (to: string) => expectStatus(await admin.post(`/periods/${periodId}/transitions`, { to }), 200);

    expectStatus(await respondent.put(`${participant}/answers`, { answers: ANSWERS }), 200);
    expectStatus(await respondent.post(`${participant}/submission`), 200);
    expectStatus(await admin.delete(`${participant}/submission`, undefined, { 'x-audit-reason': 'Lampiran DIP tertukar' }), 200);
    expectStatus(await respondent.post(`${participant}/submission`), 200);
    await move('verification');
    // three decisions, then the last one completes the verification: one event, and no second one
    // when a decision is changed afterwards
    expectStatus(await assessor.put(`${participant}/verifications`, { decisions: ANSWERS.slice(0, 3).map((a) => ({ question: a.question, decision: 'accept' })) }), 200);
    expectStatus(await assessor.put(`${participant}/verifications`, { decisions: [{ question: 'q4', decision: 'adjust', value: ['web'], note: 'Aplikasi tidak aktif' }] }), 200);
    expectStatus(await assessor.put(`${participant}/verifications`, { decisions: [{ question: 'q1', decision: 'accept' }] }), 200);
    await move('appeal');
    const appeal = expectStatus(await respondent.post(`${participant}/appeals`, { question: 'q4', reason: 'Aplikasi aktif sejak Mei' }), 201).json();
    expectStatus(await assessor.patch(`${participant}/appeals/${appeal.id}`, { status: 'upheld', note: 'Aplikasi tidak dapat diakses saat verifikasi' }), 200);
    await move('deliberation');
    const set = expectStatus(await admin.post(`/periods/${periodId}/results`, { decreeNumber: '045/KEP/KI-BTN/XI/2025', decreeDate: '2025-11-20' }), 201).json();
    expectStatus(await admin.post(`/periods/${periodId}/results/1/publication`, { mode: 'ranked' }), 201);

    const events = await feed();
    const body = { ...ids, bodyId: tenant.bodyId };
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['period.stage_changed', expect.objectContaining({ ...ids, stage: 'saq', previousStage: 'draft', direction: 'forward' })],
      ['submission.submitted', expect.objectContaining({ ...body, status: 'submitted', submittedAt: expect.any(String) })],
      ['submission.reopened', expect.objectContaining({ ...body, status: 'enrolled', reason: 'Lampiran DIP tertukar' })],
      ['submission.submitted', expect.objectContaining({ ...body, status: 'submitted' })],
      ['period.stage_changed', expect.objectContaining({ ...ids, stage: 'verification', previousStage: 'saq' })],
      ['verification.completed', expect.objectContaining({ ...body, decided: 4, total: 4 })],
      ['period.stage_changed', expect.objectContaining({ ...ids, stage: 'appeal', previousStage: 'verification' })],
      ['appeal.filed', expect.objectContaining({ ...body, appealId: appeal.id, question: 'q4', status: 'open' })],
      ['appeal.resolved', expect.objectContaining({ ...body, appealId: appeal.id, question: 'q4', status: 'upheld' })],
      ['period.stage_changed', expect.objectContaining({ ...ids, stage: 'deliberation', previousStage: 'appeal' })],
      ['result_set.created', expect.objectContaining({ ...ids, version: 1, resultSetId: set.id, decreeNumber: '045/KEP/KI-BTN/XI/2025', rows: 1 })],
      ['result_set.published', expect.objectContaining({ ...ids, version: 1, resultSetId: set.id, mode: 'ranked', supersedes: null })],
    ]);
    // ids are the order, timestamps follow it
    const numbers = events.map((e) => Number(e.id.replace('evt_', '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('writes no event for a change that does not commit', async () => {
    const before = await feed();
    // refused by a guard: a draft period without participants cannot open its SAQ
    const draft = expectStatus(await m.admin.post('/periods', { year: 2026, title: 'Monev 2026', stages: { saq: 100 } }), 201).json();
    expectStatus(await m.admin.post(`/periods/${draft.id}/transitions`, { to: 'saq' }), 409);
    // a submission that ran, emitted its event, and was rolled back by a failure after it
    const other = await saqPeriod(t.app);
    const respondent: Principal = {
      kind: 'user', id: other.tenant.users.respondent.id, username: other.tenant.users.respondent.username, role: 'respondent',
      commissionId: other.tenant.commissionId, bodyId: other.tenant.bodyId, scopes: ROLE_SCOPES.respondent,
    };
    const failed = runWork(t.database.db, { principal: respondent, requestId: 'test', reason: null }, async (work) => {
      await submit(work, { periodId: other.periodId, bodyId: other.tenant.bodyId });
      throw new Error('the disk is full');
    });
    await expect(failed).rejects.toThrow('the disk is full');

    expect(await feed()).toEqual(before);
    expect((await feed(other.admin)).map((e) => e.type)).toEqual(['period.stage_changed']);
    const answers = expectStatus(await other.respondent.get(`${other.participant}/answers`), 200).json();
    expect(answers.status).toBe('enrolled');
    // the same write, committed, writes its event
    expectStatus(await other.respondent.post(`${other.participant}/submission`), 200);
    expect((await feed(other.admin)).map((e) => e.type)).toEqual(['period.stage_changed', 'submission.submitted']);
  });
});

describe('the event feed', () => {
  it('pages oldest first with its cursor, and keeps a cursor to poll with once caught up', async () => {
    const all = await feed();
    expect(all.length).toBeGreaterThan(5);
    const first = expectStatus(await m.admin.get('/events?limit=2'), 200).json();
    expect(first.items.map((e: FeedEvent) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(first.hasMore).toBe(true);
    const second = expectStatus(await m.admin.get(`/events?limit=2&after=${first.nextCursor}`), 200).json();
    expect(second.items.map((e: FeedEvent) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));

    const rest = expectStatus(await m.admin.get(`/events?limit=500&after=${second.nextCursor}`), 200).json();
    expect(rest.hasMore).toBe(false);
    const caughtUp = expectStatus(await m.admin.get(`/events?after=${rest.nextCursor}`), 200).json();
    expect(caughtUp).toEqual({ items: [], nextCursor: rest.nextCursor, hasMore: false });
    // a new event shows up after the cursor kept
    const draft = expectStatus(await m.admin.post('/periods', { year: 2027, title: 'Monev 2027', stages: { saq: 100 } }), 201).json();
    expectStatus(await m.admin.post(`/periods/${draft.id}/questionnaires`, { code: 'SAQ-27', title: 'SAQ', indicators: [{ code: 'A', name: 'A', weight: 100, questions: [{ code: 'q1', text: 'DIP?', weight: 1, type: 'yes_no' }] }], categoryIds: [m.tenant.categoryId] }), 201);
    expectStatus(await m.admin.post(`/periods/${draft.id}/participants`, { bodyIds: [m.tenant.bodyId] }), 201);
    expectStatus(await m.admin.post(`/periods/${draft.id}/transitions`, { to: 'saq' }), 200);
    const next = expectStatus(await m.admin.get(`/events?after=${rest.nextCursor}`), 200).json();
    expect(next.items).toEqual([expect.objectContaining({ type: 'period.stage_changed', data: expect.objectContaining({ periodId: draft.id, stage: 'saq' }) })]);
  });

  it('filters by type', async () => {
    const all = await feed();
    const some = await feed(m.admin, 'types=result_set.published,appeal.filed&limit=1');
    expect(some.map((e) => e.type)).toEqual(['appeal.filed', 'result_set.published']);
    expect(some).toEqual(all.filter((e) => e.type === 'appeal.filed' || e.type === 'result_set.published'));
    const bad = expectStatus(await m.admin.get('/events?types=period.stage_changed,period.deleted'), 422).json();
    expect(bad.detail).toContain('period.deleted');
    expectStatus(await m.admin.get('/events?after=bm90LWEtY3Vyc29y'), 400);
  });

  it('shows a commission only its own events, whatever cursor it sends', async () => {
    const other = await saqPeriod(t.app);
    const mine = await feed();
    const theirs = await feed(other.admin);
    expect(theirs.map((e) => e.data.commissionId)).toEqual([other.tenant.commissionId]);
    expect(mine.every((e) => e.data.commissionId === m.tenant.commissionId)).toBe(true);
    // a cursor from before every event of A, in B's hands: still only B's events
    const fromStart = expectStatus(await other.admin.get('/events?after=' + Buffer.from('[0]').toString('base64url')), 200).json();
    expect(fromStart.items.map((e: FeedEvent) => e.id)).toEqual(theirs.map((e) => e.id));
  });

  it('is for admins, viewers and API keys with events:read', async () => {
    const viewer = client(t.app, m.tenant.users.viewer.token);
    expect(await feed(viewer)).toEqual(await feed());
    expectStatus(await client(t.app, m.tenant.users.assessor.token).get('/events'), 403);
    expectStatus(await client(t.app, m.tenant.users.respondent.token).get('/events'), 403);
    const keyWith = expectStatus(await m.admin.post('/api-keys', { name: 'Dasbor PPID', scopes: ['events:read'] }), 201).json().key;
    const keyWithout = expectStatus(await m.admin.post('/api-keys', { name: 'Dasbor peringkat', scopes: ['rankings:read'] }), 201).json().key;
    expect((await feed(client(t.app, keyWith))).length).toBeGreaterThan(0);
    expectStatus(await client(t.app, keyWithout).get('/events'), 403);
    expectStatus(await client(t.app, null).get('/events'), 401);
  });
});
