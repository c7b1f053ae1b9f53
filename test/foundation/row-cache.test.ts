// Users, periods and the hot reads built on them are kept in memory between requests (src/db/changes.ts). Whatever changes them,
// and wherever, no request may be answered from a copy that is older than a change it could know of.
import { eq, sql as raw } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { ChangeFeed, kept } from '../../src/db/changes.ts';
import { connectPostgres, type Database } from '../../src/db/client.ts';
import { idempotencyKeys, periods, users } from '../../src/db/schema.ts';
import type { TestApp } from '../helpers/app.ts';
import { call, client } from '../helpers/client.ts';
import { createUser, type Tenant } from '../helpers/fixtures.ts';
import { appWithPeriod, ALL, type Arranged } from '../results/arrange.ts';
import type { FastifyInstance } from 'fastify';

let t: TestApp;
let a: Tenant;
let period: Arranged;

beforeAll(async () => {
  ({ t, a, period } = await appWithPeriod({
    stage: 'deliberation', stages: { saq: 100 },
    categories: [{ code: 'OPD', name: 'Organisasi Perangkat Daerah' }],
    bodies: [{ name: 'Dinas Kominfo', answers: ALL }],
  }));
});
afterAll(async () => {
  await t?.close();
});

const me = (app: FastifyInstance, token: string) => call(app, token, { method: 'GET', url: '/api/v1/me' });
const rankings = (app: FastifyInstance) => call(app, a.users.viewer.token, { method: 'GET', url: `/api/v1/periods/${period.periodId}/rankings` });

