// Arranging a commission with one user of every role. Tests then act only through the API.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import { bodies, categories, commissions, users } from '../../src/db/schema.ts';
import type { Role } from '../../src/http/permissions.ts';
import { hashPassword } from '../../src/modules/users/passwords.ts';
import { login } from './app.ts';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | null = null;

export interface Tenant {
  commissionId: string;
  categoryId: string;
  bodyId: string;
  /** username and token per role (respondent answers for bodyId) */
  users: Record<Exclude<Role, 'superadmin'>, { id: string; username: string; token: string }>;
}

export async function createTenant(app: FastifyInstance, db: Db, name = `KI ${randomBytes(3).toString('hex')}`): Promise<Tenant> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const suffix = randomBytes(4).toString('hex');
  const [commission] = await db.insert(commissions).values({ name, level: 'provinsi', region: 'Banten' }).returning();
  const [category] = await db.insert(categories).values({ commissionId: commission.id, code: 'OPD', name: 'Organisasi Perangkat Daerah' }).returning();
  const [body] = await db.insert(bodies).values({ commissionId: commission.id, categoryId: category.id, name: `Dinas Kominfo ${suffix}`, searchName: `dinas kominfo ${suffix}` }).returning();
  const roles = ['admin', 'assessor', 'juror', 'respondent', 'viewer'] as const;
  const out = {} as Tenant['users'];
  for (const role of roles) {
    const username = `${role}-${suffix}`;
    const [user] = await db.insert(users).values({
      commissionId: commission.id, username, role, passwordHash: hash, bodyId: role === 'respondent' ? body.id : null,
    }).returning();
    out[role] = { id: user.id, username, token: await login(app, username, PASSWORD) };
  }
  return { commissionId: commission.id, categoryId: category.id, bodyId: body.id, users: out };
}
