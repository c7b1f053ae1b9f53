// Login: password check with a database-backed rate limit (per account and per address), so the
// limit holds across several API instances. POST /auth/token is public and runs outside any unit of
// work, on purpose: each counter is its own autocommitted statement, because a failed login answers
// 401 and its attempt must still count (a transaction would roll the counter back with the error).
// And /me: what the caller's credential stands for.
import type { Config } from '../../config.ts';
import { kept } from '../../db/changes.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/permissions.ts';
import { Problem } from '../../http/problems.ts';
import { dummyHash, verifyPassword } from '../users/passwords.ts';
import { findUserByUsername } from '../users/users.repo.ts';
import { assignmentsOfUser, commissionSummary, countLoginAttempt, deleteLoginAttempts, deleteLoginWindowsBefore } from './auth.repo.ts';

async function hit(db: Db, key: string, windowSeconds: number): Promise<{ count: number; retryAfter: number }> {
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const count = await countLoginAttempt(db, key, windowStart);
  return { count, retryAfter: Math.ceil((windowStart.getTime() + windowMs - now) / 1000) };
}

/** Counters of finished windows count for nothing: dropped so the table stays as small as the current window. */
async function forgetOldWindows(db: Db, windowSeconds: number): Promise<void> {
  const windowMs = windowSeconds * 1000;
  await deleteLoginWindowsBefore(db, new Date(Math.floor(Date.now() / windowMs) * windowMs));
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
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? await dummyHash());
  if (!user || !ok || !user.active) {
    throw new Problem('unauthenticated', 'Unknown username or wrong password');
  }
  // a successful login clears the account's failures; the address counter keeps counting
  await deleteLoginAttempts(db, `account:${username}`);
  return user;
}

/** GET /me: the caller's commission (none for the platform superadmin) and, for a user, its assignments. */
export async function whoAmI(db: Db, p: Principal | null) {
  if (!p) throw new Problem('unauthenticated', 'Authentication required');
  // kept until any table changes (db/changes.ts): the user or key row the principal comes from included
  return kept(db, 'me', `${p.kind}:${p.id}`, async () => {
    const commission = p.commissionId ? await commissionSummary(db, p.commissionId) : undefined;
    const mine = p.kind === 'user' ? await assignmentsOfUser(db, p.id) : [];
    return {
      kind: p.kind, id: p.id, username: p.username, role: p.kind === 'api_key' ? 'api_key' : p.role, commission: commission ?? null,
      bodyId: p.bodyId, scopes: [...p.scopes].sort(), assignments: mine,
    };
  });
}
