// First start: create the platform superadmin when none exists.
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export async function ensureSuperadmin(db: Db, config: { adminUsername: string; adminPassword: string | null }, log: Pick<FastifyBaseLogger, 'info' | 'warn'>) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'superadmin')).limit(1);
  if (existing) return;
  const username = config.adminUsername.trim().toLowerCase();
  const password = config.adminPassword ?? generatePassword();
  await db.insert(users).values({ username, role: 'superadmin', passwordHash: await hashPassword(password), displayName: 'Platform superadmin' })
    .onConflictDoNothing();
  if (config.adminPassword) {
    log.info({ username }, 'created the platform superadmin with the password from KIP_ADMIN_PASSWORD');
  } else {
    log.warn({ username, password }, 'created the platform superadmin with a generated password: store it now, it is not shown again');
  }
}
