// The audit log: every write records actor, commission, action, entity, changed fields, time, request
// id and reason, in the write's transaction; GET /audit-events filters and pages it; rows are immutable.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call } from '../helpers/client.ts';
import { createTenant, type Tenant } from '../helpers/fixtures.ts';

let t: TestApp;
let a: Tenant;
let b: Tenant;
const userIds: string[] = [];
let startedAt: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t.app);
  b = await createTenant(t.app);
  // just after the tenant's own events (its users were created through the API too)
  startedAt = new Date(Date.parse((await list('?limit=1')).items[0].at) + 1).toISOString();
  for (let i = 0; i < 4; i++) {
    const res = await call(t.app, a.users.admin.token, {
      method: 'POST', url: '/api/v1/users', payload: { username: `audit-${i}-${Date.now()}`, password: 'audit-password-12', role: 'juror' },
      headers: { 'x-request-id': `req-create-${i}`, 'x-audit-reason': encodeURIComponent(`juri presentasi ke-${i} — Ketua KI`) },
    });
    expect(res.statusCode).toBe(201);
    userIds.push(res.json().id);
  }
  await call(t.app, a.users.admin.token, { method: 'PATCH', url: `/api/v1/users/${userIds[0]}`, payload: { displayName: 'Prof. Juri' } });
  await call(t.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/users/${userIds[1]}` });
  await call(t.app, b.users.admin.token, { method: 'POST', url: '/api/v1/users', payload: { username: `audit-b-${Date.now()}`, password: 'audit-password-12', role: 'viewer' } });
});
afterAll(async () => {
  await t.close();
});

const list = async (query = '', token = a.users.admin.token) => {
  const res = await call(t.app, token, { url: `/api/v1/audit-events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: any[]; nextCursor: string | null }>();
};

describe('GET /audit-events', () => {
  it('shows who changed what, from what to what, with the request id and the reason', async () => {
    const { items } = await list(`?entity=user&entityId=${userIds[2]}`);
    expect(items).toEqual([{
      id: expect.any(String), at: expect.any(String),
      actor: { type: 'user', id: a.users.admin.id, name: a.users.admin.username },
      action: 'user.create', entityType: 'user', entityId: userIds[2],
      before: null, after: { username: expect.stringMatching(/^audit-2-/), displayName: null, role: 'juror', bodyId: null, active: true },
      reason: 'juri presentasi ke-2 — Ketua KI', requestId: 'req-create-2',
    }]);
    const updated = (await list(`?entityId=${userIds[0]}&action=user.update`)).items;
    expect(updated.map((e) => [e.before, e.after])).toEqual([[{ displayName: null }, { displayName: 'Prof. Juri' }]]);
  });

  it('filters by action (exact or prefix), actor and time', async () => {
    expect((await list('?action=user.disable')).items.map((e) => e.entityId)).toEqual([userIds[1]]);
    const byPrefix = (await list('?action=user.*')).items;
    expect(byPrefix.length).toBeGreaterThanOrEqual(6);
    expect(byPrefix.every((e) => e.action.startsWith('user.'))).toBe(true);
    expect((await list('?action=user')).items).toEqual([]);
    expect((await list(`?actor=${a.users.admin.id}`)).items.every((e) => e.actor.id === a.users.admin.id)).toBe(true);
    expect((await list(`?actor=${a.users.viewer.id}`)).items).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(startedAt)}&action=user.create`)).items).toHaveLength(4);
    // before: only the tenant's own users (the admin with its commission, then one of each role)
    const before = (await list(`?to=${encodeURIComponent(startedAt)}&action=user.create`)).items;
    expect(before.map((e) => e.entityId).sort()).toEqual(Object.values(a.users).map((u) => u.id).sort());
    expect((await list(`?from=2999-01-01T00:00:00Z`)).items).toEqual([]);
  });

  it('pages newest first with a cursor, nothing lost or repeated', async () => {
    const all = (await list('?limit=500')).items;
    const paged: any[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.items.length).toBeLessThanOrEqual(2);
      paged.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('shows my commission\'s events only', async () => {
    const mine = (await list('?limit=500')).items;
    const theirs = (await list('?limit=500', b.users.admin.token)).items;
    expect(theirs.length).toBeGreaterThan(0);
    const mineIds = new Set(mine.map((e) => e.id));
    expect(theirs.filter((e) => mineIds.has(e.id))).toEqual([]);
    expect(theirs.filter((e) => userIds.includes(e.entityId))).toEqual([]);
  });

  it('rejects malformed filters and cursors (400), and is not for viewers (403)', async () => {
    for (const q of ['?from=yesterday', '?actor=admin', '?cursor=WyJ4Il0', '?cursor=%%%', '?limit=0', '?colour=red']) {
      expect((await call(t.app, a.users.admin.token, { url: `/api/v1/audit-events${q}` })).statusCode, q).toBe(400);
    }
    expect((await call(t.app, a.users.viewer.token, { url: '/api/v1/audit-events' })).statusCode).toBe(403);
  });
});

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
  return 'the statement succeeded';
}

describe('audit rows', () => {
  it('cannot be updated or deleted, not even with SQL by the application', async () => {
    const [row] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, userIds[3]!));
    expect(await refusal(t.database.db.execute(sql`update audit_events set action = 'user.nothing' where id = ${row!.id}`))).toMatch(/audit_events rows are immutable/);
    expect(await refusal(t.database.db.execute(sql`delete from audit_events where id = ${row!.id}`))).toMatch(/audit_events rows are immutable/);
    expect(await refusal(t.database.db.update(auditEvents).set({ reason: null }))).toMatch(/audit_events rows are immutable/);
    expect(await refusal(t.database.db.delete(auditEvents))).toMatch(/audit_events rows are immutable/);
    expect(await refusal(t.database.db.execute(sql`truncate audit_events`))).toMatch(/audit_events rows are immutable/);
    const [same] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.id, row!.id));
    expect(same).toEqual(row);
  });

  it('are written in the write\'s transaction: a failed write leaves none', async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    // the username is taken: the insert fails after nothing else, and the whole request rolls back
    const res = await call(t.app, a.users.admin.token, { method: 'POST', url: '/api/v1/users', payload: { username: b.users.viewer.username, password: 'audit-password-12', role: 'viewer' } });
    expect(res.statusCode).toBe(409);
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
