// The users table: the admin's list and edits, the first start's superadmin, and the lookups that
// authenticate every request (http/auth.ts) and every login (auth.service.ts).
import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { rowCache } from '../../db/changes.ts';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { bodies, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
type NewUser = typeof users.$inferInsert;
type UserRole = UserRow['role'];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export interface UserFilter {
  role?: UserRole;
  active?: boolean;
  bodyId?: string;
  /** part of the username or display name */
  q?: string;
  /** the (username, id) of the last user of the previous page */
  after: [string, string] | null;
  limit: number;
}

/** The commission's users by username. */
export async function usersPage(db: Executor, commissionId: string, filter: UserFilter): Promise<UserRow[]> {
  const { after } = filter;
  const where: (SQL | undefined)[] = [eq(users.commissionId, commissionId)];
  if (filter.role) where.push(eq(users.role, filter.role));
  if (filter.active !== undefined) where.push(eq(users.active, filter.active));
  if (filter.bodyId) where.push(eq(users.bodyId, filter.bodyId));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  }
  if (after) where.push(or(gt(users.username, after[0]), and(eq(users.username, after[0]), gt(users.id, after[1]))));
  return await db.select().from(users).where(and(...where)).orderBy(asc(users.username), asc(users.id)).limit(filter.limit);
}

/** The user, if it belongs to the commission; `forUpdate` locks it for the rest of the transaction. */
export async function findUser(db: Executor, commissionId: string, userId: string, options: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const q = db.select().from(users).where(and(eq(users.id, userId), eq(users.commissionId, commissionId)));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Usernames are stored lower-cased: the caller lower-cases what it looks up. */
export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

function selectUserById(db: Executor) {
  return db.select().from(users).where(eq(users.id, sql.placeholder('id'))).limit(1);
}

/**
 * Every authenticated request reads its user, so that a disabled account is refused at once: the
 * statement is prepared once per database, and the row kept in memory until users change (db/changes.ts).
 */
const preparedUserById = new WeakMap<Executor, ReturnType<ReturnType<typeof selectUserById>['prepare']>>();

export async function findUserById(db: Executor, userId: string): Promise<UserRow | undefined> {
  let statement = preparedUserById.get(db);
  if (!statement) preparedUserById.set(db, statement = selectUserById(db).prepare('auth_user_by_id'));
  const load = async () => (await statement.execute({ id: userId }))[0];
  const cached = rowCache<UserRow>(db, 'users');
  return await (cached ? cached.get(userId, load) : load());
}

export async function superadminUsernames(db: Executor): Promise<string[]> {
  const rows = await db.select({ username: users.username }).from(users).where(eq(users.role, 'superadmin')).orderBy(users.username);
  return rows.map((r) => r.username);
}

export async function hasSuperadmin(db: Executor): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'superadmin')).limit(1);
  return existing !== undefined;
}

/** The body's id as stored, if the body is one of the commission's (a respondent's body must be). */
export async function findBodyId(db: Executor, commissionId: string, bodyId: string): Promise<string | undefined> {
  const [body] = await db.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.id, bodyId), eq(bodies.commissionId, commissionId)));
  return body?.id;
}

export async function insertUser(db: Executor, values: NewUser): Promise<UserRow> {
  return returnedRow(await db.insert(users).values(values).returning(), 'INSERT INTO users');
}

/** Nothing when the username is taken: another instance starting at the same time created it. */
export async function insertUserUnlessTaken(db: Executor, values: NewUser): Promise<void> {
  await db.insert(users).values(values).onConflictDoNothing();
}

export type UserChanges = Partial<Pick<NewUser, 'role' | 'bodyId' | 'displayName' | 'active' | 'passwordHash'>>;

/** Writes the changes and the next version of the user; a new password also ends the user's tokens (token_version). */
export async function updateUserRow(db: Executor, userId: string, changes: UserChanges): Promise<UserRow> {
  const endTokens = changes.passwordHash ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {};
  const rows = await db.update(users).set({ ...changes, ...endTokens, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId)).returning();
  return returnedRow(rows, 'UPDATE users');
}
