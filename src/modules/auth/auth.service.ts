// Login: password check behind throttling that costs the attacker, not the owner. Failures are
// counted per (account, client address) and per address, never per account alone: ten wrong
// passwords from elsewhere cannot keep the owner out. Past a few free failures each further attempt
// of that pair (or that address) waits twice as long as the one before (1 s, 2 s, 4 s … up to
// LOGIN_WINDOW_SECONDS), answered 429 with Retry-After. An attempt is counted as a failure before
// its password is checked (so a burst of parallel guesses counts every guess) and taken back when the
// password was right; a success also clears the pair's failures.
// The counters live in the database, not in memory, so the throttle holds across several instances
// behind one load balancer. POST /auth/token is public and runs outside any unit of work, on
// purpose: each counter is its own autocommitted statement, because a failed login answers 401 and
// its failure must still count (a transaction would roll it back with the error).
// And /me: what the caller's credential stands for.
import type { Config } from '../../config.ts';
import { kept } from '../../db/changes.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/permissions.ts';
import { Problem } from '../../http/problems.ts';
import { dummyHash, verifyPassword } from '../users/passwords.ts';
import { findUserByUsername } from '../users/users.repo.ts';
import {
  admitAttempt, assignmentsOfUser, commissionSummary, deleteFailuresOlderThan, forgetFailures, uncountAttempt, type ThrottleRule,
} from './auth.repo.ts';
import { t } from '../../i18n/message.ts';

/** A pair's failures are remembered a day after the last one, so waiting out the longest delay does not reset the count. */
const PAIR_MEMORY_SECONDS = 86_400;

function rules(login: Config['login']): { pair: ThrottleRule; address: ThrottleRule } {
  return {
    pair: { free: login.maxPerAccount, maxDelaySeconds: login.windowSeconds, forgetSeconds: Math.max(PAIR_MEMORY_SECONDS, login.windowSeconds) },
    // an address shared by honest users (a workshop on one hotel network) is forgiven after a quiet window
    address: { free: login.maxPerAddress, maxDelaySeconds: login.windowSeconds, forgetSeconds: login.windowSeconds },
  };
}

function tooSoon(retryAfter: number): Problem {
  return new Problem('rate_limited', t`Too many failed logins; try again in ${retryAfter} seconds`, { headers: { 'retry-after': String(retryAfter) } });
}

export async function checkCredentials(db: Db, config: Config, input: { username: string; password: string; address: string }) {
  const username = input.username.trim().toLowerCase();
  const rule = rules(config.login);
  await deleteFailuresOlderThan(db, rule.pair.forgetSeconds);
  const pairKey = `pair:${username}\n${input.address}`;
  const addressKey = `address:${input.address}`;
  const pair = await admitAttempt(db, pairKey, rule.pair);
  if ('retryAfter' in pair) throw tooSoon(pair.retryAfter);
  const address = await admitAttempt(db, addressKey, rule.address);
  if ('retryAfter' in address) {
    await uncountAttempt(db, pairKey); // not tried, so not a failure of the pair
    throw tooSoon(address.retryAfter);
  }
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? await dummyHash());
  if (!user || !ok || !user.active) {
    throw new Problem('unauthenticated', t`Unknown username or wrong password`);
  }
  // a success is no failure: the address budget gets its attempt back and the pair starts afresh
  await uncountAttempt(db, addressKey);
  await forgetFailures(db, pairKey);
  return user;
}

/** GET /me: the caller's commission (none for the platform superadmin) and, for a user, its assignments. */
export async function whoAmI(db: Db, p: Principal | null) {
  if (!p) throw new Problem('unauthenticated', t`Authentication required`);
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
