// Login: password check with a database-backed rate limit (per account and per address), so the
// limit holds across several API instances. POST /auth/token is public and runs outside any unit of
// work, on purpose: each counter is its own autocommitted statement, because a failed login answers
// 401 and its attempt must still count (a transaction would roll the counter back with the error).
import { eq, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { loginAttempts, users } from '../../db/schema.ts';
import { Problem } from '../../http/problems.ts';
import { DUMMY_HASH, verifyPassword } from '../users/passwords.ts';

async function hit(db: Db, key: string, windowSeconds: number): Promise<{ count: number; retryAfter: number }> {
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db.insert(loginAttempts).values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [loginAttempts.key, loginAttempts.windowStart], set: { count: sql`${loginAttempts.count} + 1` } })
    .returning({ count: loginAttempts.count });
  return { count: row.count, retryAfter: Math.ceil((windowStart.getTime() + windowMs - now) / 1000) };
}

/** Counters of finished windows count for nothing: dropped so the table stays as small as the current window. */
async function forgetOldWindows(db: Db, windowSeconds: number): Promise<void> {
  const windowMs = windowSeconds * 1000;
  await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, new Date(Math.floor(Date.now() / windowMs) * windowMs)));
}

export async function checkCredentials(db: Db, config: Config, input: { username: string; password: string; address: string }) {
  const username = input.username.trim().toLowerCase();
  const { windowSeconds, maxPerAccount, maxPerAddress } = config.login;
  await forgetOldWindows(db, windowSeconds);
  const [byAccount, byAddress] = [await hit(db, `account:${username}`, windowSeconds), await hit(db, `address:${input.address}`, windowSeconds)];
  if (byAccount.count > maxPerAccount || byAddress.count > maxPerAddress) {
    const retryAfter = Math.max(byAccount.retryAfter, byAddress.retryAfter);
    throw new Problem('rate_limited', `Too many login attempts; try again in ${retryAfter} seconds`, { headers: { 'retry-after': String(retryAfter) } });
  }
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    throw new Problem('unauthenticated', 'Unknown username or wrong password');
  }
  // a successful login clears the account's failures; the address counter keeps counting
  await db.delete(loginAttempts).where(eq(loginAttempts.key, `account:${username}`));
  return user;
}
