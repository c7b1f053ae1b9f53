// First start: create the platform superadmin when none exists.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { hasSuperadmin, insertUserUnlessTaken } from './users.repo.ts';

export async function ensureSuperadmin(db: Db, config: { adminUsername: string; adminPassword: string | null }, log: Pick<FastifyBaseLogger, 'info' | 'warn'>) {
  if (await hasSuperadmin(db)) return;
  const username = config.adminUsername.trim().toLowerCase();
  const password = config.adminPassword ?? generatePassword();
  await insertUserUnlessTaken(db, { username, role: 'superadmin', passwordHash: await hashPassword(password), displayName: 'Platform superadmin' });
  if (config.adminPassword) {
    log.info({ username }, 'created the platform superadmin with the password from KIP_ADMIN_PASSWORD');
  } else {
    log.warn({ username, password }, 'created the platform superadmin with a generated password: store it now, it is not shown again');
  }
}
