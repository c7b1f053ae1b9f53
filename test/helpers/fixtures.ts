// Arranging tenants through the API, as the platform's superadmin and a commission's admin would:
// a commission with one user of every role, and fresh users and bodies. Tests then act through the
// API too (test/helpers/client.ts).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/http/permissions.ts';
import { SUPERADMIN } from './app.ts';
import { client, expectStatus, login, type Client } from './client.ts';

export const PASSWORD = 'correct-horse-battery';

export type UserRole = Exclude<Role, 'superadmin'>;
export interface TenantUser { id: string; username: string; token: string }

export interface Tenant {
  commissionId: string;
  categoryId: string;
  bodyId: string;
  /** username and token per role (respondent answers for bodyId) */
  users: Record<UserRole, TenantUser>;
}

const superadmins = new WeakMap<FastifyInstance, Promise<string>>();

/** The superadmin's token, logged in once per app. */
export function superadminToken(app: FastifyInstance): Promise<string> {
  let token = superadmins.get(app);
  if (!token) {
    token = login(app, SUPERADMIN.username, SUPERADMIN.password);
    superadmins.set(app, token);
  }
  return token;
}

/**
 * A token for a user, issued as a login would issue it: arranging a test does not go through the
 * login (a password check), which test/identity/login.test.ts tests.
 */
export async function tokenFor(app: FastifyInstance, user: { id: string; commissionId: string | null; role: Role; tokenVersion?: number }): Promise<string> {
  // a user whose password never changed has token version 0 (users.token_version)
  return (await app.tokens.issue({ tokenVersion: 0, ...user })).accessToken;
}

/** The commission of the caller of a token of ours (its `cid` claim). */
function commissionOf(token: string | null): string {
  const payload = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8')) as { cid?: string };
  if (typeof payload.cid !== 'string') throw new Error('the admin\'s token names no commission');
  return payload.cid;
}

/** A fresh user of the admin's commission (password PASSWORD), with a token. */
export async function createUser(app: FastifyInstance, admin: Client, role: UserRole, bodyId?: string): Promise<TenantUser> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const res = expectStatus(await admin.post('/users', { username, password: PASSWORD, role, ...(bodyId ? { bodyId } : {}) }), 201);
  const id: string = res.json().id;
  return { id, username, token: await tokenFor(app, { id, commissionId: commissionOf(admin.token), role }) };
}

/** A fresh body of the category. */
export async function createBody(admin: Client, categoryId: string, name = `Dinas ${randomBytes(4).toString('hex')}`): Promise<string> {
  return expectStatus(await admin.post('/bodies', { name, categoryId }), 201).json().id;
}

/** A commission with a category OPD, a body, and one user of every role with a token (the respondent answers for the body). */
export async function createTenant(app: FastifyInstance, name = `KI ${randomBytes(3).toString('hex')}`): Promise<Tenant> {
  const suffix = randomBytes(4).toString('hex');
  const root = client(app, await superadminToken(app));
  const adminName = `admin-${suffix}`;
  const commission = expectStatus(await root.post('/commissions', {
    name, level: 'provinsi', region: 'Banten', admin: { username: adminName, password: PASSWORD },
  }), 201).json();
  const adminToken = await tokenFor(app, { id: commission.admin.id, commissionId: commission.id, role: 'admin' });
  const admin = client(app, adminToken);
  const categoryId = expectStatus(await admin.post('/categories', { code: 'OPD', name: 'Organisasi Perangkat Daerah' }), 201).json().id;
  const bodyId = await createBody(admin, categoryId, `Dinas Kominfo ${suffix}`);
  // one after the other, as an admin would: the audit log's times then follow its order
  const assessor = await createUser(app, admin, 'assessor');
  const juror = await createUser(app, admin, 'juror');
  const respondent = await createUser(app, admin, 'respondent', bodyId);
  const viewer = await createUser(app, admin, 'viewer');
  return {
    commissionId: commission.id, categoryId, bodyId,
    users: { admin: { id: commission.admin.id, username: adminName, token: adminToken }, assessor, juror, respondent, viewer },
  };
}
