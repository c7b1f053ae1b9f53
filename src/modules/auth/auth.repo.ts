// The SQL of signing in: the failed-login counters, the shared token-signing secret, and what /me
// says about the caller besides its principal. The user lookups are in users/users.repo.ts.
import { eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { assignments, commissions, loginAttempts, participants, platformSettings } from '../../db/schema.ts';

/** Counts one attempt under `key` in the window that starts at `windowStart`; the window's count so far. */
export async function countLoginAttempt(db: Executor, key: string, windowStart: Date): Promise<number> {
  const rows = await db.insert(loginAttempts).values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [loginAttempts.key, loginAttempts.windowStart], set: { count: sql`${loginAttempts.count} + 1` } })
    .returning({ count: loginAttempts.count });
  return returnedRow(rows, 'INSERT INTO login_attempts').count;
}

export async function deleteLoginWindowsBefore(db: Executor, windowStart: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, windowStart));
}

export async function deleteLoginAttempts(db: Executor, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
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
