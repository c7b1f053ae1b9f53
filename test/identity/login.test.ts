// Login: scrypt-checked passwords, identical answers for unknown users and wrong passwords, and
// throttling per (account, address) and per address whose counts live in the database (so it holds
// across instances) and that never keeps the owner out because others failed.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loginFailures, users } from '../../src/db/schema.ts';
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
    expect(row!.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
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

describe('login throttling', () => {
  const failures = (key: string) => t.database.db.select().from(loginFailures).where(eq(loginFailures.key, key));
  /** Moves a counter's last failure back, as time would. */
  const age = (key: string, seconds: number) => t.database.db.update(loginFailures)
    .set({ lastAt: sql`${loginFailures.lastAt} - make_interval(secs => ${seconds})` }).where(eq(loginFailures.key, key));

  it('delays an account from one address progressively, answering 429 with a growing Retry-After', async () => {
    const { username } = await freshUser();
    const address = freshAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) expect((await attempt(username, 'guess-guess-guess', address)).statusCode).toBe(401);
    const waits: number[] = [];
    // (three rounds: a fourth would also pass the address's own budget, MAX_PER_ADDRESS)
    for (let i = 0; i < 3; i++) {
      const limited = await attempt(username, PASSWORD, address);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      waits.push(Number(limited.headers['retry-after']));
      // the wait has passed: one more wrong guess goes through and doubles the next wait
      await age(`pair:${username}\n${address}`, 2 ** (i + 1));
      expect((await attempt(username, 'guess-guess-guess', address)).statusCode).toBe(401);
    }
    expect(waits[0]).toBe(1);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(waits[2]).toBeGreaterThanOrEqual(4);
    // a refused attempt is not a guess: the count is of passwords actually tried
    expect((await failures(`pair:${username}\n${address}`))[0]!.failures).toBe(MAX_PER_ACCOUNT + 3);
  });

  it('never refuses the right password from another address because others failed, in any case of the username', async () => {
    const { username } = await freshUser();
    for (let i = 0; i < 10; i++) {
      const variant = i % 2 === 0 ? username.toUpperCase() : ` ${username} `;
      const res = await attempt(variant, 'guess-guess-guess', '198.51.100.9');
      expect([401, 429]).toContain(res.statusCode);
    }
    // every variant counted against one pair (those tried: the others waited)
    expect((await failures(`pair:${username}\n198.51.100.9`))[0]!.failures).toBeGreaterThanOrEqual(MAX_PER_ACCOUNT);
    expect(await failures(`pair:${username.toUpperCase()}\n198.51.100.9`)).toEqual([]);
    expect((await attempt(username, PASSWORD, '198.51.100.9')).statusCode).toBe(429);
    expect((await attempt(username, PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it('counts a burst of parallel guesses: only the free ones are tried', async () => {
    const { username } = await freshUser();
    const address = freshAddress();
    const answers = await Promise.all(Array.from({ length: 12 }, () => attempt(username, 'guess-guess-guess', address)));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(MAX_PER_ACCOUNT);
    expect(codes.filter((c) => c === 429)).toHaveLength(12 - MAX_PER_ACCOUNT);
  });

  it('a successful login clears the pair\'s failures', async () => {
    const { username } = await freshUser();
    const address = freshAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(username, 'typo-typo-typo', address);
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(200);
    expect(await failures(`pair:${username}\n${address}`)).toEqual([]);
    for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) await attempt(username, 'typo-typo-typo', address);
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(200);
  });

  it('delays one address spraying many accounts, but not its successful logins', async () => {
    const address = '203.0.113.7';
    // a workshop: many users log in from one network; successes cost the address nothing
    for (let i = 0; i < MAX_PER_ADDRESS + 2; i++) expect((await attempt(tenant.users.viewer.username, PASSWORD, address)).statusCode).toBe(200);
    for (let i = 0; i < MAX_PER_ADDRESS; i++) expect((await attempt(`spray-${i}`, 'password-spray-1', address)).statusCode).toBe(401);
    const { username } = await freshUser();
    const limited = await attempt(username, PASSWORD, address);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(username, PASSWORD, '203.0.113.8')).statusCode).toBe(200);
    // the address is forgiven after a quiet window
    await age(`address:${address}`, 86_400 + 1);
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(200);
  });

  it('holds across API instances: the counts are in the database', async () => {
    const { username } = await freshUser();
    const address = freshAddress();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      const app = i % 2 === 0 ? t.app : second;
      expect((await attempt(username, 'guess-guess-guess', address, app)).statusCode).toBe(401);
    }
    expect((await attempt(username, PASSWORD, address, second)).statusCode).toBe(429);
    expect((await attempt(username, PASSWORD, address, t.app)).statusCode).toBe(429);
    expect((await failures(`pair:${username}\n${address}`)).map((r) => r.failures)).toEqual([MAX_PER_ACCOUNT]);
  });

  it('forgets a pair a day after its last failure, and drops forgotten counters', async () => {
    const { username } = await freshUser();
    const address = freshAddress();
    for (let i = 0; i <= MAX_PER_ACCOUNT; i++) await attempt(username, 'guess-guess-guess', address);
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(429);
    await age(`pair:${username}\n${address}`, 2 * 86_400);
    expect((await attempt(username, PASSWORD, address)).statusCode).toBe(200);
    const left = await t.database.db.select().from(loginFailures).where(sql`${loginFailures.lastAt} < now() - interval '1 day'`);
    expect(left).toEqual([]);
  });
});
