// Users of a commission: an admin creates, changes and disables them. A respondent answers for exactly
// one body of the same commission; nobody else has a body. Disabling is the only way to remove a user
// (their name stays in the audit log and on the records they wrote); a disabled user's tokens stop
// working at once because every request loads the user (see http/auth.ts).
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import type { CommissionRole, UserCreate, UserListQuery, UserUpdate } from './users.schemas.ts';
import { findBodyId, findUser, insertUser, updateUserRow, usersPage, type UserRow } from './users.repo.ts';
import { t } from '../../i18n/message.ts';

export function toUserDto(u: UserRow) {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role, bodyId: u.bodyId, active: u.active,
    createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString(), version: u.version,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

/** What the audit log keeps of a user: never the password hash. */
export function auditableUser(u: UserRow): Record<string, unknown> {
  return { username: u.username, displayName: u.displayName, role: u.role, bodyId: u.bodyId, active: u.active };
}

export async function listUsers(db: Db, c: RequestContext, query: UserListQuery) {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await usersPage(db, c.commissionId, { role: query.role, active: query.active, bodyId: query.bodyId, q: query.q, after, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (u) => [u.username, u.id]);
  return { items: items.map(toUserDto), nextCursor };
}

async function loadUser(db: Executor, c: RequestContext, userId: string, options: { forUpdate?: boolean } = {}): Promise<UserRow> {
  const row = await findUser(db, c.commissionId, userId, options);
  if (!row) throw notFound(t`User`);
  return row;
}

export async function getUser(db: Db, c: RequestContext, userId: string): Promise<UserDto> {
  return toUserDto(await loadUser(db, c, userId));
}

/** The body a user answers for: required for respondents (a body of the commission), refused for others. */
async function bodyFor(db: Executor, commissionId: string, role: CommissionRole, bodyId: string | null): Promise<string | null> {
  if (role !== 'respondent') {
    if (bodyId) throw invalid(t`Only respondents answer for a body`, [{ path: 'body.bodyId', message: t`must be absent for role "${role}"` }]);
    return null;
  }
  if (!bodyId) throw invalid(t`A respondent answers for one body`, [{ path: 'body.bodyId', message: t`is required for role "respondent"` }]);
  const found = await findBodyId(db, commissionId, bodyId);
  if (!found) throw invalid(t`No such body in this commission`, [{ path: 'body.bodyId', message: t`is not a body of this commission` }]);
  return found;
}

/**
 * Creates a user in `commissionId` inside the caller's unit of work. Used by POST /users and by the
 * superadmin's POST /commissions (the first admin), whose commission is not the caller's.
 */
export async function createUserIn(work: Work, commissionId: string, input: UserCreate, passwordPath = 'body.password'): Promise<UserRow> {
  const { tx } = work;
  assertAcceptablePassword(input.password, input.username, passwordPath);
  const bodyId = await bodyFor(tx, commissionId, input.role, input.bodyId ?? null);
  const row = await insertUser(tx, {
    commissionId, username: input.username.toLowerCase(), displayName: input.displayName ?? null, role: input.role, bodyId,
    passwordHash: await hashPassword(input.password),
  });
  await work.audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: auditableUser(row), commissionId });
  return row;
}

export async function createUser(work: Work, input: UserCreate): Promise<UserDto> {
  return toUserDto(await createUserIn(work, work.ctx.commissionId, input));
}

export async function updateUser(work: Work, userId: string, input: UserUpdate): Promise<UserDto> {
  const { tx, ctx: c } = work;
  // checked and hashed before the row is locked (scrypt takes tens of milliseconds); a username never changes
  if (input.password) assertAcceptablePassword(input.password, (await loadUser(tx, c, userId)).username, 'body.password');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const before = await loadUser(tx, c, userId, { forUpdate: true });
  work.ifMatch(before.version);
  if (before.id === c.principal.id && ((input.role && input.role !== before.role) || input.active === false)) {
    throw new Problem('conflict', t`You cannot change your own role or disable your own account; ask another admin`);
  }
  const role = (input.role ?? before.role) as CommissionRole;
  const wantedBody = input.bodyId !== undefined ? input.bodyId : (role === 'respondent' ? before.bodyId : null);
  const bodyId = await bodyFor(tx, c.commissionId, role, wantedBody);
  const after = await updateUserRow(tx, before.id, {
    role, bodyId,
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(passwordHash ? { passwordHash } : {}),
  });
  await work.audit({
    action: 'user.update', entityType: 'user', entityId: after.id,
    before: auditableUser(before), after: { ...auditableUser(after), ...(passwordHash ? { password: 'changed' } : {}) },
  });
  return toUserDto(after);
}

/** DELETE: disables the account (idempotent). Its tokens stop working with the next request. */
export async function disableUser(work: Work, userId: string): Promise<void> {
  const { tx, ctx: c } = work;
  const before = await loadUser(tx, c, userId, { forUpdate: true });
  work.ifMatch(before.version);
  if (before.id === c.principal.id) throw new Problem('conflict', t`You cannot disable your own account; ask another admin`);
  if (!before.active) return;
  const after = await updateUserRow(tx, before.id, { active: false });
  await work.audit({ action: 'user.disable', entityType: 'user', entityId: after.id, before: auditableUser(before), after: auditableUser(after) });
}
