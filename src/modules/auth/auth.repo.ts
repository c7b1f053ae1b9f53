// The SQL of signing in: the failed-login counters, the shared token-signing secret, and what /me
// says about the caller besides its principal. The user lookups are in users/users.repo.ts.
import { eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { assignments, commissions, loginFailures, participants, platformSettings } from '../../db/schema.ts';

/** How one failure counter throttles: see throttle.ts. */
export interface ThrottleRule { free: number; maxDelaySeconds: number; forgetSeconds: number }

/** The delay after the last failure before the next attempt, in SQL (power capped so it cannot overflow). */
const delaySql = (rule: ThrottleRule) => sql`make_interval(secs => least(power(2, least(${loginFailures.failures} - ${rule.free}, 30)), ${rule.maxDelaySeconds}))`;
const forgotten = (rule: ThrottleRule) => sql`${loginFailures.lastAt} < now() - make_interval(secs => ${rule.forgetSeconds})`;

/**
 * Counts an attempt under `key` as a failure before the password is checked, in one statement, if
 * the key's delay has passed: so concurrent attempts cannot all slip in before any of them counts.
 * Returns the failures counted with this one, or, when the attempt must wait, the seconds to wait.
 */
export async function admitAttempt(db: Executor, key: string, rule: ThrottleRule): Promise<{ failures: number } | { retryAfter: number }> {
  const rows = await db.insert(loginFailures).values({ key, failures: 1, lastAt: sql`now()` })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures: sql`case when ${forgotten(rule)} then 1 else ${loginFailures.failures} + 1 end`,
        lastAt: sql`now()`,
      },
      setWhere: sql`${forgotten(rule)} or ${loginFailures.failures} < ${rule.free} or ${loginFailures.lastAt} + ${delaySql(rule)} <= now()`,
    })
    .returning({ failures: loginFailures.failures });
  if (rows[0]) return { failures: rows[0].failures };
  const [wait] = await db.select({ seconds: sql<string>`extract(epoch from ${loginFailures.lastAt} + ${delaySql(rule)} - now())` })
    .from(loginFailures).where(eq(loginFailures.key, key));
  return { retryAfter: Math.max(1, Math.ceil(Number(wait?.seconds ?? 1))) };
}

/** Takes back one counted attempt (it was not a failure after all). */
export async function uncountAttempt(db: Executor, key: string): Promise<void> {
  await db.update(loginFailures).set({ failures: sql`greatest(${loginFailures.failures} - 1, 0)` }).where(eq(loginFailures.key, key));
}

export async function forgetFailures(db: Executor, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** Counters nobody has failed on for `seconds`: they count for nothing and are dropped, so the table stays small. */
export async function deleteFailuresOlderThan(db: Executor, seconds: number): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.lastAt, sql`now() - make_interval(secs => ${seconds})`));
}

/**
 * The platform setting `key`, stored as `initial` when it has none yet. Several instances may start
 * at once: the first insert wins and every instance reads back the same value.
 */
export async function platformSetting(db: Executor, key: string, initial: string): Promise<string> {
  await db.insert(platformSettings).values({ key, value: initial }).onConflictDoNothing();
  const rows = await db.select().from(platformSettings).where(eq(platformSettings.key, key));
  return returnedRow(rows, `SELECT platform_settings ${key}`).value;
}

type Commission = typeof commissions.$inferSelect;

export async function commissionSummary(db: Executor, commissionId: string): Promise<Pick<Commission, 'id' | 'name' | 'level'> | undefined> {
  const [commission] = await db.select({ id: commissions.id, name: commissions.name, level: commissions.level })
    .from(commissions).where(eq(commissions.id, commissionId));
  return commission;
}

/** The participants the user assesses or judges, with the role in each. */
export async function assignmentsOfUser(db: Executor, userId: string) {
  return await db.select({ periodId: participants.periodId, bodyId: participants.bodyId, role: assignments.role })
    .from(assignments).innerJoin(participants, eq(participants.id, assignments.participantId))
    .where(eq(assignments.userId, userId));
}