/** Polls until `check` holds, for at most `ms`; returns how long that took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - start;
}

describe('a write by this process', () => {
  it('is seen by the very next request, however it was made', async () => {
    for (let round = 0; round < 20; round++) {
      expect((await me(t.app, a.users.juror.token)).statusCode).toBe(200);
      await t.database.db.update(users).set({ active: round % 2 === 1 }).where(eq(users.id, a.users.juror.id));
      expect((await me(t.app, a.users.juror.token)).statusCode).toBe(round % 2 === 1 ? 200 : 401);
      await t.database.db.update(users).set({ active: true }).where(eq(users.id, a.users.juror.id));
    }
  });

  it('moves the rankings ETag at once', async () => {
    const before = await rankings(t.app);
    await t.database.db.update(periods).set({ title: 'Monev renamed' }).where(eq(periods.id, period.periodId));
    // the title is not in the ETag, the period's version is: what matters is that the row read is current
    await t.database.db.update(periods).set({ version: 1000 }).where(eq(periods.id, period.periodId));
    const after = await rankings(t.app);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a write by another instance', () => {
  let other: { app: FastifyInstance; database: Database };
  /** SQL on the database, through the other instance's pool */
  const sql = (text: string) => other.database.db.execute(raw.raw(text));

  beforeAll(async () => {
    const database = connectPostgres(t.databaseUrl!, { max: 2 });
    other = { database, app: await buildApp({ config: t.config, database }) };
  });
  afterAll(async () => {
    await other?.app.close();
    await other?.database.close();
  });

  it('disables an account everywhere within moments', async () => {
    await within(2_000, async () => (await me(t.app, a.users.assessor.token)).statusCode === 200);
    expect((await me(t.app, a.users.assessor.token)).statusCode).toBe(200); // now kept in memory
    const disabled = await call(other.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/users/${a.users.assessor.id}` });
    expect(disabled.statusCode).toBe(204);
    const took = await within(1_000, async () => (await me(t.app, a.users.assessor.token)).statusCode === 401);
    expect(took).toBeLessThan(1_000);
  });

  it('is what keeps rows current: a change that is not announced is not seen (the rows really are kept)', async () => {
    await within(2_000, async () => (await me(t.app, a.users.viewer.token)).statusCode === 200);
    await sql('ALTER TABLE users DISABLE TRIGGER users_notify_cache');
    try {
      await sql(`UPDATE users SET active = false WHERE id = '${a.users.viewer.id}'`);
      // longer than the webhook dispatcher's poll (1 s): its idle UPDATE of no rows must not empty the kept rows
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await me(t.app, a.users.viewer.token)).statusCode).toBe(200);
    } finally {
      await sql('ALTER TABLE users ENABLE TRIGGER users_notify_cache');
      await sql(`UPDATE users SET active = true WHERE id = '${a.users.viewer.id}'`);
    }
  });

  it('a write through this process\'s own pool is seen at once even before any notification arrives', async () => {
    await sql('ALTER TABLE users DISABLE TRIGGER users_notify_cache');
    try {
      for (let round = 0; round < 5; round++) {
        expect((await me(t.app, a.users.juror.token)).statusCode).toBe(200);
        await t.database.db.update(users).set({ active: false }).where(eq(users.id, a.users.juror.id));
        expect((await me(t.app, a.users.juror.token)).statusCode).toBe(401);
        await t.database.db.update(users).set({ active: true }).where(eq(users.id, a.users.juror.id));
      }
    } finally {
      await sql('ALTER TABLE users ENABLE TRIGGER users_notify_cache');
    }
  });

  it('/me and API keys: an assignment made or a key revoked there is seen here within moments', async () => {
    const participantId = period.participantIds['Dinas Kominfo']!;
    const assessor = await createUser(t.app, client(t.app, a.users.admin.token), 'assessor');
    const assignments = async () => (await me(t.app, assessor.token)).json<{ assignments: unknown[] }>().assignments.length;
    await within(2_000, async () => (await me(t.app, assessor.token)).statusCode === 200);
    expect(await assignments()).toBe(0); // now kept in memory
    await sql(`INSERT INTO assignments (participant_id, user_id, role) VALUES ('${participantId}', '${assessor.id}', 'assessor')`);
    await within(1_000, async () => (await assignments()) === 1);

    const key = (await call(t.app, a.users.admin.token, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'Dasbor', scopes: ['bodies:read'] } })).json<{ id: string; key: string }>();
    expect((await me(t.app, key.key)).statusCode).toBe(200);
    expect((await me(t.app, key.key)).statusCode).toBe(200); // kept
    expect((await call(other.app, a.users.admin.token, { method: 'DELETE', url: `/api/v1/api-keys/${key.id}` })).statusCode).toBe(204);
    await within(1_000, async () => (await me(t.app, key.key)).statusCode === 401);
  });

  it('the score explanation is kept per state, and an answer changed there is seen within moments', async () => {
    const url = `/api/v1/periods/${period.periodId}/participants/${period.bodyIds['Dinas Kominfo']!}/score`;
    const answered = async () => (await call(t.app, a.users.admin.token, { method: 'GET', url }))
      .json<{ questions: { selfValue: unknown }[] }>().questions.filter((q) => q.selfValue !== null).length;
    const before = await answered();
    expect(before).toBeGreaterThan(0);
    const participantId = period.participantIds['Dinas Kominfo']!;
    const oneAnswer = `(SELECT min(question_code) FROM answers WHERE participant_id = '${participantId}')`;
    await sql('ALTER TABLE answers DISABLE TRIGGER answers_notify_cache');
    try {
      await sql(`DELETE FROM answers WHERE participant_id = '${participantId}' AND question_code = ${oneAnswer}`);
      await new Promise((r) => setTimeout(r, 1_500)); // past a dispatcher poll, as above
      expect(await answered()).toBe(before); // unannounced: the explanation really is kept
    } finally {
      await sql('ALTER TABLE answers ENABLE TRIGGER answers_notify_cache');
    }
    await sql('UPDATE answers SET value = value WHERE false'); // announced (a statement trigger fires for no rows too)
    await within(1_000, async () => (await answered()) === before - 1);
  });

  it('moves this instance\'s rankings ETag within moments of a change there', async () => {
    const before = await rankings(t.app);
    await other.database.db.update(periods).set({ version: 2000 }).where(eq(periods.id, period.periodId));
    await within(1_000, async () => (await rankings(t.app)).headers.etag !== before.headers.etag);
  });
});

describe('the feed', () => {
  it('keeps nothing while it hears no one, and never keeps a read that raced a change', async () => {
    const feed = new ChangeFeed();
    const cache = feed.cache<{ n: number }>('rows');
    let reads = 0;
    const load = () => Promise.resolve({ n: ++reads });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(await cache.get('k', load)).toEqual({ n: 2 }); // not listening: every read goes to the database

    feed.setListening(true);
    expect(await cache.get('k', load)).toEqual({ n: 3 });
    expect(await cache.get('k', load)).toEqual({ n: 3 });
    feed.changed();
    expect(await cache.get('k', load)).toEqual({ n: 4 });

    // a change while a read is in flight: the read is answered but not kept
    const racing = cache.get('k2', () => {
      feed.changed();
      return Promise.resolve({ n: ++reads });
    });
    expect(await racing).toEqual({ n: 5 });
    expect(await cache.get('k2', load)).toEqual({ n: 6 });
    expect(Object.isFrozen(await cache.get('k2', load))).toBe(true);

    feed.setListening(false);
    expect(await cache.get('k2', load)).toEqual({ n: 7 });
  });

  it('shares one read among requests that miss together, but not with one that comes after a change', async () => {
    const feed = new ChangeFeed();
    feed.setListening(true);
    const cache = feed.cache<{ n: number }>('rows');
    let reads = 0;
    const load = () => new Promise<{ n: number }>((resolve) => setTimeout(() => resolve({ n: ++reads }), 20));
    const together = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    expect(together).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(reads).toBe(1);

    feed.changed();
    const first = cache.get('k', load);
    feed.changed(); // a change while that read is in flight: a later request reads again
    const second = cache.get('k', load);
    expect(await first).toEqual({ n: 2 });
    expect(await second).toEqual({ n: 3 });
    expect(await cache.get('k', load)).toEqual({ n: 3 }); // the later read is the one kept
  });
});

// What this process counts as a change of its own (connectPostgres's observed pool clients), seen
// through a kept value that counts its loads. idempotency_keys has no kip_cache trigger, so no
// notification interferes: statements that changed nothing keep the value, a transaction that wrote
// empties it at its commit, savepoints or not.
describe.skipIf(!process.env.TEST_DATABASE_URL)('the statements of this process', () => {
  let loads = 0;
  const probe = () => kept(t.database.db, 'probe', 'k', () => Promise.resolve({ load: ++loads }));
  const keptNow = async () => {
    await within(2_000, async () => (await probe()).load === (await probe()).load);
    return (await probe()).load;
  };
  const nobody = () => eq(idempotencyKeys.principal, 'probe:nobody');

  it('keeps values across statements that change nothing (the webhook dispatcher\'s idle poll is one)', async () => {
    const before = await keptNow();
    await t.database.db.transaction(async (tx) => {
      await tx.update(idempotencyKeys).set({ statusCode: 200 }).where(nobody());
    });
    await t.database.db.delete(idempotencyKeys).where(nobody());
    expect((await probe()).load).toBe(before);
  });

  it('empties them at the commit of a transaction that wrote, even after a rolled-back savepoint', async () => {
    await keptNow();
    let duringTransaction = 0;
    await t.database.db.transaction(async (tx) => {
      await tx.insert(idempotencyKeys).values({ principal: 'probe:someone', key: 'k', requestHash: 'h', statusCode: 201, responseBody: '{}' });
      await tx.transaction(async (sp) => {
        await sp.update(idempotencyKeys).set({ statusCode: 200 }).where(nobody());
        sp.rollback();
      }).catch(() => {});
      // kept again after the savepoint's end, before the outer commit
      duringTransaction = await keptNow();
    });
    expect((await probe()).load).toBeGreaterThan(duringTransaction);
    await t.database.db.delete(idempotencyKeys).where(eq(idempotencyKeys.principal, 'probe:someone'));
  });
});
