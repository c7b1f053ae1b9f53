// Login: scrypt-checked passwords, identical answers for unknown users and wrong passwords, and a rate
// limit per account and per address whose counts live in the database (so it holds across instances).
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loginAttempts, users } from '../../src/db/schema.ts';
import { hashPassword, verifyPassword } from '../../src/modules/users/passwords.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { call, client, expectStatus } from '../helpers/client.ts';
import { createTenant, PASSWORD, type Tenant } from '../helpers/fixtures.ts';

const MAX_PER_ACCOUNT = 3;
const MAX_PER_ADDRESS = 6;

let t: TestApp;
let tenant: Tenant;
let second: FastifyInstance;

beforeAll(async () => {
  t = await createTestApp({
    LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT), LOGIN_MAX_PER_ADDRESS: String(MAX_PER_ADDRESS),
    // one long window, so a test never straddles two windows
    LOGIN_WINDOW_SECONDS: '86400',
  });
  tenant = await createTenant(t.app);
  // a second API instance on the same database
  second = await buildApp({ config: t.config, database: t.database });
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

let addressCounter = 0;
const freshAddress = () => `10.9.${Math.floor(++addressCounter / 250)}.${addressCounter % 250 + 1}`;

function attempt(username: string, password: string, address = freshAddress(), app: FastifyInstance = t.app) {
  return call(app, null, { method: 'POST', url: '/api/v1/auth/token', payload: { username, password }, remoteAddress: address });
}

async function freshUser(role: 'viewer' | 'assessor' = 'viewer') {
  const username = `login-${Math.random().toString(36).slice(2, 10)}`;
  const res = expectStatus(await client(t.app, tenant.users.admin.token).post('/users', { username, password: PASSWORD, role }), 201);
  return { id: res.json().id as string, username };
}

describe('passwords', () => {
  it('are stored as scrypt hashes with a per-user salt and verified in constant time', async () => {
    const [row] = await t.database.db.select().from(users).where(eq(users.id, tenant.users.viewer.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(row!.passwordHash);
    expect(await verifyPassword(PASSWORD, row!.passwordHash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}x`, row!.passwordHash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'md5$whatever')).toBe(false);
  });
});

describe('POST /auth/token', () => {
  it('issues a bearer JWT for a good password, whatever the username\'s case', async () => {
    const { username } = await freshUser();
    const res = await attempt(` ${username.toUpperCase()} `, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accessToken: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/), tokenType: 'Bearer', expiresIn: t.config.jwtTtlSeconds });
  });

  it('answers an unknown username and a wrong password identically', async () => {
    const { username } = await freshUser();
    const wrong = await attempt(username, 'not-the-password');
    const unknown = await attempt('nobody-at-all', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('refuses a disabled account with the same answer', async () => {
    const { id, username } = await freshUser();
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, id));
    const res = await attempt(username, PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Unknown username or wrong password');
  });
});

describe('the login rate limit', () => {
  it('locks an account after too many attempts from any addresses, even for the right password', async () => {
    const { username } = await freshUser();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await attempt(username, 'guess-guess-guess')).statusCode).toBe(401);
    const limited = await attempt(username, PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 86400).toBe(true);
  });

  it('does not lock other accounts', async () => {
    const victim = await freshUser();
    const bystander = await freshUser();
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) await attempt(victim.username, 'guess-guess-guess');
    expect((await attempt(bystander.username, PASSWORD)).statusCode).toBe(200);
  });

  it('a successful login clears the account\'s failed attempts', async () => {
    const { username } = await freshUser();
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(username, 'typo-typo-typo');
    expect((await attempt(username, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(username, 'typo-typo-typo');
    expect((await attempt(username, PASSWORD)).statusCode).toBe(200);
  });

  it('limits one address trying many accounts', async () => {
    const address = '203.0.113.7';
    for (let i = 0; i < MAX_PER_ADDRESS; i++) expect((await attempt(`spray-${i}`, 'password-spray-1', address)).statusCode).toBe(401);
    const { username } = await freshUser();
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(429);
    expect((await attempt(username, PASSWORD, '203.0.113.8')).statusCode).toBe(200);
  });

  it('holds across API instances: the counts are in the database', async () => {
    const { username } = await freshUser();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      const app = i % 2 === 0 ? t.app : second;
      expect((await attempt(username, 'guess-guess-guess', freshAddress(), app)).statusCode).toBe(401);
    }
    expect((await attempt(username, PASSWORD, freshAddress(), second)).statusCode).toBe(429);
    expect((await attempt(username, PASSWORD, freshAddress(), t.app)).statusCode).toBe(429);
    const rows = await t.database.db.select().from(loginAttempts).where(eq(loginAttempts.key, `account:${username}`));
    expect(rows.map((r) => r.count)).toEqual([MAX_PER_ACCOUNT + 2]);
  });

  it('lets the account in again once the window has passed, and forgets finished windows', async () => {
    const { username } = await freshUser();
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) await attempt(username, 'guess-guess-guess');
    expect((await attempt(username, PASSWORD)).statusCode).toBe(429);
    // move the account's counter into a finished window, as time would
    await t.database.db.update(loginAttempts).set({ windowStart: sql`${loginAttempts.windowStart} - interval '2 days'` })
      .where(eq(loginAttempts.key, `account:${username}`));
    expect((await attempt(username, PASSWORD)).statusCode).toBe(200);
    const left = await t.database.db.select().from(loginAttempts).where(sql`${loginAttempts.windowStart} < now() - interval '1 day'`);
    expect(left).toEqual([]);
  });
});
